"""`daboard returns import|synthesize|template`.

    daboard returns import FILE --contract REF --period 2024-25-Q1 [--dry-run] [--as USER]

Exit codes: 0 accepted (or valid, with --dry-run), 1 rejected (each error on its own line
as `row R, column C: message`), 2 usage error (bad arguments, unknown contract or user,
a user who may not send this return) or a file that cannot be read at all (one sentence
saying why; the rejection is audited).
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from daboard.commissioning.models import Contract
from daboard.core.audit_actions import CoreAudit
from daboard.core.periods import Period


class UsageError(CommandError):
    def __init__(self, message: str):
        super().__init__(message, returncode=2)


class Command(BaseCommand):
    help = "Quarterly monitoring returns: import a file, write a template, or synthesize test data."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="check and store a return (CSV or XLSX)")
        imp.add_argument("file")
        imp.add_argument("--contract", required=True, help="contract reference, e.g. LCC-DA-08")
        imp.add_argument("--period", required=True, help="financial quarter, e.g. 2024-25-Q1")
        imp.add_argument("--dry-run", action="store_true", help="check only; store nothing")
        imp.add_argument("--as", dest="as_user", help="act as this user (their permissions apply)")
        syn = sub.add_parser("synthesize", help="write a valid synthetic return")
        syn.add_argument("--contract", required=True)
        syn.add_argument("--period", required=True)
        syn.add_argument("--rows", type=int, required=True)
        syn.add_argument("--seed", type=int, default=1)
        syn.add_argument("--out", required=True, help="output file (.csv or .xlsx)")
        tpl = sub.add_parser("template", help="write the blank template")
        tpl.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        tpl.add_argument("--out", required=True)

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    @staticmethod
    def _period(text: str) -> Period:
        try:
            return Period.parse(text)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc

    @staticmethod
    def _contract(reference: str) -> Contract:
        contract = Contract.objects.select_related("council", "provider").filter(reference=reference).first()
        if contract is None:
            raise UsageError(f"No contract with reference {reference!r}. `daboard contracts list` shows them.")
        return contract

    def _import(self, *, file: str, contract: str, period: str, dry_run: bool, as_user: str | None, **_):
        from daboard.core.models import User
        from daboard.core.permissions import can
        from daboard.returns import services

        period_obj = self._period(period)
        contract_obj = self._contract(contract)
        user = None
        if as_user:
            user = User.objects.filter(username=as_user, is_active=True).first()
            if user is None:
                raise UsageError(f"No active user named {as_user!r}.")
            if not can(user, "return.submit", contract_obj):
                from daboard.core.audit import audit_event

                audit_event(actor=user, action=CoreAudit.ACCESS_REFUSED, obj=contract_obj,
                             detail={"permission": "return.submit", "via": "command line"})
                raise UsageError(f"User {as_user!r} may not send returns for contract {contract!r}.")
        path = Path(file)
        if not path.is_file():
            raise UsageError(f"No file at {file}.")
        data = path  # read from the file itself: no second copy of a large return in memory
        if dry_run:
            result = services.return_check(contract=contract_obj, period=period_obj, data=data)
            self._file_level(result)
            self._report(result)
            if not result.ok:
                sys.exit(1)
            self.stdout.write(f"valid: {result.rows.height} rows, {len(result.warnings)} warnings (dry run, nothing stored)")
            return
        try:
            outcome = services.return_accept(acting_user=user, contract=contract_obj, period=period_obj, data=data,
                                             filename=path.name, source="cli")
        except PermissionDenied as exc:
            raise UsageError(str(exc)) from exc
        self._file_level(outcome.result)
        self._report(outcome.result)
        if not outcome.accepted:
            sys.exit(1)
        sub = outcome.submission
        note = " (the same file as the current version: nothing new stored)" if outcome.duplicate else ""
        self.stdout.write(f"accepted: {sub.contract.reference} {sub.period} version {sub.version}, "
                          f"{sub.row_count} rows, {len(outcome.result.warnings)} warnings{note}")

    @staticmethod
    def _file_level(result) -> None:
        """A file that could not be read at all is a usage error: one sentence, exit 2."""
        issue = result.file_error
        if issue is not None:
            raise UsageError(issue.message)

    def _report(self, result) -> None:
        for issue in result.errors:
            self.stdout.write(issue.line())
        for line in result.omitted_lines("error"):
            self.stdout.write(line)
        for issue in result.warnings:
            self.stderr.write("warning: " + issue.line())

    def _synthesize(self, *, contract: str, period: str, rows: int, seed: int, out: str, **_):
        from daboard.returns.synthetic import synthesize, write

        if rows < 0:
            raise UsageError("--rows must be 0 or more")
        contract_obj = self._contract(contract)
        frame = synthesize(contract_obj, self._period(period), rows=rows, seed=seed)
        write(frame, Path(out))
        self.stdout.write(f"wrote {frame.height} rows to {out}")

    def _template(self, *, format: str, out: str, **_):  # noqa: A002
        from daboard.returns.templates import template_bytes

        Path(out).write_bytes(template_bytes(format))
        self.stdout.write(f"wrote the {format} template to {out}")
