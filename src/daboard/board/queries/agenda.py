"""Reads about agendas and papers: the agenda as a user may see it, search, papers ahead."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.utils.html import escape

from daboard.core.models import Board
from daboard.core.permissions import can

from ..models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    PackBuild,
    Paper,
    Part,
    SearchEntry,
)
from .common import visible


def latest_pack_build(meeting: Meeting) -> PackBuild | None:
    """The meeting's most recent building of its pack (or supplementary pack), if any."""
    return meeting.pack_builds.order_by("-requested_at", "-pk").first()


def visible_items(user, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda as this user may see it, each item with its current papers."""
    papers = visible(user, meeting.board, Paper.objects.filter(withdrawn_at__isnull=True))
    return visible(user, meeting.board, meeting.items.select_related("presenter").prefetch_related(
        Prefetch("papers", queryset=papers)).order_by("number"))


MARK_OPEN, MARK_CLOSE = "\x02", "\x03"  # around a match in a snippet; turned into <mark> after escaping


def search(user, board: Board, text: str) -> list[SearchEntry]:
    """Full-text search over a board's minutes, resolutions, agenda items and the words
    inside its papers, leaving out closed business for those who may not see it. Word forms
    match ("reports" finds "report"): FTS5's porter tokenizer on SQLite, PostgreSQL's English
    configuration. Each result carries `snippet`, the matching passage with the words marked."""
    text = text.strip()
    if not text:
        return []
    qs = SearchEntry.objects.filter(board=board).select_related("meeting")
    if not can(user, "board.view_closed", board):
        qs = qs.filter(closed=False).exclude(kind="paper", meeting__agenda_published_at__isnull=True)
    if not can(user, "board.manage", board):
        # Minutes are the clerk's until circulated (the rule "minutes.view"): their words are
        # not found, and no result links to minutes its reader may not open.
        qs = qs.exclude(Q(kind__in=("minute", "resolution"))
                        & ~Q(meeting__status__in=(MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_CONFIRMED)))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (  # PostgreSQL only: SQLite searches through FTS5 below
            SearchHeadline,
            SearchQuery,
            SearchRank,
            SearchVector,
        )

        vector = SearchVector("title", weight="A", config="english") + SearchVector("body", weight="B", config="english")
        query = SearchQuery(text, search_type="websearch", config="english")
        # Every word must match (as on SQLite): ts_rank alone is above 0 for a partial match.
        rows = list(qs.annotate(document=vector).filter(document=query).annotate(rank=SearchRank(vector, query)).annotate(
            snippet_raw=SearchHeadline("body", query, config="english", start_sel=MARK_OPEN, stop_sel=MARK_CLOSE,
                                       max_words=30, min_words=12, max_fragments=2))
                    .order_by("-rank", "-meeting__date")[:50])
        for r in rows:
            r.snippet = r.snippet_raw
        return rows
    if connection.vendor == "sqlite":
        found = _fts5(text)
        if found is not None:
            order = {pk: i for i, (pk, _snip) in enumerate(found)}
            snippets = dict(found)
            rows = sorted(qs.filter(pk__in=order), key=lambda e: order[e.pk])[:50]
            for r in rows:
                r.snippet = snippets.get(r.pk, "")
            return rows
    words = text.split()
    cond = Q()
    for w in words:
        cond &= Q(title__icontains=w) | Q(body__icontains=w)
    rows = list(qs.filter(cond).order_by("-meeting__date")[:50])
    for r in rows:
        r.snippet = r.body[:300]
    return rows


def _fts5(text: str) -> list[tuple[int, str]] | None:
    """Rank by bm25 in an FTS5 index kept in step with SearchEntry (migration 0003), with
    FTS5's own snippet of the body."""
    terms = ['"' + w.replace('"', '""') + '"' for w in text.split() if w]
    if not terms:
        return []
    with connection.cursor() as cursor:
        try:
            cursor.execute("SELECT rowid, snippet(board_search_fts, 1, %s, %s, '…', 24) FROM board_search_fts "
                           "WHERE board_search_fts MATCH %s ORDER BY bm25(board_search_fts) LIMIT 500",
                           [MARK_OPEN, MARK_CLOSE, " AND ".join(terms)])
        except Exception:  # FTS5 unavailable in this SQLite build: fall back to LIKE
            return None
        return [(r[0], r[1] or "") for r in cursor.fetchall()]


def snippet_html(snippet: str) -> str:
    """The snippet escaped, with the matched words in <mark>."""

    return escape(snippet).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def open_papers_ahead(board, on: dt.date):
    """The open papers of the board's meetings on or after the day, in meeting order."""
    return (Paper.objects.filter(item__meeting__board=board, item__part=Part.OPEN, item__meeting__date__gte=on)
            .select_related("item__meeting__board").order_by("item__meeting__date", "id"))
