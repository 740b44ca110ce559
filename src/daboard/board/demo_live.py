"""The board's next meetings, laid ahead of the project clock's today (synthetic).

The seeds publish the Leicestershire and Rutland board's dates up to November 2025; it
meets quarterly, on a Friday in March, June, September and December. So that the demo is
alive on whatever day it is loaded, this step schedules the board's next two quarterly
meetings at least three weeks ahead: the third Friday of the month, at the seed meetings'
time, with the contact of its latest published agenda, and no place (the papers give none).
"""

from __future__ import annotations

import datetime as dt

from daboard.core import clock
from daboard.core.models import Board

from .models import Meeting, MeetingStatus

QUARTER_MONTHS = (3, 6, 9, 12)
TITLE = "Leicestershire and Rutland Domestic Abuse Local Partnership Board"


def third_friday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(4 - first.weekday()) % 7 + 14)


def next_quarterly_dates(after: dt.date, count: int) -> list[dt.date]:
    dates, year, month = [], after.year, after.month
    while len(dates) < count:
        if month in QUARTER_MONTHS and third_friday(year, month) >= after:
            dates.append(third_friday(year, month))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return dates


def load_meeting_ahead() -> None:
    board = Board.objects.get(slug="leicestershire-and-rutland")
    latest = board.meetings.exclude(contact=None).order_by("-date").first()
    for day in next_quarterly_dates(clock.today() + dt.timedelta(days=21), 2):
        if board.meetings.filter(date=day).exists():
            continue
        Meeting.objects.create(
            board=board, date=day, start_time=dt.time(9, 0), title=TITLE, location="",
            status=MeetingStatus.SCHEDULED, contact=latest.contact if latest else None,
            contact_phone=latest.contact_phone if latest else "", contact_email=latest.contact_email if latest else "")
