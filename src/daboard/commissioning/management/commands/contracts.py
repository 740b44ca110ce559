"""`daboard contracts list --format json|csv|table [--council CODE]`"""

from __future__ import annotations

import csv
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from daboard.commissioning.models import Contract
from daboard.core.exports import safe_cell
from daboard.core.models import Council

FIELDS = ["reference", "council", "provider", "service", "start_date", "end_date", "maximum_end_date", "total_value",
          "status"]


def contract_record(c: Contract) -> dict:
    end, maximum = c.current_end(), c.maximum_end()
    return {
        "reference": c.reference, "council": c.council.gss_code, "provider": c.provider.name, "service": c.service,
        "start_date": c.start_date.isoformat() if c.start_date else None,
        "end_date": end.isoformat() if end else None,
        "maximum_end_date": maximum.isoformat() if maximum else None,
        "total_value": float(c.total_value), "status": c.current_status,
    }


class Command(BaseCommand):
    help = "The contracts register from the command line."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        lst = sub.add_parser("list", help="list every contract")
        lst.add_argument("--format", choices=["json", "csv", "table"], default="table")
        lst.add_argument("--council", help="ONS GSS code of a council, e.g. E10000018")

    def handle(self, *args, action: str, **options):
        contracts = (Contract.objects.select_related("council", "provider").prefetch_related("options")
                     .order_by("council__gss_code", "reference"))
        code = options.get("council")
        if code:
            council = Council.objects.filter(gss_code=code.upper()).first()
            if council is None:
                known = ", ".join(Council.objects.order_by("gss_code").values_list("gss_code", flat=True))
                raise CommandError(f"No council with GSS code {code!r}. Known codes: {known}")
            contracts = contracts.filter(council__in=[council, *council.districts.all()])
        records = [contract_record(c) for c in contracts]
        fmt = options["format"]
        if fmt == "json":
            self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            writer = csv.DictWriter(self.stdout, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            for r in records:
                writer.writerow({k: ("" if v is None else safe_cell(v)) for k, v in r.items()})
        else:
            from rich.console import Console
            from rich.table import Table

            table = Table(title=f"{len(records)} contracts")
            for f in ("reference", "provider", "service", "start_date", "end_date", "total_value"):
                table.add_column(f.replace("_", " "), overflow="fold")
            for r in records:
                table.add_row(r["reference"], r["provider"], r["service"], r["start_date"] or "", r["end_date"] or "",
                              f"£{r['total_value']:,.0f}")
            Console(file=self.stdout._out if hasattr(self.stdout, "_out") else sys.stdout, width=160).print(table)
