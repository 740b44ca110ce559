from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "daboard.demo"
    label = "demo"
    verbose_name = "Demo data of the seed boards"
