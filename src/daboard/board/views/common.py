"""What every board page needs: the board or meeting asked for, if the user may see it."""

from __future__ import annotations

from daboard.core.models import Board
from daboard.core.permissions import get_object_or_404_for
from daboard.core.routes import Routes

from ..models import Meeting

route = Routes()  # the board app's addresses, one on each view (see core.routes)


def _board(request, slug: str, action: str = "board.view") -> Board:
    return get_object_or_404_for(request.user, action, Board.objects.all(), request=request, slug=slug)


def _meeting(request, pk: int, action: str = "business.view") -> Meeting:
    return get_object_or_404_for(request.user, action, Meeting.objects.select_related("board", "contact", "chair"),
                                 request=request, pk=pk)


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"
