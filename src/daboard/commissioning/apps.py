from django.apps import AppConfig


class CommissioningConfig(AppConfig):
    name = "daboard.commissioning"
    label = "commissioning"
    verbose_name = "Commissioning and funding"

    def register_demo_steps(self) -> None:
        from daboard.demo.loader import register

        from .demo import load_commissioning

        register("Funding, spend plans, contracts and lots", load_commissioning)

        from .demo_live import load_live_contracts

        register("Services running today (synthetic successors of the seed contracts)", load_live_contracts, live=True)
