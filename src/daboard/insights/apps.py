from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "daboard.insights"
    label = "insights"
    verbose_name = "KPIs, outcomes and reports"

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_insights

        register("Needs assessments and the accommodation register", load_insights)
