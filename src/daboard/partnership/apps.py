from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "daboard.partnership"
    label = "partnership"
    verbose_name = "The wider picture: comparison, targets, partners' data and registers"

    def ready(self) -> None:
        from daboard.insights.sections import register

        from . import sections

        register(sections.SECTIONS)

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_partnership

        register("The wider picture: targets, a partner dataset and the registers", load_partnership)
