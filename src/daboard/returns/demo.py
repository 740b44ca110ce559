"""Synthetic returns for the last eight complete quarters before the project clock's today,
for every demo contract that requires them and ran in them.

Earlier quarters were sent, most a few days before the due date and some a few days late.
The latest complete quarter is as it would be today: before its due date only some
services have sent it (the rest are due); after it, one service in six has not (overdue).
The figures are each service's own people (``synthetic.demo_return``), so they move from
quarter to quarter with the seasons and the service's life, not a constant.

A return that never arrived stays overdue however old (``queries.outstanding``), so the
quarters a contract ran in before those eight are waived, with the reason saying why (the
published papers hold no returns): the demo's overdue returns are the ones it means.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib

from django.utils import timezone

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.appconfig import DemoStep
from daboard.core.periods import Period

from . import services
from .models import ReturnSubmission, ReturnWaiver
from .queries import _runs_in, contract_periods
from .synthetic import demo_return

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("Eight quarters of synthetic returns", "daboard.returns.demo.load_returns", live=True),
)

QUARTERS = 8
# The demo's late senders: Freeva's helpline has missed its last two returns (so one is
# overdue on any day), the LGBTQ+ service its latest once that is past its due date.
MISSING = {"LCC-DA-08-2": 2, "LCC-DA-03-2": 1}
BEFORE_REASON = ("Demo only (not in the published papers): returns for quarters before {first} were sent "
                 "before daboard was in use and are not loaded.")


def demo_quarters(today: dt.date) -> list[Period]:
    """The last eight complete quarters, oldest first."""
    return Period.of(today).previous().back(QUARTERS)


def sent_on(*, reference: str, index: int, n: int, period: Period, due: dt.date, today: dt.date) -> dt.date | None:
    """When the demo says the return was sent, or None if it has not been (yet)."""
    if n >= QUARTERS - MISSING.get(reference, 0):
        return None  # overdue (or, for the latest quarter before its due date, due)
    if n == QUARTERS - 1 and today <= due and index % 3 != 0:
        return None  # still due: only some services send early
    late = (n + index) % 7 == 3
    day = due + dt.timedelta(days=6 if late else -4 - index % 5)
    return max(period.last_day + dt.timedelta(days=1), min(day, today))


def load_returns() -> None:
    load_submissions()
    waive_earlier_quarters()


def load_submissions() -> None:
    today = clock.today()
    quarters = demo_quarters(today)
    contracts = (Contract.objects.filter(returns_required=True, start_date__isnull=False)
                 .select_related("council", "provider").prefetch_related("options").order_by("reference"))
    for index, contract in enumerate(contracts):
        due_days = contract.council.duty_council.return_due_days
        for n, period in enumerate(quarters):
            if not _runs_in(contract, period):
                continue
            sent = sent_on(reference=contract.reference, index=index, n=n, period=period, due=period.due_date(due_days), today=today)
            if sent is None or ReturnSubmission.objects.filter(contract=contract, period=str(period)).exists():
                continue
            buf = io.BytesIO()
            demo_return(contract, period, seed=zlib.crc32(contract.reference.encode())).write_csv(buf, null_value="")
            outcome = services.return_accept(acting_user=None, contract=contract, period=period, data=buf.getvalue(),
                                             filename=f"{contract.reference}-{period}.csv", source="cli")
            if not outcome.accepted:
                raise RuntimeError(f"synthetic return for {contract.reference} {period} was rejected: "
                                   f"{outcome.result.errors[0].line()}")
            ReturnSubmission.objects.filter(pk=outcome.submission.pk).update(
                submitted_at=timezone.make_aware(dt.datetime.combine(sent, dt.time(11, 0))))


def waive_earlier_quarters() -> None:
    """Waive every quarter before the demo's eight that a contract needing returns ran in
    and has neither a return nor a waiver for (one bulk insert)."""
    today = clock.today()
    first = demo_quarters(today)[0]
    contracts = (Contract.objects.filter(returns_required=True).select_related("council", "provider")
                 .prefetch_related("options").order_by("reference"))
    settled = set(ReturnSubmission.objects.filter(contract__in=contracts).order_by().values_list("contract_id", "period")
                  .union(ReturnWaiver.objects.filter(contract__in=contracts).order_by()
                         .values_list("contract_id", "period")))
    reason = BEFORE_REASON.format(first=first)
    ReturnWaiver.objects.bulk_create([
        ReturnWaiver(contract=contract, period=str(p), reason=reason)
        for contract in contracts for p in contract_periods(contract, today)
        if (p.start_year, p.quarter) < (first.start_year, first.quarter) and (contract.pk, str(p)) not in settled])
