"""What the money achieved: for each service (contract) and financial year, its cost beside
the people it supported and the outcomes they reached, from the quarterly returns.

- Cost: the contract's total value spread over the days it runs in each year (the cost of
  delivering the service that year; the ledger says which allocation pays for it).
- People supported: distinct case references in the year's current returns whose referral
  was accepted.
- Successful outcomes: of those, distinct cases closed in the year with support completed;
  felt safer: closed in the year with a safety score at exit above the one at intake.
- Cost per person supported and per successful outcome: cost divided by each count.

The board's copy (page and PDF, whoever reads it) applies disclosure control: counts of
people in each year's table get primary and secondary suppression, and a cost per person
or per outcome built on a suppressed count is suppressed with it, and one built on a
rounded count (the NHS method) uses the rounded count (cost is public, so a quotient of
the exact count would give the count away).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.template.loader import render_to_string

from daboard.commissioning.queries import contract_years, contracts_for
from daboard.core.disclosure import SUPPRESSED, Policy, Tables, protect
from daboard.core.models import Council
from daboard.core.pdf import html_to_pdf
from daboard.returns.models import CaseRecord

POUND = Decimal("1")


# Built once (each query resolves its own copy): distinct people, so these read the case
# rows; the aggregates built at import are sums over returns and cannot tell one person in
# two quarters from two people.
_YEAR = Substr("period", 1, 7)
_COUNTS = {"people": Count("case_ref", distinct=True, filter=Q(referral_outcome="accepted")),
           "closed": Count("case_ref", distinct=True, filter=Q(closure_reason="support_completed")),
           "safer": Count("case_ref", distinct=True, filter=Q(safety_exit__gt=F("safety_intake")))}


def _counts(council: Council) -> dict[tuple[str, str], dict[str, int]]:
    """(contract reference, financial year) → people supported, successful outcomes, felt safer."""
    rows = (CaseRecord.objects.filter(council=council, submission__is_current=True)
            .annotate(year=_YEAR)
            .values("submission__contract__reference", "year")
            .annotate(**_COUNTS)
            .order_by())
    out = {}
    for r in rows:
        out[(r["submission__contract__reference"], r["year"])] = {"people": r["people"], "outcomes": r["closed"],
                                                                  "safer": r["safer"]}
    return out


def _per(cost: Decimal, n: int) -> Decimal | None:
    return (cost / n).quantize(POUND, rounding=ROUND_HALF_UP) if n else None


def impact(council: Council) -> list[dict]:
    """For each financial year with returns: each service's cost, people, outcomes and
    costs per person and per outcome, and the year's total. Unsuppressed."""
    council = council.duty_council
    counts = _counts(council)
    years = sorted({y for (_ref, y) in counts})
    out = []
    for year in years:
        services = []
        for c in contracts_for(council):
            cost = contract_years(c).get(year)
            n = counts.get((c.reference, year))
            if cost is None and n is None:
                continue
            n = n or {"people": 0, "outcomes": 0, "safer": 0}
            cost = cost or Decimal(0)
            services.append({"reference": c.reference, "service": c.service, "provider": c.provider.name,
                             "cost": cost, **n, "per_person": _per(cost, n["people"]),
                             "per_outcome": _per(cost, n["outcomes"])})
        total = {k: sum(s[k] for s in services) for k in ("people", "outcomes", "safer")}
        cost = sum((s["cost"] for s in services), Decimal(0))
        out.append({"year": year, "services": services,
                    "total": {"cost": cost, **total, "per_person": _per(cost, total["people"]),
                              "per_outcome": _per(cost, total["outcomes"])}})
    return out


def suppress(years: list[dict], policy: Policy) -> list[dict]:
    """The impact tables as the board may see them: each year's services and their total
    protected together (core.disclosure), people, outcomes and felt safer each adding up
    to the year's total."""
    out = []
    for y in years:
        t = Tables()
        for key in ("people", "outcomes", "safer"):
            t.counts[("total", key)] = y["total"][key]
            for s in y["services"]:
                t.counts[(s["reference"], key)] = s[key]
            t.add_sum(("total", key), [(s["reference"], key) for s in y["services"]])
        shown = protect(t, policy)
        services = [_quotients({**s, **{k: shown[(s["reference"], k)] for k in ("people", "outcomes", "safer")}})
                    for s in y["services"]]
        total = _quotients({**y["total"], **{k: shown[("total", k)] for k in ("people", "outcomes", "safer")}})
        out.append({"year": y["year"], "services": services, "total": total})
    return out


def _quotients(shown: dict) -> dict:
    """Cost per person and per outcome from the counts as shown, never the exact ones: a
    suppressed count suppresses its quotient, and a rounded count (the NHS method) gives a
    quotient of the rounded count, so public cost divided by it yields nothing finer."""
    for per, key in (("per_person", "people"), ("per_outcome", "outcomes")):
        n = shown[key]
        shown[per] = SUPPRESSED if n == SUPPRESSED else _per(shown["cost"], n if isinstance(n, int) else 0)
    return shown


def impact_context(council: Council, *, today: dt.date) -> dict:
    council = council.duty_council
    policy = Policy.for_council(council)
    return {"council": council, "today": today, "years": suppress(impact(council), policy),
            "threshold": policy.threshold, "suppressed_mark": SUPPRESSED}


def impact_pdf(council: Council, *, today: dt.date) -> bytes:
    return html_to_pdf(render_to_string("insights/pdf/impact.html", impact_context(council, today=today)))


def impact_rows(ctx: dict) -> tuple[list[str], list[list]]:
    header = ["financial_year", "reference", "service", "provider", "cost", "people_supported", "successful_outcomes",
              "felt_safer", "cost_per_person", "cost_per_successful_outcome"]
    rows = []
    for y in ctx["years"]:
        for s in [*y["services"], {**y["total"], "reference": "Total", "service": "", "provider": ""}]:
            rows.append([y["year"], s["reference"], s["service"], s["provider"], float(s["cost"]), s["people"],
                         s["outcomes"], s["safer"], *[float(v) if isinstance(v, Decimal) else v
                                                      for v in (s["per_person"], s["per_outcome"])]])
    return header, rows

