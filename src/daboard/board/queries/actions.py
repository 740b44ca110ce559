"""Reads about actions: the board's open actions."""

from __future__ import annotations

import datetime as dt

from daboard.core.models import Board

from ..models import (
    Action,
    ActionStatus,
)


def open_actions(board: Board, before: dt.date | None = None):
    qs = Action.objects.filter(board=board, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    if before is not None:
        qs = qs.filter(meeting__date__lt=before)
    return qs.select_related("owner", "owner_organisation", "meeting", "minute").order_by("meeting__date", "id")
