"""Agenda packs, minutes as PDF and Word, and calendars, checked with the tools people use."""

import datetime as dt
import io
import subprocess

import pytest
from django.urls import reverse

from daboard.board import documents, services
from daboard.board.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_pack_computes_page_ranges_from_the_papers_and_numbers_every_page(new_meeting, upload, pdf_bytes, tmp_path):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14), location="Microsoft Teams")
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    first = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Spend plan"))
    second = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Performance"))
    services.paper_add(acting_user=clerk, item=first, title="Report", upload=upload("a.pdf", pdf_bytes(6)))
    services.paper_add(acting_user=clerk, item=second, title="Data", upload=upload("b.pdf", pdf_bytes(4)))
    data, items, total = documents.build_pack(meeting, include_closed=False)
    ranges = {p.item.title: p.pages_label for p in items}
    front = total - 10
    assert ranges["Spend plan"] == f"Pages {front + 1} - {front + 6}"
    assert ranges["Performance"] == f"Pages {front + 7} - {front + 10}"
    text = pdf_text(data)
    assert f"(Pages {front + 1} - {front + 6})" in text and "Meeting:" in text and "AGENDA" in text
    assert f"Agenda Item {first.number}" in text
    pack = tmp_path / "pack.pdf"
    pack.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pack), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == total


def test_the_meeting_invitation_parses_as_icalendar_in_london_time(demo, make_user, signed_in):
    from icalendar import Calendar

    meeting = Meeting.objects.get(date=dt.date(2023, 12, 15))
    client = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    response = client.get(reverse("board:meeting-ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    start = events[0].decoded("dtstart")
    assert str(start.tzinfo) == "Europe/London" and start.hour == 9 and start.date() == meeting.date
    assert any(tz.get("tzid") == "Europe/London" for tz in cal.walk("VTIMEZONE"))


def test_the_board_feed_lists_every_meeting_behind_a_signed_address(demo, make_user, signed_in, client):
    from icalendar import Calendar

    from daboard.core.tokens import feed_token

    member = make_user("board_member", board="leicestershire-and-rutland")
    token = feed_token(member, "board:leicestershire-and-rutland")
    response = client.get(reverse("board:board-feed", args=["leicestershire-and-rutland", token]))
    cal = Calendar.from_ical(response.content)
    dates = {e.decoded("dtstart").date() for e in cal.walk("VEVENT")}
    assert dt.date(2025, 9, 25) in dates and dt.date(2022, 3, 18) in dates
    cancelled = [e for e in cal.walk("VEVENT") if e.decoded("dtstart").date() == dt.date(2022, 9, 23)]
    assert str(cancelled[0]["status"]) == "CANCELLED"
    assert client.get(reverse("board:board-feed", args=["leicester", token])).status_code == 404
    assert client.get(reverse("board:board-feed", args=["leicestershire-and-rutland", "forged"])).status_code == 404


def test_minutes_in_word_open_with_python_docx_in_the_seed_layout(demo):
    from docx import Document

    meeting = Meeting.objects.get(date=dt.date(2023, 12, 15))
    doc = Document(io.BytesIO(documents.minutes_docx(meeting, include_closed=False)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Minutes of a meeting of the Leicestershire and Rutland Domestic Abuse Local Partnership Board held via Microsoft Teams on Friday, 15 December 2023." in text
    assert "17. Domestic Abuse Act 2021 updates." in text
    assert "(c)\tThe recommendations to extend the commissioned services" in text
    assert "(vi)\tThe Children and Family Strategic DA Group" in text
    assert "9.00 - 9.40 am" in text and "CHAIRMAN" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Mrs D. Taylor CC (in the Chair)" in cells


@pytest.mark.slow
def test_minutes_in_word_convert_with_libreoffice(demo, tmp_path):
    meeting = Meeting.objects.get(date=dt.date(2022, 3, 18))
    path = tmp_path / "minutes.docx"
    path.write_bytes(documents.minutes_docx(meeting, include_closed=False))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    text = pdf_text((tmp_path / "minutes.pdf").read_bytes())
    assert "Approving Terms of Reference for the Board" in text


def test_minutes_pdf_renders_and_says_draft_until_confirmed(demo, tmp_path):
    # 29 September 2023's minutes were confirmed on 15 December 2023 (002:114); those of
    # 15 December 2023 went to the next meeting for confirmation, which no seed records.
    confirmed = Meeting.objects.get(date=dt.date(2023, 9, 29))
    held = Meeting.objects.get(date=dt.date(2023, 12, 15))
    assert "DRAFT" not in pdf_text(documents.minutes_pdf(confirmed, include_closed=False))
    assert "DRAFT" in pdf_text(documents.minutes_pdf(held, include_closed=False))


def test_the_pack_carries_the_previous_minutes_under_the_minutes_item(new_meeting):
    from daboard.board.models import ItemKind

    clerk = new_meeting.clerk
    june = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=june)
    services.minutes_start(acting_user=clerk, meeting=june)
    september = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=september)
    data, items, _total = documents.build_pack(september, include_closed=False)
    minutes_item = next(p for p in items if p.item.kind == ItemKind.MINUTES)
    assert minutes_item.pages_label.startswith("Page")
    assert "Minutes of a meeting of the" in pdf_text(data)
