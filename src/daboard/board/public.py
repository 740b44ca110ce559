"""The public site of each board, without sign-in: meetings, open agendas and papers,
confirmed minutes (open part), the forward plan, an RSS feed and an iCalendar feed.
What appears is decided only by the public_* functions of board/queries/public.py."""

from __future__ import annotations

from functools import wraps

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


def _public_page(address: str, *, name: str, meeting: bool = False):
    """A page of the public site: its address, GET or HEAD only, and the board its address
    names (with `meeting`, the board's meeting it names too), found once here, or 404. The
    view takes the request, the board and (with `meeting`) the meeting, or the address's
    other arguments."""
    def declare(view):
        @route(address, name=name)
        @require_safe
        @wraps(view)
        def page(request, slug: str, **kwargs):
            board = get_object_or_404(Board, slug=slug)
            if meeting:
                return view(request, board, get_object_or_404(Meeting.objects.select_related("board", "contact"),
                                                              board=board, pk=kwargs["pk"]))
            return view(request, board, **kwargs)
        return page
    return declare


@_public_page("public/<slug:slug>/", name="public-board")
def board_home(request, board: Board):
    today = clock.today()
    meetings = list(queries.public_meetings(board))
    return render(request, "board/public/board.html", {
        "board": board, "upcoming": [m for m in meetings if m.date >= today],
        "past": sorted([m for m in meetings if m.date < today], key=lambda m: m.date, reverse=True),
        "public": True})


@_public_page("public/<slug:slug>/meetings/<int:pk>/", name="public-meeting", meeting=True)
def meeting(request, board: Board, m: Meeting):
    return render(request, "board/public/meeting.html", {
        "board": board, "meeting": m, "items": queries.public_items(m),
        "agenda_visible": queries.public_agenda_visible(m), "minutes_visible": queries.public_minutes_visible(m),
        "public": True})


@_public_page("public/<slug:slug>/meetings/<int:pk>/pack.pdf", name="public-pack", meeting=True)
def pack(request, board: Board, m: Meeting):
    if not queries.public_agenda_visible(m) or not m.pack:
        raise Http404("No published pack")
    return FileResponse(m.pack.open("rb"), as_attachment=True, filename=f"agenda-pack-{m.date:%Y-%m-%d}.pdf",
                        content_type="application/pdf")


@_public_page("public/<slug:slug>/papers/<int:pk>/", name="public-paper")
def paper(request, board: Board, pk: int):
    p = queries.public_paper(board, pk)
    if p is None:
        raise Http404("No such paper")
    source = p.pdf if p.pdf else p.file  # a PDF paper is its own PDF
    return FileResponse(source.open("rb"), as_attachment=True, filename=p.original_name.rsplit(".", 1)[0] + ".pdf",
                        content_type="application/pdf")


@_public_page("public/<slug:slug>/meetings/<int:pk>/minutes/", name="public-minutes", meeting=True)
def minutes(request, board: Board, m: Meeting):
    if not queries.public_minutes_visible(m):
        raise Http404("No confirmed minutes")
    ctx = documents.minutes_context(m, include_closed=False)
    ctx.update({"board": board, "public": True})
    return render(request, "board/public/minutes.html", ctx)


@_public_page("public/<slug:slug>/forward-plan/", name="public-forward-plan")
def forward_plan(request, board: Board):
    return render(request, "board/public/forward_plan.html", {
        "board": board, "items": queries.public_forward_plan(board), "public": True})


@_public_page("public/<slug:slug>/meetings.rss", name="public-rss")
def rss(request, board: Board):
    base = f"{request.scheme}://{request.get_host()}"
    feed = feedgenerator.Rss201rev2Feed(
        title=f"{board.name}: meetings", link=base + reverse("board:public-board", args=[board.slug]),
        description=f"Meetings, agendas and minutes of the {board.name}", language="en-gb")
    for m in sorted(queries.public_meetings(board), key=lambda x: x.date, reverse=True)[:40]:
        status = m.get_status_display()
        text = f"{m.date:%A %-d %B %Y}. {status}."
        if m.status_reason:
            text += f" {m.status_reason}"
        feed.add_item(title=f"{m.title}, {m.date:%-d %B %Y} ({status.lower()})",
                      link=base + reverse("board:public-meeting", args=[board.slug, m.pk]), description=text,
                      unique_id=f"{base}/public/meetings/{m.pk}/{m.status}")
    return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")


@_public_page("public/<slug:slug>/meetings.ics", name="public-calendar")
def calendar(request, board: Board):
    base = f"{request.scheme}://{request.get_host()}"
    data = documents.calendar_bytes(queries.public_meetings(board), board.name, base, public_slug=board.slug)
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")
