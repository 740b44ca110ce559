"""Reads for the returns pages: periods, versions, completeness and timeliness."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from daboard.commissioning.models import Contract
from daboard.core.periods import Period

from .models import ReturnSubmission, ReturnWaiver


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
    state: str  # not_yet_due, due, overdue, on_time, late, waived
    versions: int
    current: ReturnSubmission | None
    waiver: ReturnWaiver | None = None

    @property
    def label(self) -> str:
        return {"not_yet_due": "Not yet due", "due": "Due", "overdue": "Overdue", "on_time": "Received on time",
                "late": "Received late", "waived": "Waived"}[self.state]

    @property
    def tag(self) -> str:
        return {"not_yet_due": "grey", "due": "yellow", "overdue": "red", "on_time": "green", "late": "orange",
                "waived": "blue"}[self.state]

    @property
    def waivable(self) -> bool:
        """A return the quarter of which is over and that has not arrived may be waived."""
        return self.state in ("due", "overdue")


def _state(period: Period, due: dt.date, today: dt.date) -> str:
    """A return not received and not waived: not yet due, due or overdue."""
    if today <= period.last_day:
        return "not_yet_due"
    return "due" if today <= due else "overdue"


def completeness(contracts, periods: list[Period], today: dt.date) -> list[PeriodStatus]:
    """For each contract that requires returns and each period it runs in: not yet due
    (quarter not over), due (over, within the due days), overdue, received on time, late,
    or waived by the commissioner (a return that arrives after its waiver counts as
    received). One query for all submissions, one for the waivers."""
    contracts = [c for c in contracts if c.returns_required]
    names = [str(p) for p in periods]
    subs = ReturnSubmission.objects.filter(contract__in=contracts, period__in=names).order_by("version")
    waivers = {(w.contract_id, w.period): w for w in ReturnWaiver.objects.filter(contract__in=contracts, period__in=names)}
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
            elif key in waivers:
                state = "waived"
            else:
                state = _state(p, due, today)
            rows.append(PeriodStatus(c, p, due, state, counts.get(key, 0), current.get(key), waivers.get(key)))
    return rows


def contract_periods(contract: Contract, today: dt.date) -> list[Period]:
    """Every quarter the contract runs in, from its start (or, with no start date, its
    commitment year) to the quarter it ends in, and never after the current quarter;
    oldest first."""
    if contract.start_date is not None:
        p = Period.of(contract.start_date)
    elif contract.commitment_year:
        p = Period(int(contract.commitment_year[:4]), 1)
    else:
        return []
    last = Period.of(today)
    out = []
    while (p.start_year, p.quarter) <= (last.start_year, last.quarter):
        if _runs_in(contract, p):
            out.append(p)
        elif out:
            break  # past the contract's end
        p = p.next()
    return out


def outstanding(contracts, today: dt.date) -> list[PeriodStatus]:
    """Every return the contracts still owe, however old: each quarter from the contract's
    start to its end (never after the current quarter) for which no version has arrived
    and nothing was waived, as not yet due, due or overdue. A return is never dropped
    because it is old. One query (the quarters already settled: received or waived)."""
    contracts = [c for c in contracts if c.returns_required]
    ids = [c.pk for c in contracts]
    received = ReturnSubmission.objects.filter(contract__in=ids).order_by().values_list("contract_id", "period")
    waived = ReturnWaiver.objects.filter(contract__in=ids).order_by().values_list("contract_id", "period")
    settled = set(received.union(waived)) if ids else set()
    rows = []
    for c in contracts:
        days = c.council.duty_council.return_due_days
        for p in contract_periods(c, today):
            if (c.pk, str(p)) not in settled:
                due = p.due_date(days)
                rows.append(PeriodStatus(c, p, due, _state(p, due, today), 0, None))
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
