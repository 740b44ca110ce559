"""Every write of the insights app: in a transaction, with its audit entry."""

from __future__ import annotations

from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record

from .audit_actions import InsightsAudit
from .models import AccommodationUnit, BoardReport, NeedsAssessment


@transaction.atomic
def report_commentary_save(*, acting_user, council, period: str, commentary: dict[str, str],
                           request=None) -> BoardReport:
    """The officers' commentary on a quarter's performance report (empty sections dropped)."""
    report, _ = BoardReport.objects.get_or_create(council=council, period=period)
    report.commentary = {k: v for k, v in commentary.items() if v}
    report.updated_by, report.updated_at = acting_user, clock.now()
    report.save()
    audit_record(actor=acting_user, action=InsightsAudit.REPORT_COMMENTARY_SAVED, obj=report,
                 detail={"sections": sorted(report.commentary)}, request=request)
    return report


@transaction.atomic
def accommodation_save(*, acting_user, unit: AccommodationUnit, request=None) -> AccommodationUnit:
    """A scheme of the safe accommodation register, added or changed."""
    unit.save()
    audit_record(actor=acting_user, action=InsightsAudit.ACCOMMODATION_SAVED, obj=unit,
                 detail={"units": unit.units, "bed_spaces": unit.bed_spaces}, request=request)
    return unit


@transaction.atomic
def needs_assessment_add(*, acting_user, council, assessment: NeedsAssessment, request=None) -> NeedsAssessment:
    """Record a needs assessment; it belongs to the council that holds the duty."""
    assessment.council = council.duty_council
    assessment.save()
    audit_record(actor=acting_user, action=InsightsAudit.NEEDS_ASSESSMENT_ADDED, obj=assessment, request=request)
    return assessment
