# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class InsightsConfig(appconfig.DaboardAppConfig):
    verbose_name = "KPIs, outcomes and reports"
    retention_rules = "daboard.insights.retention.RULES"
    demo_steps = "daboard.insights.demo.STEPS"

    def register_hooks(self) -> None:
        from daboard.returns.services import register_on_accept

        from .aggregates import build_at_import

        register_on_accept("insights.aggregates", build_at_import)
