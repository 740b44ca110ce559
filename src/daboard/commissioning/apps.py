# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class CommissioningConfig(appconfig.DaboardAppConfig):
    verbose_name = "Commissioning and funding"
    demo_steps = "daboard.commissioning.demo.STEPS"
