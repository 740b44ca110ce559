"""The daily and weekly commands run from cron (`daboard reminders send`, `daboard retention
run`): one action, `--dry-run` to show what would be done and change nothing, and `--date`
to act as if today were that date; a bad date is a usage error (exit 2)."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.core.management.base import BaseCommand, CommandError

from daboard.core import clock


def today_from(date: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(date) if date else clock.today()
    except ValueError as exc:
        raise CommandError(f"--date {date!r} is not a date like 2026-11-23.", returncode=2) from exc


class DailyAction(NamedTuple):
    """The one action of a daily command, as `daboard <command> --help` describes it."""

    name: str  # the word after the command: `daboard retention run`
    help: str
    dry_run_help: str  # what `--dry-run` does instead


class DailyCommand(BaseCommand):
    """A subclass names its one `action` and implements `run(today, dry_run)`."""

    action: DailyAction

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        action = sub.add_parser(self.action.name, help=self.action.help)
        action.add_argument("--dry-run", action="store_true", help=self.action.dry_run_help)
        action.add_argument("--date", help="act as if today were this date (YYYY-MM-DD)")

    def handle(self, *args, action: str, dry_run: bool = False, date: str | None = None, **options):
        self.run(today_from(date), dry_run)

    def run(self, today: dt.date, dry_run: bool) -> None:
        raise NotImplementedError(f"{type(self).__name__} must say what its {self.action.name} does")
