"""`daboard reminders send [--dry-run] [--date YYYY-MM-DD]` — run daily from cron."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand

from daboard.core.management.dates import add_date_argument, today_from
from daboard.strategy.reminders import reminders_send


class Command(BaseCommand):
    help = "E-mail each user the calendar items that fell due or became overdue (each item once)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        s = sub.add_parser("send", help="send today's reminders")
        s.add_argument("--dry-run", action="store_true", help="list what would be sent; send nothing")
        add_date_argument(s)

    def handle(self, *args, action: str, dry_run: bool = False, date: str | None = None, **o):
        today = today_from(date)
        base = os.environ.get("DABOARD_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
        outcomes = reminders_send(today=today, base_url=base, dry_run=dry_run)
        for o_ in outcomes:
            verb = "would e-mail" if dry_run else "e-mailed"
            self.stdout.write(f"{verb} {o_.user.username} <{o_.user.email}>: {len(o_.items)} item(s)")
            for item in o_.items:
                self.stdout.write(f"    {item.due.isoformat()}  {item.kind}: {item.title}")
        if not outcomes:
            self.stdout.write("Nothing new to send.")
