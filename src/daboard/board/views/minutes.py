"""Minutes pages: writing, circulating, confirming, the files; recordings; the retention review."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from daboard.core import clock
from daboard.core.audit import audit_event
from daboard.core.exports import download
from daboard.core.forms import errors_to_form
from daboard.core.permissions import can, get_object_or_404_for
from daboard.core.submit import Late, act
from daboard.core.uploads import check_size

from .. import documents, forms, services
from ..audit_actions import BoardAudit
from ..models import Action, MeetingStatus, MinuteItem
from .common import _board, _meeting, route


@route.page("meetings/<int:pk>/minutes/", name="minutes", methods=None)
def minutes_view(request, pk: int):
    meeting = _meeting(request, pk, "minutes.view")  # the clerk's until they are circulated
    closed_ok = can(request.user, "board.view_closed", meeting.board)
    ctx = documents.minutes_context(meeting, include_closed=closed_ok)
    ctx.update({"board": meeting.board, "can_manage": can(request.user, "business.manage", meeting),
                "confirm_form": forms.ConfirmForm(meeting=meeting), "nav_active": "boards"})
    return render(request, "board/minutes.html", ctx)


@route.page("meetings/<int:pk>/minutes/start/", name="minutes-start", methods="POST")
def minutes_start(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    services.minutes_start(acting_user=request.user, meeting=meeting, request=request)
    return redirect("board:minutes", pk=meeting.pk)


@route.page("minutes/<int:pk>/edit/", name="minute-edit", methods=None)
def minute_edit(request, pk: int):
    minute = get_object_or_404_for(request.user, "business.manage", MinuteItem.objects.select_related("meeting__board"),
                                   request=request, pk=pk)
    try:
        services.minutes_still_open(minute.meeting)
    except ValidationError as exc:  # confirmed: the record, with nothing to add or change
        messages.info(request, " ".join(exc.messages))
        return redirect("board:minutes", pk=minute.meeting_id)
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
        if form.is_bound and not form.is_valid():  # the page again, with its mistakes and everything typed
            return _minute_form(request, minute, form, action_form, declaration_form, forward_form)
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
    return _minute_form(request, minute, form, action_form, declaration_form, forward_form)


def _minute_form(request, minute: MinuteItem, form, action_form, declaration_form, forward_form):
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


@route.page("meetings/<int:pk>/minutes/circulate/", name="minutes-circulate", methods="POST")
def minutes_circulate(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    return act(request, lambda: services.minutes_circulate(acting_user=request.user, meeting=meeting, request=request),
               done=lambda late: Late(f"Draft minutes circulated late: the terms of reference ask for them by "
                                      f"{meeting.minutes_due:%-d %B %Y}, {(meeting.minutes_due - meeting.date).days} days after the meeting.")
               if late else "Draft minutes circulated.",
               then=reverse("board:minutes", args=[meeting.pk]))


@route.page("meetings/<int:pk>/minutes/confirm/", name="minutes-confirm", methods="POST")
def minutes_confirm(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.ConfirmForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.info(request, "Choose the meeting that confirmed the minutes.")
        return redirect("board:minutes", pk=meeting.pk)
    return act(request, lambda: services.minutes_confirm(acting_user=request.user, meeting=meeting,
                                                         at_meeting=form.cleaned_data["at_meeting"], request=request),
               done="Minutes confirmed. Any recording of the meeting has been deleted.",
               then=reverse("board:minutes", args=[meeting.pk]))


@route.page("meetings/<int:pk>/minutes.pdf", name="minutes-pdf", fmt='pdf', methods="GET")
@route.page("meetings/<int:pk>/minutes.docx", name="minutes-docx", fmt='docx', methods="GET")
def minutes_file(request, pk: int, fmt: str):
    meeting = _meeting(request, pk, "minutes.view")
    closed_ok = can(request.user, "board.view_closed", meeting.board)
    audit_event(actor=request.user, action=BoardAudit.MINUTES_DOWNLOADED, obj=meeting, detail={"format": fmt}, request=request)
    if fmt == "pdf":
        return download(documents.minutes_pdf(meeting, include_closed=closed_ok),
                        f"minutes-{meeting.date:%Y-%m-%d}.pdf", "application/pdf")
    return download(documents.minutes_docx(meeting, include_closed=closed_ok), f"minutes-{meeting.date:%Y-%m-%d}.docx",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


@route.page("meetings/<int:pk>/recordings/", name="recording-add", methods="POST")
def recording_add(request, pk: int):
    meeting = _meeting(request, pk, "business.manage")
    form = forms.RecordingForm(request.POST, request.FILES)
    if form.is_valid():

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


@route.page("boards/<slug:slug>/retention/", name="retention", methods=None)
def retention_review(request, slug: str):
    board = _board(request, slug, "board.manage")
    today = clock.today()
    kept = [(m, m.minutes_kept_until) for m in board.meetings.filter(status=MeetingStatus.MINUTES_CONFIRMED).order_by("date")]
    due = [(m, until, until is not None and until <= today) for m, until in kept]
    return render(request, "board/retention.html", {"board": board, "rows": due, "nav_active": "boards"})
