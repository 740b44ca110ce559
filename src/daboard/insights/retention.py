"""The retention rules for case-level rows (core/retention.py runs them): quarterly and
follow-up return rows older than the council's retention period are deleted, after the
council's and contracts' KPIs (follow-up counts) are archived in `insights.ArchivedKpis`.
The submissions stay as the record that a return was sent. Insights holds the rules
because archiving needs its KPIs."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record
from daboard.core.models import Council
from daboard.core.retention import Rule, years_after
from daboard.returns.models import CaseRecord, FollowUpRecord, FollowUpSubmission, ReturnSubmission
from daboard.returns.standard.v1 import Period

from .audit_actions import InsightsAudit
from .kpis import FOLLOWUP_ARCHIVE, Scope, compute, followup_counts
from .models import ArchivedKpis


def _past(model, council: Council, today: dt.date) -> list[str]:
    cutoff = years_after(today, -council.retention_years)
    periods = (model.objects.filter(contract__council=council, rows_purged_at__isnull=True)
               .values_list("period", flat=True).distinct())
    return [p for p in sorted(set(periods)) if Period.parse(p).last_day < cutoff]


def _tier_one_councils():
    return [c for c in Council.objects.filter(parent__isnull=True).order_by("name") if c.is_tier_one]


def _returns(today: dt.date) -> list:
    found = []
    for council in _tier_one_councils():
        for period in _past(ReturnSubmission, council, today):
            subs = list(ReturnSubmission.objects.filter(contract__council=council, period=period,
                                                        rows_purged_at__isnull=True).select_related("contract"))
            found.append((council, period, subs, CaseRecord.objects.filter(submission__in=subs).count()))
    return found


def _returns_apply(found: list, today: dt.date) -> None:
    for council, period, subs, rows in found:
        quarter = Period.parse(period)
        with transaction.atomic():
            ArchivedKpis.objects.update_or_create(
                council=council, period=period, contract_reference="",
                defaults={"result": compute(quarter, Scope(council=council.gss_code)), "rows": rows})
            for contract in {s.contract for s in subs}:
                ArchivedKpis.objects.update_or_create(
                    council=council, period=period, contract_reference=contract.reference,
                    defaults={"result": compute(quarter, Scope(contract=contract.reference)),
                              "rows": CaseRecord.objects.filter(submission__contract=contract, period=period).count()})
            CaseRecord.objects.filter(submission__in=subs).delete()  # no dependents: one DELETE
            ReturnSubmission.objects.filter(pk__in=[s.pk for s in subs]).update(rows_purged_at=clock.now())
            audit_record(actor=None, action=InsightsAudit.RETENTION_CASE_ROWS_DELETED, obj=council,
                         detail={"period": period, "returns": len(subs), "rows": rows, "kpis_archived": True})


def _followups(today: dt.date) -> list:
    found = []
    for council in _tier_one_councils():
        for period in _past(FollowUpSubmission, council, today):
            subs = list(FollowUpSubmission.objects.filter(contract__council=council, period=period,
                                                          rows_purged_at__isnull=True))
            found.append((council, period, subs, FollowUpRecord.objects.filter(submission__in=subs).count()))
    return found


def _followups_apply(found: list, today: dt.date) -> None:
    for council, period, subs, rows in found:
        with transaction.atomic():
            ArchivedKpis.objects.update_or_create(
                council=council, period=period, contract_reference=FOLLOWUP_ARCHIVE,
                defaults={"result": {"counts": followup_counts([Period.parse(period)], Scope(council=council.gss_code))},
                          "rows": rows})
            FollowUpRecord.objects.filter(submission__in=subs).delete()
            FollowUpSubmission.objects.filter(pk__in=[s.pk for s in subs]).update(rows_purged_at=clock.now())
            audit_record(actor=None, action=InsightsAudit.RETENTION_FOLLOWUP_ROWS_DELETED, obj=council,
                         detail={"period": period, "returns": len(subs), "rows": rows, "counts_archived": True})


RULES = [
    Rule("insights.case_rows", 30, _returns,
         lambda f: (f"case rows: {f[3]} rows of {len(f[2])} return(s), {f[0].name} {f[1]} "
                    f"(older than {f[0].retention_years} years; KPIs archived)"), _returns_apply),
    Rule("insights.followup_rows", 50, _followups,
         lambda f: (f"follow-up rows: {f[3]} rows of {len(f[2])} follow-up return(s), {f[0].name} {f[1]} "
                    f"(older than {f[0].retention_years} years; counts archived)"), _followups_apply),
]
