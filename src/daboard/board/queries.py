"""Reads for board pages: meetings a user may see, attendance statistics, search."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet

from daboard.core import clock
from daboard.core.models import Board, MembershipKind
from daboard.core.permissions import can

from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ForwardItem,
    ForwardStatus,
    Meeting,
    MeetingStatus,
    Paper,
    Part,
    SearchEntry,
    TermsOfReference,
    minutes_due_under,
    papers_due_under,
    terms_in_force,
)


def visible(user, board: Board, queryset: QuerySet) -> QuerySet:
    """The one filter for board business a user may see: agenda items, papers, minutes,
    resolutions, actions and forward items born in closed session only for those who see
    closed business, papers only once their agenda is published. The public site calls
    `queryset.visible(closed_ok=False)`."""
    return queryset.visible(closed_ok=can(user, "board.view_closed", board))


def visible_items(user, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda as this user may see it, each item with its current papers."""
    papers = visible(user, meeting.board, Paper.objects.filter(withdrawn_at__isnull=True))
    return visible(user, meeting.board, meeting.items.select_related("presenter").prefetch_related(
        Prefetch("papers", queryset=papers)).order_by("number"))


def attendance_statistics(board: Board, since: dt.date | None, until: dt.date | None) -> dict:
    """Per member seat and per organisation: meetings expected, present, substitute sent,
    apologies, absent (expected but neither there nor apologised)."""
    meetings = Meeting.objects.filter(board=board).exclude(status=MeetingStatus.CANCELLED).filter(
        status__in=[MeetingStatus.HELD, MeetingStatus.MINUTES_CIRCULATED, MeetingStatus.MINUTES_CONFIRMED])
    if since:
        meetings = meetings.filter(date__gte=since)
    if until:
        meetings = meetings.filter(date__lte=until)
    meetings = list(meetings.filter(attendance__isnull=False).distinct())
    seats = list(board.memberships.filter(kind=MembershipKind.MEMBER).select_related("person", "organisation"))
    records = defaultdict(dict)
    for a in Attendance.objects.filter(meeting__in=meetings).select_related("person"):
        records[a.meeting_id][a.person_id] = a
        if a.membership_id:
            records[a.meeting_id][("seat", a.membership_id)] = a
    rows = []
    for seat in seats:
        row = {"seat": seat, "expected": 0, "present": 0, "substitute": 0, "apologies": 0, "absent": 0}
        for m in meetings:
            if not seat.covers(m.date):  # not expected before the seat began or after it ended
                continue
            row["expected"] += 1
            a = records[m.pk].get(seat.person_id) if seat.person_id else None
            a = a or records[m.pk].get(("seat", seat.pk))
            if a is None:
                row["absent"] += 1
            elif a.status == AttendanceStatus.SUBSTITUTE:
                row["substitute"] += 1
            elif a.status == AttendanceStatus.APOLOGIES:
                row["apologies"] += 1
            elif a.status in (AttendanceStatus.PRESENT, AttendanceStatus.OFFICER):
                row["present"] += 1
            else:
                row["absent"] += 1
        rows.append(row)
    by_org: dict = {}
    for row in rows:
        org = row["seat"].organisation
        agg = by_org.setdefault(org.pk, {"organisation": org, "expected": 0, "present": 0, "substitute": 0,
                                         "apologies": 0, "absent": 0})
        for k in ("expected", "present", "substitute", "apologies", "absent"):
            agg[k] += row[k]
    return {"meetings": meetings, "members": rows,
            "organisations": sorted(by_org.values(), key=lambda r: r["organisation"].name)}


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
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
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
    from django.utils.html import escape

    return escape(snippet).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>")


def late_packs(user) -> list:
    """For a clerk's home page: agenda packs of the last 30 days that went out later than the
    terms of reference allow. (What is due comes from the statutory calendar.)"""

    from daboard.core.permissions import principal

    p = principal(user)
    if not p.secretariat_boards:
        return []
    today = clock.today()
    meetings = Meeting.objects.filter(board_id__in=p.secretariat_boards, agenda_published_at__isnull=False,
                                      date__gte=today - dt.timedelta(days=30)).exclude(
        status=MeetingStatus.CANCELLED).select_related("board")
    return [m for m in meetings if m.pack_published_late]


def meetings_open_for_papers(council, today):
    """Coming meetings of the boards covering a council whose agenda is not yet published:
    where a generated paper can still be added."""
    return (Meeting.objects.filter(board__councils=council.duty_council, date__gte=today)
            .filter(status=MeetingStatus.SCHEDULED, agenda_published_at__isnull=True)  # not published, by either mark
            .select_related("board").order_by("date"))


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
    from django.db.models import Prefetch

    if not public_agenda_visible(meeting):
        return []
    return list(meeting.items.filter(part=Part.OPEN).order_by("number").prefetch_related(
        Prefetch("papers", queryset=Paper.objects.filter(withdrawn_at__isnull=True), to_attr="public_papers")))


def public_paper(board: Board, pk: int):
    """A paper anyone may download: current, of an open item, of a published agenda."""
    paper = (Paper.objects.filter(pk=pk, item__meeting__board=board, item__part=Part.OPEN, withdrawn_at__isnull=True,
                                  item__meeting__agenda_published_at__isnull=False)
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


def board_people(board: Board):
    """The people a clerk may choose for this board (presenters, officers, guests, owners
    of actions): those of the agencies with a seat on it, of its councils and of its
    secretariat, and anyone already in its attendance records; never another board's
    councillor."""
    from daboard.core.models import Person

    orgs = set(board.memberships.values_list("organisation_id", flat=True))
    orgs |= set(board.councils.exclude(organisation__isnull=True).values_list("organisation__id", flat=True))
    if board.secretariat_id:
        orgs.add(board.secretariat_id)
    seen = set(Attendance.objects.filter(meeting__board=board).values_list("person_id", flat=True))
    seen |= set(board.memberships.exclude(person__isnull=True).values_list("person_id", flat=True))
    seen |= set(board.memberships.exclude(substitute__isnull=True).values_list("substitute_id", flat=True))
    return (Person.objects.filter(Q(organisation_id__in=orgs) | Q(pk__in=seen))
            .select_related("organisation").order_by("name"))


def people_choices(people, blank: str | None = "Choose a person") -> list:
    """The people grouped by organisation (<optgroup>), so a long list is read and typed
    through organisation by organisation; works without JavaScript."""
    groups: dict[str, list] = {}
    for person in people:
        org = person.organisation.name if person.organisation else "Other"
        groups.setdefault(org, []).append((person.pk, person.name))
    out = [("", blank)] if blank is not None else []
    return out + [(org, groups[org]) for org in sorted(groups)]


def open_papers_ahead(board, on: dt.date):
    """The open papers of the board's meetings on or after the day, in meeting order."""
    return (Paper.objects.filter(item__meeting__board=board, item__part=Part.OPEN, item__meeting__date__gte=on)
            .select_related("item__meeting__board").order_by("item__meeting__date", "id"))


@dataclass(frozen=True)
class Deadlines:
    papers_due: dt.date
    minutes_due: dt.date | None


def meeting_deadlines(meetings) -> dict[int, Deadlines]:
    """Each meeting's papers and draft-minutes deadlines, the terms of reference of all
    their boards read in one query (`Meeting.papers_due` reads them per meeting)."""
    meetings = list(meetings)
    by_board: dict[int, list] = {}
    for terms in TermsOfReference.objects.filter(board__in={m.board_id for m in meetings}):
        by_board.setdefault(terms.board_id, []).append(terms)
    out = {}
    for m in meetings:
        terms = terms_in_force(by_board.get(m.board_id, []), m.date)
        out[m.pk] = Deadlines(papers_due_under(m.date, terms), minutes_due_under(m.date, terms))
    return out


def home_panel(user, today) -> dict:
    """The board's part of the home page: the late packs."""
    return {"late_packs": late_packs(user)}
