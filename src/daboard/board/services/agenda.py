"""Agenda and papers: the draft from the terms' standing items, items, papers, the published pack, search."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django_tasks import task
from pypdf import PdfReader

from daboard.core import clock
from daboard.core.audit import audit_record, snapshot
from daboard.core.uploads import read_upload, safe_download_name, stored_name

from ..audit_actions import BoardAudit
from ..distribution import circulate
from ..documents import build_pack, paper_pack_check
from ..models import (
    NOT_MEETING,
    AgendaItem,
    AttendanceStatus,
    CirculationKind,
    ForwardItem,
    ForwardStatus,
    Interest,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinuteItem,
    PackBuild,
    PackBuildStatus,
    Paper,
    PaperPdf,
    Part,
    SearchEntry,
    municipal_year_start,
)
from ..papers import sniff_paper, to_pdf

# --- Scheduling ---------------------------------------------------------------------
from ..queries.agenda import latest_pack_build
from ..queries.meetings import next_meeting, previous_meeting
from .meetings import _time, agenda_renumber, expected_seats

log = logging.getLogger(__name__)

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
    """Move an item up or down the agenda, until the agenda is published: after that the
    numbers are those members were sent, and the minutes follow them."""
    if item.meeting.agenda_published:  # by daboard or, before it, by the council (the page hides the buttons alike)
        raise ValidationError("The agenda has been published; its items stay in the order members were sent.")
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


def paper_text(pdf_bytes: bytes, limit: int = 200_000) -> str:
    """The words of a paper for search, from its PDF (Word and slides are converted to PDF
    first, so one reader serves all three). A paper whose text cannot be read is still filed."""

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
    """Check the upload's bytes and store it. A PDF is opened as the pack builder will, here,
    so one the pack cannot take is refused with nothing stored. A Word or slides paper, once
    its bytes are checked (no macros, no zip bomb), is stored with its PDF copy to come: the
    copy is made by a background task after the upload commits (`paper_convert`), never in
    the request; if LibreOffice cannot make it, the paper says why and the clerk replaces it."""
    data = read_upload(upload, settings.DABOARD_MAX_UPLOAD_BYTES, "file")
    sniffed = sniff_paper(data)
    is_pdf = sniffed.kind == "pdf"
    pages = paper_pack_check(data) if is_pdf else 0
    published = Meeting.objects.filter(pk=item.meeting_id, agenda_published_at__isnull=False).exists()
    paper = Paper(item=item, title=title, original_name=safe_download_name(upload.name, f"paper.{sniffed.extension}",
                                                                           extension=sniffed.extension),
                  content_type=sniffed.content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                  pages=pages, order=replaces.order if replaces else item.papers.filter(withdrawn_at__isnull=True).count(),
                  uploaded_by=acting_user, text=paper_text(data) if is_pdf else "", supplementary=published,
                  replaces=replaces, pdf_status=PaperPdf.READY if is_pdf else PaperPdf.CONVERTING)
    paper.file.save(stored_name(upload.name, sniffed.extension), ContentFile(data), save=False)
    paper.save()
    if not is_pdf:
        transaction.on_commit(lambda: paper_convert.enqueue(paper.pk))
    return paper, sniffed, pages, len(data)


@task()
def paper_convert(paper_pk: int) -> str:
    """The background task: make a Word or slides paper's PDF copy."""
    return paper_convert_run(paper_pk)


def paper_convert_run(paper_pk: int) -> str:
    """Turn a Word or slides paper into the PDF the pack needs (LibreOffice), open it as the
    pack builder will, and read its words for search; returns the paper's PDF status. A paper
    that cannot be converted keeps its original and records why: the meeting page tells the
    clerk, and the pack is not published or built until it is replaced or withdrawn."""
    paper = Paper.objects.select_related("item__meeting", "uploaded_by").get(pk=paper_pk)
    if paper.pdf_status != PaperPdf.CONVERTING:
        return paper.pdf_status  # already run: a task delivered twice converts once
    try:
        with paper.file.open("rb") as fh:
            data = fh.read()
        pdf_bytes = to_pdf(data, sniff_paper(data).extension)
        pages = paper_pack_check(pdf_bytes)
    except Exception as exc:  # noqa: BLE001 (any failure is recorded for the clerk, not lost in a worker's log)
        if not isinstance(exc, ValidationError):
            log.exception("converting paper %s failed", paper.pk)
        reason = (" ".join(exc.messages) if isinstance(exc, ValidationError)
                  else f"An unexpected error stopped the conversion ({type(exc).__name__}); it has been logged.")
        with transaction.atomic():
            Paper.objects.filter(pk=paper.pk).update(pdf_status=PaperPdf.FAILED, pdf_error=reason[:300])
            audit_record(actor=paper.uploaded_by, action=BoardAudit.PAPER_CONVERSION_FAILED, obj=paper,
                         detail={"item": paper.item_id, "error": reason[:300]})
        return PaperPdf.FAILED
    with transaction.atomic():
        paper.pdf.save(stored_name("x.pdf", "pdf"), ContentFile(pdf_bytes), save=False)
        Paper.objects.filter(pk=paper.pk).update(pdf=paper.pdf.name, pages=pages, text=paper_text(pdf_bytes),
                                                 pdf_status=PaperPdf.READY, pdf_error="")
        audit_record(actor=paper.uploaded_by, action=BoardAudit.PAPER_CONVERTED, obj=paper,
                     detail={"item": paper.item_id, "pages": pages})
        search_reindex_meeting(paper.item.meeting)
    return PaperPdf.READY


def _papers_ready(meeting: Meeting) -> None:
    """For the pack build (a background task): make now the PDF copy of any current paper
    still waiting for its own task, then refuse as `_no_failed_papers` does."""
    waiting = Paper.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True, pdf_status=PaperPdf.CONVERTING)
    for pk in waiting.values_list("pk", flat=True):
        paper_convert_run(pk)
    _no_failed_papers(meeting)


def _no_failed_papers(meeting: Meeting) -> None:
    """Refuse while a current paper of the meeting could not be turned into PDF: its pack
    could not hold it."""
    failed = list(Paper.objects.filter(item__meeting=meeting, withdrawn_at__isnull=True, pdf_status=PaperPdf.FAILED)
                  .select_related("item").order_by("item__number", "order"))
    if failed:  # every one at once: the clerk mends them all before trying again
        raise ValidationError([f"The paper \u201c{paper.title}\u201d (item {paper.item.number}) could not be turned "
                               f"into PDF: {paper.pdf_error} Replace it with a PDF, or withdraw it." for paper in failed])


def papers_closed_reason(meeting: Meeting) -> str | None:
    """Why the meeting takes no more papers, or None while it does (`Meeting.papers_open`):
    the services refuse with it and the paper page shows it."""
    if meeting.papers_open:
        return None
    if meeting.is_off:
        return f"The meeting is {meeting.get_status_display().lower()}."
    return "The meeting has taken place; its papers are part of the record."


def _check_papers_open(item: AgendaItem) -> None:
    item.meeting = Meeting.objects.get(pk=item.meeting_id)  # never a copy cached before publication
    why = papers_closed_reason(item.meeting)
    if why:
        raise ValidationError(why)


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
    """Publish the agenda and queue the building of its pack (an open pack, and a full one
    with the closed part), which goes to the distribution list once built; say whether the
    agenda went out later than the terms allow. Once published, papers added or replaced
    since go out as a supplementary pack; with none, the pack is rebuilt.

    The pack is built by a background task once this transaction commits (`pack_build_run`):
    a slow or failing build never holds up or undoes the publication, and the meeting's page
    says the pack is being built, or why it could not be and that the clerk can try again."""
    if not meeting.items.exists():
        raise ValidationError("Add items to the agenda before publishing it.")
    if meeting.is_off:
        raise ValidationError(f"The meeting is {meeting.get_status_display().lower()}.")
    _no_failed_papers(meeting)  # says which papers, and what to do; converting is the build's, not the request's
    already = meeting.agenda_published_at is not None
    supplementary = already and Paper.objects.filter(item__meeting=meeting, supplementary=True,
                                                     withdrawn_at__isnull=True).exists()
    if not supplementary:
        meeting.agenda_published_at = now or clock.now()
    if meeting.status == MeetingStatus.SCHEDULED:
        meeting.status = MeetingStatus.AGENDA_PUBLISHED
    meeting.save()
    late = meeting.pack_published_late
    audit_record(actor=acting_user, action=BoardAudit.AGENDA_SUPPLEMENT_PUBLISHED if supplementary else BoardAudit.AGENDA_PUBLISHED,
                 obj=meeting, detail={"late": late}, request=request)
    _pack_build_queue(acting_user=acting_user, meeting=meeting, supplementary=supplementary,
                      circulate=supplementary or not already)
    return late


def _pack_build_queue(*, acting_user, meeting: Meeting, supplementary: bool, circulate: bool) -> PackBuild:
    build = PackBuild.objects.create(meeting=meeting, supplementary=supplementary, circulate=circulate,
                                     requested_by=acting_user if getattr(acting_user, "pk", None) else None)
    transaction.on_commit(lambda: pack_build.enqueue(build.pk))
    return build


@task()
def pack_build(build_pk: int) -> str:
    """The background task: run one queued pack build."""
    return pack_build_run(build_pk)


def pack_build_run(build_pk: int) -> str:
    """Build the pack a publication queued, store it, and send it to the distribution list
    if the publication asked; returns the build's status. A build that fails changes nothing
    but the build's record, which says why (the publication stays committed): the meeting's
    page shows it and the clerk can try again (`pack_build_retry`)."""
    build = PackBuild.objects.select_related("meeting", "requested_by").get(pk=build_pk)
    if build.status != PackBuildStatus.BUILDING:
        return build.status  # already run: a task delivered twice builds once
    try:
        with transaction.atomic():
            _pack_build_store(build)
    except Exception as exc:  # noqa: BLE001 (any failure is recorded for the clerk, not lost in a worker's log)
        log.exception("pack build %s for meeting %s failed", build.pk, build.meeting_id)
        reason = (" ".join(exc.messages) if isinstance(exc, ValidationError)
                  else f"An unexpected error stopped the build ({type(exc).__name__}); it has been logged.")
        with transaction.atomic():
            PackBuild.objects.filter(pk=build.pk).update(status=PackBuildStatus.FAILED, error=reason[:300],
                                                         finished_at=clock.now())
            audit_record(actor=build.requested_by, action=BoardAudit.PACK_BUILD_FAILED, obj=build.meeting,
                         detail={"build": build.pk, "supplementary": build.supplementary, "error": reason[:300]})
        return PackBuildStatus.FAILED
    return PackBuildStatus.BUILT


def _pack_build_store(build: PackBuild) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=build.meeting_id)
    _papers_ready(meeting)
    supplementary = build.supplementary
    fields = ("pack_supplement", "pack_supplement_full") if supplementary else ("pack", "pack_full")
    open_pdf, _items, pages = build_pack(meeting, include_closed=False, supplementary=supplementary)
    full_pdf, _items, _pages = build_pack(meeting, include_closed=True, supplementary=supplementary)
    for field, data in zip(fields, (open_pdf, full_pdf), strict=True):
        old = getattr(meeting, field)
        if old:
            # The old file goes only once the new pack is committed: a rolled-back build
            # must not leave the meeting pointing at a deleted file.
            storage, name = old.storage, old.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        getattr(meeting, field).save(stored_name("pack.pdf", "pdf"), ContentFile(data), save=False)
    written = {field: getattr(meeting, field).name for field in fields}
    if not supplementary:
        written["pack_pages"] = pages
    Meeting.objects.filter(pk=meeting.pk).update(**written)  # the pack's fields alone (see Meeting.save)
    PackBuild.objects.filter(pk=build.pk).update(status=PackBuildStatus.BUILT, error="", finished_at=clock.now())
    audit_record(actor=build.requested_by, action=BoardAudit.PACK_BUILT, obj=meeting,
                 detail={"build": build.pk, "supplementary": supplementary, "pages": pages})
    if build.circulate:
        circulate(acting_user=build.requested_by, meeting=meeting,
                  kind=CirculationKind.SUPPLEMENTARY if supplementary else CirculationKind.PACK)


@transaction.atomic
def pack_build_retry(*, acting_user, meeting: Meeting, request=None) -> PackBuild:
    """Queue again the last build of the meeting's pack, which failed."""
    last = latest_pack_build(meeting)
    if last is None or last.status != PackBuildStatus.FAILED:
        raise ValidationError("The pack has not failed to build: there is nothing to try again.")
    audit_record(actor=acting_user, action=BoardAudit.PACK_BUILD_RETRIED, obj=meeting,
                 detail={"build": last.pk, "supplementary": last.supplementary}, request=request)
    return _pack_build_queue(acting_user=acting_user, meeting=meeting, supplementary=last.supplementary,
                             circulate=last.circulate)


def interest_conflicts(meeting: Meeting) -> list[tuple[AgendaItem, object]]:
    """Closed commissioning items at which a member with a registered commissioning
    interest is due (a seat holder who has not sent apologies)."""
    closed = list(meeting.items.filter(part=Part.CLOSED))
    if not closed:
        return []
    interests = Interest.objects.filter(board=meeting.board, commissioning=True, registered_on__lte=meeting.date).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=meeting.date)).select_related("person", "organisation")
    apologies = set(meeting.attendance.filter(status=AttendanceStatus.APOLOGIES).values_list("person_id", flat=True))
    seat_holders = set(expected_seats(meeting).values_list("person_id", flat=True))
    due = [i for i in interests if i.person_id in seat_holders and i.person_id not in apologies]
    return [(item, interest) for item in closed for interest in due]


def generated_paper_attach(*, acting_user, council, meeting, item_title: str, paper_title: str, filename: str,
                           build, request=None):
    """Put a document daboard generates (money view, performance report, needs assessment,
    delivery plan report) on a meeting's agenda as a new item with its paper, in one step."""

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
