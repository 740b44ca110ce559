"""Every write of board business: in a transaction, audited, with the rules of the
terms of reference (papers 7 days before, draft minutes within 14 days, recordings
destroyed when the minutes are confirmed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q

from daboard.core import clock
from daboard.core.audit import audit_record, snapshot
from daboard.core.models import Board, BoardMembership, MembershipKind
from daboard.core.permissions import current_seats

from .audit_actions import BoardAudit
from .distribution import circulate
from .models import (
    HELD_STATUSES,
    NOT_MEETING,
    Action,
    ActionStatus,
    ActionUpdate,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    CirculationKind,
    ForwardItem,
    ForwardStatus,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinuteItem,
    Part,
    Recording,
    SearchEntry,
    municipal_year_start,
)
from .working_days import why_not_working, working_day_on_or_after

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
    from daboard.core.identifiers import FIRST_DATE, LAST_DATE

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


# --- Changing a meeting -------------------------------------------------------------------


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


# --- Numbering ------------------------------------------------------------------------


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


# --- Agenda ---------------------------------------------------------------------------

# Later apps complete standing items when an agenda is drafted (the survivor-voice app fills
# "Scrutiny and Reference Group" from what the group sent). fill(acting_user=, item=) is
# called for each standing item, inside the agenda draft's transaction, and acts only on the
# items it knows. The board app cannot import the apps above it, so they register here from
# their AppConfig.ready().
STANDING_ITEM_FILLERS: list[Callable] = []


def register_standing_item(fill: Callable) -> None:
    """Have `fill` look at every standing item of every agenda drafted from now on."""
    if fill not in STANDING_ITEM_FILLERS:
        STANDING_ITEM_FILLERS.append(fill)


def _is_first_of_municipal_year(meeting: Meeting) -> bool:
    start = municipal_year_start(meeting.date)
    return not Meeting.objects.filter(board=meeting.board, date__gte=start, date__lt=meeting.date).exclude(
        status__in=NOT_MEETING).exists()


@transaction.atomic
def agenda_draft(*, acting_user, meeting: Meeting, request=None) -> list[AgendaItem]:
    """Start an empty agenda from the terms of reference: welcome, chair and vice-chair at
    the first meeting of the municipal year, the previous minutes, open actions, the
    standing items, reports promised to this meeting, any other business, next meeting."""
    if meeting.items.exists():
        raise ValidationError("This meeting already has an agenda. Add or remove items instead.")
    terms = meeting.terms()
    prev = previous_meeting(meeting)
    rows: list[dict] = [{"title": "Welcome, introductions and apologies.", "kind": ItemKind.WELCOME}]
    if _is_first_of_municipal_year(meeting):
        rows.append({"title": "Appointment of Chair.", "kind": ItemKind.APPOINTMENT,
                     "description": terms.chair_rule if terms and terms.chair_rule else ""})
        rows.append({"title": "Appointment of Vice Chair.", "kind": ItemKind.APPOINTMENT,
                     "description": terms.vice_chair_rule if terms and terms.vice_chair_rule else ""})
    if prev is not None:
        rows.append({"title": f"Minutes of the meeting held on {prev.date:%-d %B %Y}.", "kind": ItemKind.MINUTES})
    rows.append({"title": "Actions from previous meetings.", "kind": ItemKind.ACTIONS})
    standing = [s.title for s in terms.standing_items.all()] if terms else []
    for title in standing:
        if title.lower().startswith("minutes"):
            continue  # the minutes and actions items above are this standing item
        rows.append({"title": title, "kind": ItemKind.STANDING})
    for forward in ForwardItem.objects.filter(target_meeting=meeting, status=ForwardStatus.PLANNED).select_related(
            "source_minute__meeting"):
        rows.append({"title": forward.title, "kind": ItemKind.REPORT, "description": forward.description,
                     "presenter": forward.presenter, "forward_item": forward, **_part_of(forward)})
    rows.append({"title": "Any other business.", "kind": ItemKind.OTHER_BUSINESS})
    nxt = next_meeting(meeting)
    rows.append({"title": "Date of next meeting.", "kind": ItemKind.NEXT_MEETING,
                 "description": f"The next meeting of the Board is scheduled to take place on "
                                f"{nxt.date:%A %-d %B %Y} at {_time(nxt.start_time)}." if nxt else ""})
    items = []
    for number, row in enumerate(rows, start=1):
        forward = row.pop("forward_item", None)
        item = AgendaItem.objects.create(meeting=meeting, number=number, forward_item=forward, **row)
        if forward:
            ForwardItem.objects.filter(pk=forward.pk).update(status=ForwardStatus.ON_AGENDA)
        if item.kind == ItemKind.STANDING:
            for fill in STANDING_ITEM_FILLERS:
                fill(acting_user=acting_user, item=item)
        items.append(item)
    agenda_renumber(meeting)
    audit_record(actor=acting_user, action=BoardAudit.AGENDA_DRAFTED, obj=meeting, detail={"items": len(items)},
                 request=request)
    return items


def _part_of(forward: ForwardItem) -> dict:
    """A report promised in closed session (or already taken in a closed part) goes on the
    agenda in the closed part, for the same reason as the item it came from."""
    if not forward.is_closed:
        return {}
    minute = forward.source_minute
    if minute is not None and minute.is_closed:
        item = minute.agenda_item
        fallback = f"Promised in closed session (minute {minute.number}, {minute.meeting.date:%-d %B %Y})"
    else:
        item, fallback = forward.agenda_items.filter(part=Part.CLOSED).first(), "Closed business"
    return {"part": Part.CLOSED, "closed_reason": (item.closed_reason if item else "") or fallback,
            "exemption_paragraph": item.exemption_paragraph if item else ""}


def _time(t: dt.time) -> str:
    """9.00am, as the papers write it."""
    hour = t.hour % 12 or 12
    return f"{hour}.{t.minute:02d}{'am' if t.hour < 12 else 'pm'}"


@transaction.atomic
def agenda_item_save(*, acting_user, item: AgendaItem, request=None) -> AgendaItem:
    """Add or change an item; a new item goes before any other business and the next meeting."""
    creating = item.pk is None
    before = None if creating else snapshot(AgendaItem.objects.get(pk=item.pk))
    if creating:
        tail = item.meeting.items.filter(kind__in=[ItemKind.OTHER_BUSINESS, ItemKind.NEXT_MEETING]).order_by("number")
        position = tail.first().number if tail.exists() else (item.meeting.items.count() + 1)
        for later in item.meeting.items.filter(number__gte=position).order_by("-number"):
            AgendaItem.objects.filter(pk=later.pk).update(number=later.number + 1)
        item.number = position
    if item.part == Part.OPEN:
        item.closed_reason, item.exemption_paragraph = "", ""
    item.full_clean()
    item.save()
    agenda_renumber(item.meeting)
    item.refresh_from_db()
    # "Closed" is inherited: the item's minute (and with it its resolutions, the actions and
    # forward items born in it) and the search index move with the item's part.
    moved = MinuteItem.objects.filter(agenda_item=item).exclude(part=item.part).update(part=item.part)
    audit_record(actor=acting_user, action=BoardAudit.AGENDA_ITEM_ADDED if creating else BoardAudit.AGENDA_ITEM_CHANGED, obj=item,
                 before=before, after=snapshot(item), detail={"minutes_moved": moved} if moved else None,
                 request=request)
    search_reindex_meeting(item.meeting)
    return item


@transaction.atomic
def agenda_item_move(*, acting_user, item: AgendaItem, direction: int, request=None) -> None:
    items = list(item.meeting.items.order_by("number"))
    i = items.index(item)
    j = i + direction
    if not 0 <= j < len(items):
        return
    items[i], items[j] = items[j], items[i]
    for n, it in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=it.pk).update(number=500 + n)
    for n, it in enumerate(items, start=1):
        AgendaItem.objects.filter(pk=it.pk).update(number=n)
    agenda_renumber(item.meeting)
    audit_record(actor=acting_user, action=BoardAudit.AGENDA_ITEM_MOVED, obj=item, detail={"direction": direction},
                 request=request)


@transaction.atomic
def agenda_item_delete(*, acting_user, item: AgendaItem, request=None) -> None:
    if item.meeting.reached(MeetingStatus.AGENDA_PUBLISHED):
        raise ValidationError("The agenda has been published; items cannot be removed.")
    meeting = item.meeting
    before = snapshot(item)
    item.delete()
    agenda_renumber(meeting)
    audit_record(actor=acting_user, action=BoardAudit.AGENDA_ITEM_REMOVED, obj=meeting, before=before, request=request)


# --- Attendance and quorum ------------------------------------------------------------


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


@transaction.atomic
def attendance_record(*, acting_user, meeting: Meeting, entries: list[dict], end_time: dt.time | None = None,
                      request=None) -> None:
    """Replace the attendance list. Each entry: person, status, capacity, membership, in_chair.
    The time the meeting ended, if given, is recorded with it (and audited with it)."""
    if meeting.date > clock.today():
        raise ValidationError("Attendance can be recorded once the meeting has taken place.")
    if meeting.is_off:
        raise ValidationError(f"The meeting is recorded as {meeting.get_status_display().lower()}.")
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


# --- Minutes --------------------------------------------------------------------------


@transaction.atomic
def minutes_start(*, acting_user, meeting: Meeting, request=None) -> list[MinuteItem]:
    """One minute per agenda item, numbered as the agenda numbers them, the confirmation
    wording filled in for the previous meeting's minutes."""
    created = []
    for item in meeting.items.order_by("number"):
        if hasattr(item, "minute") and item.minute is not None:
            continue
        considered = ""
        if item.kind == ItemKind.MINUTES:
            prev = previous_meeting(meeting)
            if prev is not None:
                considered = (f"The minutes of the meeting held on {prev.date:%-d %B %Y} were taken as read and "
                              "confirmed as a correct record.")
        minute = MinuteItem.objects.create(meeting=meeting, agenda_item=item, number=item.minute_number or item.number,
                                           title=item.title, considered=considered, part=item.part, points_intro="")
        created.append(minute)
    audit_record(actor=acting_user, action=BoardAudit.MINUTES_STARTED, obj=meeting, request=request)
    return created


@transaction.atomic
def minutes_circulate(*, acting_user, meeting: Meeting, now: dt.datetime | None = None, request=None) -> bool:
    """Send out the draft minutes. Returns True when later than the terms allow (14 days)."""
    if not meeting.minute_items.exists():
        raise ValidationError("Write the minutes before circulating them.")
    if meeting.reached(MeetingStatus.MINUTES_CIRCULATED):
        raise ValidationError("The draft minutes have already been circulated.")
    now = now or clock.now()
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_CIRCULATED, minutes_circulated_at=now)
    meeting.refresh_from_db()
    late = meeting.minutes_circulated_late
    audit_record(actor=acting_user, action=BoardAudit.MINUTES_CIRCULATED, obj=meeting, detail={"late": late}, request=request)
    circulate(acting_user=acting_user, meeting=meeting, kind=CirculationKind.MINUTES, request=request)
    return late


@transaction.atomic
def minutes_confirm(*, acting_user, meeting: Meeting, at_meeting: Meeting, now: dt.datetime | None = None,
                    request=None) -> None:
    """Confirm the minutes at a later meeting: the later meeting's minutes record it, and
    the audio recordings are destroyed (terms of reference 5.2), each deletion audited."""
    if at_meeting.board_id != meeting.board_id or at_meeting.date <= meeting.date:
        raise ValidationError("Minutes are confirmed at a later meeting of the same board.")
    if meeting.status != MeetingStatus.MINUTES_CIRCULATED:
        raise ValidationError("Only circulated draft minutes can be confirmed.")
    if not at_meeting.took_place:
        raise ValidationError(f"The meeting of {at_meeting.date:%-d %B %Y} has not been recorded as held: record "
                              "its attendance first. Minutes are confirmed only at a meeting that took place.")
    now = now or clock.now()
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_CONFIRMED, minutes_confirmed_at=now,
                                                 minutes_confirmed_by=at_meeting)
    wording = (f"The minutes of the meeting held on {meeting.date:%-d %B %Y} were taken as read and confirmed as a "
               "correct record.")
    item = at_meeting.items.filter(kind=ItemKind.MINUTES).first()
    if item is None:
        item = agenda_item_save(acting_user=acting_user, item=AgendaItem(
            meeting=at_meeting, title=f"Minutes of the meeting held on {meeting.date:%-d %B %Y}.",
            kind=ItemKind.MINUTES), request=request)
    minute = MinuteItem.objects.filter(agenda_item=item).first()
    if minute is None:
        MinuteItem.objects.create(meeting=at_meeting, agenda_item=item, number=item.minute_number or item.number,
                                  title=item.title, considered=wording, points_intro="")
    else:
        MinuteItem.objects.filter(pk=minute.pk).update(considered=wording)
    audit_record(actor=acting_user, action=BoardAudit.MINUTES_CONFIRMED, obj=meeting,
                 detail={"at_meeting": at_meeting.pk}, request=request)
    terms = meeting.terms()
    # Recordings go when the minutes are confirmed (daboard's retention policy, and Leicester's
    # terms 5.2) unless the board's terms say to keep them.
    if terms is None or terms.delete_recordings_on_confirmation is not False:
        recordings_destroy(meeting=meeting, reason="Minutes confirmed (terms of reference 5.2)",
                           acting_user=acting_user, request=request)
    search_reindex_meeting(meeting)
    search_reindex_meeting(at_meeting)


# --- Recordings -----------------------------------------------------------------------


@transaction.atomic
def recording_add(*, acting_user, meeting: Meeting, upload, request=None) -> Recording:
    from daboard.core.uploads import stored_name

    if meeting.status == MeetingStatus.MINUTES_CONFIRMED:
        raise ValidationError("The minutes of this meeting are confirmed; its recording is no longer kept.")
    recording = Recording(meeting=meeting, original_name=upload.name[:255], size=upload.size, uploaded_by=acting_user)
    recording.file.save(stored_name(upload.name), upload, save=False)
    recording.save()
    audit_record(actor=acting_user, action=BoardAudit.RECORDING_UPLOADED, obj=meeting,
                 detail={"recording": recording.pk, "bytes": upload.size}, request=request)
    return recording


@transaction.atomic
def recordings_destroy(*, meeting: Meeting, reason: str, acting_user=None, request=None) -> int:
    """Delete the audio files for good, keeping a record that they existed."""
    count = 0
    for recording in meeting.recordings.filter(deleted_at__isnull=True):
        if recording.file:
            recording.file.delete(save=False)
        Recording.objects.filter(pk=recording.pk).update(file="", deleted_at=clock.now(), deleted_reason=reason)
        audit_record(actor=acting_user, action=BoardAudit.RECORDING_DELETED, obj=meeting,
                     detail={"recording": recording.pk, "reason": reason}, request=request)
        count += 1
    return count


# --- Actions --------------------------------------------------------------------------


@transaction.atomic
def action_create(*, acting_user, action: Action, request=None) -> Action:
    if not (action.owner_id or action.owner_organisation_id):
        raise ValidationError({"owner": "Say who will do the action."})
    if not (action.due_date or action.due_next_meeting):
        raise ValidationError({"due_date": "Give a due date, or choose the next meeting."})
    action.full_clean()
    action.save()
    audit_record(actor=acting_user, action=BoardAudit.ACTION_CREATED, obj=action, after=snapshot(action), request=request)
    return action


@transaction.atomic
def action_update(*, acting_user, action: Action, text: str, status: str, request=None) -> ActionUpdate:
    before = {"status": action.status}
    update = ActionUpdate.objects.create(action=action, by=acting_user, text=text, status=status)
    closed = status in (ActionStatus.DONE, ActionStatus.DROPPED)
    Action.objects.filter(pk=action.pk).update(status=status, closed_at=clock.now() if closed else None)
    audit_record(actor=acting_user, action=BoardAudit.ACTION_UPDATED, obj=action, before=before, after={"status": status},
                 request=request)
    return update


def open_actions(board: Board, before: dt.date | None = None):
    qs = Action.objects.filter(board=board, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    if before is not None:
        qs = qs.filter(meeting__date__lt=before)
    return qs.select_related("owner", "owner_organisation", "meeting", "minute").order_by("meeting__date", "id")


# --- Search index ---------------------------------------------------------------------


def search_reindex_meeting(meeting: Meeting) -> None:
    """Refresh what search finds for one meeting: its agenda, minutes, resolutions and papers."""
    SearchEntry.objects.filter(meeting=meeting).delete()
    entries = []
    for item in meeting.items.all():
        entries.append(SearchEntry(kind="agenda", object_id=item.pk, board_id=meeting.board_id, meeting=meeting,
                                   closed=item.is_closed, title=item.title, body=item.description))
        for paper in item.papers.filter(withdrawn_at__isnull=True):
            entries.append(SearchEntry(kind="paper", object_id=paper.pk, board_id=meeting.board_id, meeting=meeting,
                                       closed=item.is_closed, title=paper.title, body=paper.text or paper.title))
    for minute in meeting.minute_items.prefetch_related("points", "resolutions"):
        body = "\n".join([minute.considered, *[p.text for p in minute.points.all()], minute.closing_text])
        entries.append(SearchEntry(kind="minute", object_id=minute.pk, board_id=meeting.board_id, meeting=meeting,
                                   closed=minute.is_closed, title=minute.title, body=body))
        for resolution in minute.resolutions.all():
            entries.append(SearchEntry(kind="resolution", object_id=resolution.pk, board_id=meeting.board_id,
                                       meeting=meeting, closed=minute.is_closed, title=minute.title,
                                       body=resolution.text))
    SearchEntry.objects.bulk_create(entries)




# --- Papers and the agenda pack -------------------------------------------------------


def paper_text(pdf_bytes: bytes, limit: int = 200_000) -> str:
    """The words of a paper for search, from its PDF (Word and slides are converted to PDF
    first, so one reader serves all three). A paper whose text cannot be read is still filed."""
    import io

    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf_bytes))
        parts, size = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            size += len(text)
            if size > limit:
                break
    except Exception:  # noqa: BLE001 (a damaged text layer must not stop the upload)
        return ""
    return " ".join(" ".join(parts).split())[:limit]


def _store_paper(*, acting_user, item: AgendaItem, title: str, upload, replaces=None):
    import hashlib

    from django.conf import settings
    from django.core.files.base import ContentFile

    from daboard.core.uploads import read_upload, safe_download_name, stored_name

    from .documents import paper_pack_check
    from .models import Paper
    from .papers import sniff_paper, to_pdf

    data = read_upload(upload, settings.DABOARD_MAX_UPLOAD_BYTES, "file")
    sniffed = sniff_paper(data)
    pdf_bytes = data if sniffed.kind == "pdf" else to_pdf(data, sniffed.extension)
    pages = paper_pack_check(pdf_bytes)  # opened as the pack builder will
    published = Meeting.objects.filter(pk=item.meeting_id, agenda_published_at__isnull=False).exists()
    paper = Paper(item=item, title=title, original_name=safe_download_name(upload.name, f"paper.{sniffed.extension}"),
                  content_type=sniffed.content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                  pages=pages, order=replaces.order if replaces else item.papers.filter(withdrawn_at__isnull=True).count(),
                  uploaded_by=acting_user, text=paper_text(pdf_bytes), supplementary=published, replaces=replaces)
    paper.file.save(stored_name(upload.name, sniffed.extension), ContentFile(data), save=False)
    if sniffed.kind != "pdf":
        paper.pdf.save(stored_name("x.pdf", "pdf"), ContentFile(pdf_bytes), save=False)
    paper.save()
    return paper, sniffed, pages, len(data)


def _check_papers_open(item: AgendaItem) -> None:
    item.meeting = Meeting.objects.get(pk=item.meeting_id)  # never a copy cached before publication
    if item.meeting.is_off:
        raise ValidationError(f"The meeting is {item.meeting.get_status_display().lower()}.")
    if item.meeting.took_place:
        raise ValidationError("The meeting has taken place; its papers are part of the record.")


@transaction.atomic
def paper_add(*, acting_user, item: AgendaItem, title: str, upload, request=None):
    """Store a paper after checking its bytes are a PDF, a Word document or slides
    (PowerPoint); Word and slides get a PDF copy for the pack. The stored name is generated,
    never the user's. A paper added after publication goes into a supplementary pack."""
    _check_papers_open(item)
    paper, sniffed, pages, size = _store_paper(acting_user=acting_user, item=item, title=title, upload=upload)
    audit_record(actor=acting_user, action=BoardAudit.PAPER_UPLOADED, obj=paper,
                 detail={"item": item.pk, "pages": pages, "bytes": size, "type": sniffed.kind,
                         "supplementary": paper.supplementary}, request=request)
    search_reindex_meeting(item.meeting)
    return paper


@transaction.atomic
def paper_replace(*, acting_user, paper, title: str, upload, reason: str = "", request=None):
    """A new version of a paper. The old one is kept, withdrawn, as history; after
    publication the new one goes into a supplementary pack."""
    from .models import Paper

    if paper.withdrawn_at is not None:
        raise ValidationError("That paper has already been withdrawn or replaced.")
    _check_papers_open(paper.item)
    new, sniffed, pages, size = _store_paper(acting_user=acting_user, item=paper.item, title=title or paper.title,
                                             upload=upload, replaces=paper)
    Paper.objects.filter(pk=paper.pk).update(withdrawn_at=clock.now(),
                                             withdrawn_reason=(reason or f"Replaced by a new version ({title})")[:300])
    audit_record(actor=acting_user, action=BoardAudit.PAPER_REPLACED, obj=new,
                 detail={"replaces": paper.pk, "pages": pages, "type": sniffed.kind, "reason": reason}, request=request)
    search_reindex_meeting(paper.item.meeting)
    return new


@transaction.atomic
def paper_remove(*, acting_user, paper, reason: str = "", request=None) -> None:
    """Withdraw a paper before the pack is published. It stays on record (with who, when
    and why) but leaves the agenda, the pack and search."""
    from .models import Paper

    meeting = Meeting.objects.get(pk=paper.item.meeting_id)
    if meeting.agenda_published_at and not paper.supplementary:
        raise ValidationError("The pack has been published; a paper in it can be replaced (in a supplementary "
                              "pack) but not removed.")
    if paper.withdrawn_at is not None:
        raise ValidationError("That paper has already been withdrawn.")
    Paper.objects.filter(pk=paper.pk).update(withdrawn_at=clock.now(), withdrawn_reason=(reason or "Withdrawn")[:300])
    audit_record(actor=acting_user, action=BoardAudit.PAPER_REMOVED, obj=meeting,
                 before={"title": paper.title, "item": paper.item_id, "paper": paper.pk},
                 detail={"reason": reason}, request=request)
    search_reindex_meeting(meeting)


@transaction.atomic
def meeting_publish_pack(*, acting_user, meeting: Meeting, now: dt.datetime | None = None, request=None) -> bool:
    """Build the agenda pack (an open pack, and a full one with the closed part), publish
    the agenda, send it to the distribution list once committed, and say whether it went
    out later than the terms allow (7 days). Once published, papers added or replaced since
    go out as a supplementary pack; with none, the pack is rebuilt."""
    from django.core.files.base import ContentFile

    from daboard.core.uploads import stored_name

    from .documents import build_pack
    from .models import Paper

    if not meeting.items.exists():
        raise ValidationError("Add items to the agenda before publishing it.")
    if meeting.is_off:
        raise ValidationError(f"The meeting is {meeting.get_status_display().lower()}.")
    already = meeting.agenda_published_at is not None
    supplementary = already and Paper.objects.filter(item__meeting=meeting, supplementary=True,
                                                     withdrawn_at__isnull=True).exists()
    fields = ("pack_supplement", "pack_supplement_full") if supplementary else ("pack", "pack_full")
    open_pdf, _items, pages = build_pack(meeting, include_closed=False, supplementary=supplementary)
    full_pdf, _items, _pages = build_pack(meeting, include_closed=True, supplementary=supplementary)
    for field, data in zip(fields, (open_pdf, full_pdf), strict=True):
        old = getattr(meeting, field)
        if old:
            # The old file goes only once the new pack is committed: a rolled-back publication
            # must not leave the meeting pointing at a deleted file.
            storage, name = old.storage, old.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        getattr(meeting, field).save(stored_name("pack.pdf", "pdf"), ContentFile(data), save=False)
    if not supplementary:
        meeting.pack_pages = pages
        meeting.agenda_published_at = now or clock.now()
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.save()
    late = meeting.pack_published_late
    audit_record(actor=acting_user, action=BoardAudit.AGENDA_SUPPLEMENT_PUBLISHED if supplementary else BoardAudit.AGENDA_PUBLISHED,
                 obj=meeting, detail={"late": late, "pages": pages}, request=request)
    if supplementary or not already:
        circulate(acting_user=acting_user, meeting=meeting,
                  kind=CirculationKind.SUPPLEMENTARY if supplementary else CirculationKind.PACK, request=request)
    return late


def default_lead_in(minute: MinuteItem) -> str:
    """"Arising from the presentation" after a presentation, "Arising from discussions"
    otherwise, as the seeds write them."""
    kind = minute.agenda_item.kind if minute.agenda_item else ""
    if kind == ItemKind.PRESENTATION:
        return "Arising from the presentation the following points were noted:"
    return "Arising from discussions the following points were noted:"


def seat_capacity(seat: BoardMembership) -> str:
    """The capacity the minutes print beside a member: the role and the organisation,
    "Community Safety Partnership Strategy Group Chair - Blaby District Council", or the
    organisation alone when the role is just its name."""
    role, org = seat.role.strip(), seat.organisation.name
    if not role or role == org or org.lower() in role.lower():
        return role or org
    return f"{role} - {org}"


@transaction.atomic
def minute_save(*, acting_user, minute: MinuteItem, considered: str, points: list[str], closing_text: str,
                resolutions: list[str], points_intro: str | None = None, request=None) -> MinuteItem:
    """Save one minute: what was considered, the lead-in and the points noted, the text
    after them, and the resolutions."""
    from .models import MinutePoint, Resolution

    old = {"considered": minute.considered, "points": list(minute.points.values_list("text", flat=True)),
           "resolutions": list(minute.resolutions.values_list("text", flat=True)), "closing_text": minute.closing_text}
    new = {"considered": considered, "points": points, "resolutions": resolutions, "closing_text": closing_text}
    minute.considered, minute.closing_text = considered, closing_text
    if points_intro is not None:
        minute.points_intro = points_intro
    elif points and not minute.points_intro:
        minute.points_intro = default_lead_in(minute)
    minute.save()
    minute.points.all().delete()
    MinutePoint.objects.bulk_create([MinutePoint(minute=minute, order=i, text=t) for i, t in enumerate(points, 1)])
    minute.resolutions.all().delete()
    Resolution.objects.bulk_create([Resolution(minute=minute, order=i, text=t) for i, t in enumerate(resolutions, 1)])
    # Which parts of the minute changed, never their text (the minute may be closed, now or later).
    audit_record(actor=acting_user, action=BoardAudit.MINUTES_ITEM_SAVED, obj=minute,
                 detail={"changed": sorted(k for k in new if old[k] != new[k]),
                         "points": len(points), "resolutions": len(resolutions)}, request=request)
    search_reindex_meeting(minute.meeting)
    return minute


def interest_conflicts(meeting: Meeting) -> list[tuple[AgendaItem, object]]:
    """Closed commissioning items at which a member with a registered commissioning
    interest is due (a seat holder who has not sent apologies)."""
    from .models import Interest

    closed = list(meeting.items.filter(part=Part.CLOSED))
    if not closed:
        return []
    interests = Interest.objects.filter(board=meeting.board, commissioning=True, registered_on__lte=meeting.date).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=meeting.date)).select_related("person", "organisation")
    apologies = set(meeting.attendance.filter(status=AttendanceStatus.APOLOGIES).values_list("person_id", flat=True))
    seat_holders = set(expected_seats(meeting).values_list("person_id", flat=True))
    due = [i for i in interests if i.person_id in seat_holders and i.person_id not in apologies]
    return [(item, interest) for item in closed for interest in due]


# --- Membership, appointments, terms of reference, declarations, forward plan -----------


@transaction.atomic
def membership_save(*, acting_user, membership: BoardMembership, request=None) -> BoardMembership:
    """Add or change a seat: agency, role, representative, substitute, voting or advisory, term."""
    creating = membership.pk is None
    before = None if creating else snapshot(BoardMembership.objects.get(pk=membership.pk))
    if creating and membership.order == 0:
        membership.order = (membership.board.memberships.filter(kind=membership.kind)
                            .aggregate(n=Max("order"))["n"] or 0) + 1
    membership.full_clean()
    membership.save()
    audit_record(actor=acting_user, action=BoardAudit.MEMBERSHIP_ADDED if creating else BoardAudit.MEMBERSHIP_CHANGED, obj=membership,
                 before=before, after=snapshot(membership), request=request)
    return membership


@transaction.atomic
def appointment_record(*, acting_user, board: Board, position: str, person, municipal_year: str, until: str,
                       resolution=None, request=None):
    """Chair or vice-chair for a municipal year, by a resolution of the board; the seat
    positions follow."""
    from .models import Appointment

    appointment, _ = Appointment.objects.update_or_create(
        board=board, position=position, municipal_year=municipal_year,
        defaults={"person": person, "until": until, "resolution": resolution,
                  "minute": resolution.minute if resolution else None})
    board.memberships.filter(position=position).update(position="member")
    board.memberships.filter(person=person, kind=MembershipKind.MEMBER).update(position=position)
    audit_record(actor=acting_user, action=BoardAudit.APPOINTMENT_RECORDED, obj=appointment,
                 after={"position": position, "person": person.name, "year": municipal_year}, request=request)
    return appointment


@transaction.atomic
def terms_new_version(*, acting_user, terms, request=None):
    """A draft copy of the terms of reference, to amend and then approve at a meeting."""
    from .models import StandingItem, TermsOfReference, TermsSection

    latest = terms.board.terms.aggregate(n=Max("version"))["n"] or 0
    draft = TermsOfReference.objects.get(pk=terms.pk)
    draft.pk = None
    draft.version, draft.status, draft.approved_on, draft.approved_at, draft.amendments = latest + 1, "draft", None, None, ""
    draft.save()
    TermsSection.objects.bulk_create([TermsSection(terms=draft, number=s.number, heading=s.heading, text=s.text,
                                                   order=s.order) for s in terms.sections.all()])
    StandingItem.objects.bulk_create([StandingItem(terms=draft, title=s.title, order=s.order)
                                      for s in terms.standing_items.all()])
    audit_record(actor=acting_user, action=BoardAudit.TERMS_DRAFTED, obj=draft, request=request)
    return draft


@transaction.atomic
def terms_save(*, acting_user, terms, standing_items: list[str], request=None):
    """Save a draft's typed changes (`terms` carries them, unsaved) and replace its standing
    agenda items with the titles given, in order."""
    from .models import StandingItem, TermsOfReference

    if terms.status != "draft":
        raise ValidationError("Only a draft can be changed.")
    before = {"title": TermsOfReference.objects.values_list("title", flat=True).get(pk=terms.pk)}
    terms.save()
    terms.standing_items.all().delete()
    StandingItem.objects.bulk_create([StandingItem(terms=terms, title=t, order=i)
                                      for i, t in enumerate(standing_items, 1)])
    audit_record(actor=acting_user, action=BoardAudit.TERMS_CHANGED, obj=terms, before=before,
                 detail={"standing_items": len(standing_items)}, request=request)
    return terms


@transaction.atomic
def interest_register(*, acting_user, board: Board, person, description: str, commissioning: bool,
                      registered_on: dt.date, request=None):
    """Enter an interest in the board's register."""
    from .models import Interest

    interest = Interest.objects.create(board=board, person=person, description=description,
                                       commissioning=commissioning, registered_on=registered_on,
                                       organisation=person.organisation)
    audit_record(actor=acting_user, action=BoardAudit.INTEREST_REGISTERED, obj=interest, request=request)
    return interest


@transaction.atomic
def terms_approve(*, acting_user, terms, meeting: Meeting, amendments: str = "", request=None):
    """Approve a draft at a meeting (with any amendments); the version in force before it is superseded."""
    if terms.status != "draft":
        raise ValidationError("Only a draft can be approved.")
    if meeting.board_id != terms.board_id:
        raise ValidationError("The terms are approved at a meeting of their own board.")
    terms.board.terms.filter(status="approved").update(status="superseded")
    terms.status, terms.approved_at, terms.approved_on, terms.amendments = "approved", meeting, meeting.date, amendments
    terms.save()
    audit_record(actor=acting_user, action=BoardAudit.TERMS_APPROVED, obj=terms,
                 detail={"meeting": meeting.pk, "amendments": amendments}, request=request)
    return terms


@transaction.atomic
def declaration_record(*, acting_user, meeting: Meeting, person, text: str, agenda_item=None, interest=None,
                       left_the_meeting: bool = False, request=None):
    from .models import Declaration

    declaration = Declaration.objects.create(meeting=meeting, agenda_item=agenda_item, person=person, text=text,
                                             interest=interest, left_the_meeting=left_the_meeting)
    audit_record(actor=acting_user, action=BoardAudit.DECLARATION_RECORDED, obj=meeting,
                 detail={"person": person.name, "item": agenda_item.number if agenda_item else None}, request=request)
    return declaration


@transaction.atomic
def forward_item_promise(*, acting_user, board: Board, title: str, description: str = "", source_minute=None,
                         target_meeting: Meeting | None = None, presenter=None, request=None) -> ForwardItem:
    """Record a report promised for a later meeting; it joins that meeting's draft agenda,
    or, if the agenda is already drafted, is added to it now."""
    if target_meeting is not None and (target_meeting.board_id != board.pk):
        raise ValidationError("The meeting must be one of this board's.")
    item = ForwardItem.objects.create(board=board, title=title, description=description, source_minute=source_minute,
                                      target_meeting=target_meeting, presenter=presenter)
    audit_record(actor=acting_user, action=BoardAudit.FORWARD_ITEM_PROMISED, obj=item, request=request)
    if target_meeting is not None and target_meeting.items.exists() and not target_meeting.reached(
            MeetingStatus.AGENDA_PUBLISHED):
        agenda_item_save(acting_user=acting_user, item=AgendaItem(
            meeting=target_meeting, title=title, description=description, presenter=presenter,
            kind=ItemKind.REPORT, forward_item=item, **_part_of(item)), request=request)
        ForwardItem.objects.filter(pk=item.pk).update(status=ForwardStatus.ON_AGENDA)
    return item


def generated_paper_attach(*, acting_user, council, meeting, item_title: str, paper_title: str, filename: str,
                           build, request=None):
    """Put a document daboard generates (money view, performance report, needs assessment,
    delivery plan report) on a meeting's agenda as a new item with its paper, in one step."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .models import AgendaItem, MeetingStatus

    if meeting.reached(MeetingStatus.AGENDA_PUBLISHED):
        raise ValidationError("That meeting's agenda is already published; ask the clerk to add the paper.")
    if not meeting.board.councils.filter(pk=council.duty_council.pk).exists():
        raise ValidationError("That board does not cover this council.")
    with transaction.atomic():
        person = getattr(acting_user, "person", None)
        # Commissioning papers default to the closed part (Schedule 12A, paragraph 3: the
        # business affairs of providers and the council); the clerk can open them.
        item = agenda_item_save(acting_user=acting_user, item=AgendaItem(
            meeting=meeting, title=item_title, kind="report", presenter=person,
            presenter_role=person.job_title if person else "", part=Part.CLOSED, exemption_paragraph="3",
            closed_reason="Commissioning information: the financial or business affairs of providers and the council"),
            request=request)
        paper_add(acting_user=acting_user, item=item, title=paper_title,
                  upload=SimpleUploadedFile(filename, build(), content_type="application/pdf"), request=request)
    return item
