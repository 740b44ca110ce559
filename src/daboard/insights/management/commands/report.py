"""`daboard report kpis --period P [--council CODE] [--provider SLUG] [--contract REF]
[--suppress] --format json|csv|table`"""

from __future__ import annotations

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from daboard.commissioning.models import Contract
from daboard.core.disclosure import Policy
from daboard.core.models import Council, Organisation
from daboard.insights.kpis import Scope, report
from daboard.returns.standard.v1 import Period


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

    def handle(self, *args, action: str, **o):
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
        rows = []
        for key, value in data.items():
            if key in ("scope", "period"):
                continue
            if isinstance(value, dict):
                rows.extend((key, code, v) for code, v in value.items())
            else:
                rows.append((key, "", value))
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
