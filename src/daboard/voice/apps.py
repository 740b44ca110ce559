# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class VoiceConfig(appconfig.DaboardAppConfig):
    verbose_name = "Survivor voice"
    retention_rules = "daboard.voice.retention.RULES"
    demo_steps = "daboard.voice.demo.STEPS"

    def register_hooks(self) -> None:
        from daboard.board.services import register_standing_item

        from .services import reference_group_item_fill

        # The agenda draft fills the board's "Scrutiny and Reference Group" standing item
        # from what the group sent and what survivors said (board cannot import voice).
        register_standing_item(reference_group_item_fill)
