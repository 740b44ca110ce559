"""Every write of survivor voice: in a transaction, audited. Feedback from the public form
is audited without the request, so no address is ever written."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record, save_audited

from . import queries
from . import questions as q
from .audit_actions import VoiceAudit
from .models import (
    Feedback,
    FeedbackForm,
    GroupMeeting,
    GroupMember,
    GroupReport,
    PaperRoute,
    ReferenceGroup,
    ReviewStatus,
)
from .safety import Refused, count_submission, use_token

# --- The Scrutiny and Reference Group ---------------------------------------------------------


@transaction.atomic
def reference_group_save(*, acting_user, group: ReferenceGroup, request=None) -> ReferenceGroup:
    """Set up or change a board's group."""
    save_audited(group, actor=acting_user, added=VoiceAudit.REFERENCE_GROUP_CREATED,
                 changed=VoiceAudit.REFERENCE_GROUP_CHANGED, request=request)
    return group


@transaction.atomic
def group_member_save(*, acting_user, member: GroupMember, request=None) -> GroupMember:
    """Add or change a member (known by the name they chose). No more members attend board
    meetings than the group has places (terms of reference 3.5: up to three)."""
    creating = member.pk is None
    member.full_clean()
    if member.attends_board and not member.left:
        others = member.group.members.filter(attends_board=True, left__isnull=True).exclude(pk=member.pk).count()
        if others >= member.group.board_places:
            raise ValidationError({"attends_board": f"Up to {member.group.board_places} members of the group attend "
                                                    "board meetings, and that many already do."})
    member.save()
    audit_record(actor=acting_user, action=VoiceAudit.REFERENCE_GROUP_MEMBER_ADDED if creating else VoiceAudit.REFERENCE_GROUP_MEMBER_CHANGED,
                 obj=member.group, detail={"member": member.pk}, request=request)
    return member


@transaction.atomic
def group_meeting_record(*, acting_user, meeting: GroupMeeting, request=None) -> GroupMeeting:
    """Record a meeting of the group and who from the board attended (the chair's duty)."""
    meeting.full_clean()
    meeting.save()
    audit_record(actor=acting_user, action=VoiceAudit.REFERENCE_GROUP_MEETING_RECORDED, obj=meeting,
                 detail={"board_attendance": meeting.board_attendance}, request=request)
    return meeting


@transaction.atomic
def group_report_send(*, acting_user, report: GroupReport, request=None) -> GroupReport:
    """The group's feedback to the board; the next agenda drafted takes it."""
    report.full_clean()
    report.save()
    audit_record(actor=acting_user, action=VoiceAudit.REFERENCE_GROUP_REPORT_SENT, obj=report, request=request)
    return report


@transaction.atomic
def papers_route(*, acting_user, group: ReferenceGroup, papers, request=None) -> int:
    """Send board papers to the group through its papers contact; a paper goes once."""
    sent = 0
    for paper in papers:
        if paper.item.is_closed:
            raise ValidationError(f"{paper.title} is closed business and cannot go to the group.")
        _route, created = PaperRoute.objects.get_or_create(group=group, paper=paper,
                                                           defaults={"routed_by": acting_user})
        sent += created
    audit_record(actor=acting_user, action=VoiceAudit.REFERENCE_GROUP_PAPERS_ROUTED, obj=group, detail={"papers": sent},
                 request=request)
    return sent


def reference_group_item_fill(*, acting_user, item) -> None:
    """Fill a drafted agenda's standing item for the group: the group's reports not yet taken
    by a board meeting, and reviewed survivors' feedback since the previous meeting, counted
    under disclosure control. Runs inside `board.services.agenda_draft`'s transaction."""
    group = ReferenceGroup.objects.filter(board_id=item.meeting.board_id).first()
    if group is None or item.title.strip().rstrip(".").lower() != group.standing_item.strip().lower():
        return
    reports = list(group.reports.filter(taken_at__isnull=True, sent_on__lte=item.meeting.date).order_by("sent_on"))
    item.description = queries.reference_group_item_text(group, item.meeting, reports)
    item.presenter_role = (reports[-1].presented_by if reports and reports[-1].presented_by else
                           f"{group.name} (or an officer on the group's behalf)")[:300]
    item.save(update_fields=["description", "presenter_role"])
    GroupReport.objects.filter(pk__in=[r.pk for r in reports]).update(taken_at=item.meeting)
    audit_record(actor=acting_user, action=VoiceAudit.REFERENCE_GROUP_ITEM_FILLED, obj=item.meeting,
                 detail={"reports": len(reports)})


# --- Anonymous feedback -------------------------------------------------------------------------


@transaction.atomic
def feedback_form_open(*, acting_user, form: FeedbackForm, request=None) -> FeedbackForm:
    """Open a public form for a service or a board; its address is a random token."""
    if not form.token:
        form.token = secrets.token_urlsafe(12)
    return save_audited(form, actor=acting_user, added=VoiceAudit.FEEDBACK_FORM_OPENED, request=request)


@transaction.atomic
def feedback_form_close(*, acting_user, form: FeedbackForm, request=None) -> None:
    form.is_open = False
    form.save(update_fields=["is_open"])
    audit_record(actor=acting_user, action=VoiceAudit.FEEDBACK_FORM_CLOSED, obj=form, request=request)


@transaction.atomic
def feedback_receive(*, form: FeedbackForm, token: str, answers: dict) -> Feedback:
    """Take one person's anonymous answers. Who sent them is never known: the audit entry is
    written without the request (no address), and only the day is kept. Raises
    `safety.Refused` for a used, forged, stale or too-quick token, or over the rate limit."""
    if not form.is_open:
        raise Refused("This form is closed.")
    use_token(form, token)
    count_submission(form)
    feedback = Feedback(
        form=form, received_on=clock.today(),
        felt_safer=answers.get("felt_safer", ""), wellbeing=answers.get("wellbeing", ""),
        helped=q.bits_of(answers.get("helped", []), q.HELPED), missing=q.bits_of(answers.get("missing", []), q.MISSING),
        free_text=answers.get("free_text", "").strip()[:q.FREE_TEXT_MAX])
    feedback.full_clean()
    feedback.save()
    audit_record(actor=None, action=VoiceAudit.FEEDBACK_RECEIVED, obj=form, detail={"feedback": feedback.pk})
    return feedback


@transaction.atomic
def feedback_review(*, acting_user, feedback: Feedback, decision: str, shared_text: str = "", request=None) -> Feedback:
    """The reviewing officer's decision. `share`: the answers count and the comment (as the
    officer edits it) may be seen by the service and the board; `withhold`: the answers count,
    the comment stays with the officer; `discard`: not genuine, not counted."""
    if decision == "share":
        if feedback.free_text and not shared_text.strip():
            raise ValidationError({"shared_text": "Enter the comment as it may be shared, or keep it back."})
        feedback.status, feedback.shared_text = ReviewStatus.SHARED, shared_text.strip()
    elif decision == "withhold":
        feedback.status, feedback.shared_text = ReviewStatus.WITHHELD, ""
    elif decision == "discard":
        feedback.status, feedback.shared_text = ReviewStatus.DISCARDED, ""
    else:
        raise ValidationError("Unknown decision.")
    feedback.reviewed_by, feedback.reviewed_on = acting_user, clock.today()
    feedback.save()
    audit_record(actor=acting_user, action=VoiceAudit(f"feedback.{decision}"), obj=feedback, request=request)
    return feedback
