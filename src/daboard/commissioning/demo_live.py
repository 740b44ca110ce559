"""Synthetic services running today, so that the demo is alive on whatever day it is loaded.

The seeds' contracts ran from 2022 and their options ran out in 2025-26; the published
papers stop there. This step lays, relative to the project clock's today:

- a successor contract for each seed contract, starting the day after the seed contract's
  current end (its last option is recorded as not taken), for whole years so that it runs
  past today, with one extension option whose decision falls due around today (a few
  already overdue, most coming up over the next year);
- a contract for each lot of the safe accommodation procurement that was awarded, so the
  demo has accommodation-based support.

Every record made here says "Demo only" in its notes: none of it is in the published papers.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from daboard.core import clock
from daboard.core.periods import add_months

from .choices import ContractStatus
from .models import Contract, ExtensionOption, Lot

LOT_PREFIX = {"E10000018": "LCC"}
DEMO_NOTE = "Demo only (not in the published papers): laid relative to today so that the demo is live."


def _whole_years_past(start: dt.date, until: dt.date, minimum: int = 2) -> int:
    years = minimum
    while add_months(start, 12 * years) <= until:
        years += 1
    return years


def _successor(*, reference: str, service: str, provider, council, contact, category: str, start: dt.date,
               annual: Decimal, spread_days: int, today: dt.date) -> Contract:
    years = _whole_years_past(start, today + dt.timedelta(days=spread_days))
    contract, _ = Contract.objects.update_or_create(reference=reference, defaults={
        "council": council, "service": service, "provider": provider, "start_date": start,
        "initial_term_months": 12 * years, "status": ContractStatus.LIVE, "returns_required": True,
        "total_value": (annual * years).quantize(Decimal("1"), rounding=ROUND_HALF_UP), "contact": contact,
        "support_category": category, "approved_by": None, "notes": DEMO_NOTE})
    contract.options.all().delete()
    initial_end = contract.initial_end
    ExtensionOption.objects.create(
        contract=contract, order=1, months=12, runs_to=add_months(initial_end + dt.timedelta(days=1), 12)
        - dt.timedelta(days=1), decision_due=initial_end - dt.timedelta(days=91), exercised=None)
    return contract


def load_live_contracts() -> None:
    today = clock.today()
    seeds = (Contract.objects.filter(reference__startswith="LCC-DA-", start_date__isnull=False)
             .exclude(notes__startswith="Demo only").select_related("council", "provider", "contact").order_by("reference"))
    for i, seed in enumerate(seeds):
        # The papers do not say what happened at the last option; the demo says it was not
        # taken and the service was recommissioned.
        seed.options.filter(exercised__isnull=True).update(exercised=False)
        end = seed.current_end()
        years = Decimal((end - seed.start_date).days + 1) / Decimal("365.25")
        _successor(reference=f"{seed.reference}-2", service=seed.service, provider=seed.provider,
                   council=seed.council, contact=seed.contact, category=seed.support_category,
                   start=end + dt.timedelta(days=1), annual=seed.total_value / max(years, Decimal(1)),
                   spread_days=30 * (i % 11), today=today)
    lots = Lot.objects.filter(route__in=["competition", "direct"], awarded_to__isnull=False, budget__gt=0) \
        .select_related("exercise__council", "awarded_to").order_by("exercise_id", "number")
    contact = seeds[0].contact if seeds else None
    for lot in lots:
        council = lot.exercise.council
        # Awards were reported to the board of 28 June 2024; the demo starts the support the
        # first day of the next quarter.
        _successor(reference=f"{LOT_PREFIX.get(council.gss_code, council.gss_code)}-SA-L{lot.number}",
                   service=f"Support within safe accommodation: {lot.title}", provider=lot.awarded_to,
                   council=council, contact=contact, category="housing", start=dt.date(2024, 7, 1),
                   annual=lot.budget / 2, spread_days=45 * lot.number, today=today)
