"""`daboard reminders send [--dry-run] [--date YYYY-MM-DD]` — run daily from cron."""

from __future__ import annotations

import datetime as dt
import os

from daboard.core.management.dates import DailyAction, DailyCommand
from daboard.strategy.reminders import reminders_send


class Command(DailyCommand):
    help = "E-mail each user the calendar items that fell due or became overdue (each item once)."
    action = DailyAction("send", help="send today's reminders", dry_run_help="list what would be sent; send nothing")

    def run(self, today: dt.date, dry_run: bool) -> None:
        base = os.environ.get("DABOARD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
        outcomes = reminders_send(today=today, base_url=base, dry_run=dry_run)
        verb = "would e-mail" if dry_run else "e-mailed"
        for outcome in outcomes:
            self.stdout.write(f"{verb} {outcome.user.username} <{outcome.user.email}>: {len(outcome.items)} item(s)")
            for item in outcome.items:
                self.stdout.write(f"    {item.due.isoformat()}  {item.kind}: {item.title}")
        if not outcomes:
            self.stdout.write("Nothing new to send.")
