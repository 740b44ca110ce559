"""Reads about meetings: the previous and next meeting, attendance statistics, deadlines, late packs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from daboard.core import clock
from daboard.core.models import Board, MembershipKind
from daboard.core.permissions import principal

from ..models import (
    HELD_STATUSES,
    NOT_MEETING,
    Attendance,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
)


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The last earlier meeting that actually took place (or, still to come, will): a
    cancelled or postponed meeting, one that did not take place, and a past one never
    recorded as held are passed over, so the June 2024 pack carries December 2023's minutes."""
    today = clock.today()
    return (Meeting.objects.filter(board=meeting.board)
            .filter(Q(date__lt=meeting.date) | Q(date=meeting.date, start_time__lt=meeting.start_time))
            .filter(Q(status__in=HELD_STATUSES)
                    | Q(date__gte=today, status__in=[MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED]))
            .order_by("-date", "-start_time").first())


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (Meeting.objects.filter(board=meeting.board)
            .filter(Q(date__gt=meeting.date) | Q(date=meeting.date, start_time__gt=meeting.start_time))
            .exclude(status__in=NOT_MEETING).order_by("date", "start_time").first())


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


def late_packs(user) -> list:
    """For a clerk's home page: agenda packs of the last 30 days that went out later than the
    terms of reference allow. (What is due comes from the statutory calendar.)"""

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


@dataclass(frozen=True)
class Deadlines:
    papers_due: dt.date
    minutes_due: dt.date | None


def meeting_deadlines(meetings) -> dict[int, Deadlines]:
    """Each meeting's papers and draft-minutes deadlines, the terms of reference of all
    their boards read in one query (`Meeting.papers_due` reads them per meeting)."""
    return {m.pk: Deadlines(m.papers_due, m.minutes_due) for m in Meeting.with_terms(meetings)}


def home_panel(user, today) -> dict:
    """The board's part of the home page: the late packs."""
    return {"late_packs": late_packs(user)}
