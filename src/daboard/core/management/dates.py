"""`--date` for the daily and weekly commands (reminders, retention): act as if today were
that date; a bad date is a usage error (exit 2)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError

from daboard.core import clock


def add_date_argument(parser) -> None:
    parser.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")


def today_from(date: str | None) -> dt.date:

    try:
        return dt.date.fromisoformat(date) if date else clock.today()
    except ValueError as exc:
        raise CommandError(f"--date {date!r} is not a date like 2026-11-23.", returncode=2) from exc
