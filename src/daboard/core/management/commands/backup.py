"""`daboard backup FILE` — a consistent copy of the database (pg_dump, or SQLite's backup API)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daboard.core.audit_actions import CoreAudit


class Command(BaseCommand):
    help = "Back up the database to FILE."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **o):
        import time

        from daboard.core.audit import audit_event
        from daboard.core.backup import backup

        path = Path(file)
        if path.exists():
            raise CommandError(f"{path} exists; choose a new file name.", returncode=2)
        started = time.perf_counter()
        try:
            backup(path)
        except Exception as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        audit_event(actor=None, action=CoreAudit.BACKUP_MADE, detail={"file": path.name, "bytes": path.stat().st_size})
        self.stdout.write(f"Backed up to {path} ({path.stat().st_size:,} bytes, {time.perf_counter() - started:.1f} s).")
