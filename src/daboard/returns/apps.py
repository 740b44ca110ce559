from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "daboard.returns"
    label = "returns"
    verbose_name = "Quarterly provider returns"

    def ready(self) -> None:
        from daboard.core.retention import register_rule

        from .retention import RULES

        for rule in RULES:
            register_rule(rule)

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_returns

        register("Eight quarters of synthetic returns", load_returns, live=True)
