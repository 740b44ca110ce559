"""`daboard retention run [--dry-run] [--date YYYY-MM-DD]` — see core/retention.py for the rules."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from daboard.core.management.dates import add_date_argument, today_from
from daboard.core.retention import run


class Command(BaseCommand):
    help = "Apply the retention rules (recordings, minutes review, case-level returns, error reports)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        r = sub.add_parser("run", help="apply the rules now")
        r.add_argument("--dry-run", action="store_true", help="print what would be done; change nothing")
        add_date_argument(r)

    def handle(self, *args, action: str, dry_run: bool = False, date: str | None = None, **o):
        today = today_from(date)
        plan = run(today=today, dry_run=dry_run)
        lines = plan.lines()
        verb = "Would delete or flag" if dry_run else "Deleted or flagged"
        self.stdout.write(f"{verb} {len(lines)} item(s) under the retention rules (as at {today:%-d %B %Y}):")
        for line in lines:
            self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
