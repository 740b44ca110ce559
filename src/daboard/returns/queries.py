"""Reads for the returns pages: periods, versions, completeness and timeliness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from daboard.commissioning.models import Contract
from daboard.core.periods import Period

from .models import ReturnSubmission


def period_bounds(contract: Contract, today: dt.date) -> tuple[Period | None, Period]:
    """THE rule of which quarters a contract can have a return for (web, API and command
    line all go through it): from the quarter it started in (no start date: no lower bound)
    to the quarter it ends in, and never after the current quarter."""
    first = Period.of(contract.start_date) if contract.start_date else None
    last = Period.of(min(contract.current_end() or today, today))
    return first, last


def period_allowed(contract: Contract, period: Period, today: dt.date) -> bool:
    first, last = period_bounds(contract, today)
    key = (period.start_year, period.quarter)
    return (first is None or key >= (first.start_year, first.quarter)) and key <= (last.start_year, last.quarter)


def periods_for(contract: Contract, today: dt.date) -> list[Period]:
    """Quarters the contract can have a return for, newest first (a contract without a start
    date lists the last year's)."""
    first, last = period_bounds(contract, today)
    p = first or Period.of(today - dt.timedelta(days=365))
    periods = []
    while (p.start_year, p.quarter) <= (last.start_year, last.quarter):
        if period_allowed(contract, p, today):
            periods.append(p)
        p = p.next()
    return list(reversed(periods))


@dataclass
class PeriodStatus:
    contract: Contract
    period: Period
    due: dt.date
    state: str  # not_yet_due, due, overdue, on_time, late
    versions: int
    current: ReturnSubmission | None

    @property
    def label(self) -> str:
        return {"not_yet_due": "Not yet due", "due": "Due", "overdue": "Overdue", "on_time": "Received on time",
                "late": "Received late"}[self.state]

    @property
    def tag(self) -> str:
        return {"not_yet_due": "grey", "due": "yellow", "overdue": "red", "on_time": "green", "late": "orange"}[self.state]


def completeness(contracts, periods: list[Period], today: dt.date) -> list[PeriodStatus]:
    """For each contract that requires returns and each period it runs in: not yet due
    (quarter not over), due (over, within the due days), overdue, received on time, late.
    One query for all submissions."""
    contracts = [c for c in contracts if c.returns_required]
    subs = ReturnSubmission.objects.filter(contract__in=contracts, period__in=[str(p) for p in periods]).order_by("version")
    first_at: dict[tuple[int, str], dt.datetime] = {}
    counts: dict[tuple[int, str], int] = {}
    current: dict[tuple[int, str], ReturnSubmission] = {}
    for s in subs:
        key = (s.contract_id, s.period)
        first_at.setdefault(key, s.submitted_at)
        counts[key] = counts.get(key, 0) + 1
        if s.is_current:
            current[key] = s
    rows = []
    for c in contracts:
        for p in periods:
            if not _runs_in(c, p):
                continue
            due = p.due_date(c.council.duty_council.return_due_days)
            key = (c.pk, str(p))
            if key in first_at:
                from django.utils import timezone

                state = "on_time" if timezone.localtime(first_at[key]).date() <= due else "late"
            elif today <= p.last_day:
                state = "not_yet_due"
            elif today <= due:
                state = "due"
            else:
                state = "overdue"
            rows.append(PeriodStatus(c, p, due, state, counts.get(key, 0), current.get(key)))
    return rows


def _runs_in(contract: Contract, period: Period) -> bool:
    end = contract.current_end()
    if contract.start_date is None:
        return bool(contract.commitment_year) and contract.commitment_year == period.financial_year
    return contract.start_date <= period.last_day and (end is None or end >= period.first_day)


def approval_basis(submissions) -> dict:
    """Whether figures built on these (current) returns rest on approved ones: counts of
    returns in use and of those approved, in one query."""
    from django.db.models import Count, Q

    from .models import ReviewStatus

    agg = submissions.filter(is_current=True).aggregate(
        returns=Count("id"), approved=Count("id", filter=Q(status=ReviewStatus.APPROVED)))
    agg["all_approved"] = agg["returns"] > 0 and agg["returns"] == agg["approved"]
    agg["label"] = ("No returns yet" if not agg["returns"] else
                    "All on approved returns" if agg["all_approved"] else
                    f"{agg['approved']} of {agg['returns']} returns approved")
    return agg
