"""Periods, in one place: the financial year (1 April to 31 March, written 2024-25), its
quarters (`Period`, written 2024-25-Q1), and the municipal year (from May, written 2024/25).

Every app reads and writes these through here, never by its own arithmetic; the return
standard (returns/standard) takes its quarters from here, so a new version of the standard
inherits them. No Django and no app imports: core's lowest layer. Working days (bank
holidays) are the board's: board/working_days.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# The financial years daboard serves: the one period parser refuses the rest, and URLs,
# forms, the API and the command line all use it.
FIRST_YEAR, LAST_YEAR = 2000, 2099

PERIOD_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})-Q([1-4])\Z")
FINANCIAL_YEAR_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})\Z")
MUNICIPAL_YEAR_PATTERN = re.compile(r"^([0-9]{4})/([0-9]{2})\Z")
FIRST_MONTH = 4  # April
MUNICIPAL_FIRST_MONTH = 5  # May: the annual council meeting


# --- The financial year ------------------------------------------------------------------------


def financial_year_start(day: dt.date) -> int:
    """The calendar year in which the financial year holding `day` began (2024 for 2024-25)."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def financial_year_label(start_year: int) -> str:
    """2024 -> "2024-25"."""
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def financial_year_of(day: dt.date) -> str:
    """The financial year holding `day`, written 2024-25."""
    return financial_year_label(financial_year_start(day))


def financial_year_start_of(year: str) -> int:
    """"2024-25" -> 2024 (the label is not checked: see financial_year_ok)."""
    return int(year[:4])


def financial_year_bounds(year: str | int) -> tuple[dt.date, dt.date]:
    """The first and last day of a financial year ("2024-25" or its start year)."""
    start = year if isinstance(year, int) else financial_year_start_of(year)
    return dt.date(start, FIRST_MONTH, 1), dt.date(start + 1, FIRST_MONTH, 1) - dt.timedelta(days=1)


def financial_year_well_formed(text: str) -> bool:
    """Written like 2024-25, the two years following each other (any century)."""
    m = FINANCIAL_YEAR_PATTERN.match(text) if isinstance(text, str) else None
    return bool(m) and (int(m.group(1)) + 1) % 100 == int(m.group(2))


def financial_year_ok(text: str) -> bool:
    """Like 2024-25, starting between FIRST_YEAR and LAST_YEAR - 1 (its end still in the century)."""
    return financial_year_well_formed(text) and FIRST_YEAR <= int(text[:4]) < LAST_YEAR


def financial_years_back(today: dt.date, n: int) -> list[str]:
    """This financial year and the n-1 before it, newest first."""
    start = financial_year_start(today)
    return [financial_year_label(y) for y in range(start, start - n, -1)]


def financial_year_periods(year: str | int) -> list[Period]:
    """The four quarters of a financial year, in order."""
    start = year if isinstance(year, int) else financial_year_start_of(year)
    return [Period(start, q) for q in (1, 2, 3, 4)]


# --- Quarters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """A financial quarter, written 2024-25-Q1 (1 April to 30 June 2024)."""

    start_year: int
    quarter: int

    def __post_init__(self):
        # Wide enough for arithmetic around any period parse() accepts; never a date Python
        # cannot represent.
        if not (1 <= self.start_year <= 9000 and 1 <= self.quarter <= 4):
            raise ValueError(f"There is no quarter {self.quarter} of {self.start_year}.")

    @classmethod
    def parse(cls, text: str) -> Period:
        text = text if isinstance(text, str) else ""
        m = PERIOD_PATTERN.match(text.strip()[:20])
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"{text[:40]!r} is not a period. Write it like 2024-25-Q1 (Q1 April-June, Q2 July-September, "
                             "Q3 October-December, Q4 January-March).")
        if not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
            raise ValueError(f"{text[:40]!r} is outside the years daboard serves: write a period from "
                             f"{financial_year_label(FIRST_YEAR)}-Q1 to {financial_year_label(LAST_YEAR)}-Q4.")
        return cls(int(m.group(1)), int(m.group(3)))

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(financial_year_start(day), (day.month - FIRST_MONTH) % 12 // 3 + 1)

    def __str__(self) -> str:
        return f"{self.financial_year}-Q{self.quarter}"

    @property
    def financial_year(self) -> str:
        """The financial year this quarter is part of, written 2024-25."""
        return financial_year_label(self.start_year)

    @property
    def first_day(self) -> dt.date:
        month = 3 * self.quarter + 1
        return dt.date(self.start_year + (1 if month > 12 else 0), (month - 1) % 12 + 1, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    def next(self) -> Period:
        return Period(self.start_year + (self.quarter == 4), self.quarter % 4 + 1)

    def previous(self) -> Period:
        return Period(self.start_year - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def back(self, n: int) -> list[Period]:
        """This quarter and the n-1 before it, oldest first."""
        out = [self]
        for _ in range(n - 1):
            out.append(out[-1].previous())
        return out[::-1]

    def due_date(self, days: int = 20) -> dt.date:
        return self.last_day + dt.timedelta(days=days)

    @property
    def label(self) -> str:
        return f"{self.first_day:%-d %B %Y} to {self.last_day:%-d %B %Y}"


# --- The municipal year ------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the month's last day where it is shorter:
    31 January plus one month is 28 or 29 February."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def municipal_year_start(day: dt.date) -> dt.date:
    """The municipal year runs from the annual council meeting in May; daboard takes 1 May."""
    start = dt.date(day.year, MUNICIPAL_FIRST_MONTH, 1)
    return start if day >= start else dt.date(day.year - 1, MUNICIPAL_FIRST_MONTH, 1)


def municipal_year_label(day: dt.date) -> str:
    """The municipal year holding `day`, written 2024/25."""
    start = municipal_year_start(day).year
    return f"{start}/{(start + 1) % 100:02d}"


def municipal_year_well_formed(text: str) -> bool:
    """Written like 2025/26, the two years following each other."""
    m = MUNICIPAL_YEAR_PATTERN.match(text) if isinstance(text, str) else None
    return bool(m) and (int(m.group(1)) + 1) % 100 == int(m.group(2))
