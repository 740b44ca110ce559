"""Documents of a meeting: the agenda pack (PDF), the minutes (PDF and Word), and
iCalendar invitations. The same page ranges appear on the agenda and in the pack."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from icalendar import Calendar, Event
from pypdf import PdfReader, PdfWriter, Transformation

from daboard.core import clock
from daboard.core.convert import pdf_page_count
from daboard.core.pdf import html_to_pdf
from daboard.core.text import clean_text

from .models import (
    Action,
    AgendaItem,
    Declaration,
    ItemKind,
    Meeting,
    MeetingStatus,
    PaperPdf,
    Part,
)
from .queries.actions import open_actions
from .queries.meetings import previous_meeting

LONDON = ZoneInfo("Europe/London")


@dataclass
class PackItem:
    item: AgendaItem
    papers: list = field(default_factory=list)  # (paper or None, pdf bytes, pages, bookmark title)
    first_page: int | None = None
    last_page: int | None = None

    @property
    def pages_label(self) -> str:
        # Only the pages of this pack: a seed item's printed range belongs to a pack daboard
        # did not make (it gave a 3-page pack "Pages 7 - 16").
        if self.first_page is None:
            return ""
        if self.first_page == self.last_page:
            return f"Page {self.first_page}"
        return f"Pages {self.first_page} - {self.last_page}"


def _paper_pdf(paper) -> bytes:
    if paper.pdf_status != PaperPdf.READY:  # the build makes or refuses them first (services._papers_ready)
        raise ValidationError(f"The paper \u201c{paper.title}\u201d has no PDF copy: "
                              f"{paper.get_pdf_status_display().lower()}.")
    source = paper.pdf if paper.pdf else paper.file
    with source.open("rb") as fh:
        return fh.read()


def pack_items(meeting: Meeting, *, include_closed: bool, supplementary_only: bool = False) -> list[PackItem]:
    """Each item with its current papers. The "minutes of the previous meeting" item carries
    the minutes of the last meeting that took place (the open part only in the open pack);
    the actions item carries the log of open actions. A supplementary pack holds only the
    papers added or replaced after publication."""

    items = meeting.items.order_by("number").prefetch_related("papers")
    out = []
    for item in items:
        if item.part == Part.CLOSED and not include_closed:
            continue
        current = [p for p in item.papers.all() if p.withdrawn_at is None]
        if supplementary_only:
            current = [p for p in current if p.supplementary]
            if not current:
                continue
        papers = [(p, _paper_pdf(p), p.pages, p.title) for p in current]
        if not supplementary_only and not papers:
            data, title = None, ""
            if item.kind == ItemKind.MINUTES:
                prev = previous_meeting(meeting)
                if prev is not None and prev.minute_items.exists():
                    data, title = minutes_pdf(prev, include_closed=include_closed), \
                        f"Minutes of the meeting held on {prev.date:%-d %B %Y}"
            elif item.kind == ItemKind.ACTIONS:
                data, title = action_log_pdf(meeting, include_closed=include_closed), "Action log"
            if data is not None:
                papers = [(None, data, pdf_page_count(data), title)]
        out.append(PackItem(item=item, papers=papers))
    return out


def pack_open_actions(meeting: Meeting, *, include_closed: bool):
    """Open actions from the board's earlier meetings; in the open pack, not those arising
    from closed business."""

    actions = open_actions(meeting.board, before=meeting.date)
    if not include_closed:
        actions = actions.exclude(minute__part=Part.CLOSED)
    return list(actions)


def action_log_pdf(meeting: Meeting, *, include_closed: bool) -> bytes:

    html = render_to_string("board/pdf/action_log.html", {
        "meeting": meeting, "actions": Action.with_due_dates(pack_open_actions(meeting, include_closed=include_closed))})
    return html_to_pdf(html)


def _render_front(meeting: Meeting, items: list[PackItem], include_closed: bool, supplementary: bool = False) -> bytes:

    html = render_to_string("board/pdf/agenda.html", {
        "meeting": meeting, "items": items, "include_closed": include_closed, "supplementary": supplementary,
        "open_items": [p for p in items if p.item.part == Part.OPEN],
        "closed_items": [p for p in items if p.item.part == Part.CLOSED],
    })
    return html_to_pdf(html, base_url=".")


def _overlay(pages: list[tuple[int, str]], sizes: list[tuple[float, float]]) -> bytes:
    """A PDF with only page numbers (and an "Agenda Item N" mark), one page per paper page."""

    parts = []
    for (number, mark), (w, h) in zip(pages, sizes, strict=True):
        parts.append(
            f'<section style="page: p{number}"><p class="mark">{mark}</p><p class="num">{number}</p></section>'
            f"<style>@page p{number} {{ size: {w}pt {h}pt; margin: 0 }}</style>")
    html = ("<html><head><style>section{position:relative;height:100%;page-break-after:always;"
            "font-family:Arial,sans-serif}.num{position:absolute;bottom:18pt;width:100%;text-align:center;"
            "font-size:10pt;margin:0}.mark{position:absolute;top:14pt;right:28pt;font-size:11pt;"
            "font-weight:bold;margin:0}</style></head><body>" + "".join(parts) + "</body></html>")
    return html_to_pdf(html)


def _stamp_into(writer, data: bytes, first_page: int, mark: str) -> int:
    """Append a paper's pages to the pack's writer, each stamped with its page number (and the
    first with `mark`). Returns how many pages it added."""

    reader = PdfReader(io.BytesIO(data))
    sizes = [(float(pg.mediabox.width), float(pg.mediabox.height)) for pg in reader.pages]
    marks = [(first_page + i, mark if i == 0 else "") for i in range(len(sizes))]
    overlay = PdfReader(io.BytesIO(_overlay(marks, sizes)))
    for i, pg in enumerate(reader.pages):
        writer.add_page(pg).merge_page(overlay.pages[i])
    return len(sizes)


def paper_pack_check(data: bytes) -> int:
    """Open an uploaded paper exactly as the pack builder will (stamp every page, write the
    result), so a PDF the pack cannot take is refused at upload, not when the pack is
    published. Returns its page count."""

    try:
        writer = PdfWriter()
        pages = _stamp_into(writer, data, 1, "Agenda Item 1")
        writer.write(io.BytesIO())
    except RecursionError as exc:
        raise ValidationError("The PDF is damaged and cannot be put into the agenda pack. Save it again (for "
                              "example with Print to PDF) and upload the new copy.") from exc
    except Exception as exc:  # noqa: BLE001 — whatever pypdf or WeasyPrint raises, the paper is refused
        raise ValidationError("The PDF cannot be put into the agenda pack (it is damaged or missing its page "
                              "sizes). Save it again (for example with Print to PDF) and upload the new copy.") from exc
    if pages == 0:
        raise ValidationError("The PDF has no pages.")
    return pages


def build_pack(meeting: Meeting, *, include_closed: bool, supplementary: bool = False
               ) -> tuple[bytes, list[PackItem], int]:
    """The agenda pack: front sheet and agenda, then every paper stamped with the pack's
    continuous page numbers and its "Agenda Item N" mark, with a bookmark for the agenda,
    each item and each paper. The agenda's "Pages 3 - 8" are computed from the papers,
    iterating until the front sheet's own length is stable. A supplementary pack holds
    the papers added or replaced after publication, numbered on its own."""

    items = pack_items(meeting, include_closed=include_closed, supplementary_only=supplementary)
    front_pages = 1
    for _ in range(4):
        page = front_pages + 1
        for p in items:
            count = sum(n for _, _, n, _ in p.papers)
            if count:
                p.first_page, p.last_page = page, page + count - 1
                page += count
            else:
                p.first_page = p.last_page = None
        front = _render_front(meeting, items, include_closed, supplementary)
        actual = len(PdfReader(io.BytesIO(front)).pages)
        if actual == front_pages:
            break
        front_pages = actual
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    marks: list[tuple[str, int, list[tuple[str, int]]]] = []
    for p in items:
        page_no = p.first_page
        paper_marks = []
        for index, (_paper, data, count, title) in enumerate(p.papers):
            reader = PdfReader(io.BytesIO(data))
            sizes = [(float(pg.mediabox.width), float(pg.mediabox.height)) for pg in reader.pages]
            stamps = [(page_no + i, f"Agenda Item {p.item.number}" if (i == 0 and index == 0) else "")
                      for i in range(count)]
            overlay = PdfReader(io.BytesIO(_overlay(stamps, sizes)))
            paper_marks.append((title or f"Paper {index + 1}", page_no - 1))
            for i, pg in enumerate(reader.pages):
                added = writer.add_page(pg)
                box = pg.mediabox
                # A page whose box does not start at 0,0 still gets its number inside it.
                added.merge_transformed_page(overlay.pages[i],
                                             Transformation().translate(float(box.left), float(box.bottom)))
            page_no += count
        marks.append((f"{p.item.number}. {p.item.title}", (p.first_page - 1) if p.first_page else 0, paper_marks))
    # Bookmarks go in once every page exists: one for the agenda, one per item (an item
    # without papers points at the agenda), and one per paper under its item.
    writer.add_outline_item(title="Supplementary agenda" if supplementary else "Agenda", page_number=0)
    for title, page, paper_marks in marks:
        parent = writer.add_outline_item(title=title, page_number=page)
        for paper_title, paper_page in paper_marks:
            writer.add_outline_item(title=paper_title, page_number=paper_page, parent=parent)
    label = "Supplementary agenda pack" if supplementary else "Agenda pack"
    writer.add_metadata({"/Title": f"{label} – {meeting}", "/Author": "daboard"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    total = len(writer.pages)
    return out.getvalue(), items, total


# --- Minutes --------------------------------------------------------------------------


def minutes_context(meeting: Meeting, *, include_closed: bool) -> dict:
    minutes = (meeting.minute_items.order_by("number").select_related("agenda_item")
               .prefetch_related("points", "resolutions", Prefetch(
                   "agenda_item__declarations", queryset=Declaration.objects.select_related("person"))))
    if not include_closed:
        minutes = minutes.filter(part=Part.OPEN)
    att = list(meeting.attendance.select_related("person"))
    return {
        "meeting": meeting,
        "minutes": minutes,
        "present": [a for a in att if a.status in ("present", "substitute")],
        "officers": [a for a in att if a.status == "officer"],
        "guests": [a for a in att if a.status == "guest"],
        "apologies": [a for a in att if a.status == "apologies"],
        "include_closed": include_closed,
        "draft": meeting.status != MeetingStatus.MINUTES_CONFIRMED,
        "time_range": time_range(meeting),
    }


def time_range(meeting: Meeting) -> str:
    """"9.00 - 9.40 am", as the minutes end."""
    def fmt(t: dt.time) -> str:
        return f"{t.hour % 12 or 12}.{t.minute:02d}"

    if not meeting.end_time:
        return ""
    start_pm, end_pm = meeting.start_time.hour >= 12, meeting.end_time.hour >= 12
    if start_pm == end_pm:
        return f"{fmt(meeting.start_time)} - {fmt(meeting.end_time)} {'pm' if end_pm else 'am'}"
    return f"{fmt(meeting.start_time)} am - {fmt(meeting.end_time)} pm"


def minutes_pdf(meeting: Meeting, *, include_closed: bool) -> bytes:

    html = render_to_string("board/pdf/minutes.html", minutes_context(meeting, include_closed=include_closed))
    return html_to_pdf(html)


def _page_number_footer(section) -> None:
    """A centred PAGE field in the footer, as the seeds' minutes number their pages."""

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = "PAGE"
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def minutes_docx(meeting: Meeting, *, include_closed: bool) -> bytes:
    """The minutes in Word, laid out as the seeds are: A4, Arial 11, page numbers in the
    footer, the opening line as the title and each minute as a Heading 2 (so Word's
    navigation pane and a screen reader list the minutes)."""

    ctx = minutes_context(meeting, include_closed=include_closed)
    doc = Document()
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(22)
        _page_number_footer(section)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for name, size in (("Title", 12), ("Heading 1", 11), ("Heading 2", 11)):
        heading = doc.styles[name]
        heading.font.name, heading.font.size, heading.font.bold = "Arial", Pt(size), True
        heading.font.color.rgb = RGBColor(0, 0, 0)
    doc.core_properties.title = clean_text(_minutes_heading(meeting), one_line=True)
    doc.core_properties.language = "en-GB"
    if ctx["draft"]:
        doc.add_paragraph().add_run("DRAFT – subject to confirmation at the next meeting").bold = True
    doc.add_paragraph(clean_text(_minutes_heading(meeting)), style="Title")
    if ctx["present"]:
        doc.add_heading("PRESENT", level=1)
        _attendance_table(doc, ctx["present"], chair=meeting.chair)
    for label, rows in (("Officers", ctx["officers"]), ("Guests", ctx["guests"]), ("Apologies", ctx["apologies"])):
        if rows:
            doc.add_heading(label, level=1)
            _attendance_table(doc, rows, chair=None)
    add = _docx_writer(doc)
    for minute in ctx["minutes"]:
        doc.add_heading(clean_text(f"{minute.number}. {minute.title}"), level=2)
        if minute.is_closed:
            doc.add_paragraph("(Closed business: not for publication.)")
        for d in minute.agenda_item.declarations.all() if minute.agenda_item else []:
            doc.add_paragraph().add_run(clean_text(
                f"{d.person.name} declared an interest: {d.text}"
                f"{' and left the meeting for this item' if d.left_the_meeting else ''}.")).italic = True
        for para in filter(None, clean_text(minute.considered).split("\n")):
            doc.add_paragraph(para)
        points = list(minute.points.all())
        if points and minute.points_intro:
            add(minute.points_intro)
        for point in points:
            p = doc.add_paragraph(clean_text(f"({point.numeral})\t{point.text}"))
            p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Mm(12), Mm(-12)
        if minute.closing_text:
            add(minute.closing_text)
        resolutions = list(minute.resolutions.all())
        if resolutions:
            add("RESOLVED:", bold=True)
            if len(resolutions) == 1:
                add(resolutions[0].text)
            else:
                if minute.resolution_lead:
                    add(minute.resolution_lead)
                for r in resolutions:
                    p = doc.add_paragraph(clean_text(f"({r.letter})\t{r.text}"))
                    p.paragraph_format.left_indent, p.paragraph_format.first_line_indent = Mm(12), Mm(-12)
    end = doc.add_paragraph()
    end.add_run(clean_text("\n".join(filter(None, [ctx["time_range"], f"{meeting.date:%-d %B %Y}"]))))
    chairman = doc.add_paragraph("\n\nCHAIRMAN")
    chairman.alignment = WD_ALIGN_PARAGRAPH.LEFT
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_writer(doc):
    """doc.add_paragraph, with every text passed through clean_text first."""

    def add(text: str, *, bold: bool = False):
        if bold:
            paragraph = doc.add_paragraph()
            paragraph.add_run(clean_text(text)).bold = True
            return paragraph
        return doc.add_paragraph(clean_text(text))

    return add


def _minutes_heading(meeting: Meeting) -> str:
    where = f" held via {meeting.location.rstrip('.')}" if meeting.location and "teams" in meeting.location.lower() \
        else (f" held at {meeting.location.rstrip('.')}" if meeting.location else "")
    return f"Minutes of a meeting of the {meeting.title}{where} on {meeting.date:%A, %-d %B %Y}."


def _attendance_table(doc, rows, chair) -> None:
    table = doc.add_table(rows=0, cols=2)
    for a in rows:
        cells = table.add_row().cells
        cells[0].text = clean_text(a.person.name + (" (in the Chair)" if chair and a.person_id == chair.pk else ""))
        cells[1].text = clean_text(a.capacity)


# --- Calendar -------------------------------------------------------------------------


def _event(meeting: Meeting, base_url: str, join_links: bool = True, public_slug: str | None = None):

    start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
    end = dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON) if meeting.end_time \
        else start + dt.timedelta(hours=2)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@daboard")
    event.add("dtstamp", clock.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", clean_text(meeting.title))
    if meeting.location:
        event.add("location", clean_text(meeting.location))
    url = f"{base_url}/public/{public_slug}/meetings/{meeting.pk}/" if public_slug else f"{base_url}/meetings/{meeting.pk}/"
    event.add("url", url)
    description = f"Agenda and papers: {url}" + (f"\nJoin online: {meeting.online_link}"
                                                 if meeting.online_link and join_links else "")
    off = meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED, MeetingStatus.NOT_HELD)
    event.add("status", "CANCELLED" if off else "CONFIRMED")
    if meeting.status_reason:
        description = f"{meeting.get_status_display()}: {meeting.status_reason}\n" + description
    event.add("description", clean_text(description))
    # A moved or cancelled meeting updates the copy already in people's calendars.
    event.add("sequence", (1 if meeting.rescheduled_from else 0) + (1 if off else 0))
    return event


def calendar_bytes(meetings, name: str, base_url: str, *, join_links: bool = True,
                   public_slug: str | None = None) -> bytes:
    """Meetings as iCalendar. A subscribed feed passes join_links=False: its address can
    travel (shared calendars, sync services) further than the signed-in page."""

    cal = Calendar()
    cal.add("prodid", "-//daboard//Domestic abuse partnership board//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", clean_text(name, one_line=True))
    cal.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        cal.add_component(_event(meeting, base_url, join_links, public_slug))
    cal.add_missing_timezones()
    return cal.to_ical()
