from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "daboard.voice"
    label = "voice"
    verbose_name = "Survivor voice"

    def ready(self) -> None:
        from daboard.board.services import register_standing_item

        from .services import reference_group_item_fill

        # The agenda draft fills the board's "Scrutiny and Reference Group" standing item
        # from what the group sent and what survivors said (board cannot import voice).
        register_standing_item(reference_group_item_fill)

        from daboard.core.retention import register_rule

        from .retention import RULES

        for rule in RULES:
            register_rule(rule)

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_voice

        register("Scrutiny and Reference Group and survivors' feedback", load_voice)
