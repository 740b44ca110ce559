"""Working days in England and Wales: not a weekend, not a bank holiday. Bank holidays
come from the maintained `holidays` package (subdivision ENG covers England and Wales's
common list), never from a hand-kept table."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday(day: dt.date) -> str | None:
    """The bank holiday's name, or None."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and bank_holiday(day) is None


def why_not_working(day: dt.date) -> str | None:
    """"a Saturday", "Christmas Day (a bank holiday)", or None for a working day."""
    if day.weekday() >= 5:
        return f"a {day:%A}"
    name = bank_holiday(day)
    return f"{name} (a bank holiday)" if name else None


def working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_working_days(day: dt.date, count: int) -> dt.date:
    """`count` working days after (or, negative, before) `day`."""
    step = 1 if count >= 0 else -1
    left = abs(count)
    while left:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            left -= 1
    return day
