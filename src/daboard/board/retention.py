"""The board's retention rules (core/retention.py runs them): recordings go once the minutes
are confirmed; confirmed minutes past the terms of reference's period are flagged for a
disposal review, never deleted by a machine."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from daboard.core.audit import audit_event
from daboard.core.retention import Rule

from .audit_actions import BoardAudit
from .models import Meeting, MeetingStatus
from .services import recordings_destroy


def _confirmed():
    return Meeting.objects.filter(status=MeetingStatus.MINUTES_CONFIRMED).select_related("board")


def _recordings(today: dt.date) -> list:
    live = _confirmed().annotate(live=Count("recordings", filter=Q(recordings__deleted_at__isnull=True)))
    return [(m, m.live) for m in live.filter(live__gt=0).order_by("date")]


def _recordings_apply(found: list, today: dt.date) -> None:
    for meeting, _n in found:
        recordings_destroy(meeting=meeting, reason="retention: minutes confirmed")


def _minutes(today: dt.date) -> list:
    return [(m, until) for m in _confirmed().order_by("date")
            if (until := m.minutes_kept_until) is not None and until <= today]


def _minutes_apply(found: list, today: dt.date) -> None:
    for meeting, due in found:
        audit_event(actor=None, action=BoardAudit.RETENTION_MINUTES_FLAGGED, obj=meeting,
                    detail={"retention_ended": due.isoformat()})


RULES = [
    Rule("board.recordings", 10, _recordings, lambda f: f"recordings: {f[1]} of {f[0]} (minutes confirmed)",
         _recordings_apply),
    Rule("board.minutes_review", 20, _minutes,
         lambda f: f"minutes for disposal review: {f[0]} (retention ended {f[1]:%-d %B %Y})", _minutes_apply),
]
