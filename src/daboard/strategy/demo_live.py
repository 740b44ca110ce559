"""The strategy in force today, with its review coming up (synthetic).

Leicestershire's Domestic Abuse Reduction Strategy ran 2022-2025 (the seeds); what came
after is not in the published papers. So that the demo's statutory calendar has a live
review, this step records a successor strategy, from 2025 to a year past today's, whose
review falls due about four months from today. Its priorities are placeholders that the
commissioner names.
"""

from __future__ import annotations

import datetime as dt

from daboard.core import clock
from daboard.core.models import Council

from .models import Priority, Strategy, StrategyStatus

NOTE = "Demo only (not in the published papers): laid relative to today so that the demo is live."


def load_strategy_review() -> None:
    today = clock.today()
    leics = Council.objects.get(gss_code="E10000018")
    strategy, _ = Strategy.objects.update_or_create(
        council=leics, title="Leicestershire Domestic Abuse Strategy (demo successor)", defaults={
            "starts": 2025, "ends": max(2028, today.year + 1), "status": StrategyStatus.ADOPTED,
            "review_due": today + dt.timedelta(days=120), "source_note": NOTE})
    for n in range(1, 6):
        Priority.objects.update_or_create(strategy=strategy, number=n, defaults={
            "title": f"Priority {n} (demo placeholder)", "description": "The commissioner names it."})
