# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class InsightsConfig(appconfig.DaboardAppConfig):
    verbose_name = "KPIs, outcomes and reports"
    retention_rules = "daboard.insights.retention.RULES"
    demo_steps = (
        appconfig.DemoStep("Needs assessments and the accommodation register", "daboard.insights.demo.load_insights"),
        appconfig.DemoStep("Board members' figures protected ahead (disclosure control)",
                 "daboard.insights.demo.protect_demo_quarters", live=True),
    )

    def ready(self) -> None:
        super().ready()
        from daboard.returns.services import register_on_accept

        from .aggregates import build_at_import

        register_on_accept("insights.aggregates", build_at_import)
