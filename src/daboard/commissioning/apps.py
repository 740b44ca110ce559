# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class CommissioningConfig(appconfig.DaboardAppConfig):
    verbose_name = "Commissioning and funding"
    demo_steps = (
        appconfig.DemoStep("Funding, spend plans, contracts and lots", "daboard.commissioning.demo.load_commissioning"),
        appconfig.DemoStep("Services running today (synthetic successors of the seed contracts)",
                 "daboard.commissioning.demo_live.load_live_contracts", live=True),
    )
