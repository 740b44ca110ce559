from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "daboard.strategy"
    label = "strategy"
    verbose_name = "Strategy, delivery plan and the statutory calendar"

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_strategy

        register("Strategies, priorities and the delivery plan", load_strategy)

        from .demo_live import load_strategy_review

        register("The strategy in force today (synthetic, review coming up)", load_strategy_review, live=True)
