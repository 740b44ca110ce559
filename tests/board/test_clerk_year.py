"""The clerk's year as a ModernGov clerk expects it (issue 17): meetings that change,
working days, packs with bookmarks and supplements, papers that reach people, minutes
that read like the seeds."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse

from daboard.board import documents, queries, services
from daboard.board.models import (
    Action,
    AgendaItem,
    CirculationCopy,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinuteItem,
    Paper,
)
from daboard.board.working_days import is_working_day, why_not_working
from daboard.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def outline(data: bytes) -> list:
    """The pack's bookmarks as (title, page index, depth)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    out = []

    def walk(items, depth):
        for entry in items:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                out.append((entry.title, reader.get_destination_page_number(entry), depth))

    walk(reader.outline, 0)
    return out


# --- Working days -------------------------------------------------------------------------


def test_bank_holidays_come_from_the_holidays_package_for_england_and_wales():
    assert why_not_working(dt.date(2023, 12, 25)) == "Christmas Day (a bank holiday)"
    assert why_not_working(dt.date(2030, 11, 30)) == "a Saturday"
    assert not is_working_day(dt.date(2026, 12, 28))  # Boxing Day's substitute
    assert is_working_day(dt.date(2023, 12, 15))  # the seed meeting, a Friday


def test_no_deadline_falls_on_christmas_day_or_a_weekend(new_meeting):
    meeting = new_meeting(dt.date(2030, 12, 11))  # a Wednesday: 14 days on is Christmas Day
    assert meeting.minutes_due == dt.date(2030, 12, 27)
    sunday = new_meeting(dt.date(2030, 6, 17))  # papers 7 days before: Monday 10 June, a working day
    assert sunday.papers_due == dt.date(2030, 6, 10)
    tuesday = new_meeting(dt.date(2030, 6, 4))  # 7 days before is Tuesday 28 May: fine
    assert is_working_day(tuesday.papers_due)
    monday = new_meeting(dt.date(2031, 6, 2))  # 7 days before is Monday 26 May 2031, a bank holiday
    assert monday.papers_due == dt.date(2031, 5, 23)


def test_a_meeting_cannot_be_booked_on_a_saturday_or_a_bank_holiday(new_meeting):
    with pytest.raises(ValidationError, match="Saturday"):
        new_meeting(dt.date(2030, 11, 30))
    with pytest.raises(ValidationError, match="bank holiday"):
        new_meeting(dt.date(2030, 12, 25))


# --- Meetings that change -----------------------------------------------------------------


def test_a_new_meeting_takes_its_contact_from_the_board(board_lr, new_meeting):
    meeting = new_meeting(dt.date(2030, 6, 14))
    # The demo's latest meeting with a contact is 28 June 2024's: Euan Walters.
    assert meeting.contact.name == "Euan Walters" and meeting.contact_email == "Euan.Walters@leics.gov.uk"
    assert meeting.contact_phone == "0116 3056016"


def test_a_meeting_is_moved_cancelled_postponed_and_the_reason_is_kept(new_meeting, mailoutbox,
                                                                      django_capture_on_commit_callbacks):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    with pytest.raises(ValidationError, match="Saturday"):
        services.meeting_reschedule(acting_user=clerk, meeting=meeting, date=dt.date(2030, 6, 15),
                                    start_time=dt.time(9), reason="Room unavailable")
    with pytest.raises(ValidationError, match="date and time already"):  # not recorded as a move
        services.meeting_reschedule(acting_user=clerk, meeting=meeting, date=meeting.date,
                                    start_time=meeting.start_time, reason="Room unavailable")
    meeting.refresh_from_db()
    assert meeting.rescheduled_from is None
    services.meeting_reschedule(acting_user=clerk, meeting=meeting, date=dt.date(2030, 6, 21),
                                start_time=dt.time(10), reason="The Chair is unavailable on the 14th")
    meeting.refresh_from_db()
    assert (meeting.date, meeting.rescheduled_from, meeting.status_reason) == (
        dt.date(2030, 6, 21), dt.date(2030, 6, 14), "The Chair is unavailable on the 14th")
    with pytest.raises(ValidationError, match="reason"):
        services.meeting_cancel(acting_user=clerk, meeting=meeting, reason=" ")
    services.meeting_postpone(acting_user=clerk, meeting=meeting, reason="Purdah before the election")
    assert meeting.status == MeetingStatus.POSTPONED
    services.meeting_reschedule(acting_user=clerk, meeting=meeting, date=dt.date(2030, 7, 5),
                                start_time=dt.time(9), reason="New date after the election")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.rescheduled_from == dt.date(2030, 6, 14)
    services.meeting_cancel(acting_user=clerk, meeting=meeting, reason="No business")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.status_reason == "No business"
    actions = set(AuditEntry.objects.filter(object_id=str(meeting.pk)).values_list("action", flat=True))
    assert {"meeting.rescheduled", "meeting.postponed", "meeting.cancelled"} <= actions


def test_a_meeting_with_no_business_can_be_deleted_and_one_with_business_cannot(new_meeting):
    clerk = new_meeting.clerk
    mistake = new_meeting(dt.date(2030, 6, 14))
    services.meeting_delete(acting_user=clerk, meeting=mistake)
    assert not Meeting.objects.filter(pk=mistake.pk).exists()
    real = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=real)
    with pytest.raises(ValidationError, match="Cancel it instead"):
        services.meeting_delete(acting_user=clerk, meeting=real)


def test_the_june_2024_pack_carries_the_minutes_of_december_2023_the_last_meeting_held(board_lr, make_user):
    june = Meeting.objects.get(board=board_lr, date=dt.date(2024, 6, 28))
    # 22 March 2024 was arranged but never recorded as held: it is passed over.
    assert queries.previous_meeting(june).date == dt.date(2023, 12, 15)
    march = Meeting.objects.get(board=board_lr, date=dt.date(2024, 3, 22))
    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    services.meeting_record_not_held(acting_user=clerk, meeting=march, reason="Not quorate")
    march.refresh_from_db()
    assert march.status == MeetingStatus.NOT_HELD and march.status_reason == "Not quorate"
    assert queries.previous_meeting(june).date == dt.date(2023, 12, 15)
    with pytest.raises(ValidationError, match="still to come"):
        services.meeting_record_not_held(acting_user=clerk, meeting=Meeting.objects.filter(
            board=board_lr, date__gt=dt.date(2026, 12, 1)).first() or services.meetings_schedule(
            acting_user=clerk, board=board_lr, dates=[dt.date(2030, 6, 14)], start_time=dt.time(9))[0], reason="x")


def test_a_second_meeting_on_the_same_day_runs_on_the_minute_numbers(new_meeting, board_lr):
    clerk = new_meeting.clerk
    morning = new_meeting(dt.date(2030, 6, 14))
    afternoon = services.meetings_schedule(acting_user=clerk, board=board_lr, dates=[dt.date(2030, 6, 14)],
                                           start_time=dt.time(14))[0]
    services.agenda_draft(acting_user=clerk, meeting=morning)
    services.agenda_draft(acting_user=clerk, meeting=afternoon)
    last_morning = morning.items.order_by("-number").first().minute_number
    assert afternoon.items.get(number=1).minute_number == last_morning + 1


def test_minutes_are_confirmed_only_at_a_meeting_that_was_held(new_meeting):
    clerk = new_meeting.clerk
    june, september = new_meeting(dt.date(2030, 6, 14)), new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=june)
    services.minutes_start(acting_user=clerk, meeting=june)
    services.minutes_circulate(acting_user=clerk, meeting=june)
    with pytest.raises(ValidationError, match="only at a meeting that took place"):
        services.minutes_confirm(acting_user=clerk, meeting=june, at_meeting=september)


# --- Packs, papers and circulation ----------------------------------------------------------


@pytest.fixture
def published(new_meeting, upload, pdf_bytes, mailoutbox, django_capture_on_commit_callbacks):
    """A meeting with an open report (presenter named in the notes too), a closed item, an
    open action from an earlier meeting, published to a distribution list with the SRG route."""
    from daboard.board.distribution import distribution_recipient_add
    from daboard.core.models import Person

    clerk = new_meeting.clerk
    earlier = new_meeting(dt.date(2030, 3, 15))
    services.agenda_draft(acting_user=clerk, meeting=earlier)
    minute = services.minutes_start(acting_user=clerk, meeting=earlier)[0]
    gurjit = Person.objects.get(name="Gurjit Samra-Rai")
    services.action_create(acting_user=clerk, action=Action(
        board=earlier.board, meeting=earlier, minute=minute, text="Circulate the DLUHC monitoring document",
        owner=gurjit, due_next_meeting=True))
    meeting = new_meeting(dt.date(2030, 6, 14), location="Microsoft Teams")
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    report = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Domestic Abuse Act 2021 updates.", presenter=gurjit,
        presenter_role="Community Safety Manager, Leicestershire County Council",
        description="Gurjit Samra-Rai, Community Safety Manager, Leicestershire County Council, will present this report."))
    closed = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Award of the safe accommodation lots", part="closed",
        closed_reason="Commissioning discussions"))
    services.paper_add(acting_user=clerk, item=report, title="DA Act report", upload=upload("a.pdf", pdf_bytes(3)))
    services.paper_add(acting_user=clerk, item=closed, title="Tender scores", upload=upload("b.pdf", pdf_bytes(2)))
    distribution_recipient_add(acting_user=clerk, board=meeting.board, name="SRG papers route",
                               email="srg@example.org", kind="srg_route")
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_pack(acting_user=clerk, meeting=meeting)
    meeting.refresh_from_db()
    return meeting, report, closed, clerk


def test_the_pack_bookmarks_each_item_and_paper_and_numbers_every_paper_page(published):
    meeting, report, closed, _clerk = published
    data, items, total = documents.build_pack(meeting, include_closed=True)
    marks = outline(data)
    titles = [t for t, _page, _depth in marks]
    assert titles[0] == "Agenda"
    assert f"{report.number}. {report.title}" in titles and "DA Act report" in titles
    assert f"{closed.number}. {closed.title}" in titles and "Tender scores" in titles
    assert "Action log" in titles
    by_title = {t: (page, depth) for t, page, depth in marks}
    assert by_title["DA Act report"][1] == 1  # under its item
    pack = {p.item.pk: p for p in items}
    assert by_title["DA Act report"][0] == pack[report.pk].first_page - 1
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    for number in range(pack[report.pk].first_page, pack[report.pk].last_page + 1):
        assert str(number) in reader.pages[number - 1].extract_text().split()
    assert "Agenda Item " + str(report.number) in reader.pages[pack[report.pk].first_page - 1].extract_text()


def test_the_agenda_prints_the_presenter_once_and_the_actions_item_lists_the_open_actions(published):
    meeting, _report, _closed, _clerk = published
    text = pdf_text(meeting.pack.open("rb").read())
    assert text.count("Gurjit Samra-Rai, Community Safety Manager") == 1
    assert "Circulate the DLUHC monitoring document" in text  # the action log under the actions item
    assert "Tender scores" not in text and "Award of the safe accommodation lots" not in text


def test_publishing_emails_the_distribution_list_after_commit_and_records_who_was_sent_what(published, mailoutbox):
    meeting, _report, _closed, _clerk = published
    to = {m.to[0] for m in mailoutbox}
    assert "srg@example.org" in to
    assert all(len(m.to) == 1 for m in mailoutbox)  # one e-mail each: no list of addresses
    body = mailoutbox[0].body
    assert "Domestic Abuse Act 2021 updates." in body and "Award of the safe accommodation lots" not in body
    copies = CirculationCopy.objects.filter(circulation__meeting=meeting)
    assert copies.filter(email="srg@example.org", sent_at__isnull=False).exists()
    assert copies.count() == len(mailoutbox) and not copies.filter(sent_at__isnull=True).exists()


def test_no_email_leaves_inside_the_transaction(new_meeting, mailoutbox):
    from django.db import transaction

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    with transaction.atomic():
        services.meeting_publish_pack(acting_user=clerk, meeting=meeting)
        assert mailoutbox == []


def test_a_failed_copy_keeps_its_error_and_is_sent_again_later(published, settings, mailoutbox):
    from daboard.board.distribution import deliver_pending

    meeting, *_ = published
    copy = CirculationCopy.objects.filter(circulation__meeting=meeting).first()
    CirculationCopy.objects.filter(pk=copy.pk).update(sent_at=None, error="Connection refused")
    before = len(mailoutbox)
    assert deliver_pending() == 1
    assert len(mailoutbox) == before + 1
    copy.refresh_from_db()
    assert copy.sent_at and not copy.error


def test_papers_are_replaced_and_withdrawn_with_history_and_late_ones_make_a_supplementary_pack(
        published, upload, pdf_bytes, mailoutbox, django_capture_on_commit_callbacks):
    meeting, report, _closed, clerk = published
    old = report.papers.get()
    with pytest.raises(ValidationError, match="replaced"):
        services.paper_remove(acting_user=clerk, paper=old, reason="Wrong version")
    new = services.paper_replace(acting_user=clerk, paper=old, title="DA Act report (revised)",
                                 upload=upload("a2.pdf", pdf_bytes(2)), reason="Figures corrected")
    old.refresh_from_db()
    assert old.withdrawn_at and "Figures corrected" in old.withdrawn_reason and new.replaces == old
    assert new.supplementary
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_pack(acting_user=clerk, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.pack_supplement and len(mailoutbox) > sent
    assert "Supplementary" in mailoutbox[-1].subject
    data = meeting.pack_supplement.open("rb").read()
    text = pdf_text(data)
    assert "SUPPLEMENTARY AGENDA" in text and "Tender scores" not in text
    assert [t for t, *_ in outline(data)][:3] == ["Supplementary agenda", f"{report.number}. {report.title}",
                                                  "DA Act report (revised)"]
    assert AuditEntry.objects.filter(action="paper.replaced").exists()


def test_before_publication_a_paper_is_withdrawn_and_leaves_the_pack(new_meeting, upload, pdf_bytes):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Report"))
    paper = services.paper_add(acting_user=clerk, item=item, title="Draft", upload=upload("a.pdf", pdf_bytes(2)))
    services.paper_remove(acting_user=clerk, paper=paper, reason="Sent in error")
    assert Paper.objects.filter(pk=paper.pk, withdrawn_at__isnull=False).exists()  # kept, as history
    _data, items, _total = documents.build_pack(meeting, include_closed=True)
    assert [p.papers for p in items if p.item.pk == item.pk] == [[]]


def test_slides_are_accepted_and_turned_into_pdf(new_meeting, upload):
    pptx = pytest.importorskip("pptx")
    from daboard.core.convert import soffice

    if soffice() is None:
        pytest.skip("LibreOffice is not installed (scripts/system-deps installs it)")
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Project Echo"
    slide.placeholders[1].text = "Safe Lives presentation on economic abuse"
    out = io.BytesIO()
    deck.save(out)
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Project Echo",
                                                                         kind=ItemKind.PRESENTATION))
    with TestCase.captureOnCommitCallbacks(execute=True):  # the PDF copy is made once the upload commits
        paper = services.paper_add(acting_user=clerk, item=item, title="Slides",
                                   upload=upload("echo.pptx", out.getvalue()))
    paper.refresh_from_db()
    assert paper.pdf and paper.pages == 1 and "economic abuse" in paper.text


# --- Minutes that read like the seeds ---------------------------------------------------------


def test_the_word_minutes_are_a4_with_page_numbers_and_heading_styles(board_lr):
    from docx import Document
    from docx.shared import Mm

    meeting = Meeting.objects.get(board=board_lr, date=dt.date(2023, 12, 15))
    doc = Document(io.BytesIO(documents.minutes_docx(meeting, include_closed=False)))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert "PAGE" in section.footer._element.xml
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "17. Domestic Abuse Act 2021 updates." in headings
    assert any(p.style.name == "Title" and "15 December 2023" in p.text for p in doc.paragraphs)


def test_the_lead_in_is_chosen_per_item_and_capacity_names_role_and_organisation(new_meeting, board_lr):
    from daboard.core.models import BoardMembership

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    talk = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Domestic Abuse Housing Alliance.", kind=ItemKind.PRESENTATION))
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = MinuteItem.objects.get(agenda_item=talk)
    assert services.default_lead_in(minute) == "Arising from the presentation the following points were noted:"
    services.minute_save(acting_user=clerk, minute=minute, considered="", points=["A point."], closing_text="",
                         resolutions=[], points_intro="Arising from discussions the following points were noted:")
    minute.refresh_from_db()
    assert minute.points_intro.startswith("Arising from discussions")
    seat = BoardMembership.objects.filter(board=board_lr, role__icontains="Strategy Group Chair").select_related(
        "organisation").first()
    assert services.seat_capacity(seat) == f"{seat.role} - {seat.organisation.name}"


# --- Search inside papers -------------------------------------------------------------------------


def test_search_finds_words_inside_a_paper_in_other_forms_and_shows_the_passage(
        new_meeting, upload, make_user, signed_in):
    from weasyprint import HTML

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Safe accommodation"))
    pdf = HTML(string="<p>The board agreed the recommendations to extend the commissioned services "
                      "for a further twelve months, with quarterly reporting.</p>").write_pdf()
    services.paper_add(acting_user=clerk, item=item, title="Commissioning update", upload=upload("u.pdf", pdf))
    closed = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Scores", part="closed", closed_reason="Commissioning"))
    secret = HTML(string="<p>Panahghar scored highest on the extended evaluation.</p>").write_pdf()
    services.paper_add(acting_user=clerk, item=closed, title="Evaluation", upload=upload("s.pdf", secret))

    results = queries.search(clerk, meeting.board, "extending commissioned service")
    papers = [r for r in results if r.kind == "paper"]
    assert [r.title for r in papers] == ["Commissioning update"]
    assert queries.MARK_OPEN in papers[0].snippet and "twelve months" in papers[0].snippet
    member = make_user("board_member", board="leicestershire-and-rutland")
    page = signed_in(member).get(reverse("board:search", args=[meeting.board.slug]), {"q": "evaluation"})
    assert "Panahghar" not in page.content.decode()
    page = signed_in(clerk).get(reverse("board:search", args=[meeting.board.slug]), {"q": "reporting"})
    assert "<mark>reporting</mark>" in page.content.decode()


# --- People pickers ---------------------------------------------------------------------------------


def test_the_people_a_clerk_chooses_from_are_the_boards_own(board_lr):
    from daboard.board.forms import AgendaItemForm
    from daboard.board.queries import board_people
    from daboard.core.models import Board, BoardMembership

    leicester = Board.objects.get(slug="leicester")
    theirs = set(BoardMembership.objects.filter(board=leicester, person__isnull=False).values_list("person_id", flat=True))
    ours = set(board_people(board_lr).values_list("pk", flat=True))
    only_theirs = theirs - set(BoardMembership.objects.filter(board=board_lr).values_list("person_id", flat=True))
    leicester_only = {pk for pk in only_theirs if pk not in ours}
    assert leicester_only, "the demo should have someone on Leicester's board alone"
    form = AgendaItemForm(board=board_lr, instance=AgendaItem())
    assert not leicester_only & set(form.fields["presenter"].queryset.values_list("pk", flat=True))


@pytest.mark.django_db(transaction=True)  # the worker closes and reopens database connections
def test_with_the_database_backend_the_pack_and_the_emails_wait_for_the_worker(transactional_audit, new_meeting, settings,
                                                                 mailoutbox):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    from daboard.board.distribution import distribution_recipient_add

    distribution_recipient_add(acting_user=clerk, board=meeting.board, name="SRG papers route",
                               email="srg@example.org", kind="srg_route")
    services.meeting_publish_pack(acting_user=clerk, meeting=meeting)  # commits: the pack's build is queued
    assert DBTaskResult.objects.filter(task_path__endswith="pack_build").count() == 1
    meeting.refresh_from_db()
    assert meeting.agenda_published_at and not meeting.pack  # published; the pack is not built by the request
    assert mailoutbox == []  # nothing sent by the request
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert "srg@example.org" in {m.to[0] for m in mailoutbox}
    assert not CirculationCopy.objects.filter(circulation__meeting=meeting, sent_at__isnull=True).exists()


def test_the_clerks_pages_change_cancel_and_delete_a_meeting(new_meeting, signed_in):
    from daboard.core.models import Person

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    client = signed_in(clerk)
    rik = Person.objects.get(name="Rik Basra")
    response = client.post(reverse("board:meeting-edit", args=[meeting.pk]), {
        "title": meeting.title, "start_time": "10:00", "location": "County Hall, Glenfield", "online_link": "",
        "contact": rik.pk, "contact_phone": "0116 305 0000", "contact_email": "rik.basra@example.gov.uk"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.contact, meeting.location, meeting.start_time) == (rik, "County Hall, Glenfield", dt.time(10))
    page = client.post(reverse("board:meeting-reschedule", args=[meeting.pk]), {
        "date_0": "15", "date_1": "6", "date_2": "2030", "start_time": "10:00", "reason": "Room"}).content.decode()
    assert "15 June 2030 is a Saturday" in page and "govuk-error-summary" in page
    response = client.post(reverse("board:meeting-call-off", args=[meeting.pk]), {"what": "cancel",
                                                                                  "reason": "No business"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    detail = client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode()
    assert "No business" in detail
    client.post(reverse("board:meeting-delete", args=[meeting.pk]))
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
