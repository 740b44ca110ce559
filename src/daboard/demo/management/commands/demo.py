"""`daboard demo`: migrate, then load (or reload) the demo into the configured database."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from daboard.demo import loader, seed


class Command(BaseCommand):
    help = "Load (or reload, idempotently) the demo boards, councils, people and logins."

    def add_arguments(self, parser):
        parser.add_argument("--no-migrate", action="store_true", help="do not run migrations first")

    def handle(self, *args, no_migrate: bool = False, **options):
        console = Console(file=self.stdout._out, force_terminal=False)
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      TimeElapsedColumn(), console=console, transient=False) as progress:
            task = progress.add_task("Loading the demo", total=None)

            def step(name: str) -> None:
                progress.update(task, description=f"Loading: {name}", total=len(loader.STEPS))
                progress.advance(task)

            import os

            skip = (loader.RETURNS_STEP,) if os.environ.get("DABOARD_DEMO_SKIP_RETURNS") == "1" else ()
            loader.load_all(progress=step, skip=skip)
            progress.update(task, description="Demo loaded", completed=len(loader.STEPS))
        db = settings.DATABASES["default"]
        console.print(f"Database: {db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}")
        table = Table(title="Demo logins (password for all: " + seed.DEMO_PASSWORD + ")")
        table.add_column("Role")
        table.add_column("Username")
        table.add_column("Scope")
        for username, _f, _l, role, _sk, scope_key, _org, _p in seed.DEMO_USERS:
            table.add_row(role.replace("_", " "), username, scope_key or "whole system")
        console.print(table)
        if not settings.DABOARD_TWO_FACTOR_REQUIRED:
            console.print("Two-factor sign-in is off in the demo settings; every page says so in red.")
