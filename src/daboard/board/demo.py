"""Load the seed boards' business (idempotent: found by natural keys, then updated)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from daboard.core.appconfig import DemoStep
from daboard.core.models import Board, Organisation, Person

from . import seed_meetings as seed
from .models import (
    Action,
    AgendaItem,
    Appointment,
    Attendance,
    ForwardItem,
    Interest,
    Meeting,
    MinuteItem,
    MinutePoint,
    Resolution,
    StandingItem,
    TermsOfReference,
    TermsSection,
    roman,
)
from .services import search_reindex_meeting

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("Terms of reference, meetings, minutes and actions", "daboard.board.demo.load_board_business"),
    DemoStep("The board's next meeting (synthetic, ahead of today)", "daboard.board.demo_live.load_meeting_ahead", live=True),
)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def load_board_business() -> None:
    boards = {b.slug: b for b in Board.objects.all()}
    people = {p.name: p for p in Person.objects.all()}
    _load_terms(boards)
    meetings = _load_meetings(boards, people)
    _load_agendas(meetings, people)
    _load_minutes(meetings, people)
    _link_terms_and_confirmations(boards, meetings)
    _load_actions_and_forward_items(boards, meetings, people)
    _load_interests(boards, people)
    for meeting in meetings.values():
        search_reindex_meeting(meeting)


def _load_terms(boards) -> None:
    spec = seed.LEICESTER_TERMS
    terms, _ = TermsOfReference.objects.update_or_create(
        board=boards[spec["board"]], version=spec["version"],
        defaults={k: spec[k] for k in ("title", "meeting_frequency", "min_meetings_per_year", "quorum_rule",
                                       "chair_rule", "vice_chair_rule", "papers_deadline_days",
                                       "draft_minutes_deadline_days", "minutes_retention_years",
                                       "delete_recordings_on_confirmation", "closed_business_rule",
                                       "reporting_lines", "source")} | {"status": "approved"},
    )
    terms.sections.all().delete()
    TermsSection.objects.bulk_create([
        TermsSection(terms=terms, number=n, heading=h, text=t, order=i)
        for i, (n, _source, h, t) in enumerate(spec["sections"])])
    terms.standing_items.all().delete()
    StandingItem.objects.bulk_create([StandingItem(terms=terms, title=t, order=i)
                                      for i, t in enumerate(spec["standing_items"], start=1)])
    for spec in seed.LR_TERMS:
        # Only what the board's own papers say: every rule they do not give is left empty
        # (never Leicester's 7-day papers, 14-day minutes, 7-year retention or recordings rule).
        TermsOfReference.objects.update_or_create(
            board=boards[spec["board"]], version=spec["version"],
            defaults={k: spec[k] for k in ("status", "title", "approved_on", "amendments", "meeting_frequency",
                                           "chair_rule", "vice_chair_rule", "source")}
            | {k: None for k in seed.TERMS_RULES_NOT_IN_LR_PAPERS},
        )


def _load_meetings(boards, people) -> dict[tuple[str, dt.date], Meeting]:
    meetings = {}
    for spec in seed.MEETINGS:
        board = boards[spec["board"]]
        status = spec["status"]
        meeting, _ = Meeting.objects.update_or_create(
            board=board, date=spec["date"], start_time=dt.time(9, 0),
            defaults={
                "title": spec["title"], "location": spec.get("location", ""), "end_time": spec.get("end"),
                "status": status, "chair": people.get(spec.get("chair", "")),
                "contact": people.get(spec.get("contact", "")), "contact_phone": spec.get("phone", ""),
                "contact_email": spec.get("email", ""),
                # No seed gives the day a pack was published or draft minutes circulated: the
                # status says how far the meeting got, and those dates stay empty.
                "agenda_published_at": None, "minutes_circulated_at": None,
                # Minutes are confirmed at a later meeting, which the seeds date (9.00 am).
                "minutes_confirmed_at": _at(spec["confirmed_by"]) if spec.get("confirmed_by") else None,
                "minutes_confirmed_by": None,  # linked below, once every meeting exists
            },
        )
        meetings[(spec["board"], spec["date"])] = meeting
    return meetings


def _load_agendas(meetings, people) -> None:
    for day, items in seed.AGENDAS.items():
        meeting = meetings[(seed.LR, day)]
        for number, minute_number, title, kind, description, presenter, role, pages, _source in items:
            AgendaItem.objects.update_or_create(
                meeting=meeting, number=number,
                defaults={"title": title, "kind": kind, "description": description, "minute_number": minute_number,
                          "presenter": people.get(presenter or ""), "presenter_role": role, "printed_pages": pages})


def _load_minutes(meetings, people) -> None:
    for day, minutes in seed.MINUTES.items():
        meeting = meetings[(seed.LR, day)]
        for position, spec in enumerate(minutes, start=1):
            agenda_number = spec.get("agenda", position)
            item, _ = AgendaItem.objects.update_or_create(
                meeting=meeting, number=agenda_number,
                defaults={"title": spec["title"], "minute_number": spec["number"], "kind": _kind(spec["title"])})
            minute, _ = MinuteItem.objects.update_or_create(
                meeting=meeting, number=spec["number"],
                defaults={"agenda_item": item, "title": spec["title"], "considered": spec.get("considered", ""),
                          "points_intro": spec.get("points_intro", "Arising from discussions the following points were noted:")
                          if spec.get("points") else "",
                          "closing_text": spec.get("closing", ""), "resolution_lead": spec.get("resolution_lead", "")})
            minute.points.all().delete()
            points = []
            for order, point in enumerate(spec.get("points", []), start=1):
                label, text = point if isinstance(point, tuple) else ("", point)
                points.append(MinutePoint(minute=minute, order=order, text=text,
                                          label="" if label in ("", roman(order)) else label))
            MinutePoint.objects.bulk_create(points)
            minute.resolutions.all().delete()
            Resolution.objects.bulk_create([Resolution(minute=minute, order=i, text=t)
                                            for i, t in enumerate(spec.get("resolutions", []), start=1)])
        attendance = seed.ATTENDANCE.get(day, [])
        meeting.attendance.all().delete()
        Attendance.objects.bulk_create([
            Attendance(meeting=meeting, person=people[name], capacity=capacity, status=status, order=i,
                       in_chair=(people[name] == meeting.chair), membership=_seat(meeting.board, people[name]))
            for i, (name, capacity, status, _source) in enumerate(attendance)])


def _seat(board: Board, person: Person):
    return board.memberships.filter(person=person).first()


def _kind(title: str) -> str:
    t = title.lower()
    if t.startswith("welcome") or t.startswith("introductions"):
        return "welcome"
    if t.startswith("minutes"):
        return "minutes"
    if "any other business" in t:
        return "other_business"
    if "date of next" in t or "dates of future" in t:
        return "next_meeting"
    if "appointment" in t or "approving terms" in t:
        return "appointment"
    if "presentation" in t or "theory of change" in t:
        return "presentation"
    return "report"


def _link_terms_and_confirmations(boards, meetings) -> None:
    lr = boards[seed.LR]
    march = meetings[(seed.LR, dt.date(2022, 3, 18))]
    TermsOfReference.objects.filter(board=lr, version=1).update(approved_at=march)
    for spec in seed.MEETINGS:
        if spec.get("confirmed_by"):
            meeting = meetings[(spec["board"], spec["date"])]
            confirmer = meetings.get((spec["board"], spec["confirmed_by"]))
            Meeting.objects.filter(pk=meeting.pk).update(minutes_confirmed_by=confirmer)
    for position, person, year, until, day, minute_number, _source in seed.APPOINTMENTS:
        minute = MinuteItem.objects.filter(meeting=meetings[(seed.LR, day)], number=minute_number).first() if day else None
        Appointment.objects.update_or_create(
            board=lr, position=position, municipal_year=year,
            defaults={"person": Person.objects.get(name=person), "until": until, "minute": minute,
                      "resolution": minute.resolutions.first() if minute else None})


def _load_actions_and_forward_items(boards, meetings, people) -> None:
    lr = boards[seed.LR]
    for day, minute_number, text, owner_name, status, _source in seed.ACTIONS:
        meeting = meetings[(seed.LR, day)]
        minute = MinuteItem.objects.get(meeting=meeting, number=minute_number)
        owner = people[owner_name] if owner_name else None  # the minutes name no one: no owner is guessed
        Action.objects.update_or_create(
            board=lr, meeting=meeting, text=text,
            defaults={"minute": minute, "owner": owner, "owner_organisation": owner.organisation if owner else None,
                      "due_next_meeting": True, "status": status})
    for day, minute_number, title, description, target, _source in seed.FORWARD_ITEMS:
        meeting = meetings[(seed.LR, day)]
        ForwardItem.objects.update_or_create(
            board=lr, title=title,
            defaults={"description": description,
                      "source_minute": MinuteItem.objects.get(meeting=meeting, number=minute_number),
                      "target_meeting": meetings.get((seed.LR, target)) if target else None})


def _load_interests(boards, people) -> None:
    lr = boards[seed.LR]
    for name, org, description in seed.INTERESTS:
        Interest.objects.update_or_create(
            board=lr, person=people[name], description=description,
            defaults={"organisation": Organisation.objects.get(name=org), "commissioning": True,
                      "registered_on": dt.date(2023, 12, 15)})
