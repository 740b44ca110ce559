"""Governance: membership, appointments, terms of reference, interests, declarations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from daboard.core.audit import audit_record, save_audited
from daboard.core.models import Board, BoardMembership, MembershipKind

from ..audit_actions import BoardAudit
from ..models import (
    Appointment,
    Declaration,
    Interest,
    Meeting,
    StandingItem,
    TermsOfReference,
    TermsSection,
)
from .meetings import minutes_still_open

# --- Scheduling ---------------------------------------------------------------------


@transaction.atomic
def membership_save(*, acting_user, membership: BoardMembership, request=None) -> BoardMembership:
    """Add or change a seat: agency, role, representative, substitute, voting or advisory, term."""
    if membership.pk is None and membership.order == 0:
        membership.order = (membership.board.memberships.filter(kind=membership.kind)
                            .aggregate(n=Max("order"))["n"] or 0) + 1
    return save_audited(membership, actor=acting_user, added=BoardAudit.MEMBERSHIP_ADDED,
                        changed=BoardAudit.MEMBERSHIP_CHANGED, request=request)


@transaction.atomic
def appointment_record(*, acting_user, board: Board, position: str, person, municipal_year: str, until: str,
                       resolution=None, request=None):
    """Chair or vice-chair for a municipal year, by a resolution of the board; the seat
    positions follow."""
    appointment, _ = Appointment.objects.update_or_create(
        board=board, position=position, municipal_year=municipal_year,
        defaults={"person": person, "until": until, "resolution": resolution,
                  "minute": resolution.minute if resolution else None})
    board.memberships.filter(position=position).update(position="member")
    board.memberships.filter(person=person, kind=MembershipKind.MEMBER).update(position=position)
    audit_record(actor=acting_user, action=BoardAudit.APPOINTMENT_RECORDED, obj=appointment,
                 after={"position": position, "person": person.name, "year": municipal_year}, request=request)
    return appointment


def terms_open_draft(board: Board) -> TermsOfReference | None:
    """The board's draft of its terms of reference, if one is open (there is one at a time)."""
    return board.terms.filter(status="draft").order_by("-version").first()


@transaction.atomic
def terms_new_version(*, acting_user, terms, request=None):
    """A draft copy of the terms of reference, to amend and then approve at a meeting. One
    draft at a time: a second would be approved beside the first, and one set of changes lost."""
    open_draft = terms_open_draft(terms.board)
    if open_draft is not None:
        raise ValidationError(f"Version {open_draft.version} is already a draft: change that one, or approve it first.")
    latest = terms.board.terms.aggregate(n=Max("version"))["n"] or 0
    draft = TermsOfReference.objects.get(pk=terms.pk)
    draft.pk = None
    draft.version, draft.status, draft.approved_on, draft.approved_at, draft.amendments = latest + 1, "draft", None, None, ""
    draft.save()
    TermsSection.objects.bulk_create([TermsSection(terms=draft, number=s.number, heading=s.heading, text=s.text,
                                                   order=s.order) for s in terms.sections.all()])
    StandingItem.objects.bulk_create([StandingItem(terms=draft, title=s.title, order=s.order)
                                      for s in terms.standing_items.all()])
    audit_record(actor=acting_user, action=BoardAudit.TERMS_DRAFTED, obj=draft, request=request)
    return draft


@transaction.atomic
def terms_save(*, acting_user, terms, standing_items: list[str], request=None):
    """Save a draft's typed changes (`terms` carries them, unsaved) and replace its standing
    agenda items with the titles given, in order."""
    if terms.status != "draft":
        raise ValidationError("Only a draft can be changed.")
    before = {"title": TermsOfReference.objects.values_list("title", flat=True).get(pk=terms.pk)}
    terms.save()
    terms.standing_items.all().delete()
    StandingItem.objects.bulk_create([StandingItem(terms=terms, title=t, order=i)
                                      for i, t in enumerate(standing_items, 1)])
    audit_record(actor=acting_user, action=BoardAudit.TERMS_CHANGED, obj=terms, before=before,
                 detail={"standing_items": len(standing_items)}, request=request)
    return terms


@transaction.atomic
def interest_register(*, acting_user, board: Board, person, description: str, commissioning: bool,
                      registered_on: dt.date, request=None):
    """Enter an interest in the board's register."""
    interest = Interest.objects.create(board=board, person=person, description=description,
                                       commissioning=commissioning, registered_on=registered_on,
                                       organisation=person.organisation)
    audit_record(actor=acting_user, action=BoardAudit.INTEREST_REGISTERED, obj=interest, request=request)
    return interest


@transaction.atomic
def terms_approve(*, acting_user, terms, meeting: Meeting, amendments: str = "", request=None):
    """Approve a draft at a meeting (with any amendments); the version in force before it is superseded."""
    if terms.status != "draft":
        raise ValidationError("Only a draft can be approved.")
    if meeting.board_id != terms.board_id:
        raise ValidationError("The terms are approved at a meeting of their own board.")
    if not meeting.took_place:
        raise ValidationError({"meeting": "Choose the meeting that approved them: one that has taken place."})
    terms.board.terms.filter(status="approved").update(status="superseded")
    terms.status, terms.approved_at, terms.approved_on, terms.amendments = "approved", meeting, meeting.date, amendments
    terms.save()
    audit_record(actor=acting_user, action=BoardAudit.TERMS_APPROVED, obj=terms,
                 detail={"meeting": meeting.pk, "amendments": amendments}, request=request)
    return terms


@transaction.atomic
def declaration_record(*, acting_user, meeting: Meeting, person, text: str, agenda_item=None, interest=None,
                       left_the_meeting: bool = False, request=None):
    """Record a declaration of interest made at a meeting, into its minutes: not once they
    are confirmed."""
    minutes_still_open(meeting)
    declaration = Declaration.objects.create(meeting=meeting, agenda_item=agenda_item, person=person, text=text,
                                             interest=interest, left_the_meeting=left_the_meeting)
    audit_record(actor=acting_user, action=BoardAudit.DECLARATION_RECORDED, obj=meeting,
                 detail={"person": person.name, "item": agenda_item.number if agenda_item else None}, request=request)
    return declaration
