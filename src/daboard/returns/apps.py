# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class ReturnsConfig(appconfig.DaboardAppConfig):
    verbose_name = "Quarterly provider returns"
    retention_rules = "daboard.returns.retention.RULES"
    demo_steps = "daboard.returns.demo.STEPS"
