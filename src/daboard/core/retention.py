"""Retention rules, applied by `daboard retention run [--dry-run]`:

1. Meeting recordings are deleted once the minutes are confirmed (the minutes are the record).
2. Confirmed minutes older than the terms of reference's retention period (7 years by
   default) are flagged for a disposal review: listed and logged, never deleted by a machine.
3. Case-level return rows older than the council's retention period (7 years by default)
   are deleted. The KPIs stay answerable for every scope because they are read from the
   aggregates built at import (`insights.SubmissionAggregate`), which stay with the
   submissions; the council's and contracts' KPIs are also archived (`insights.ArchivedKpis`,
   read only for quarters purged before aggregates existed). Submissions stay as the record
   that a return was sent.
4. Error reports of rejected returns (they quote values from the file) are deleted after
   30 days.
5. Follow-up return rows older than the council's retention period are deleted after their
   counts are archived (`insights.ArchivedKpis`, contract_reference "*follow-ups"), as in 3.
6. Survivors' free-text comments are deleted DABOARD_FEEDBACK_TEXT_DAYS (two years) after
   they were reviewed (the answers to the questions are kept); used form tokens and hourly
   submission counts of the public form go once they are a day old.

Every action is printed and written to the audit log; a dry run writes only one audit
entry saying what it would have done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction

from daboard.core import clock

ERROR_REPORT_DAYS = 30


@dataclass
class Plan:
    recordings: list = field(default_factory=list)  # (meeting, recordings) whose recordings go
    minutes_for_review: list = field(default_factory=list)  # (meeting, review date)
    returns: list = field(default_factory=list)  # (council, period, submissions, rows)
    error_reports: list = field(default_factory=list)  # storage names
    followups: list = field(default_factory=list)  # (council, period, submissions, rows)
    feedback_texts: int = 0  # reviewed comments past their time

    def lines(self) -> list[str]:
        out = []
        for m, n in self.recordings:
            out.append(f"recordings: {n} of {m} (minutes confirmed)")
        for m, due in self.minutes_for_review:
            out.append(f"minutes for disposal review: {m} (retention ended {due:%-d %B %Y})")
        for council, period, subs, rows in self.returns:
            out.append(f"case rows: {rows} rows of {len(subs)} return(s), {council.name} {period} "
                       f"(older than {council.retention_years} years; KPIs archived)")
        for name in self.error_reports:
            out.append(f"error report: {name} (older than {ERROR_REPORT_DAYS} days)")
        for council, period, subs, rows in self.followups:
            out.append(f"follow-up rows: {rows} rows of {len(subs)} follow-up return(s), {council.name} {period} "
                       f"(older than {council.retention_years} years; counts archived)")
        if self.feedback_texts:
            out.append(f"survivors' comments: {self.feedback_texts} (reviewed more than "
                       f"{settings.DABOARD_FEEDBACK_TEXT_DAYS} days ago; the answers are kept)")
        return out


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def plan(today: dt.date) -> Plan:
    from django.core.files.storage import default_storage
    from django.db.models import Count, Q

    from daboard.board.models import Meeting, MeetingStatus
    from daboard.core.models import Council
    from daboard.core.periods import Period
    from daboard.returns.models import (
        CaseRecord,
        FollowUpRecord,
        FollowUpSubmission,
        ReturnSubmission,
    )

    p = Plan()
    confirmed = Meeting.objects.filter(status=MeetingStatus.MINUTES_CONFIRMED).select_related("board")
    live = confirmed.annotate(live=Count("recordings", filter=Q(recordings__deleted_at__isnull=True))).filter(live__gt=0)
    p.recordings = [(m, m.live) for m in live.order_by("date")]
    for m in confirmed.order_by("date"):
        if (until := m.minutes_kept_until) is not None and until <= today:
            p.minutes_for_review.append((m, until))
    for council in Council.objects.filter(parent__isnull=True).order_by("name"):
        if not council.is_tier_one:
            continue
        cutoff = years_after(today, -council.retention_years)
        periods = (ReturnSubmission.objects.filter(contract__council=council, rows_purged_at__isnull=True)
                   .values_list("period", flat=True).distinct())
        for period in sorted(set(periods)):
            if Period.parse(period).last_day >= cutoff:
                continue
            subs = list(ReturnSubmission.objects.filter(contract__council=council, period=period,
                                                        rows_purged_at__isnull=True).select_related("contract"))
            rows = CaseRecord.objects.filter(submission__in=subs).count()
            p.returns.append((council, period, subs, rows))
        old_followups = (FollowUpSubmission.objects.filter(contract__council=council, rows_purged_at__isnull=True)
                         .values_list("period", flat=True).distinct())
        for period in sorted(set(old_followups)):
            if Period.parse(period).last_day >= cutoff:
                continue
            subs = list(FollowUpSubmission.objects.filter(contract__council=council, period=period,
                                                          rows_purged_at__isnull=True))
            p.followups.append((council, period, subs, FollowUpRecord.objects.filter(submission__in=subs).count()))
    p.feedback_texts = _old_feedback_texts(today).count()
    if default_storage.exists("reports"):
        old = clock.now() - dt.timedelta(days=ERROR_REPORT_DAYS)
        user_dirs, _files = default_storage.listdir("reports")
        for user_dir in user_dirs:
            _sub, files = default_storage.listdir(f"reports/{user_dir}")
            for name in files:
                path = f"reports/{user_dir}/{name}"
                if default_storage.get_modified_time(path) < old:
                    p.error_reports.append(path)
    return p


def _old_feedback_texts(today: dt.date):
    from daboard.voice.models import Feedback

    cutoff = today - dt.timedelta(days=settings.DABOARD_FEEDBACK_TEXT_DAYS)
    return (Feedback.objects.filter(reviewed_on__lt=cutoff, text_purged_on__isnull=True)
            .exclude(free_text="", shared_text=""))


def run(*, today: dt.date, dry_run: bool) -> Plan:
    from django.core.files.storage import default_storage

    from daboard.board.services import recordings_destroy
    from daboard.core.periods import Period
    from daboard.insights.kpis import FOLLOWUP_ARCHIVE, Scope, compute, followup_counts
    from daboard.insights.models import ArchivedKpis
    from daboard.returns.models import (
        CaseRecord,
        FollowUpRecord,
        FollowUpSubmission,
        ReturnSubmission,
    )
    from daboard.voice.models import SubmissionCount, UsedFormToken

    from .audit import audit_record

    p = plan(today)
    if dry_run:
        audit_record(actor=None, action="retention.dry_run", detail={"would": p.lines()[:200]})
        return p
    for meeting, _n in p.recordings:
        recordings_destroy(meeting=meeting, reason="retention: minutes confirmed")
    for meeting, due in p.minutes_for_review:
        audit_record(actor=None, action="retention.minutes_flagged", obj=meeting,
                     detail={"retention_ended": due.isoformat()})
    for council, period, subs, rows in p.returns:
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
            audit_record(actor=None, action="retention.case_rows_deleted", obj=council,
                         detail={"period": period, "returns": len(subs), "rows": rows, "kpis_archived": True})
    for council, period, subs, rows in p.followups:
        with transaction.atomic():
            ArchivedKpis.objects.update_or_create(
                council=council, period=period, contract_reference=FOLLOWUP_ARCHIVE,
                defaults={"result": {"counts": followup_counts([Period.parse(period)], Scope(council=council.gss_code))},
                          "rows": rows})
            FollowUpRecord.objects.filter(submission__in=subs).delete()
            FollowUpSubmission.objects.filter(pk__in=[s.pk for s in subs]).update(rows_purged_at=clock.now())
            audit_record(actor=None, action="retention.followup_rows_deleted", obj=council,
                         detail={"period": period, "returns": len(subs), "rows": rows, "counts_archived": True})
    if p.feedback_texts:
        with transaction.atomic():
            purged = _old_feedback_texts(today).update(free_text="", shared_text="", text_purged_on=today)
            audit_record(actor=None, action="retention.feedback_text_deleted", detail={"comments": purged})
    UsedFormToken.objects.filter(expires_at__lt=clock.now()).delete()
    SubmissionCount.objects.filter(hour__lt=clock.now() - dt.timedelta(days=1)).delete()
    for name in p.error_reports:
        default_storage.delete(name)
    if p.error_reports:
        audit_record(actor=None, action="retention.error_reports_deleted", detail={"files": len(p.error_reports)})
    return p
