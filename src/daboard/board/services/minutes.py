"""Minutes: started from the agenda, written, circulated, confirmed; recordings destroyed on confirmation."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record
from daboard.core.uploads import stored_name

from ..audit_actions import BoardAudit
from ..distribution import circulate
from ..models import (
    AgendaItem,
    CirculationKind,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinuteItem,
    MinutePoint,
    Recording,
    Resolution,
)
from ..queries.meetings import previous_meeting

# --- Scheduling ---------------------------------------------------------------------
from .agenda import agenda_item_save, search_reindex_meeting
from .meetings import minutes_still_open


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


@transaction.atomic
def recording_add(*, acting_user, meeting: Meeting, upload, request=None) -> Recording:

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


def default_lead_in(minute: MinuteItem) -> str:
    """"Arising from the presentation" after a presentation, "Arising from discussions"
    otherwise, as the seeds write them."""
    kind = minute.agenda_item.kind if minute.agenda_item else ""
    if kind == ItemKind.PRESENTATION:
        return "Arising from the presentation the following points were noted:"
    return "Arising from discussions the following points were noted:"


@transaction.atomic
def minute_save(*, acting_user, minute: MinuteItem, considered: str, points: list[str], closing_text: str,
                resolutions: list[str], points_intro: str | None = None, request=None) -> MinuteItem:
    """Save one minute: what was considered, the lead-in and the points noted, the text
    after them, and the resolutions; not once the minutes are confirmed (they are then the
    record, as the later meeting resolved)."""
    minutes_still_open(minute.meeting)
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
