# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class BoardConfig(appconfig.DaboardAppConfig):
    verbose_name = "Board governance"
    retention_rules = "daboard.board.retention.RULES"
    home_panel = "daboard.board.queries.meetings.home_panel"
    demo_steps = "daboard.board.demo.STEPS"
