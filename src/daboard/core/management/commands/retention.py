"""`daboard retention run [--dry-run] [--date YYYY-MM-DD]` — see core/retention.py for the rules."""

from __future__ import annotations

import datetime as dt

from daboard.core.management.dates import DailyAction, DailyCommand
from daboard.core.retention import run


class Command(DailyCommand):
    help = "Apply the retention rules (recordings, minutes review, case-level returns, error reports)."
    action = DailyAction("run", help="apply the rules now", dry_run_help="print what would be done; change nothing")

    def run(self, today: dt.date, dry_run: bool) -> None:
        lines = run(today=today, dry_run=dry_run).lines()
        verb = "Would delete or flag" if dry_run else "Deleted or flagged"
        self.stdout.write(f"{verb} {len(lines)} item(s) under the retention rules (as at {today:%-d %B %Y}):")
        for line in lines:
            self.stdout.write(f"  {line}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
