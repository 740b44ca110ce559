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
from daboard.core.periods import financial_year_bounds, financial_year_of
from daboard.core.permissions import contracts_visible

from .choices import CommitmentKind, ContractStatus
from .models import (
    OPEN_POST_STATUSES,
    Allocation,
    Commitment,
    Contract,
    DistrictPlan,
    ExtensionOption,
    Post,
)

PENNY = Decimal("0.01")


def spread_by_financial_year(value: Decimal, start: dt.date, end: dt.date) -> dict[str, Decimal]:
    """A value spread over the financial years a period touches, pro rata by days (start and
    end inclusive), in whole pence by largest remainder: each year gets its share rounded
    down, and the pence left over go one each to the years with the largest remainders
    (earliest first on a tie), so the parts add up to the value exactly and none is negative."""
    if end < start:
        raise ValueError("end before start")
    total_days = (end - start).days + 1
    days_in: dict[str, int] = {}
    cursor = start
    while cursor <= end:
        year = financial_year_of(cursor)
        chunk_end = min(financial_year_bounds(year)[1], end)
        days_in[year] = (chunk_end - cursor).days + 1
        cursor = chunk_end + dt.timedelta(days=1)
    pence = int((value / PENNY).to_integral_value(rounding=ROUND_HALF_UP))
    shares = {y: divmod(pence * d, total_days) for y, d in days_in.items()}
    left = pence - sum(q for q, _r in shares.values())
    order = sorted(shares, key=lambda y: (-shares[y][1], y))
    parts = {y: shares[y][0] + (1 if y in order[:left] else 0) for y in days_in}
    return {y: (Decimal(p) * PENNY) for y, p in parts.items()}


def contracts_for(council: Council) -> QuerySet[Contract]:
    return (Contract.objects.filter(council=council).select_related("provider", "lot", "contact")
            .prefetch_related(Prefetch("options", queryset=ExtensionOption.objects.order_by("order"))))


def contract_years(contract: Contract) -> dict[str, Decimal]:
    """The contract's value by financial year over the period it runs (taken-up options)."""
    end = contract.current_end()
    if contract.start_date and end:
        return spread_by_financial_year(contract.total_value, contract.start_date, end)
    return {contract.commitment_year: contract.total_value} if contract.commitment_year else {}


UNKNOWN_YEAR = ""  # a commitment the papers do not place in a financial year
UNKNOWN_YEAR_LABEL = "Year not in the published papers"


def commitment_years(commitment: Commitment) -> dict[str, Decimal]:
    """A ledger line by financial year: spread by days over its dates, or all in the year it
    counts against, or under UNKNOWN_YEAR when the papers give neither."""
    if commitment.start_date and commitment.end_date:
        return spread_by_financial_year(commitment.amount, commitment.start_date, commitment.end_date)
    return {commitment.financial_year or UNKNOWN_YEAR: commitment.amount}


def ledger(council: Council) -> QuerySet[Commitment]:
    """Every commitment of the council, with what the money view and the reports show of it."""
    return (Commitment.objects.filter(council=council)
            .select_related("payee", "contract", "lot__exercise", "plan_line__plan", "approved_by__minute__meeting")
            .order_by("kind", "title", "pk"))


def ledger_in_year(council: Council, year: str) -> list[tuple[Commitment, Decimal]]:
    """The ledger lines with an amount in the financial year, and that amount."""
    out = []
    for c in ledger(council):
        amount = commitment_years(c).get(year)
        if amount:
            out.append((c, amount))
    return out


def contracts() -> QuerySet:
    """Every contract, with its council and provider (for a view to fetch one through
    `get_object_or_404_for`)."""
    return Contract.objects.select_related("council", "provider")


def council_contracts(council: Council) -> QuerySet:
    return Contract.objects.filter(council=council).select_related("provider").order_by("reference")


def visible_contracts(user) -> QuerySet:
    """Contracts of the user's councils (officers), or of the user's own organisation (provider)."""
    return contracts_visible(user, Contract.objects.all())


@dataclass
class YearRow:
    year: str
    allocated: Decimal | None  # None: the allocation is not known
    committed: Decimal

    @property
    def label(self) -> str:
        return self.year or UNKNOWN_YEAR_LABEL

    @property
    def remaining(self) -> Decimal | None:
        return None if self.allocated is None else self.allocated - self.committed

    @property
    def over_committed(self) -> bool:
        return self.remaining is not None and self.remaining < 0


def money_view(council: Council) -> dict:
    """Allocated vs committed vs remaining by financial year (an unknown allocation stays
    unknown), committed by kind and by payee, every ledger line, and the open posts."""
    allocated = dict(Allocation.objects.filter(council=council).values("financial_year")
                     .annotate(total=Sum("amount")).values_list("financial_year", "total"))
    committed: dict[str, Decimal] = defaultdict(Decimal)
    by_payee: dict[str, dict] = {}
    by_kind: dict[str, dict] = {}
    lines = []
    for c in ledger(council):
        years = commitment_years(c)
        lines.append({"commitment": c, "years": years})
        name = c.payee.name if c.payee else "Not named in the papers"
        payee = by_payee.setdefault(name, {"name": name, "years": defaultdict(Decimal), "total": Decimal(0), "lines": 0})
        kind = by_kind.setdefault(c.kind, {"name": c.get_kind_display(), "years": defaultdict(Decimal),
                                           "total": Decimal(0), "lines": 0})
        for row in (payee, kind):
            row["lines"] += 1
            row["total"] += c.amount
        for year, amount in years.items():
            committed[year] += amount
            payee["years"][year] += amount
            kind["years"][year] += amount
    known = sorted(set(allocated) | {y for y in committed if y})
    years = known + ([UNKNOWN_YEAR] if UNKNOWN_YEAR in committed else [])
    rows = [YearRow(y, allocated.get(y) if y else None, committed.get(y, Decimal(0))) for y in years]
    payees = sorted(by_payee.values(), key=lambda r: (-r["total"], r["name"]))
    kinds = [by_kind[k] for k in CommitmentKind.values if k in by_kind]
    for row in (*payees, *kinds):
        row["by_year"] = [row["years"].get(y, Decimal(0)) for y in years]
    for line in lines:
        line["by_year"] = [line["years"].get(y) for y in years]
    districts = (Allocation.objects.filter(council__parent=council).values("financial_year")
                 .annotate(total=Sum("amount")).order_by("financial_year"))
    known_allocated = [r.allocated for r in rows if r.allocated is not None]
    return {"council": council, "years": years, "year_labels": [r.label for r in rows], "rows": rows,
            "payees": payees, "kinds": kinds, "lines": lines, "contracts": list(contracts_for(council)),
            "unknown_allocations": [r.year for r in rows if r.allocated is None and r.year],
            "district_allocations": list(districts), "open_posts": open_posts(council),
            "totals": _totals(sum(known_allocated, Decimal(0)), sum(committed.values(), Decimal(0)),
                              len(known_allocated) == len(rows))}


def _totals(allocated: Decimal, committed: Decimal, all_known: bool) -> dict:
    return {"allocated": allocated, "committed": committed, "all_known": all_known,
            "remaining": allocated - committed if all_known else None}


def posts_for(council: Council) -> QuerySet[Post]:
    return (Post.objects.filter(council=council).select_related("employer", "commitment")
            .prefetch_related("history"))


def open_posts(council: Council) -> list[Post]:
    """Posts vacant, being recruited to, at interview or offered but not yet in post."""
    return list(posts_for(council).filter(status__in=OPEN_POST_STATUSES))


def district_plans(council: Council) -> list[dict]:
    """For each district of the council: its allocation each year beside its plan and return."""
    allocations = defaultdict(dict)
    for a in Allocation.objects.filter(council__parent=council).select_related("council"):
        allocations[a.council_id][a.financial_year] = a
    plans = {(p.district_id, p.financial_year): p for p in DistrictPlan.objects.filter(district__parent=council)}
    out = []
    for district in council.districts.order_by("name"):
        years = sorted(set(allocations[district.pk]) | {y for (d, y) in plans if d == district.pk})
        out.append({"district": district, "years": [
            {"year": y, "allocation": allocations[district.pk].get(y), "plan": plans.get((district.pk, y))}
            for y in years]})
    return out


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
