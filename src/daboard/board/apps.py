from django.apps import AppConfig


class BoardConfig(AppConfig):
    name = "daboard.board"
    label = "board"
    verbose_name = "Board governance"

    def ready(self) -> None:
        from daboard.core.hooks import register_home_panel

        from .queries import late_packs

        register_home_panel("board", lambda user, today: {"late_packs": late_packs(user)})

        from daboard.core.retention import register_rule

        from .retention import RULES

        for rule in RULES:
            register_rule(rule)

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_board_business

        register("Terms of reference, meetings, minutes and actions", load_board_business)

        from .demo_live import load_meeting_ahead

        register("The board's next meeting (synthetic, ahead of today)", load_meeting_ahead, live=True)
