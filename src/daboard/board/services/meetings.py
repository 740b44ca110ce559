"""Scheduling and changing meetings, numbering, attendance and quorum."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q

from daboard.core import clock
from daboard.core.audit import audit_record, snapshot
from daboard.core.identifiers import FIRST_DATE, LAST_DATE
from daboard.core.models import Board, BoardMembership, MembershipKind
from daboard.core.permissions import current_seats

from ..audit_actions import BoardAudit
from ..distribution import circulate
from ..models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CirculationKind,
    Meeting,
    MeetingStatus,
    MinuteItem,
    municipal_year_start,
)
from ..working_days import why_not_working, working_day_on_or_after

# --- Scheduling ---------------------------------------------------------------------


def quarterly_dates(first: dt.date, count: int = 4) -> list[dt.date]:
    """The first date and the same weekday every thirteen weeks after it (a board that
    meets on a Friday goes on meeting on Fridays, as the seeds' Fridays 28 June, 27 September
    and 13 December 2024 do); a bank holiday moves a meeting to the next working day."""
    return [working_day_on_or_after(first + dt.timedelta(weeks=13 * i)) for i in range(count)]


def board_contact(board: Board) -> dict:
    """The contact printed on a new meeting's front sheet: the board's latest meeting that
    names one (democratic services keep the same officer for a board)."""
    last = (Meeting.objects.filter(board=board).exclude(contact_email="").order_by("-date")
            .select_related("contact").first())
    if last is None:
        return {}
    return {"contact": last.contact, "contact_phone": last.contact_phone, "contact_email": last.contact_email}


@transaction.atomic
def meetings_schedule(*, acting_user, board: Board, dates: list[dt.date], start_time: dt.time,
                      location: str = "", online_link: str = "", title: str = "", request=None) -> list[Meeting]:
    """Create one meeting per date; a date the board already meets on at that time is refused,
    and so is a date outside the years daboard's calendars and documents can hold."""

    outside = [d for d in dates if not FIRST_DATE <= d <= LAST_DATE]
    if outside:
        raise ValidationError(f"Meetings can be scheduled from {FIRST_DATE:%-d %B %Y} to {LAST_DATE:%-d %B %Y}; "
                              f"{outside[0]:%-d %B %Y} is outside that.")
    clashes = Meeting.objects.filter(board=board, date__in=dates, start_time=start_time)
    if clashes.exists():
        days = ", ".join(f"{m.date:%-d %B %Y}" for m in clashes)
        raise ValidationError(f"The board already has a meeting at that time on {days}.")
    for day in dates:
        why = why_not_working(day)
        if why:
            raise ValidationError(f"{day:%-d %B %Y} is {why}. Choose a working day.")
    contact = board_contact(board)
    created = []
    for day in sorted(set(dates)):
        meeting = Meeting(board=board, date=day, start_time=start_time, location=location,
                          online_link=online_link, title=title or board.name, **contact)
        meeting.full_clean()
        meeting.save()
        audit_record(actor=acting_user, action=BoardAudit.MEETING_SCHEDULED, obj=meeting, after=snapshot(meeting),
                     request=request)
        created.append(meeting)
    return created


def _meeting_changed(meeting: Meeting, before: dict, action: str, acting_user, request, notice: str = "") -> None:
    audit_record(actor=acting_user, action=action, obj=meeting, before=before, after=snapshot(meeting),
                 request=request)
    if notice and meeting.agenda_published_at:
        # People already sent the pack are told of the change.
        circulate(acting_user=acting_user, meeting=meeting, kind=CirculationKind.NOTICE, note=notice)


@transaction.atomic
def meeting_update(*, acting_user, meeting: Meeting, changes: dict, request=None) -> Meeting:
    """Change a meeting's title, time, place or contact. A new date is a reschedule."""
    before = snapshot(meeting)
    allowed = {"title", "start_time", "location", "online_link", "contact", "contact_phone", "contact_email"}
    for field, value in changes.items():
        if field not in allowed:
            raise ValueError(f"meeting_update cannot change {field}")
        setattr(meeting, field, value)
    if Meeting.objects.filter(board=meeting.board, date=meeting.date, start_time=meeting.start_time).exclude(
            pk=meeting.pk).exists():
        raise ValidationError({"start_time": "The board already has a meeting at that time."})
    meeting.full_clean(validate_unique=False)
    meeting.save()
    _meeting_changed(meeting, before, BoardAudit.MEETING_CHANGED, acting_user, request)
    return meeting


def _check_date(meeting: Meeting, day: dt.date, start_time: dt.time) -> None:
    why = why_not_working(day)
    if why:
        raise ValidationError({"date": f"{day:%-d %B %Y} is {why}. Choose a working day."})
    if Meeting.objects.filter(board=meeting.board, date=day, start_time=start_time).exclude(pk=meeting.pk).exists():
        raise ValidationError({"date": "The board already has a meeting at that time."})


@transaction.atomic
def meeting_reschedule(*, acting_user, meeting: Meeting, date: dt.date, start_time: dt.time, reason: str,
                       request=None) -> Meeting:
    """Move a meeting (or give a postponed one its new date): the first date is kept and
    the reason is shown with the meeting. Minute numbers follow the new date."""
    if meeting.took_place or meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.NOT_HELD):
        raise ValidationError("Only a meeting still to take place can be moved.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is moving."})
    if (date, start_time) == (meeting.date, meeting.start_time) and meeting.status != MeetingStatus.POSTPONED:
        raise ValidationError({"date": "That is the meeting's date and time already: give the new date or time."})
    _check_date(meeting, date, start_time)
    before = snapshot(meeting)
    if meeting.rescheduled_from is None and date != meeting.date:
        meeting.rescheduled_from = meeting.date
    meeting.date, meeting.start_time, meeting.status_reason = date, start_time, reason.strip()
    if meeting.status == MeetingStatus.POSTPONED:
        meeting.status = MeetingStatus.AGENDA_PUBLISHED if meeting.agenda_published_at else MeetingStatus.SCHEDULED
    meeting.save()
    agenda_renumber(meeting)
    _meeting_changed(meeting, before, BoardAudit.MEETING_RESCHEDULED, acting_user, request,
                     notice=f"The meeting has moved to {date:%A %-d %B %Y} at {_time(start_time)}. {reason.strip()}")
    return meeting


def _set_off(*, acting_user, meeting: Meeting, status: str, reason: str, action: str, notice: str,
             request=None) -> Meeting:
    if meeting.took_place or meeting.status == status:
        raise ValidationError("A meeting that took place cannot be called off." if meeting.took_place
                              else "The meeting already has that status.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason. It is shown with the meeting."})
    before = snapshot(meeting)
    meeting.status, meeting.status_reason = status, reason.strip()
    meeting.save()
    _meeting_changed(meeting, before, action, acting_user, request, notice=f"{notice} {reason.strip()}")
    return meeting


@transaction.atomic
def meeting_cancel(*, acting_user, meeting: Meeting, reason: str, request=None) -> Meeting:
    """Cancel a meeting; the reason is shown on the board's pages and the public site."""
    return _set_off(acting_user=acting_user, meeting=meeting, status=MeetingStatus.CANCELLED, reason=reason,
                    action=BoardAudit.MEETING_CANCELLED, notice=f"The meeting of {meeting.date:%-d %B %Y} is cancelled.",
                    request=request)


@transaction.atomic
def meeting_postpone(*, acting_user, meeting: Meeting, reason: str, request=None) -> Meeting:
    """Postpone a meeting to a date not yet set (give it one later with meeting_reschedule)."""
    if meeting.date < clock.today():
        raise ValidationError("That meeting's date has passed: record that it did not take place instead.")
    return _set_off(acting_user=acting_user, meeting=meeting, status=MeetingStatus.POSTPONED, reason=reason,
                    action=BoardAudit.MEETING_POSTPONED,
                    notice=f"The meeting of {meeting.date:%-d %B %Y} is postponed; a new date will follow.",
                    request=request)


@transaction.atomic
def meeting_record_not_held(*, acting_user, meeting: Meeting, reason: str, request=None) -> Meeting:
    """Record that a meeting did not take place (for example it was not quorate), so the
    next pack carries the minutes of the last meeting that did."""
    if meeting.date > clock.today():
        raise ValidationError("That meeting is still to come: cancel or postpone it instead.")
    if meeting.minute_items.exists() or meeting.attendance.exists():
        raise ValidationError("The meeting has attendance or minutes recorded: it took place.")
    return _set_off(acting_user=acting_user, meeting=meeting, status=MeetingStatus.NOT_HELD, reason=reason,
                    action=BoardAudit.MEETING_NOT_HELD, notice="", request=request)


def meeting_has_business(meeting: Meeting) -> bool:
    return (meeting.items.exists() or meeting.attendance.exists() or meeting.minute_items.exists()
            or meeting.actions.exists() or bool(meeting.agenda_published_at) or meeting.recordings.exists()
            or meeting.terms_approved.exists() or meeting.confirmed_minutes_of.exists())


@transaction.atomic
def meeting_delete(*, acting_user, meeting: Meeting, request=None) -> None:
    """Delete a meeting booked by mistake: only one with no business at all."""
    if meeting_has_business(meeting):
        raise ValidationError("The meeting has business (an agenda, attendance, minutes or a published pack). "
                              "Cancel it instead, so the record stays.")
    before = snapshot(meeting)
    board = meeting.board
    meeting.delete()
    audit_record(actor=acting_user, action=BoardAudit.MEETING_DELETED, obj=board, before=before, request=request)


def first_minute_number(meeting: Meeting) -> int:
    """Minute numbers run on through the municipal year: one more than the last number
    used at an earlier meeting of the same board in the same year."""
    start = municipal_year_start(meeting.date)
    # A second meeting on the same day runs on from the first, as the seeds' numbering does.
    earlier = Meeting.objects.filter(board=meeting.board, date__gte=start).filter(
        Q(date__lt=meeting.date) | Q(date=meeting.date, start_time__lt=meeting.start_time))
    last_item = AgendaItem.objects.filter(meeting__in=earlier).aggregate(n=Max("minute_number"))["n"] or 0
    last_minute = MinuteItem.objects.filter(meeting__in=earlier).aggregate(n=Max("number"))["n"] or 0
    return max(last_item, last_minute) + 1


@transaction.atomic
def agenda_renumber(meeting: Meeting) -> None:
    """Number the agenda 1..n in its current order, and its minutes on from the year's last."""
    items = list(meeting.items.order_by("number", "id"))
    # Two passes so the unique (meeting, number) constraint never sees a clash.
    for i, item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=1000 + i)
    base = first_minute_number(meeting)
    minutes = MinuteItem.objects.filter(meeting=meeting)
    for minute in minutes:
        MinuteItem.objects.filter(pk=minute.pk).update(number=10000 + minute.number)
    for i, item in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(number=i, minute_number=base + i - 1)
        # The minute of an item keeps the item's minute number.
        MinuteItem.objects.filter(agenda_item_id=item.pk).update(number=base + i - 1)
    taken = set(MinuteItem.objects.filter(meeting=meeting, number__lt=10000).values_list("number", flat=True))
    spare = (n for n in range(base + len(items), base + len(items) + 10000) if n not in taken)
    for minute in MinuteItem.objects.filter(meeting=meeting, number__gte=10000).order_by("number"):
        MinuteItem.objects.filter(pk=minute.pk).update(number=next(spare))


def _time(t: dt.time) -> str:
    """9.00am, as the papers write it."""
    hour = t.hour % 12 or 12
    return f"{hour}.{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


@dataclass
class Quorum:
    required: int | None
    present: int
    rule: str

    @property
    def met(self) -> bool | None:
        return None if self.required is None else self.present >= self.required


def quorum(meeting: Meeting) -> Quorum:
    """Voting members (or their substitutes) present, against the terms of reference."""
    terms = meeting.terms()
    present = meeting.attendance.filter(
        status__in=[AttendanceStatus.PRESENT, AttendanceStatus.SUBSTITUTE],
        membership__kind=MembershipKind.MEMBER, membership__voting=True,
    ).values("membership").distinct().count()
    if terms is None or terms.quorum_count is None:
        return Quorum(None, present, terms.quorum_rule if terms and terms.quorum_rule
                      else "The terms of reference set no quorum.")
    return Quorum(terms.quorum_count, present, terms.quorum_rule or f"{terms.quorum_count} voting members")


def minutes_still_open(meeting: Meeting) -> None:
    """Refuse a change to minutes already confirmed as a correct record."""
    meeting = Meeting.objects.only("status", "minutes_confirmed_by__date").select_related(
        "minutes_confirmed_by").get(pk=meeting.pk)  # as it stands, never a copy read before confirmation
    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        at = meeting.minutes_confirmed_by
        raise ValidationError("These minutes were confirmed as a correct record"
                              + (f" at the meeting of {at.date:%-d %B %Y}" if at else "")
                              + ": they can no longer change.")


def attendance_closed_reason(meeting: Meeting) -> str | None:
    """Why the meeting's attendance cannot be recorded, or None while it can: the service
    refuses with it and the attendance page shows it instead of a form."""
    if meeting.date > clock.today():
        return "Attendance can be recorded once the meeting has taken place."
    if meeting.is_off:
        return f"The meeting is recorded as {meeting.get_status_display().lower()}."
    try:
        minutes_still_open(meeting)  # the attendance is part of the confirmed record
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


@transaction.atomic
def attendance_record(*, acting_user, meeting: Meeting, entries: list[dict], end_time: dt.time | None = None,
                      request=None) -> None:
    """Replace the attendance list. Each entry: person, status, capacity, membership, in_chair.
    The time the meeting ended, if given, is recorded with it (and audited with it)."""
    why = attendance_closed_reason(meeting)
    if why:
        raise ValidationError(why)
    before = list(meeting.attendance.values("person_id", "status"))
    meeting.attendance.all().delete()
    for order, e in enumerate(entries):
        Attendance.objects.create(meeting=meeting, order=order, **e)
    chair = next((e["person"] for e in entries if e.get("in_chair")), None)
    Meeting.objects.filter(pk=meeting.pk).update(chair=chair)
    if meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.HELD)
    detail = None
    if end_time is not None and end_time != meeting.end_time:
        Meeting.objects.filter(pk=meeting.pk).update(end_time=end_time)
        detail = {"end_time": {"before": meeting.end_time and meeting.end_time.isoformat(),
                               "after": end_time.isoformat()}}
    audit_record(actor=acting_user, action=BoardAudit.MEETING_ATTENDANCE_RECORDED, obj=meeting, detail=detail,
                 before={"attendance": before}, after={"attendance": [
                     {"person_id": e["person"].pk, "status": e["status"]} for e in entries]}, request=request)


def expected_seats(meeting: Meeting):
    """Seats expected at a meeting: members whose term covers the date."""
    return meeting.board.memberships.filter(kind=MembershipKind.MEMBER).filter(current_seats(meeting.date))


def seat_capacity(seat: BoardMembership) -> str:
    """The capacity the minutes print beside a member: the role and the organisation,
    "Community Safety Partnership Strategy Group Chair - Blaby District Council", or the
    organisation alone when the role is just its name."""
    role, org = seat.role.strip(), seat.organisation.name
    if not role or role == org or org.lower() in role.lower():
        return role or org
    return f"{role} - {org}"
