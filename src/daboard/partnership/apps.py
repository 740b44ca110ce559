# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class PartnershipConfig(appconfig.DaboardAppConfig):
    verbose_name = "The wider picture: comparison, targets, partners' data and registers"
    demo_steps = (
        appconfig.DemoStep("The wider picture: targets, a partner dataset and the registers",
                 "daboard.partnership.demo.load_partnership"),
    )

    def ready(self) -> None:
        super().ready()
        from daboard.insights.sections import register

        from . import sections

        register(sections.SECTIONS)
