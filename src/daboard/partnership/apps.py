# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class PartnershipConfig(appconfig.DaboardAppConfig):
    verbose_name = "The wider picture: comparison, targets, partners' data and registers"
    demo_steps = "daboard.partnership.demo.STEPS"

    def register_hooks(self) -> None:
        from daboard.insights.sections import register

        from . import sections

        register(sections.SECTIONS)
