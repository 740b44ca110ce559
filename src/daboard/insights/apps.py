from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "daboard.insights"
    label = "insights"
    verbose_name = "KPIs, outcomes and reports"
