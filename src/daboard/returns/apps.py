# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class ReturnsConfig(appconfig.DaboardAppConfig):
    verbose_name = "Quarterly provider returns"
    retention_rules = "daboard.returns.retention.RULES"
    demo_steps = (appconfig.DemoStep("Eight quarters of synthetic returns", "daboard.returns.demo.load_returns", live=True),)
