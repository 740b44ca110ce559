"""`daboard report kpis --period P [--council CODE] [--provider SLUG] [--contract REF]
[--suppress] --format json|csv|table` and `daboard report annual --council CODE --year
YYYY-YY --out FILE [--working-copy]` and `daboard report rebuild-aggregates [--period P ...]`"""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from daboard.commissioning.models import Contract
from daboard.core.disclosure import Policy
from daboard.core.models import Council, Organisation
from daboard.core.periods import Period, financial_year_well_formed
from daboard.insights.kpis import Scope, flat_rows, report

from ...audit_actions import InsightsAudit


class Command(BaseCommand):
    help = "Reports from the returns: the KPIs of the standard."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        k = sub.add_parser("kpis", help="the KPIs for a period and scope")
        k.add_argument("--period", required=True, help="e.g. 2024-25-Q1")
        k.add_argument("--council", help="GSS code of a council (a district: cases resident there)")
        k.add_argument("--provider", help="provider slug, e.g. freeva")
        k.add_argument("--contract", help="contract reference")
        k.add_argument("--suppress", action="store_true", help="apply disclosure control (small numbers as [c])")
        k.add_argument("--format", choices=["json", "csv", "table"], default="table")
        a = sub.add_parser("annual", help="the annual return to the ministry as XLSX")
        a.add_argument("--council", required=True, help="GSS code of a tier-1 council")
        a.add_argument("--year", required=True, help="financial year, e.g. 2024-25")
        a.add_argument("--out", required=True, help="the .xlsx file to write")
        a.add_argument("--working-copy", action="store_true",
                       help="unsuppressed, with the case rows each figure counts (stays with the council)")
        r = sub.add_parser("rebuild-aggregates",
                           help="recompute the KPI aggregates of every return version from its case rows")
        r.add_argument("--period", action="append", help="only this period (repeatable), e.g. 2024-25-Q1")

    def handle(self, *args, action: str, **o):
        if action == "annual":
            return self.annual(**o)
        if action == "rebuild-aggregates":
            return self.rebuild(**o)
        try:
            period = Period.parse(o["period"])
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        council = None
        if o.get("council"):
            council = Council.objects.filter(gss_code=o["council"].upper()).first()
            if council is None:
                raise CommandError(f"No council with GSS code {o['council']!r}.", returncode=2)
        if o.get("provider") and not Organisation.objects.filter(slug=o["provider"]).exists():
            raise CommandError(f"No organisation with slug {o['provider']!r}.", returncode=2)
        contract = None
        if o.get("contract"):
            contract = Contract.objects.select_related("council").filter(reference=o["contract"]).first()
            if contract is None:
                raise CommandError(f"No contract with reference {o['contract']!r}.", returncode=2)
        scope = Scope(council=council.gss_code if council else None, provider=o.get("provider"),
                      contract=o.get("contract"))
        duty = (council.duty_council if council else contract.council.duty_council if contract else None)
        data = report(period, scope, suppressed=o["suppress"], policy=Policy.for_council(duty))
        fmt = o["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(data, indent=2))
            return
        rows = flat_rows(data)
        if fmt == "csv":
            writer = csv.writer(self.stdout, lineterminator="\n")
            writer.writerow(["kpi", "code", "value"])
            for key, code, value in rows:
                writer.writerow([key, code, "" if value is None else value])
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"KPIs {period} {scope.as_dict()}")
        for col in ("KPI", "code", "value"):
            table.add_column(col)
        for key, code, value in rows:
            shown = "no data" if value is None else (f"{value:.1%}" if isinstance(value, float) and key.endswith(("rate", "share")) else str(value))
            table.add_row(key, code, shown)
        Console(file=self.stdout._out, width=120).print(table)

    def rebuild(self, *, period: list[str] | None, **_):
        from daboard.insights.aggregates import aggregates_rebuild

        for p in period or []:
            try:
                Period.parse(p)
            except ValueError as exc:
                raise CommandError(str(exc), returncode=2) from exc
        n = aggregates_rebuild(acting_user=None, periods=period)
        self.stdout.write(f"Rebuilt the KPI aggregates of {n} return version(s) from their case rows.")

    def annual(self, *, council: str, year: str, out: str, working_copy: bool, **_):
        from pathlib import Path

        from daboard.insights.annual import annual_return_xlsx

        if not financial_year_well_formed(year):
            raise CommandError(f"Financial year {year!r} is not like 2024-25.", returncode=2)
        try:
            Period.parse(f"{year}-Q1")  # the one period parser bounds the years too
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        found = Council.objects.filter(gss_code=council.upper()).first()
        if found is None or not found.is_tier_one:
            raise CommandError(f"No tier-1 council with GSS code {council!r}.", returncode=2)
        Path(out).write_bytes(annual_return_xlsx(found, year, working_copy=working_copy))
        from daboard.core.audit import audit_event

        audit_event(actor=None, action=InsightsAudit.ANNUAL_RETURN_EXPORTED, obj=found,
                     detail={"financial_year": year, "copy": "working" if working_copy else "sending", "source": "cli"})
        self.stdout.write(f"Wrote the {year} annual return for {found.name} to {out}"
                          f"{' (working copy: unsuppressed, keep it in the council)' if working_copy else ''}.")
