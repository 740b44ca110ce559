"""`daboard restore FILE` — replace the database's contents with a backup. Stop the service first."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from daboard.core.audit_actions import CoreAudit


class Command(BaseCommand):
    help = "Restore the database from FILE made by `daboard backup` (replaces everything in it)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **o):
        import time

        from daboard.core.backup import restore

        started = time.perf_counter()
        try:
            restore(Path(file))
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(str(exc), returncode=2) from exc
        except Exception as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        from daboard.core.audit import audit_event

        audit_event(actor=None, action=CoreAudit.BACKUP_RESTORED, detail={"file": Path(file).name})
        self.stdout.write(f"Restored from {file} in {time.perf_counter() - started:.1f} s.")
