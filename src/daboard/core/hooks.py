"""Where a higher app adds to what core shows or does, without core importing it: each app
declares its part on its AppConfig (see core.appconfig), as it declares its demo steps. Core imports no app; the contract in pyproject.toml checks it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

# The home page: each panel gives (user, today) -> the template context it fills.
HomePanel = Callable[[Any, dt.date], dict[str, Any]]
_home_panels: dict[str, HomePanel] = {}


def register_home_panel(name: str, panel: HomePanel) -> None:
    _home_panels[name] = panel


def home_context(user: Any, today: dt.date) -> dict[str, Any]:
    """The home page's context from every registered panel, in the order they registered."""
    context: dict[str, Any] = {}
    for panel in _home_panels.values():
        context.update(panel(user, today))
    return context
