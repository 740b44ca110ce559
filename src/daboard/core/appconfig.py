"""What an app of daboard lends to the steps that cross apps, declared on its AppConfig.

Core and the demo must not import the apps above them, so each app says here, by dotted
path as Django's own settings do, which retention rules it keeps, which panel it adds to the
home page and where its demo steps are (a ``STEPS`` tuple in its ``demo.py``); ``ready``
registers the rules and the panel, and ``daboard.demo.loader`` reads the demo steps. Hooks
that an app lends to another app (the agenda's standing items, the dashboard's sections, a
step after a return is accepted) stay as code in the app's ``register_hooks``, which
``ready`` calls and where the import contract sees them.
"""
from __future__ import annotations

from typing import NamedTuple

from django.apps import AppConfig
from django.utils.module_loading import import_string

from .hooks import register_home_panel


class DemoStep(NamedTuple):
    title: str
    loader: str  # dotted path of a function that takes nothing and loads the step
    live: bool = False  # synthetic, laid relative to the project clock's today


class DaboardAppConfig(AppConfig):
    retention_rules: str | None = None  # dotted path of the app's list of core.retention.Rule
    home_panel: str | None = None  # dotted path of its core.hooks.HomePanel, if it has one
    demo_steps: str | None = None  # dotted path of its demo module's tuple of DemoStep

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        # Each app's config sits in its apps.py: the app is that module's package
        # ("daboard.board"), and Django takes the label from its last part ("board").
        cls.name = cls.__module__.rpartition(".")[0]

    def ready(self) -> None:
        if self.retention_rules:
            # Imported here, not at the top: the retention module reads the models, and this
            # module is imported while Django is still loading the apps.
            from daboard.core.retention import register_rule

            for rule in import_string(self.retention_rules):
                register_rule(rule)
        if self.home_panel:
            register_home_panel(self.label, import_string(self.home_panel))
        self.register_hooks()

    def register_hooks(self) -> None:
        """Where an app lends code to an app below it (a standing item's filler, a step
        after a return is accepted, a dashboard section), it registers it here, in code the
        import contract reads; `ready` calls it after the declared registrations."""

    def declared_demo_steps(self) -> tuple[DemoStep, ...]:
        """The app's demo steps, read when the demo loads (the demo modules read the models)."""
        return tuple(import_string(self.demo_steps)) if self.demo_steps else ()
