"""Actions and the forward plan: what the board asked for and of whom."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record, snapshot
from daboard.core.models import Board

from ..audit_actions import BoardAudit
from ..models import (
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    ForwardItem,
    ForwardStatus,
    ItemKind,
    Meeting,
    MeetingStatus,
)

# --- Scheduling ---------------------------------------------------------------------
from .agenda import _part_of, agenda_item_save


@transaction.atomic
def action_create(*, acting_user, action: Action, request=None) -> Action:
    if not (action.owner_id or action.owner_organisation_id):
        raise ValidationError({"owner": "Say who will do the action."})
    if not (action.due_date or action.due_next_meeting):
        raise ValidationError({"due_date": "Give a due date, or choose the next meeting."})
    if action.due_date and action.due_next_meeting:
        raise ValidationError({"due_date": "Give a due date or choose the next meeting, not both."})
    action.full_clean()
    action.save()
    audit_record(actor=acting_user, action=BoardAudit.ACTION_CREATED, obj=action, after=snapshot(action), request=request)
    return action


@transaction.atomic
def action_update(*, acting_user, action: Action, text: str, status: str, request=None) -> ActionUpdate:
    before = {"status": action.status}
    update = ActionUpdate.objects.create(action=action, by=acting_user, text=text, status=status)
    closed = status in (ActionStatus.DONE, ActionStatus.DROPPED)
    Action.objects.filter(pk=action.pk).update(status=status, closed_at=clock.now() if closed else None)
    audit_record(actor=acting_user, action=BoardAudit.ACTION_UPDATED, obj=action, before=before, after={"status": status},
                 request=request)
    return update


@transaction.atomic
def forward_item_promise(*, acting_user, board: Board, title: str, description: str = "", source_minute=None,
                         target_meeting: Meeting | None = None, presenter=None, request=None) -> ForwardItem:
    """Record a report promised for a later meeting; it joins that meeting's draft agenda,
    or, if the agenda is already drafted, is added to it now."""
    if target_meeting is not None and (target_meeting.board_id != board.pk):
        raise ValidationError("The meeting must be one of this board's.")
    item = ForwardItem.objects.create(board=board, title=title, description=description, source_minute=source_minute,
                                      target_meeting=target_meeting, presenter=presenter)
    audit_record(actor=acting_user, action=BoardAudit.FORWARD_ITEM_PROMISED, obj=item, request=request)
    if target_meeting is not None and target_meeting.items.exists() and not target_meeting.reached(
            MeetingStatus.AGENDA_PUBLISHED):
        agenda_item_save(acting_user=acting_user, item=AgendaItem(
            meeting=target_meeting, title=title, description=description, presenter=presenter,
            kind=ItemKind.REPORT, forward_item=item, **_part_of(item)), request=request)
        ForwardItem.objects.filter(pk=item.pk).update(status=ForwardStatus.ON_AGENDA)
    return item
