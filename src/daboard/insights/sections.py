"""Sections that apps above insights add to the dashboard and the board's performance report.

insights must not import the apps built on it, so they register here (from their
AppConfig.ready) a function that builds a section's figures for one council and quarter,
already after disclosure control where the viewer needs it, and the template that shows
them. The page, the PDF and the exports all take the same section data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from daboard.core.periods import Period


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    template: str  # included with the section's data as `s`
    # (council, period, view, today=, figures=) -> data, or None: nothing to show. `figures`:
    # the quarter's own figures, already as this viewer may see them.
    build: Callable[..., dict | None]
    on_dashboard: bool = True
    in_report: bool = True


_REGISTERED: dict[str, Section] = {}


def register(sections: Iterable[Section]) -> None:
    for section in sections:
        _REGISTERED[section.key] = section


def build(council, period: Period, view, *, today: dt.date, where: str, figures: dict) -> list[tuple[Section, dict]]:
    """The registered sections with something to show, in registration order."""
    out = []
    for section in _REGISTERED.values():
        if (where == "report" and not section.in_report) or (where == "dashboard" and not section.on_dashboard):
            continue
        data = section.build(council, period, view, today=today, figures=figures)
        if data:
            out.append((section, data))
    return out
