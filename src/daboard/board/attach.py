"""'Put this on a meeting's agenda', for every document daboard generates (the money view,
the performance report, the strategy progress report): one form and one handler."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from .forms import AttachForm
from .queries.meetings import meetings_open_for_papers


def attach_form(council, today: dt.date, data=None) -> AttachForm:
    """The choice of coming meetings of the boards covering the council whose agenda is open."""
    return AttachForm(data, meetings=meetings_open_for_papers(council, today))


def attach(request, form: AttachForm, put_on_agenda: Callable, done: str):
    """Handle the posted form. `put_on_agenda(meeting)` adds the item and its paper (a service
    that raises ValidationError when it cannot). Returns the redirect to the meeting, or None
    with the reason on the form."""
    if not form.is_valid():
        return None
    try:
        item = put_on_agenda(form.cleaned_data["meeting"])
    except ValidationError as exc:
        form.add_error("meeting", exc.messages)
        return None
    messages.success(request, done)
    return redirect("board:meeting-detail", pk=item.meeting_id)
