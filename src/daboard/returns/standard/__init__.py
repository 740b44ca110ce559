"""The monitoring-return standard, one module per version, looked up by period.

Nothing in daboard imports a version by name: it asks for the standard in force for a
period (`for_period`), the one in force now (`CURRENT`), or the one a stored version was
checked against (`by_version`). A v2 sits beside v1 by adding its module and the first
quarter it applies to in `IN_FORCE`. The follow-up return (followup_v1) is an optional
return of its own under v1's rules, looked up the same way (`followup_for_period`).
"""

from __future__ import annotations

from types import ModuleType

from daboard.core.periods import Period

from . import followup_v1, v1

# (first quarter in force, standard), oldest first.
IN_FORCE: tuple[tuple[Period, ModuleType], ...] = ((Period(2000, 1), v1),)
FOLLOW_UP_IN_FORCE: tuple[tuple[Period, ModuleType], ...] = ((Period(2000, 1), followup_v1),)

CURRENT = IN_FORCE[-1][1]
FOLLOW_UP = FOLLOW_UP_IN_FORCE[-1][1]


def _in_force(table, period: Period | str | None) -> ModuleType:
    if period is None:
        return table[-1][1]
    if isinstance(period, str):
        period = Period.parse(period)
    found = table[0][1]
    for first, standard in table:
        if (first.start_year, first.quarter) <= (period.start_year, period.quarter):
            found = standard
    return found


def for_period(period: Period | str | None = None) -> ModuleType:
    """The quarterly return's standard for a period (the current one if none is given)."""
    return _in_force(IN_FORCE, period)


def followup_for_period(period: Period | str | None = None) -> ModuleType:
    """The follow-up return's standard for a period."""
    return _in_force(FOLLOW_UP_IN_FORCE, period)


def by_version(version: str, *, followup: bool = False) -> ModuleType:
    """The standard a stored version was checked against (its `standard_version`)."""
    for _first, standard in FOLLOW_UP_IN_FORCE if followup else IN_FORCE:
        if standard.VERSION == version:
            return standard
    raise LookupError(f"No {'follow-up ' if followup else ''}standard version {version!r}.")


def every_rule() -> dict:
    """Every rule any standard declares, by code (a code means the same in every version)."""
    out: dict = {}
    for _first, standard in (*IN_FORCE, *FOLLOW_UP_IN_FORCE):
        out.update(standard.RULES)
    return out
