"""The one filter for board business a user may see, which every page's reads apply."""

from __future__ import annotations

from django.db.models import QuerySet

from daboard.core.models import Board
from daboard.core.permissions import can


def visible(user, board: Board, queryset: QuerySet) -> QuerySet:
    """The one filter for board business a user may see: agenda items, papers, minutes,
    resolutions, actions and forward items born in closed session only for those who see
    closed business, papers only once their agenda is published. The public site calls
    `queryset.visible(closed_ok=False)`."""
    return queryset.visible(closed_ok=can(user, "board.view_closed", board))
