"""Board pages. Thin: check permission through core.permissions, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from daboard.core import clock, tokens
from daboard.core.audit import audit_event
from daboard.core.exports import download
from daboard.core.forms import errors_to_form
from daboard.core.models import Board
from daboard.core.permissions import can, get_object_or_404_for, require

from . import documents, forms, queries, services
from .audit_actions import BoardAudit
from .models import (
    Action,
    AgendaItem,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    MinuteItem,
    Paper,
)


def _board(request, slug: str, action: str = "board.view") -> Board:
    return get_object_or_404_for(request.user, action, Board.objects.all(), request=request, slug=slug)


def _meeting(request, pk: int, action: str = "business.view") -> Meeting:
    return get_object_or_404_for(request.user, action, Meeting.objects.select_related("board", "contact", "chair"),
                                 request=request, pk=pk)


# --- Meetings ---------------------------------------------------------------------------


@login_required
@require_safe
def meeting_list(request, slug: str):
    board = _board(request, slug)
    today = clock.today()
    meetings = board.meetings.order_by("date")
    return render(request, "board/meeting_list.html", {
        "board": board, "upcoming": [m for m in meetings if m.date >= today],
        "past": sorted([m for m in meetings if m.date < today], key=lambda m: m.date, reverse=True),
        "can_manage": can(request.user, "board.manage", board), "nav_active": "boards",
        "feed_token": tokens.feed_token(request.user, f"board:{board.slug}"),
    })


@login_required
def meeting_schedule(request, slug: str):
    board = _board(request, slug, "board.manage")
    form = forms.ScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        dates = services.quarterly_dates(d["first_date"], d["repeat"])
        try:
            created = services.meetings_schedule(acting_user=request.user, board=board, dates=dates,
                                                 start_time=d["start_time"], location=d["location"],
                                                 online_link=d["online_link"], request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{len(created)} meeting{'s' if len(created) > 1 else ''} scheduled.")
            return redirect("board:meeting-detail", pk=created[0].pk)
    return render(request, "board/meeting_schedule.html", {"board": board, "form": form, "nav_active": "boards"})


@login_required
@require_safe
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
        "actions": queries.visible(request.user, board, meeting.actions.select_related("owner")),
        "open_actions": queries.visible(request.user, board, services.open_actions(board, before=meeting.date)),
        "conflicts": services.interest_conflicts(meeting) if manage else [],
        "recordings": meeting.recordings.all() if manage else [],
        "recording_form": forms.RecordingForm() if manage else None,
        "today": clock.today(), "nav_active": "boards",
        "has_minutes": meeting.minute_items.exists(),
        "can_delete": manage and not services.meeting_has_business(meeting),
        "withdrawn": (Paper.objects.filter(item__meeting=meeting, withdrawn_at__isnull=False)
                      .select_related("item") if manage else []),
        "circulation_count": meeting.circulations.count() if manage else 0,
        "public_url": reverse("board:public-meeting", args=[board.slug, meeting.pk]),
    })


@require_POST
@login_required
def agenda_draft(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    try:
        services.agenda_draft(acting_user=request.user, meeting=meeting, request=request)
        messages.success(request, "Agenda drafted from the standing items, the previous minutes and open actions.")
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    return redirect("board:meeting-detail", pk=meeting.pk)


@login_required
def item_edit(request, pk: int | None = None, meeting_pk: int | None = None):
    if pk is not None:
        item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.select_related("meeting"),
                                     request=request, pk=pk)
        meeting = item.meeting
    else:
        meeting = _meeting(request, meeting_pk, "business.manage")
        item = AgendaItem(meeting=meeting)
    form = forms.AgendaItemForm(request.POST or None, instance=item, board=meeting.board)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_save(acting_user=request.user, item=form.instance, request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Item saved: {form.instance.title}")
            return redirect("board:meeting-detail", pk=meeting.pk)
    return render(request, "board/item_form.html", {"form": form, "meeting": meeting, "item": item,
                                                    "nav_active": "boards"})


@require_POST
@login_required
def item_move(request, pk: int):
    item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.all(), request=request, pk=pk)
    services.agenda_item_move(acting_user=request.user, item=item, direction=-1 if request.POST.get("up") else 1,
                              request=request)
    return redirect("board:meeting-detail", pk=item.meeting_id)


@login_required
def item_delete(request, pk: int):
    """Remove an item, after the clerk confirms it on a page of its own."""
    item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.select_related("meeting__board"),
                                 request=request, pk=pk)
    meeting_pk = item.meeting_id
    if request.method != "POST":
        return render(request, "board/form.html", {
            "meeting": item.meeting, "board": item.meeting.board, "form": None, "confirm": True, "danger": True,
            "title": f"Remove item {item.number}: {item.title}", "button": "Remove the item",
            "warning": "The item, its papers and its minute leave the agenda. Items after it are renumbered.",
            "nav_active": "boards"})
    try:
        services.agenda_item_delete(acting_user=request.user, item=item, request=request)
        messages.success(request, "Item removed.")
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    return redirect("board:meeting-detail", pk=meeting_pk)


@login_required
def paper_add(request, pk: int):
    item = get_object_or_404_for(request.user, "business.manage", AgendaItem.objects.select_related("meeting"),
                                 request=request, pk=pk)
    form = forms.PaperForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_add(acting_user=request.user, item=item, title=form.cleaned_data["title"],
                               upload=form.cleaned_data["file"], request=request)
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, f"Paper added to item {item.number}.")
            return redirect("board:meeting-detail", pk=item.meeting_id)
    return render(request, "board/paper_form.html", {"form": form, "item": item, "meeting": item.meeting,
                                                     "nav_active": "boards"})


@login_required
@require_safe
def paper_download(request, pk: int):
    paper = get_object_or_404_for(request.user, "business.view", Paper.objects.select_related("item__meeting__board"),
                                  request=request, pk=pk)
    audit_event(actor=request.user, action=BoardAudit.PAPER_DOWNLOADED, obj=paper, request=request)
    return FileResponse(paper.file.open("rb"), as_attachment=True, filename=paper.original_name,
                        content_type=paper.content_type)


@require_POST
@login_required
def publish_pack(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    try:
        late = services.meeting_publish_pack(acting_user=request.user, meeting=meeting, request=request)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        if late:
            days = (meeting.date - meeting.papers_due).days
            rule = (f"the terms of reference ask for papers by {meeting.papers_due:%-d %B %Y}, {days} days before the meeting"
                    if days else f"the meeting was on {meeting.date:%-d %B %Y}")
            messages.info(request, f"Agenda pack published late: {rule}.")
        else:
            messages.success(request, "Agenda pack published.")
    return redirect("board:meeting-detail", pk=meeting.pk)


@login_required
@require_safe
def pack_download(request, pk: int, full: bool = False):
    meeting = _meeting(request, pk)
    if full:
        require(request.user, "board.view_closed", meeting.board, request=request)
    f = meeting.pack_full if full else meeting.pack
    if not f:
        raise Http404("No pack published")
    audit_event(actor=request.user, action=BoardAudit.PACK_DOWNLOADED, obj=meeting, detail={"closed_part": full},
                 request=request)
    name = f"agenda-pack-{meeting.date:%Y-%m-%d}{'-with-closed-part' if full else ''}.pdf"
    return FileResponse(f.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


# --- Attendance -------------------------------------------------------------------------


@login_required
def attendance_edit(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    seats = list(services.expected_seats(meeting).select_related("person", "organisation"))
    existing = {a.person_id: a for a in meeting.attendance.all()}
    initial = {}
    for seat in seats:
        a = existing.get(seat.person_id) or meeting.attendance.filter(membership=seat, status="substitute").first()
        if a:
            initial[f"seat_{seat.pk}"] = a.status
            if a.status == "substitute":
                initial[f"sub_{seat.pk}"] = a.person_id
    initial["officers"] = [a.person_id for a in existing.values() if a.status == AttendanceStatus.OFFICER]
    initial["guests"] = [a.person_id for a in existing.values() if a.status == AttendanceStatus.GUEST]
    initial["end_time"] = meeting.end_time
    form = forms.AttendanceForm(request.POST or None, initial=initial, seats=seats, chair=meeting.chair,
                                board=meeting.board)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
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
        try:
            services.attendance_record(acting_user=request.user, meeting=meeting, entries=entries,
                                       end_time=d.get("end_time"), request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            q = services.quorum(Meeting.objects.get(pk=meeting.pk))
            note = "" if q.met is None else (" The meeting was quorate." if q.met else
                                             f" The meeting was not quorate: {q.present} of {q.required} needed.")
            messages.success(request, "Attendance recorded." + note)
            return redirect("board:meeting-detail", pk=meeting.pk)
    return render(request, "board/attendance_form.html", {
        "form": form, "meeting": meeting, "seat_rows": [(form[f"seat_{s.pk}"], form[f"sub_{s.pk}"]) for s in seats],
        "nav_active": "boards"})


# --- Minutes ------------------------------------------------------------------------------


@login_required
def minutes_view(request, pk: int):
    meeting = _meeting(request, pk)
    closed_ok = can(request.user, "board.view_closed", meeting.board)
    ctx = documents.minutes_context(meeting, include_closed=closed_ok)
    if not meeting.minute_items.exists() and not can(request.user, "business.manage", meeting):
        raise Http404("No minutes yet")
    if not meeting.reached(MeetingStatus.MINUTES_CIRCULATED) and not can(request.user, "business.manage", meeting):
        raise Http404("Minutes not yet circulated")
    ctx.update({"board": meeting.board, "can_manage": can(request.user, "business.manage", meeting),
                "confirm_form": forms.ConfirmForm(meeting=meeting), "nav_active": "boards"})
    return render(request, "board/minutes.html", ctx)


@require_POST
@login_required
def minutes_start(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    services.minutes_start(acting_user=request.user, meeting=meeting, request=request)
    return redirect("board:minutes", pk=meeting.pk)


@login_required
def minute_edit(request, pk: int):
    minute = get_object_or_404_for(request.user, "business.manage", MinuteItem.objects.select_related("meeting__board"),
                                   request=request, pk=pk)
    pressed = next((name for name in ("add_action", "add_declaration", "add_forward") if name in request.POST), "save")
    return _minute_page(request, minute, pressed)


def _minute_page(request, minute: MinuteItem, pressed: str):
    """The minute and everything recorded against it, in ONE form: whichever button is pressed,
    the minute's text is saved first (so nothing typed is lost), then the button's own part
    is done; if that part has a mistake the page comes back with everything still typed."""
    post = request.POST if request.method == "POST" else None
    initial = {"considered": minute.considered, "closing_text": minute.closing_text,
               "points_intro": minute.points_intro if minute.points.exists() else services.default_lead_in(minute),
               "points": "\n\n".join(minute.points.values_list("text", flat=True)),
               "resolutions": "\n\n".join(minute.resolutions.values_list("text", flat=True))}
    has_text = post is not None and any(name in post for name in forms.MinuteForm.base_fields)
    form = forms.MinuteForm(post, initial=initial) if has_text else forms.MinuteForm(initial=initial)

    def part(cls, prefix: str, button: str, **kwargs):
        """The pressed button's form is bound; the others keep what was typed, unchecked."""
        if post is None:
            return cls(prefix=prefix, **kwargs)
        if pressed == button:
            return cls(post, prefix=prefix, **kwargs)
        blank = cls(prefix=prefix, **kwargs)
        kept = {f: post.get(blank.add_prefix(f)) for f in blank.fields if post.get(blank.add_prefix(f)) not in (None, "")}
        return cls(prefix=prefix, initial=kept, **kwargs)

    action_form = part(forms.ActionForm, "action", "add_action", board=minute.meeting.board)
    declaration_form = part(forms.DeclarationForm, "declaration", "add_declaration", board=minute.meeting.board)
    forward_form = part(forms.ForwardItemForm, "forward", "add_forward", meeting=minute.meeting)
    if post is not None:
        saved = False
        if form.is_bound and form.is_valid():
            d = form.cleaned_data
            text = (d["considered"].strip(), forms.MinuteForm.paragraphs(d["points"]), d["closing_text"].strip(),
                    forms.MinuteForm.paragraphs(d["resolutions"]), d["points_intro"])
            stored = (minute.considered, list(minute.points.values_list("text", flat=True)), minute.closing_text,
                      list(minute.resolutions.values_list("text", flat=True)), minute.points_intro)
            if text != stored:
                services.minute_save(acting_user=request.user, minute=minute, considered=text[0], points=text[1],
                                     closing_text=text[2], resolutions=text[3], points_intro=text[4],
                                     request=request)
                saved = True
        if pressed == "save":
            messages.success(request, f"Minute {minute.number} saved.")
            return redirect("board:minutes", pk=minute.meeting_id)
        saved_text = f"Minute {minute.number} saved. " if saved else ""
        done = _minute_part(request, minute, pressed, {"add_action": action_form, "add_declaration": declaration_form,
                                                       "add_forward": forward_form}[pressed])
        if done:
            messages.success(request, saved_text + done)
            return redirect("board:minute-edit", pk=minute.pk)
        if saved:
            messages.info(request, saved_text.strip())
    return render(request, "board/minute_form.html", {
        "form": form, "action_form": action_form, "minute": minute, "meeting": minute.meeting,
        "actions": minute.actions.select_related("owner"), "nav_active": "boards",
        "declaration_form": declaration_form, "forward_form": forward_form,
        "declarations": minute.meeting.declarations.filter(agenda_item=minute.agenda_item).select_related("person"),
        "promised": minute.promised_items.select_related("target_meeting")})


def _minute_part(request, minute: MinuteItem, pressed: str, form) -> str | None:
    """Record an action, a declaration or a promised report; the message, or None if the
    form has mistakes (shown on the page, with what was typed)."""
    if not form.is_valid():
        return None
    d = form.cleaned_data
    try:
        if pressed == "add_action":
            services.action_create(acting_user=request.user, action=Action(
                board=minute.meeting.board, meeting=minute.meeting, minute=minute, text=d["text"],
                owner=d["owner"], owner_organisation=d["owner"].organisation, due_date=d["due_date"],
                due_next_meeting=d["due_next_meeting"]), request=request)
            return "Action added."
        if pressed == "add_declaration":
            interest = minute.meeting.board.interests.filter(person=d["person"], ended_on__isnull=True).first()
            services.declaration_record(acting_user=request.user, meeting=minute.meeting, person=d["person"],
                                        text=d["text"], agenda_item=minute.agenda_item, interest=interest,
                                        left_the_meeting=d["left_the_meeting"], request=request)
            return "Declaration recorded."
        services.forward_item_promise(acting_user=request.user, board=minute.meeting.board, title=d["title"],
                                      description=d["description"], source_minute=minute,
                                      target_meeting=d["target_meeting"], request=request)
        return "Added to the forward plan."
    except ValidationError as exc:
        errors_to_form(form, exc)
        return None


@require_POST
@login_required
def minutes_circulate(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    try:
        late = services.minutes_circulate(acting_user=request.user, meeting=meeting, request=request)
    except ValidationError as exc:
        messages.info(request, " ".join(exc.messages))
    else:
        if late:
            messages.info(request, f"Draft minutes circulated late: the terms of reference ask for them by "
                                   f"{meeting.minutes_due:%-d %B %Y}, {(meeting.minutes_due - meeting.date).days} days after the meeting.")
        else:
            messages.success(request, "Draft minutes circulated.")
    return redirect("board:minutes", pk=meeting.pk)


@require_POST
@login_required
def minutes_confirm(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.ConfirmForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.minutes_confirm(acting_user=request.user, meeting=meeting,
                                     at_meeting=form.cleaned_data["at_meeting"], request=request)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, "Minutes confirmed. Any recording of the meeting has been deleted.")
    else:
        messages.info(request, "Choose the meeting that confirmed the minutes.")
    return redirect("board:minutes", pk=meeting.pk)


@login_required
@require_safe
def minutes_file(request, pk: int, fmt: str):
    meeting = _meeting(request, pk)
    if not meeting.reached(MeetingStatus.MINUTES_CIRCULATED) and not can(request.user, "business.manage", meeting):
        raise Http404("Minutes not yet circulated")
    closed_ok = can(request.user, "board.view_closed", meeting.board)
    audit_event(actor=request.user, action=BoardAudit.MINUTES_DOWNLOADED, obj=meeting, detail={"format": fmt}, request=request)
    if fmt == "pdf":
        return download(documents.minutes_pdf(meeting, include_closed=closed_ok),
                        f"minutes-{meeting.date:%Y-%m-%d}.pdf", "application/pdf")
    return download(documents.minutes_docx(meeting, include_closed=closed_ok), f"minutes-{meeting.date:%Y-%m-%d}.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


# --- Recordings -------------------------------------------------------------------------------


@require_POST
@login_required
def recording_add(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.RecordingForm(request.POST, request.FILES)
    if form.is_valid():
        from django.conf import settings

        from daboard.core.uploads import check_size

        try:
            check_size(form.cleaned_data["file"], settings.DABOARD_MAX_RECORDING_BYTES, "recording")
            head = form.cleaned_data["file"].read(12)
            form.cleaned_data["file"].seek(0)
            if not (head.startswith((b"ID3", b"RIFF", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"OggS", b"fLaC"))
                    or head[4:8] == b"ftyp"):
                raise ValidationError("The selected file must be an audio recording (MP3, M4A, WAV, OGG or FLAC).")
            services.recording_add(acting_user=request.user, meeting=meeting, upload=form.cleaned_data["file"],
                                   request=request)
        except ValidationError as exc:
            messages.info(request, " ".join(exc.messages))
        else:
            messages.success(request, "Recording uploaded. It will be deleted when the minutes are confirmed.")
    else:
        messages.info(request, "Select the recording to upload.")
    return redirect("board:meeting-detail", pk=meeting.pk)


# --- Actions -------------------------------------------------------------------------------------


@login_required
@require_safe
def action_list(request, slug: str):
    board = _board(request, slug)
    actions = queries.visible(request.user, board, board.actions.select_related("owner", "meeting", "minute")
                              .order_by("status", "meeting__date"))
    today = clock.today()
    rows = [(a, a.effective_due()) for a in actions]
    return render(request, "board/action_list.html", {
        "board": board, "rows": rows, "today": today, "nav_active": "boards"})


@login_required
def action_detail(request, pk: int):
    action = get_object_or_404_for(request.user, "business.view", Action.objects.select_related(
        "board", "meeting", "minute", "owner"), request=request, pk=pk)
    may_update = can(request.user, "action.update", action)
    form = forms.ActionUpdateForm(request.POST or None, initial={"status": action.status}) if may_update else None
    if request.method == "POST":
        require(request.user, "action.update", action, request=request)
        if form.is_valid():
            services.action_update(acting_user=request.user, action=action, text=form.cleaned_data["text"],
                                   status=form.cleaned_data["status"], request=request)
            messages.success(request, "Update saved.")
            return redirect("board:action-detail", pk=action.pk)
    return render(request, "board/action_detail.html", {
        "action": action, "board": action.board, "form": form, "updates": action.updates.select_related("by"),
        "due": action.effective_due(), "today": clock.today(), "nav_active": "boards"})


# --- Board-level pages ----------------------------------------------------------------------------


@login_required
@require_safe
def attendance_statistics(request, slug: str):
    board = _board(request, slug)
    form = forms.AttendanceSpanForm(request.GET or None)
    span = form.cleaned_data if form.is_bound and form.is_valid() else {}
    stats = queries.attendance_statistics(board, span.get("since"), span.get("until"))
    return render(request, "board/attendance_statistics.html", {"board": board, "form": form, **stats,
                                                                "nav_active": "boards"})


@login_required
def interests(request, slug: str):
    board = _board(request, slug)
    manage = can(request.user, "board.manage", board)
    form = forms.InterestForm(request.POST or None) if manage else None
    if request.method == "POST":
        require(request.user, "board.manage", board, request=request)
        if form.is_valid():
            d = form.cleaned_data
            services.interest_register(acting_user=request.user, board=board, person=d["person"],
                                       description=d["description"], commissioning=d["commissioning"],
                                       registered_on=d["registered_on"], request=request)
            messages.success(request, "Interest registered.")
            return redirect("board:interests", slug=board.slug)
    return render(request, "board/interests.html", {
        "board": board, "form": form, "nav_active": "boards",
        "interests": board.interests.select_related("person", "organisation")})


@login_required
@require_safe
def terms(request, slug: str):
    board = _board(request, slug)
    versions = board.terms.prefetch_related("sections", "standing_items").select_related("approved_at")
    return render(request, "board/terms.html", {"board": board, "versions": versions,
                                                "current": versions.filter(status="approved").first(),
                                                "can_manage": can(request.user, "board.manage", board),
                                                "nav_active": "boards"})


@login_required
@require_safe
def forward_plan(request, slug: str):
    board = _board(request, slug)
    items = queries.visible(request.user, board,
                            board.forward_items.select_related("target_meeting", "source_minute__meeting"))
    return render(request, "board/forward_plan.html", {"board": board, "items": items, "nav_active": "boards"})


@login_required
@require_safe
def search(request, slug: str):
    board = _board(request, slug)
    form = forms.SearchForm(request.GET or None)
    from django.utils.safestring import mark_safe

    results = queries.search(request.user, board, form.cleaned_data["q"]) if form.is_valid() else []
    for r in results:
        r.snippet_html = mark_safe(queries.snippet_html(r.snippet))  # noqa: S308 (escaped, then <mark> only)
    return render(request, "board/search.html", {"board": board, "form": form, "results": results,
                                                 "nav_active": "boards"})


@login_required
def retention_review(request, slug: str):
    board = _board(request, slug, "board.manage")
    today = clock.today()
    kept = [(m, m.minutes_kept_until) for m in board.meetings.filter(status=MeetingStatus.MINUTES_CONFIRMED).order_by("date")]
    due = [(m, until, until is not None and until <= today) for m, until in kept]
    return render(request, "board/retention.html", {"board": board, "rows": due, "nav_active": "boards"})


# --- Calendars ------------------------------------------------------------------------------------


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


@login_required
@require_safe
def meeting_ics(request, pk: int):
    meeting = _meeting(request, pk)
    data = documents.calendar_bytes([meeting], meeting.title, _base_url(request))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.date:%Y-%m-%d}.ics"'
    return response


@require_safe
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




# --- Membership, appointments, terms ------------------------------------------------------


@login_required
def membership_edit(request, slug: str, pk: int | None = None):
    from daboard.core.models import BoardMembership

    board = _board(request, slug, "board.manage")
    seat = get_object_or_404_for(request.user, "board.manage", BoardMembership.objects.all(), request=request,
                                 pk=pk, board=board) if pk else BoardMembership(board=board)
    form = forms.MembershipForm(request.POST or None, instance=seat)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_save(acting_user=request.user, membership=form.instance, request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, "Membership saved.")
            return redirect("core:board-detail", slug=board.slug)
    return render(request, "board/membership_form.html", {"form": form, "board": board, "seat": seat,
                                                          "nav_active": "boards"})


@login_required
def appointments(request, slug: str):
    board = _board(request, slug)
    manage = can(request.user, "board.manage", board)
    form = forms.AppointmentForm(request.POST or None, board=board) if manage else None
    if request.method == "POST":
        require(request.user, "board.manage", board, request=request)
        if form.is_valid():
            d = form.cleaned_data
            services.appointment_record(acting_user=request.user, board=board, position=d["position"],
                                        person=d["person"], municipal_year=d["municipal_year"], until=d["until"],
                                        resolution=d["resolution"], request=request)
            messages.success(request, "Appointment recorded.")
            return redirect("board:appointments", slug=board.slug)
    return render(request, "board/appointments.html", {
        "board": board, "form": form, "nav_active": "boards",
        "rows": board.appointments.select_related("person", "minute__meeting", "resolution")})


@require_POST
@login_required
def terms_new(request, slug: str):
    board = _board(request, slug, "board.manage")
    current = board.terms.filter(status="approved").first() or board.terms.first()
    if current is None:
        raise Http404("No terms of reference to copy")
    draft = services.terms_new_version(acting_user=request.user, terms=current, request=request)
    return redirect("board:terms-edit", slug=board.slug, pk=draft.pk)


@login_required
def terms_edit(request, slug: str, pk: int):
    board = _board(request, slug, "board.manage")
    terms_obj = board.terms.filter(pk=pk, status="draft").first()
    if terms_obj is None:
        raise Http404("No such draft")
    initial = {"standing_items_text": "\n".join(terms_obj.standing_items.values_list("title", flat=True))}
    # One form: "Record approval" saves the draft's typed changes first, so nothing is lost;
    # if the draft has a mistake, nothing is approved and everything typed stays on the page.
    post = request.POST if request.method == "POST" else None
    has_draft = post is not None and any(name in post for name in forms.TermsForm.base_fields)
    form = forms.TermsForm(post if has_draft else None, instance=terms_obj, initial=initial)
    approve = forms.TermsApproveForm(post if post is not None and "approve" in post else None, board=board)
    if post is not None:
        draft_ok = not form.is_bound or form.is_valid()
        saved = False
        if form.is_bound and draft_ok and form.has_changed():
            titles = [t.strip() for t in form.cleaned_data["standing_items_text"].splitlines() if t.strip()]
            services.terms_save(acting_user=request.user, terms=form.save(commit=False), standing_items=titles,
                                request=request)
            saved = True
        if "approve" not in post and draft_ok:
            messages.success(request, "Draft saved.")
            return redirect("board:terms-edit", slug=board.slug, pk=terms_obj.pk)
        if "approve" in post and draft_ok and approve.is_valid():
            try:
                services.terms_approve(acting_user=request.user, terms=terms_obj,
                                       meeting=approve.cleaned_data["meeting"],
                                       amendments=approve.cleaned_data["amendments"], request=request)
            except ValidationError as exc:
                errors_to_form(approve, exc)
            else:
                messages.success(request, ("Draft saved. " if saved else "") + f"Version {terms_obj.version} approved.")
                return redirect("board:terms", slug=board.slug)
        if saved:
            messages.info(request, "Draft saved.")
    return render(request, "board/terms_form.html", {"form": form, "approve": approve, "board": board,
                                                     "terms": terms_obj, "nav_active": "boards"})


@require_POST
@login_required
def declaration_add(request, pk: int):
    minute = get_object_or_404_for(request.user, "business.manage", MinuteItem.objects.select_related("meeting"),
                                   request=request, pk=pk)
    return _minute_page(request, minute, "add_declaration")


@require_POST
@login_required
def forward_item_add(request, pk: int):
    minute = get_object_or_404_for(request.user, "business.manage", MinuteItem.objects.select_related("meeting__board"),
                                   request=request, pk=pk)
    return _minute_page(request, minute, "add_forward")


# --- Changing a meeting ---------------------------------------------------------------------


@login_required
def meeting_edit(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.MeetingEditForm(request.POST or None, instance=Meeting.objects.get(pk=meeting.pk),
                                 board=meeting.board)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            services.meeting_update(acting_user=request.user, meeting=meeting, changes=changes, request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, "Meeting details saved.")
            return redirect("board:meeting-detail", pk=meeting.pk)
    return render(request, "board/form.html", {"form": form, "meeting": meeting, "board": meeting.board,
                                               "title": "Change the meeting's details", "button": "Save",
                                               "nav_active": "boards"})


@login_required
def meeting_reschedule(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.RescheduleForm(request.POST or None, initial={"date": meeting.date, "start_time": meeting.start_time})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.meeting_reschedule(acting_user=request.user, meeting=meeting, date=d["date"],
                                        start_time=d["start_time"], reason=d["reason"], request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Meeting moved to {d['date']:%-d %B %Y}.")
            return redirect("board:meeting-detail", pk=meeting.pk)
    return render(request, "board/form.html", {
        "form": form, "meeting": meeting, "board": meeting.board, "nav_active": "boards",
        "title": "Set the new date" if meeting.status == "postponed" else "Move the meeting",
        "intro": "Meetings fall on working days: not weekends or bank holidays in England and Wales. Anyone "
                 "already sent the agenda is told of the change.", "button": "Move the meeting"})


@login_required
def meeting_call_off(request, pk: int):
    """Cancel, postpone, or record that the meeting did not take place, with the reason."""
    meeting = _meeting(request, pk, "business.manage")
    form = forms.CallOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        service = {"cancel": services.meeting_cancel, "postpone": services.meeting_postpone,
                   "not_held": services.meeting_record_not_held}[d["what"]]
        try:
            service(acting_user=request.user, meeting=meeting, reason=d["reason"], request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            meeting.refresh_from_db()
            messages.success(request, f"Meeting recorded as {meeting.get_status_display().lower()}.")
            return redirect("board:meeting-detail", pk=meeting.pk)
    return render(request, "board/form.html", {
        "form": form, "meeting": meeting, "board": meeting.board, "nav_active": "boards",
        "title": "Cancel, postpone or record that the meeting did not take place",
        "intro": "The reason is shown with the meeting, on the public site too. A meeting that did not take place "
                 "is passed over when the next pack takes the previous meeting's minutes.", "button": "Record it"})


@login_required
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


@login_required
@require_safe
def circulations(request, pk: int):
    """Who was sent what: every pack, supplement, minutes and notice, copy by copy."""
    meeting = _meeting(request, pk, "business.manage")
    return render(request, "board/circulations.html", {
        "meeting": meeting, "board": meeting.board, "nav_active": "boards",
        "circulations": meeting.circulations.prefetch_related("copies").select_related("created_by")})


@login_required
@require_safe
def supplement_download(request, pk: int, full: bool = False):
    meeting = _meeting(request, pk)
    if full:
        require(request.user, "board.view_closed", meeting.board, request=request)
    f = meeting.pack_supplement_full if full else meeting.pack_supplement
    if not f:
        raise Http404("No supplementary pack")
    audit_event(actor=request.user, action=BoardAudit.PACK_DOWNLOADED, obj=meeting,
                 detail={"closed_part": full, "supplement": True}, request=request)
    name = f"supplementary-pack-{meeting.date:%Y-%m-%d}{'-with-closed-part' if full else ''}.pdf"
    return FileResponse(f.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


def _paper_for_clerk(request, pk: int) -> Paper:
    return get_object_or_404_for(request.user, "business.manage", Paper.objects.select_related("item__meeting__board"),
                                 request=request, pk=pk)


@login_required
def paper_replace(request, pk: int):
    paper = _paper_for_clerk(request, pk)
    form = forms.PaperReplaceForm(request.POST or None, request.FILES or None, initial={"title": paper.title})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.paper_replace(acting_user=request.user, paper=paper, title=d["title"], upload=d["file"],
                                   reason=d["reason"], request=request)
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, f"New version of {paper.title} filed; the old one is kept in the history.")
            return redirect("board:meeting-detail", pk=paper.item.meeting_id)
    return render(request, "board/form.html", {
        "form": form, "paper": paper, "meeting": paper.item.meeting, "board": paper.item.meeting.board,
        "nav_active": "boards", "title": f"Replace {paper.title}", "button": "Upload the new version",
        "intro": "The old version is kept in the meeting's history." + (
            " The agenda pack is published: the new version goes out in a supplementary pack."
            if paper.item.meeting.agenda_published_at else "")})


@login_required
def paper_remove(request, pk: int):
    paper = _paper_for_clerk(request, pk)
    form = forms.PaperRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.paper_remove(acting_user=request.user, paper=paper, reason=form.cleaned_data["reason"],
                                  request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"Paper withdrawn: {paper.title}")
            return redirect("board:meeting-detail", pk=paper.item.meeting_id)
    return render(request, "board/form.html", {
        "form": form, "paper": paper, "meeting": paper.item.meeting, "board": paper.item.meeting.board,
        "nav_active": "boards", "title": f"Withdraw {paper.title}", "button": "Withdraw the paper", "danger": True,
        "intro": "The paper leaves the agenda, the pack and search; it stays on record with the reason."})


@login_required
def distribution(request, slug: str):
    """The board's distribution list: members, substitutes and supporting officers from the
    membership, and the recipients the clerk adds (such as the SRG's papers route)."""
    from . import distribution as dist

    board = _board(request, slug, "board.manage")
    form = forms.DistributionForm(request.POST if "add" in request.POST else None)
    if request.method == "POST" and "remove" in request.POST:
        recipient = board.distribution.filter(pk=request.POST.get("remove")).first()
        if recipient is not None:
            dist.distribution_recipient_remove(acting_user=request.user, recipient=recipient, request=request)
            messages.success(request, f"{recipient.name} removed from the distribution list.")
        return redirect("board:distribution", slug=board.slug)
    if request.method == "POST" and "add" in request.POST and form.is_valid():
        d = form.cleaned_data
        try:
            dist.distribution_recipient_add(acting_user=request.user, board=board, name=d["name"], email=d["email"],
                                            kind=d["kind"], request=request)
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, f"{d['name']} added to the distribution list.")
            return redirect("board:distribution", slug=board.slug)
    return render(request, "board/distribution.html", {
        "board": board, "form": form, "recipients": dist.distribution_list(board),
        "extra": board.distribution.all(), "nav_active": "boards"})
