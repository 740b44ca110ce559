"""Reads of the money: contract values spread over financial years, the money view per
council, alerts, the register and its OCDS form."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch, QuerySet, Sum

from daboard.core import clock
from daboard.core.models import Council

from .models import (
    Allocation,
    Contract,
    ContractStatus,
    ExtensionOption,
    financial_year_bounds,
    financial_year_of,
)

PENNY = Decimal("0.01")


def spread_by_financial_year(value: Decimal, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """A value spread over the financial years a period touches, pro rata by days
    (start and end inclusive). Rounded to pence; the last year takes the remainder so the
    parts add up to the value exactly."""
    if end < start:
        raise ValueError("end before start")
    total_days = (end - start).days + 1
    parts: dict[str, Decimal] = {}
    cursor = start
    while cursor <= end:
        year = financial_year_of(cursor)
        _fy_start, fy_end = financial_year_bounds(year)
        chunk_end = min(fy_end, end)
        days = (chunk_end - cursor).days + 1
        parts[year] = (value * days / total_days).quantize(PENNY, rounding=ROUND_HALF_UP)
        cursor = chunk_end + dt.timedelta(days=1)
    last = list(parts)[-1]
    parts[last] += value - sum(parts.values())
    return parts


def contracts_for(council: Council) -> QuerySet[Contract]:
    return (Contract.objects.filter(council=council).select_related("provider", "lot", "contact")
            .prefetch_related(Prefetch("options", queryset=ExtensionOption.objects.order_by("order"))))


def contract_years(contract: Contract) -> dict[str, Decimal]:
    """The contract's value by financial year over the period it runs (taken-up options)."""
    end = contract.current_end()
    if contract.start_date and end:
        return spread_by_financial_year(contract.total_value, contract.start_date, end)
    return {contract.commitment_year: contract.total_value} if contract.commitment_year else {}


@dataclass
class YearRow:
    year: str
    allocated: Decimal
    committed: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.allocated - self.committed


def money_view(council: Council) -> dict:
    """Allocated vs committed vs remaining by financial year, and committed by provider."""
    allocated = dict(Allocation.objects.filter(council=council).values("financial_year")
                     .annotate(total=Sum("amount")).values_list("financial_year", "total"))
    committed: dict[str, Decimal] = defaultdict(Decimal)
    by_provider: dict[int, dict] = {}
    contracts = list(contracts_for(council))
    for contract in contracts:
        years = contract_years(contract)
        row = by_provider.setdefault(contract.provider_id, {"provider": contract.provider, "years": defaultdict(Decimal),
                                                            "total": Decimal("0"), "contracts": 0})
        row["contracts"] += 1
        row["total"] += contract.total_value
        for year, amount in years.items():
            committed[year] += amount
            row["years"][year] += amount
    years = sorted(set(allocated) | set(committed))
    rows = [YearRow(y, allocated.get(y, Decimal("0")), committed.get(y, Decimal("0"))) for y in years]
    providers = sorted(by_provider.values(), key=lambda r: (-r["total"], r["provider"].name))
    for p in providers:
        p["by_year"] = [p["years"].get(y, Decimal("0")) for y in years]
    districts = (Allocation.objects.filter(council__parent=council).values("financial_year")
                 .annotate(total=Sum("amount")).order_by("financial_year"))
    return {"council": council, "years": years, "rows": rows, "providers": providers, "contracts": contracts,
            "district_allocations": list(districts),
            "totals": YearRow("All years", sum((r.allocated for r in rows), Decimal("0")),
                              sum((r.committed for r in rows), Decimal("0")))}


@dataclass
class Alert:
    contract: Contract
    kind: str  # "extension_decision" or "contract_end"
    due: dt.date
    option: ExtensionOption | None = None

    @property
    def overdue(self) -> bool:
        return self.due < clock.today()

    @property
    def label(self) -> str:
        if self.kind == "extension_decision":
            return f"Decide extension option {self.option.order} ({self.option.months} months to {self.option.runs_to:%-d %B %Y})"
        return "Contract ends"


def contract_alerts(council: Council, today: dt.date, days: int | None = None) -> list[Alert]:
    """Undecided extension options whose decision is due within `days`, or overdue however
    long ago (an undecided decision stays until it is recorded, even after the term has run
    out), and contracts ending within `days` with no option left to take."""
    days = council.contract_alert_days if days is None else days
    horizon = today + dt.timedelta(days=days)
    alerts: list[Alert] = []
    for contract in contracts_for(council).exclude(status=ContractStatus.ENDED):
        end = contract.current_end()
        for option in contract.options.all():
            if option.exercised is None and option.decision_due <= horizon:
                alerts.append(Alert(contract, "extension_decision", option.decision_due, option))
        undecided = any(o.exercised is None for o in contract.options.all())
        if end and today <= end <= horizon and not undecided:
            alerts.append(Alert(contract, "contract_end", end))
    return sorted(alerts, key=lambda a: a.due)


# --- Open Contracting Data Standard -----------------------------------------------------

OCDS_PREFIX = "ocds-daboard"


def ocds_release_package(council: Council, *, published: dt.datetime, uri: str) -> dict:
    """The contracts register as an OCDS 1.1 release package: one release per contract,
    with its period and the maximum extent if every extension option were taken up."""
    releases = []
    buyer_id = f"GB-LAE-{council.gss_code}"
    for c in contracts_for(council):
        provider_id = f"{OCDS_PREFIX}-org-{c.provider.slug}"
        period = {}
        if c.start_date:
            period["startDate"] = f"{c.start_date.isoformat()}T00:00:00Z"
        end = c.current_end()
        if end:
            period["endDate"] = f"{end.isoformat()}T23:59:59Z"
        maximum = c.maximum_end()
        if maximum:
            period["maxExtentDate"] = f"{maximum.isoformat()}T23:59:59Z"
        status = {"drafting": "pending", "live": "active", "extended": "active", "ended": "terminated"}[c.current_status]
        contract = {
            "id": c.reference, "awardID": c.reference, "title": c.service, "status": status,
            "value": {"amount": float(c.total_value), "currency": "GBP"},
        }
        if period:
            contract["period"] = period
        release = {
            "ocid": f"{OCDS_PREFIX}-{council.gss_code}-{c.reference}",
            "id": f"{c.reference}-{published:%Y%m%d}",
            "date": published.isoformat().replace("+00:00", "Z"),
            "tag": ["contract"],
            "initiationType": "tender",
            "language": "en",
            "buyer": {"id": buyer_id, "name": council.council_name},
            "parties": [
                {"id": buyer_id, "name": council.council_name, "roles": ["buyer", "procuringEntity"]},
                {"id": provider_id, "name": c.provider.name, "roles": ["supplier"]},
            ],
            "awards": [{"id": c.reference, "title": c.service, "status": "active" if status != "pending" else "pending",
                        "suppliers": [{"id": provider_id, "name": c.provider.name}],
                        "value": {"amount": float(c.total_value), "currency": "GBP"},
                        **({"contractPeriod": period} if period else {})}],
            "contracts": [contract],
        }
        if c.lot_id:
            release["tender"] = {"id": f"{OCDS_PREFIX}-tender-{c.lot.exercise_id}", "title": c.lot.exercise.title,
                                 "lots": [{"id": str(c.lot.number), "title": c.lot.title,
                                           "value": {"amount": float(c.lot.budget), "currency": "GBP"}}]}
        releases.append(release)
    return {
        "uri": uri, "version": "1.1", "publishedDate": published.isoformat().replace("+00:00", "Z"),
        "publisher": {"name": council.council_name},
        "license": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "publicationPolicy": "Published by the council from daboard's contracts register.",
        "releases": releases,
    }


REGISTER_HEADER = ["reference", "council", "provider", "service", "lot", "start_date", "initial_end", "current_end",
                   "maximum_end", "extension_options", "total_value", "status", "returns_required", "contact"]


def register_rows(contracts) -> list[list]:
    rows = []
    for c in contracts:
        options = "; ".join(f"{o.order}: {o.months} months to {o.runs_to.isoformat()}"
                            f"{' (taken up)' if o.exercised else ' (declined)' if o.exercised is False else ''}"
                            for o in c.options.all())
        rows.append([c.reference, c.council.name, c.provider.name, c.service, str(c.lot) if c.lot_id else "",
                     c.start_date.isoformat() if c.start_date else "",
                     c.initial_end.isoformat() if c.initial_end else "",
                     c.current_end().isoformat() if c.current_end() else "",
                     c.maximum_end().isoformat() if c.maximum_end() else "", options,
                     float(c.total_value), c.current_status_label, "yes" if c.returns_required else "no",
                     c.contact.name if c.contact else ""])
    return rows
