"""The audit log says who did what to which record and which fields changed; the text of
board business (closed now, or closed later) is not copied into it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from daboard.board import services
from daboard.board.models import Action, AgendaItem, MinuteItem, Part
from daboard.core.models import AuditEntry
from tests.board.conftest import board_lr, new_meeting  # noqa: F401 (fixtures)
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db
SECRET = "Panahghar bid withdrawn after safeguarding concern"


def everything_in_the_log() -> str:
    return json.dumps([[e.actor_name, e.action, e.object_type, e.object_id, e.object_repr, e.detail, e.before, e.after]
                       for e in AuditEntry.objects.all()])


def test_closed_minutes_and_their_actions_are_logged_by_field_never_by_text(new_meeting):  # noqa: F811
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title=SECRET, part=Part.CLOSED, closed_reason="Commercial", description=SECRET))
    item.description = SECRET + " (revised)"
    services.agenda_item_save(acting_user=clerk, item=item)
    publish_pack(acting_user=clerk, meeting=meeting)
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = MinuteItem.objects.get(agenda_item=item)
    services.minute_save(acting_user=clerk, minute=minute, considered=SECRET, points=[SECRET], closing_text="",
                         resolutions=[SECRET])
    action = services.action_create(acting_user=clerk, action=Action(
        board=meeting.board, meeting=meeting, minute=minute, text=SECRET,
        owner_organisation=meeting.board.memberships.first().organisation, due_date=dt.date(2030, 7, 1)))
    services.action_update(acting_user=clerk, action=action, text=SECRET, status="done")
    log = everything_in_the_log()
    assert "Panahghar" not in log
    saved = AuditEntry.objects.get(action="minutes.item_saved")
    assert saved.actor == clerk and saved.object_id == str(minute.pk)
    assert saved.detail["changed"] == ["considered", "points", "resolutions"]
    changed = AuditEntry.objects.filter(action="agenda.item_changed", object_id=str(item.pk)).get()
    assert changed.detail["changed"] == ["description"]
