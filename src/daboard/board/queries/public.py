"""What anonymous visitors of the public site see: decided here and nowhere else."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from daboard.core.models import Board

from ..models import (
    AgendaItem,
    ForwardItem,
    ForwardStatus,
    Meeting,
    MeetingStatus,
    Paper,
    PaperPdf,
    Part,
)

# --- The public site ------------------------------------------------------------------------
# One rule for everything anonymous visitors see, kept here so no public page decides for
# itself: open business only, and only once the clerk has published it. (When the trust
# work's visibility rule lands, these functions are where it plugs in.)


def public_meetings(board: Board) -> QuerySet[Meeting]:
    """Every meeting of the board, with its status (a cancellation shows its reason)."""
    return board.meetings.order_by("date", "start_time")


def public_agenda_visible(meeting: Meeting) -> bool:
    return meeting.agenda_published_at is not None and not meeting.is_off


def public_items(meeting: Meeting) -> list[AgendaItem]:
    """The open items of a published agenda, each with its current open papers."""

    if not public_agenda_visible(meeting):
        return []
    return list(meeting.items.filter(part=Part.OPEN).order_by("number").prefetch_related(
        Prefetch("papers", queryset=Paper.objects.filter(withdrawn_at__isnull=True, pdf_status=PaperPdf.READY),
                 to_attr="public_papers")))


def public_paper(board: Board, pk: int):
    """A paper anyone may download: current, of an open item, of a published agenda, as PDF
    (a Word or slides paper once its PDF copy is made; never the original file)."""
    paper = (Paper.objects.filter(pk=pk, item__meeting__board=board, item__part=Part.OPEN, withdrawn_at__isnull=True,
                                  item__meeting__agenda_published_at__isnull=False, pdf_status=PaperPdf.READY)
             .exclude(item__meeting__status__in=[MeetingStatus.CANCELLED, MeetingStatus.POSTPONED,
                                                 MeetingStatus.NOT_HELD])
             .select_related("item__meeting").first())
    return paper


def public_minutes_visible(meeting: Meeting) -> bool:
    """Confirmed minutes only: drafts go to members, not to the public."""
    return meeting.status == MeetingStatus.MINUTES_CONFIRMED


def public_forward_plan(board: Board):
    """Reports promised to future meetings, where neither the promise nor the item it
    joined is closed business."""
    return (ForwardItem.objects.filter(board=board, status__in=[ForwardStatus.PLANNED, ForwardStatus.ON_AGENDA])
            .exclude(source_minute__part=Part.CLOSED).exclude(agenda_items__part=Part.CLOSED)
            .select_related("target_meeting").order_by("target_meeting__date", "id").distinct())
