from django.apps import AppConfig


def _home_panel(user, today) -> dict:
    """What is due for the user (overdue, and coming), and the link of their calendar feed."""
    from django.urls import reverse

    from daboard.core import tokens

    from .calendar import user_items

    items = user_items(user, today)
    token = tokens.feed_token(user, "user")
    return {"due_overdue": [i for i in items if i.due < today], "due_soon": [i for i in items if i.due >= today],
            "feed_url": reverse("strategy:user-feed", args=[token]) if token else None}


class StrategyConfig(AppConfig):
    name = "daboard.strategy"
    label = "strategy"
    verbose_name = "Strategy, delivery plan and the statutory calendar"

    def ready(self) -> None:
        from daboard.core.hooks import register_home_panel

        register_home_panel("strategy", _home_panel)

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_strategy

        register("Strategies, priorities and the delivery plan", load_strategy)

        from .demo_live import load_strategy_review

        register("The strategy in force today (synthetic, review coming up)", load_strategy_review, live=True)
