"""Given the clerk of the Leicestershire and Rutland board, when they rebuild the seed meeting
of Friday 15 December 2023 (shared/seeds 001, 002) from scheduling to confirmed minutes in
the browser, then the pack has the pack's own page numbers and a bookmark per item and
paper, the distribution list is e-mailed the pack and the minutes, the public site shows
the open business and no closed text anywhere, and search finds words inside a paper.
axe checks every page on the way."""

import datetime as dt
import io

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
LR = "leicestershire-and-rutland"
CLOSED_TITLE = "Safe accommodation lots: evaluation"
CLOSED_WORDS = ["Safe accommodation lots: evaluation", "Evaluation scores", "Commercially sensitive scoring"]


def sign_in(journey, username):
    journey.goto("/sign-in/")
    journey.page.fill("#id_username", username)
    journey.page.fill("#id_password", PASSWORD)
    journey.submit()


def fill_date(page, prefix, day: dt.date):
    page.fill(f"#{prefix}_0", str(day.day))
    page.fill(f"#{prefix}_1", str(day.month))
    page.fill(f"#{prefix}_2", str(day.year))


def paper_pdf(text: str, pages: int = 1) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">{text} (page {i + 1})</p>' for i in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def test_the_clerk_rebuilds_the_15_december_2023_meeting_end_to_end(demo, make_user, journey, browser, live_server,
                                                                     tmp_path):
    from django.core import mail
    from pypdf import PdfReader

    from daboard.board.models import Meeting

    # The demo already holds the real meeting: the clerk rebuilds it from scratch.
    Meeting.objects.filter(board__slug=LR, date__gte=dt.date(2023, 12, 15)).delete()
    clerk = make_user("secretariat", board=LR, username="clerk-year")
    page = journey.page
    sign_in(journey, clerk.username)

    # The distribution list: the Scrutiny and Reference Group's papers route is added.
    journey.goto(f"/boards/{LR}/distribution/")
    page.fill("#id_name", "Scrutiny and Reference Group papers")
    page.fill("#id_email", "srg-papers@example.org")
    page.check("input[name=kind][value=srg_route]")
    journey.submit("button:has-text('Add to the list')")
    assert "added to the distribution list" in page.content()

    # Schedule: a Saturday is refused (GOV.UK error pattern), the Friday is booked.
    journey.goto(f"/boards/{LR}/meetings/new/")
    fill_date(page, "id_first_date", dt.date(2023, 12, 16))
    page.fill("#id_location", "Microsoft Teams")
    journey.submit()
    assert "16 December 2023 is a Saturday" in page.locator(".govuk-error-summary").inner_text()
    fill_date(page, "id_first_date", dt.date(2023, 12, 15))
    journey.submit()
    assert "Meeting of Friday 15 December 2023" in page.locator("h1").inner_text()
    meeting = Meeting.objects.get(board__slug=LR, date=dt.date(2023, 12, 15))
    assert meeting.contact and meeting.contact_email  # from the board's last meeting with a contact
    meeting_path = f"/meetings/{meeting.pk}/"

    # The meeting's change pages are there for the clerk (and pass axe).
    journey.click("text=Move the meeting to another date")
    journey.goto(meeting_path)
    journey.click("text=Cancel or postpone the meeting")
    journey.submit()
    assert "Choose what has happened" in page.locator(".govuk-error-summary").inner_text()
    journey.goto(meeting_path)

    # Agenda: drafted, the report as in the seed, and a closed item.
    journey.click("button:has-text('Draft the agenda')")
    journey.click("text=Add an agenda item")
    page.fill("#id_title", "Domestic Abuse Act 2021 updates.")
    page.select_option("#id_presenter", label="Gurjit Samra-Rai")
    page.fill("#id_presenter_role", "Community Safety Manager, Leicestershire County Council")
    journey.submit()
    journey.click("text=Add an agenda item")
    page.fill("#id_title", CLOSED_TITLE)
    page.check("input[name=part][value=closed]")
    page.fill("#id_closed_reason", "Commercially sensitive scoring of the bids")
    journey.submit()

    # Papers: a 3-page report with words to search for, and the closed scores.
    report = tmp_path / "report.pdf"
    report.write_bytes(paper_pdf("The procurement exercise for Safe Accommodation was split into three lots", 3))
    scores = tmp_path / "scores.pdf"
    scores.write_bytes(paper_pdf("Evaluation scores of each bidder", 2))
    for title, path, paper_title in (("Domestic Abuse Act 2021 updates.", report, "Domestic Abuse Act 2021 report"),
                                     (CLOSED_TITLE, scores, "Evaluation scores")):
        page.locator("tr", has_text=title).locator("a", has_text="Add a paper").click()
        journey.check()
        page.fill("#id_title", paper_title)
        page.set_input_files("#id_file", str(path))
        journey.submit()
        assert "Paper added" in page.content()

    # Publish: the pack goes to the distribution list by e-mail once committed.
    mail.outbox.clear()
    journey.click("button:has-text('Publish the agenda pack')")
    assert "Agenda pack published" in page.content()
    pack_mail = [m for m in mail.outbox if m.subject.startswith("Agenda pack")]
    assert "srg-papers@example.org" in {m.to[0] for m in pack_mail}
    assert all(CLOSED_TITLE not in m.body for m in pack_mail)
    journey.click("text=Who was sent what")
    assert "srg-papers@example.org" in page.content()
    journey.goto(meeting_path)

    # The full pack: the agenda's page range, the pack's page numbers on the paper and a
    # bookmark for every item and paper.
    with page.expect_download() as dl:
        page.click("text=Agenda pack with the closed part (PDF)")
    path = tmp_path / "pack.pdf"
    dl.value.save_as(path)
    reader = PdfReader(str(path))
    titles, pages = [], {}

    def walk(entries):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(entry.title)
                pages[entry.title] = reader.get_destination_page_number(entry)

    walk(reader.outline)
    assert "Domestic Abuse Act 2021 report" in titles and "Evaluation scores" in titles
    assert any(t.endswith("Domestic Abuse Act 2021 updates.") for t in titles)
    first = pages["Domestic Abuse Act 2021 report"] + 1
    agenda_text = "".join(reader.pages[i].extract_text() for i in range(first - 1) if i < 2)
    assert f"Pages {first} - {first + 2}" in agenda_text
    for number in range(first, first + 3):
        assert str(number) in reader.pages[number - 1].extract_text().split()
    assert agenda_text.count("Gurjit Samra-Rai") == 1

    # Attendance, then the minutes with a resolution and an action.
    journey.click("text=Record attendance")
    taylor = page.locator("label", has_text="Mrs D. Taylor CC").first.get_attribute("for")
    page.select_option(f"#{taylor}", "present")
    page.select_option("#id_chair", label="Mrs D. Taylor CC")
    page.fill("#id_end_time", "09:40")
    journey.submit()
    assert "Attendance recorded." in page.content()
    journey.click("button:has-text('Write the minutes')")
    page.locator("section", has_text="Domestic Abuse Act 2021 updates.").locator(
        "a", has_text="Write or change minute").click()
    journey.check()
    page.fill("#id_considered", "The Board considered a report of Gurjit Samra-Rai.")
    page.check("input[name=points_intro][value^='Arising from discussions']")
    page.fill("#id_points", "The procurement process for the Safe Accommodation was now live.")
    page.fill("#id_resolutions", "That the update be noted.")
    journey.submit()
    assert "Arising from discussions the following points were noted:" in page.content()
    page.locator("section", has_text="Domestic Abuse Act 2021 updates.").locator(
        "a", has_text="Write or change").click()
    journey.check()
    page.fill("#id_action-text", "Circulate the DLUHC safe accommodation monitoring document.")
    page.select_option("#id_action-owner", label="Gurjit Samra-Rai")
    fill_date(page, "id_action-due_date", dt.date(2024, 1, 12))
    journey.submit("button:has-text('Add action')")
    assert "Action added." in page.content()

    # Circulate the draft minutes: e-mailed too.
    mail.outbox.clear()
    journey.goto(f"{meeting_path}minutes/")
    journey.click("button:has-text('Circulate the draft minutes')")
    assert "Draft minutes circulated" in page.content()
    assert any(m.subject.startswith("Draft minutes") and m.to == ["srg-papers@example.org"] for m in mail.outbox)

    # Confirm at 28 June 2024, once that meeting has been held.
    from daboard.board import services
    from daboard.core.models import Person

    june = services.meetings_schedule(acting_user=clerk, board=meeting.board, dates=[dt.date(2024, 6, 28)],
                                      start_time=dt.time(9))[0]
    services.attendance_record(acting_user=clerk, meeting=june, entries=[
        {"person": Person.objects.get(name="Mrs D. Taylor CC"), "status": "present", "in_chair": True}])
    page.reload()
    page.select_option("#id_at_meeting", label=str(june))
    journey.submit("button:has-text('Record the minutes as confirmed')")
    assert "Minutes confirmed." in page.content()

    # Search inside a paper, with the passage shown.
    journey.goto(f"/boards/{LR}/search/?q=procurement+lots")
    result = page.locator("main li", has_text="Domestic Abuse Act 2021 report")
    assert result.count() >= 1 and result.first.locator("mark").count() >= 1

    # The public site, without signing in: open business only, everywhere.
    public_ctx = browser.new_context()
    from tests.e2e.conftest import Journey

    visitor = Journey(public_ctx.new_page(), live_server.url)
    for path in (f"/public/{LR}/", f"/public/{LR}/meetings/{meeting.pk}/", f"/public/{LR}/meetings/{meeting.pk}/minutes/",
                 f"/public/{LR}/forward-plan/"):
        response = visitor.goto(path)
        assert response.status == 200, path
        text = visitor.page.content()
        assert not any(w in text for w in CLOSED_WORDS), path
    visitor.goto(f"/public/{LR}/meetings/{meeting.pk}/")
    assert "Domestic Abuse Act 2021 report" in visitor.page.content()
    for path in (f"/public/{LR}/meetings.rss", f"/public/{LR}/meetings.ics"):
        body = visitor.page.request.get(live_server.url + path).text()
        assert not any(w in body for w in CLOSED_WORDS), path
    pack = visitor.page.request.get(f"{live_server.url}/public/{LR}/meetings/{meeting.pk}/pack.pdf").body()
    open_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pack)).pages)
    assert "Domestic Abuse Act 2021" in open_text and not any(w in open_text for w in CLOSED_WORDS)
    public_ctx.close()


def test_the_public_site_works_without_javascript_and_passes_axe(demo, make_user, no_js_journey):
    """Given a published agenda with a closed item and a postponed meeting, when a visitor
    without JavaScript reads the public site, then every page passes axe and none shows
    closed business."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from daboard.board import services
    from daboard.board.models import AgendaItem
    from daboard.core.models import Board

    clerk = make_user("secretariat", board=LR, username="clerk-public")
    board = Board.objects.get(slug=LR)
    meeting = services.meetings_schedule(acting_user=clerk, board=board, dates=[dt.date(2030, 6, 14)],
                                         start_time=dt.time(9))[0]
    report = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Open report"))
    closed = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title=CLOSED_TITLE, part="closed", closed_reason="Commercially sensitive scoring"))
    services.paper_add(acting_user=clerk, item=report, title="Open paper",
                       upload=SimpleUploadedFile("a.pdf", paper_pdf("Open words"), content_type="application/pdf"))
    services.paper_add(acting_user=clerk, item=closed, title="Evaluation scores",
                       upload=SimpleUploadedFile("b.pdf", paper_pdf("Scores"), content_type="application/pdf"))
    services.meeting_publish_pack(acting_user=clerk, meeting=meeting)
    later = services.meetings_schedule(acting_user=clerk, board=board, dates=[dt.date(2030, 9, 13)],
                                       start_time=dt.time(9))[0]
    services.meeting_postpone(acting_user=clerk, meeting=later, reason="The Chair is unwell")
    confirmed = board.meetings.filter(status="minutes_confirmed").order_by("-date").first()
    page = no_js_journey.page
    for path in (f"/public/{LR}/", f"/public/{LR}/meetings/{meeting.pk}/", f"/public/{LR}/meetings/{later.pk}/",
                 f"/public/{LR}/meetings/{confirmed.pk}/", f"/public/{LR}/meetings/{confirmed.pk}/minutes/",
                 f"/public/{LR}/forward-plan/"):
        response = no_js_journey.goto(path)
        assert response.status == 200, path
        assert not any(w in page.content() for w in CLOSED_WORDS), path
        if path.endswith(f"/meetings/{later.pk}/"):
            assert "The Chair is unwell" in page.content()
        if path.endswith(f"/meetings/{meeting.pk}/"):
            assert "Open paper" in page.content()
