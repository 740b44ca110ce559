from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "daboard.insights"
    label = "insights"
    verbose_name = "KPIs, outcomes and reports"

    def ready(self) -> None:
        from daboard.returns.services import register_on_accept

        from .aggregates import build_at_import

        register_on_accept("insights.aggregates", build_at_import)

        from daboard.core.retention import register_rule

        from .retention import RULES

        for rule in RULES:
            register_rule(rule)

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_insights, protect_demo_quarters

        register("Needs assessments and the accommodation register", load_insights)
        register("Board members' figures protected ahead (disclosure control)", protect_demo_quarters, live=True)
