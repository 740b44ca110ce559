"""The `daboard` command: daboard's own commands, and every Django management command."""

from __future__ import annotations

import os
import sys

HELP = """\
usage: daboard COMMAND [OPTIONS]

daboard runs a Domestic Abuse Local Partnership Board: meetings and minutes,
commissioning, quarterly provider returns, insights and the statutory calendar.

Commands:
  demo                 load (or reload) the demo boards, councils and users into the
                       database named by DATABASE_URL (default var/daboard.sqlite3)
  serve [--port N]     serve daboard on http://127.0.0.1:N (default 8000)
  migrate              create or update the database tables
  users create-admin   create the first administrator of a new installation
  help [COMMAND]       every Django management command, or one command's options

Environment:
  DATABASE_URL           postgres://user:pass@host:5432/name (default: SQLite in var/)
  DJANGO_SETTINGS_MODULE daboard.settings.dev (default, the demo) or daboard.settings.prod
  DABOARD_SECRET_KEY     required in production

Run `daboard COMMAND --help` for a command's options.
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daboard.settings.dev")
    if not argv or argv[0] in ("-h", "--help"):
        print(HELP, end="")
        return 0
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError, ProgrammingError

    try:
        execute_from_command_line(["daboard", *argv])
    except (OperationalError, ProgrammingError) as exc:
        text = str(exc)
        if "no such table" in text or "does not exist" in text:
            print("daboard: the database has no tables yet. Run `daboard migrate` (or `daboard demo`) first.",
                  file=sys.stderr)
        else:
            print(f"daboard: the database could not be used: {text.splitlines()[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
