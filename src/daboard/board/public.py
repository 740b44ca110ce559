"""The public site of each board, without sign-in: meetings, open agendas and papers,
confirmed minutes (open part), the forward plan, an RSS feed and an iCalendar feed.
What appears is decided only by the public_* functions of board/queries/public.py."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import feedgenerator
from django.views.decorators.http import require_safe

from daboard.core import clock
from daboard.core.models import Board

from . import documents, queries
from .models import Meeting
from .views.common import route


def _board(slug: str) -> Board:
    return get_object_or_404(Board, slug=slug)


def _meeting(board: Board, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("board", "contact"), board=board, pk=pk)


@route("public/<slug:slug>/", name="public-board")
@require_safe
def board_home(request, slug: str):
    board = _board(slug)
    today = clock.today()
    meetings = list(queries.public_meetings(board))
    return render(request, "board/public/board.html", {
        "board": board, "upcoming": [m for m in meetings if m.date >= today],
        "past": sorted([m for m in meetings if m.date < today], key=lambda m: m.date, reverse=True),
        "public": True})


@route("public/<slug:slug>/meetings/<int:pk>/", name="public-meeting")
@require_safe
def meeting(request, slug: str, pk: int):
    board = _board(slug)
    m = _meeting(board, pk)
    return render(request, "board/public/meeting.html", {
        "board": board, "meeting": m, "items": queries.public_items(m),
        "agenda_visible": queries.public_agenda_visible(m), "minutes_visible": queries.public_minutes_visible(m),
        "public": True})


@route("public/<slug:slug>/meetings/<int:pk>/pack.pdf", name="public-pack")
@require_safe
def pack(request, slug: str, pk: int):
    board = _board(slug)
    m = _meeting(board, pk)
    if not queries.public_agenda_visible(m) or not m.pack:
        raise Http404("No published pack")
    return FileResponse(m.pack.open("rb"), as_attachment=True, filename=f"agenda-pack-{m.date:%Y-%m-%d}.pdf",
                        content_type="application/pdf")


@route("public/<slug:slug>/papers/<int:pk>/", name="public-paper")
@require_safe
def paper(request, slug: str, pk: int):
    board = _board(slug)
    p = queries.public_paper(board, pk)
    if p is None:
        raise Http404("No such paper")
    source = p.pdf if p.pdf else p.file
    name = p.original_name if not p.pdf else p.original_name.rsplit(".", 1)[0] + ".pdf"
    return FileResponse(source.open("rb"), as_attachment=True, filename=name,
                        content_type="application/pdf" if p.pdf else p.content_type)


@route("public/<slug:slug>/meetings/<int:pk>/minutes/", name="public-minutes")
@require_safe
def minutes(request, slug: str, pk: int):
    board = _board(slug)
    m = _meeting(board, pk)
    if not queries.public_minutes_visible(m):
        raise Http404("No confirmed minutes")
    ctx = documents.minutes_context(m, include_closed=False)
    ctx.update({"board": board, "public": True})
    return render(request, "board/public/minutes.html", ctx)


@route("public/<slug:slug>/forward-plan/", name="public-forward-plan")
@require_safe
def forward_plan(request, slug: str):
    board = _board(slug)
    return render(request, "board/public/forward_plan.html", {
        "board": board, "items": queries.public_forward_plan(board), "public": True})


@route("public/<slug:slug>/meetings.rss", name="public-rss")
@require_safe
def rss(request, slug: str):
    board = _board(slug)
    base = f"{request.scheme}://{request.get_host()}"
    feed = feedgenerator.Rss201rev2Feed(
        title=f"{board.name}: meetings", link=base + reverse("board:public-board", args=[slug]),
        description=f"Meetings, agendas and minutes of the {board.name}", language="en-gb")
    for m in sorted(queries.public_meetings(board), key=lambda x: x.date, reverse=True)[:40]:
        status = m.get_status_display()
        text = f"{m.date:%A %-d %B %Y}. {status}."
        if m.status_reason:
            text += f" {m.status_reason}"
        feed.add_item(title=f"{m.title}, {m.date:%-d %B %Y} ({status.lower()})",
                      link=base + reverse("board:public-meeting", args=[slug, m.pk]), description=text,
                      unique_id=f"{base}/public/meetings/{m.pk}/{m.status}")
    return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")


@route("public/<slug:slug>/meetings.ics", name="public-calendar")
@require_safe
def calendar(request, slug: str):
    board = _board(slug)
    base = f"{request.scheme}://{request.get_host()}"
    data = documents.calendar_bytes(queries.public_meetings(board), board.name, base, public_slug=slug)
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")
