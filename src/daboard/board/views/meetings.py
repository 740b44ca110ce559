"""Meeting pages: the list and schedule, a meeting, its attendance, changes to it, its circulations and calendars."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from daboard.core import clock, tokens
from daboard.core.models import Board
from daboard.core.permissions import can
from daboard.core.submit import posted_key, submit

from .. import distribution as dist
from .. import documents, forms, queries, services
from ..models import AttendanceStatus, Meeting, Paper
from .common import _base_url, _board, _meeting, route


@route.page("boards/<slug:slug>/meetings/", name="meeting-list", methods="GET")
def meeting_list(request, slug: str):
    board = _board(request, slug)
    today = clock.today()
    meetings = Meeting.with_terms(board.meetings.order_by("date"))  # each row says if its pack was late
    return render(request, "board/meeting_list.html", {
        "board": board, "upcoming": [m for m in meetings if m.date >= today],
        "past": sorted([m for m in meetings if m.date < today], key=lambda m: m.date, reverse=True),
        "can_manage": can(request.user, "board.manage", board), "nav_active": "boards",
        "feed_token": tokens.feed_token(request.user, f"board:{board.slug}"),
    })


@route.page("boards/<slug:slug>/meetings/new/", name="meeting-schedule", methods=None)
def meeting_schedule(request, slug: str):
    board = _board(request, slug, "board.manage")
    form = forms.ScheduleForm(request.POST or None)

    def schedule(d):
        return services.meetings_schedule(acting_user=request.user, board=board,
                                          dates=services.quarterly_dates(d["first_date"], d["repeat"]),
                                          start_time=d["start_time"], location=d["location"],
                                          online_link=d["online_link"], request=request)

    saved = submit(request, form, schedule,
                   done=lambda created: f"{len(created)} meeting{'s' if len(created) > 1 else ''} scheduled.",
                   then=lambda created: reverse("board:meeting-detail", args=[created[0].pk]))
    return saved or render(request, "board/meeting_schedule.html", {"board": board, "form": form, "nav_active": "boards"})


@route.page("meetings/<int:pk>/", name="meeting-detail", methods="GET")
def meeting_detail(request, pk: int):
    meeting = _meeting(request, pk)
    board = meeting.board
    manage = can(request.user, "business.manage", meeting)
    closed_ok = can(request.user, "board.view_closed", board)
    return render(request, "board/meeting_detail.html", {
        "meeting": meeting, "board": board, "items": queries.visible_items(request.user, meeting),
        "can_manage": manage, "can_see_closed": closed_ok,
        "quorum": services.quorum(meeting) if meeting.attendance.exists() else None,
        "attendance": meeting.attendance.select_related("person"),
        "actions": queries.visible(request.user, board, meeting.actions.select_related("owner", "owner_organisation")),
        "open_actions": queries.visible(request.user, board, queries.open_actions(board, before=meeting.date)),
        "conflicts": services.interest_conflicts(meeting) if manage else [],
        "recordings": meeting.recordings.all() if manage else [],
        "recording_form": forms.RecordingForm() if manage else None,
        "today": clock.today(), "nav_active": "boards",
        "has_minutes": meeting.minute_items.exists(),
        "can_read_minutes": can(request.user, "minutes.view", meeting),
        "can_delete": manage and not services.meeting_has_business(meeting),
        "withdrawn": (Paper.objects.filter(item__meeting=meeting, withdrawn_at__isnull=False)
                      .select_related("item") if manage else []),
        "circulation_count": meeting.circulations.count() if manage else 0,
        "pack_build": queries.latest_pack_build(meeting),
        "public_url": reverse("board:public-meeting", args=[board.slug, meeting.pk]),
    })


@route.page("meetings/<int:pk>/attendance/", name="attendance", methods=None)
def attendance_edit(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    why = services.attendance_closed_reason(meeting)  # the form could only be refused: say why instead
    if why:
        messages.info(request, why)
        return redirect("board:meeting-detail", pk=meeting.pk)
    seats = list(services.expected_seats(meeting).select_related("person", "organisation"))
    recorded_rows = list(meeting.attendance.all())
    existing = {a.person_id: a for a in recorded_rows}
    substitutes: dict[int, object] = {}
    for a in recorded_rows:  # in the attendance's own order: a seat's first substitute
        if a.status == "substitute" and a.membership_id:
            substitutes.setdefault(a.membership_id, a)
    initial = {}
    for seat in seats:
        a = existing.get(seat.person_id) or substitutes.get(seat.pk)
        if a:
            initial[f"seat_{seat.pk}"] = a.status
            if a.status == "substitute":
                initial[f"sub_{seat.pk}"] = a.person_id
    initial["officers"] = [a.person_id for a in existing.values() if a.status == AttendanceStatus.OFFICER]
    initial["guests"] = [a.person_id for a in existing.values() if a.status == AttendanceStatus.GUEST]
    initial["end_time"] = meeting.end_time
    form = forms.AttendanceForm(request.POST or None, initial=initial, seats=seats, chair=meeting.chair,
                                board=meeting.board, starts=meeting.start_time)

    def record(d):
        entries, seen = [], set()
        for seat in seats:
            status = d.get(f"seat_{seat.pk}")
            if not status:
                continue
            person = d.get(f"sub_{seat.pk}") if status == "substitute" else seat.person
            if person is None or person.pk in seen:
                continue
            seen.add(person.pk)
            entries.append({"person": person, "status": status, "membership": seat,
                            "capacity": services.seat_capacity(seat),
                            "in_chair": d.get("chair") == person})
        for status, people in ((AttendanceStatus.OFFICER, d["officers"]), (AttendanceStatus.GUEST, d["guests"])):
            for person in people:
                if person.pk not in seen:
                    seen.add(person.pk)
                    entries.append({"person": person, "status": status, "membership": None,
                                    "capacity": person.organisation.name if person.organisation else "",
                                    "in_chair": d.get("chair") == person})
        services.attendance_record(acting_user=request.user, meeting=meeting, entries=entries,
                                   end_time=d.get("end_time"), request=request)

    def recorded(_) -> str:
        q = services.quorum(Meeting.objects.get(pk=meeting.pk))
        return "Attendance recorded." + ("" if q.met is None else (
            " The meeting was quorate." if q.met else
            f" The meeting was not quorate: {q.present} of {q.required} needed."))

    saved = submit(request, form, record, done=recorded,
                   then=reverse("board:meeting-detail", args=[meeting.pk]))
    return saved or render(request, "board/attendance_form.html", {
                 "form": form, "meeting": meeting, "seat_rows": [(form[f"seat_{s.pk}"], form[f"sub_{s.pk}"]) for s in seats],
                 "nav_active": "boards"})


@route.page("boards/<slug:slug>/attendance/", name="attendance-statistics", methods="GET")
def attendance_statistics(request, slug: str):
    board = _board(request, slug)
    form = forms.AttendanceSpanForm(request.GET or None)
    span = form.cleaned_data if form.is_bound and form.is_valid() else {}
    stats = queries.attendance_statistics(board, span.get("since"), span.get("until"))
    return render(request, "board/attendance_statistics.html", {"board": board, "form": form, **stats,
                                                                "nav_active": "boards"})


@route.page("meetings/<int:pk>/meeting.ics", name="meeting-ics", methods="GET")
def meeting_ics(request, pk: int):
    meeting = _meeting(request, pk)
    data = documents.calendar_bytes([meeting], meeting.title, _base_url(request))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.date:%Y-%m-%d}.ics"'
    return response


@route.page("boards/<slug:slug>/calendar/<str:token>.ics", name="board-feed", methods="GET", login=False)
def board_feed(request, slug: str, token: str):
    """A subscribable feed of a board's meetings: calendar programs cannot sign in, so the
    address carries the user's own signed, revocable token; at each fetch the user must
    still see the board (a seat that has ended stops it). Dates, times and places only:
    no online join links."""
    user = tokens.feed_user(token, f"board:{slug}")
    board = Board.objects.filter(slug=slug).first()
    if user is None or board is None or not can(user, "board.view", board):
        raise Http404("Unknown feed")
    data = documents.calendar_bytes(board.meetings.order_by("date"), board.name, _base_url(request), join_links=False)
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")


@route.page("meetings/<int:pk>/edit/", name="meeting-edit", methods=None)
def meeting_edit(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.MeetingEditForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk),
                                 board=meeting.board)
    saved = submit(request, form, lambda d: services.meeting_update(
                       acting_user=request.user, meeting=meeting, changes={f: d[f] for f in form.Meta.fields},
                       request=request),
                   done="Meeting details saved.", then=reverse("board:meeting-detail", args=[meeting.pk]))
    return saved or render(request, "board/form.html", {"form": form, "meeting": meeting, "board": meeting.board,
                                                        "title": "Change the meeting's details", "button": "Save",
                                                        "nav_active": "boards"})


@route.page("meetings/<int:pk>/reschedule/", name="meeting-reschedule", methods=None)
def meeting_reschedule(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.RescheduleForm(request.POST or None, initial={"date": meeting.date, "start_time": meeting.start_time})
    saved = submit(request, form, lambda d: services.meeting_reschedule(
                       acting_user=request.user, meeting=meeting, date=d["date"], start_time=d["start_time"],
                       reason=d["reason"], request=request),
                   done=lambda _: f"Meeting moved to {form.cleaned_data['date']:%-d %B %Y}.",
                   then=reverse("board:meeting-detail", args=[meeting.pk]))
    return saved or render(request, "board/form.html", {
                 "form": form, "meeting": meeting, "board": meeting.board, "nav_active": "boards",
                 "title": "Set the new date" if meeting.status == "postponed" else "Move the meeting",
                 "intro": "Meetings fall on working days: not weekends or bank holidays in England and Wales. Anyone "
                          "already sent the agenda is told of the change.", "button": "Move the meeting"})


@route.page("meetings/<int:pk>/call-off/", name="meeting-call-off", methods=None)
def meeting_call_off(request, pk: int):
    """Cancel, postpone, or record that the meeting did not take place, with the reason."""
    meeting = _meeting(request, pk, "business.manage")
    form = forms.CallOffForm(request.POST or None)

    def call_off(d):
        service = {"cancel": services.meeting_cancel, "postpone": services.meeting_postpone,
                   "not_held": services.meeting_record_not_held}[d["what"]]
        service(acting_user=request.user, meeting=meeting, reason=d["reason"], request=request)
        meeting.refresh_from_db()

    saved = submit(request, form, call_off,
                   done=lambda _: f"Meeting recorded as {meeting.get_status_display().lower()}.",
                   then=reverse("board:meeting-detail", args=[meeting.pk]))
    return saved or render(request, "board/form.html", {
                 "form": form, "meeting": meeting, "board": meeting.board, "nav_active": "boards",
                 "title": "Cancel, postpone or record that the meeting did not take place",
                 "intro": "The reason is shown with the meeting, on the public site too. A meeting that did not take place "
                          "is passed over when the next pack takes the previous meeting's minutes.", "button": "Record it"})


@route.page("meetings/<int:pk>/delete/", name="meeting-delete", methods=None)
def meeting_delete(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    if request.method == "POST":
        try:
            services.meeting_delete(acting_user=request.user, meeting=meeting, request=request)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
            return redirect("board:meeting-detail", pk=meeting.pk)
        messages.success(request, f"Meeting of {meeting.date:%-d %B %Y} deleted.")
        return redirect("board:meeting-list", slug=meeting.board.slug)
    has_business = services.meeting_has_business(meeting)
    return render(request, "board/form.html", {
        "meeting": meeting, "board": meeting.board, "nav_active": "boards", "confirm": not has_business, "form": None,
        "title": "Delete this meeting", "button": "Delete the meeting", "danger": True,
        "warning": "This meeting has business recorded: cancel it instead, so the record stays." if has_business
        else "Only a meeting booked by mistake should be deleted. It cannot be undone."})


@route.page("meetings/<int:pk>/circulations/", name="circulations", methods="GET")
def circulations(request, pk: int):
    """Who was sent what: every pack, supplement, minutes and notice, copy by copy."""
    meeting = _meeting(request, pk, "business.manage")
    return render(request, "board/circulations.html", {
        "meeting": meeting, "board": meeting.board, "nav_active": "boards",
        "circulations": meeting.circulations.prefetch_related("copies").select_related("created_by")})


@route.page("boards/<slug:slug>/distribution/", name="distribution", methods=None)
def distribution(request, slug: str):
    """The board's distribution list: members, substitutes and supporting officers from the
    membership, and the recipients the clerk adds (such as the SRG's papers route)."""

    board = _board(request, slug, "board.manage")
    form = forms.DistributionForm(request.POST if "add" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        chosen = posted_key(request.POST.get("remove"))
        recipient = board.distribution.filter(pk=chosen).first() if chosen is not None else None
        if recipient is not None:
            dist.distribution_recipient_remove(acting_user=request.user, recipient=recipient, request=request)
            messages.success(request, f"{recipient.name} removed from the distribution list.")
        return redirect("board:distribution", slug=board.slug)
    # The form is bound only when "add" was pressed, so it is valid only then.
    saved = submit(request, form, lambda d: dist.distribution_recipient_add(
                       acting_user=request.user, board=board, name=d["name"], email=d["email"], kind=d["kind"],
                       request=request),
                   done=lambda recipient: f"{recipient.name} added to the distribution list.",
                   then=reverse("board:distribution", args=[board.slug]))
    return saved or render(request, "board/distribution.html", {
                 "board": board, "form": form, "recipients": dist.distribution_list(board),
                 "extra": board.distribution.all(), "nav_active": "boards"})
