# The module, not its class: Django takes the one AppConfig class named in apps.py as the app's.
from daboard.core import appconfig


class StrategyConfig(appconfig.DaboardAppConfig):
    verbose_name = "Strategy, delivery plan and the statutory calendar"
    home_panel = "daboard.strategy.calendar.home_panel"
    demo_steps = "daboard.strategy.demo.STEPS"
