from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "daboard.returns"
    label = "returns"
    verbose_name = "Quarterly provider returns"
