"""Eight quarters of synthetic returns for every demo contract that requires them (every
quarter, for a contract that ran fewer), most sent on time and some late. A contract that
ran more than eight quarters has its final quarter left unsent, so the commissioner sees
overdue returns."""

from __future__ import annotations

import datetime as dt
import io

from django.utils import timezone

from daboard.commissioning.models import Contract

from . import services
from .models import ReturnSubmission
from .queries import periods_for
from .synthetic import synthesize


def load_returns() -> None:
    for index, contract in enumerate(Contract.objects.filter(returns_required=True, start_date__isnull=False)
                                     .select_related("council", "provider").order_by("reference")):
        periods = list(reversed(periods_for(contract, dt.date(2099, 1, 1))))  # oldest first, all it ran in
        # The eight quarters before the last; a shorter contract has every quarter it ran.
        chosen = periods[-9:-1] if len(periods) > 8 else periods
        rows = max(20, int(contract.total_value) // 2500)
        for n, period in enumerate(chosen):
            if ReturnSubmission.objects.filter(contract=contract, period=str(period)).exists():
                continue
            buf = io.BytesIO()
            synthesize(contract, period, rows=rows, seed=1000 + index).write_csv(buf, null_value="")
            outcome = services.return_accept(acting_user=None, contract=contract, period=period, data=buf.getvalue(),
                                             filename=f"{contract.reference}-{period}.csv", source="cli")
            if not outcome.accepted:
                raise RuntimeError(f"synthetic return for {contract.reference} {period} was rejected: "
                                   f"{outcome.result.errors[0].line()}")
            late = (n + index) % 7 == 3
            sent = period.due_date(contract.council.duty_council.return_due_days) + dt.timedelta(days=6 if late else -4)
            ReturnSubmission.objects.filter(pk=outcome.submission.pk).update(
                submitted_at=timezone.make_aware(dt.datetime.combine(sent, dt.time(11, 0))))
