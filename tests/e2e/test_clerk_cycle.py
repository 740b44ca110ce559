"""Given the board clerk, when they run a meeting from scheduling to confirmed minutes, then
every step works in the browser, the pack shows its page ranges, and a provider member
never sees the closed item, its paper or its minute."""

import datetime as dt
import subprocess

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
LR = "leicestershire-and-rutland"


def sign_in(journey, username):
    page = journey.page
    journey.goto("/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    journey.submit()


def test_the_clerks_cycle_from_scheduling_to_confirmed_minutes(demo, make_user, journey, tmp_path, browser, live_server):
    from tests.board.conftest import make_pdf

    clerk = make_user("secretariat", board=LR, username="clerk1")
    page = journey.page
    sign_in(journey, clerk.username)

    # Schedule meetings a quarter apart, in a municipal year the seed meetings do not use and
    # after the members' seats began (the board first met on 18 March 2022).
    journey.goto(f"/boards/{LR}/meetings/")
    journey.click("text=Schedule meetings")
    page.fill("#id_first_date_0", "15")
    page.fill("#id_first_date_1", "5")
    page.fill("#id_first_date_2", "2026")
    page.fill("#id_start_time", "09:00")
    page.check("input[name=repeat][value='4']")
    page.fill("#id_location", "Microsoft Teams")
    journey.submit()
    assert "Meeting of Friday 15 May 2026" in page.locator("h1").inner_text()
    meeting_url = page.url

    # Draft the agenda, add an open report and a closed commissioning item.
    journey.click("button:has-text('Draft the agenda')")
    assert "Appointment of Chair." in page.content()
    journey.click("text=Add an agenda item")
    page.fill("#id_title", "Safe accommodation performance")
    journey.submit()
    journey.click("text=Add an agenda item")
    page.fill("#id_title", "Award of the safe accommodation lots")
    page.check("input[name=part][value=closed]")
    journey.submit()  # no reason: the error pattern
    assert "Give the reason the item is taken in closed session" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_closed_reason", "Commissioning discussions (not appropriate for providers to be present)")
    journey.submit()

    # Upload a paper to each.
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(make_pdf(3))
    secret = tmp_path / "scores.pdf"
    secret.write_bytes(make_pdf(2))
    for title, path, paper_title in (("Safe accommodation performance", pdf, "Performance report"),
                                     ("Award of the safe accommodation lots", secret, "Tender evaluation scores")):
        row = page.locator("tr", has_text=title)
        row.locator("a", has_text="Add a paper").click()
        journey.check()
        page.fill("#id_title", paper_title)
        page.set_input_files("#id_file", str(path))
        journey.submit()
        assert "Paper added" in page.content()

    # Publish the pack: the meeting date has passed, so daboard flags it as late.
    journey.click("button:has-text('Publish the agenda pack')")
    assert "Agenda pack published late" in page.content()
    assert "Agenda pack published late" in page.locator(".govuk-tag--red").first.inner_text()
    with page.expect_download() as dl:
        page.click("text=Agenda pack with the closed part (PDF)")
    pack = tmp_path / "pack.pdf"
    dl.value.save_as(pack)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pack), str(tmp_path / "p")], check=True)
    assert len(list(tmp_path.glob("p-*.png"))) >= 6
    from pypdf import PdfReader

    text = PdfReader(str(pack)).pages[0].extract_text() + PdfReader(str(pack)).pages[-1].extract_text()
    assert "(Pages" in PdfReader(str(pack)).pages[0].extract_text() or "(Pages" in PdfReader(str(pack)).pages[1].extract_text()
    assert text

    # Record attendance.
    from daboard.board.models import Meeting

    meeting = Meeting.objects.get(board__slug=LR, date=dt.date(2026, 5, 15))
    journey.click("text=Record attendance")
    taylor = page.locator("label", has_text="Mrs D. Taylor CC").first.get_attribute("for")
    page.select_option(f"#{taylor}", "present")
    suki = page.locator("label", has_text="Suki Kaur").first.get_attribute("for")
    page.select_option(f"#{suki}", "apologies")
    page.select_option("#id_chair", label="Mrs D. Taylor CC")
    page.fill("#id_end_time", "09:40")
    journey.submit()
    assert "Attendance recorded." in page.content()

    # Write the minutes with a resolution and an action, and circulate them.
    journey.click("button:has-text('Write the minutes')")
    row = page.locator("section", has_text="Safe accommodation performance")
    row.locator("a", has_text="Write or change minute").click()
    journey.check()
    page.fill("#id_considered", "The Board considered a report on safe accommodation performance.")
    page.fill("#id_points", "Referrals had risen.\n\nWaiting times had fallen.")
    page.fill("#id_resolutions", "That the report be noted.")
    journey.submit()
    assert "(ii) Waiting times had fallen." in page.content()
    page.locator("section", has_text="Safe accommodation performance").locator("a", has_text="Write or change").click()
    journey.check()
    page.fill("#id_action-text", "Circulate the performance dashboard to members.")
    page.select_option("#id_action-owner", label="Gurjit Samra-Rai")
    page.check("#id_action-due_next_meeting")
    journey.submit("button:has-text('Add action')")
    assert "Action added." in page.content()
    journey.goto(meeting_url.replace(journey.base_url, "") + "minutes/")
    journey.click("button:has-text('Circulate the draft minutes')")
    assert "Draft minutes circulated" in page.content()

    # Confirm them at the next meeting (13 weeks on, a Friday too), once it has been held.
    from daboard.board import services
    from daboard.core.models import Person

    september = Meeting.objects.get(board__slug=LR, date=dt.date(2026, 8, 14))
    services.attendance_record(acting_user=clerk, meeting=september, entries=[
        {"person": Person.objects.get(name="Mrs D. Taylor CC"), "status": "present", "in_chair": True}])
    page.reload()
    page.select_option("#id_at_meeting", label=str(september))
    journey.submit("button:has-text('Record the minutes as confirmed')")
    assert "Minutes confirmed." in page.content()
    assert september.minute_items.filter(
        considered__startswith="The minutes of the meeting held on 15 May 2026 were taken as read").exists()

    # A provider member (Freeva sits on the board) sees the open business only.
    provider_ctx = browser.new_context()
    provider_page = provider_ctx.new_page()
    from tests.e2e.conftest import Journey

    provider = Journey(provider_page, live_server.url)
    make_user("provider", organisation="freeva", username="freeva1")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from daboard.core.models import User
    from daboard.core.services import recovery_codes_issue

    user = User.objects.get(username="freeva1")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    code = recovery_codes_issue(user=user)[0]
    sign_in(provider, "freeva1")
    provider_page.fill("#id_code", code)
    provider.submit()
    provider.goto(f"/meetings/{meeting.pk}/")
    content = provider_page.content()
    assert "Safe accommodation performance" in content
    assert "Award of the safe accommodation lots" not in content and "Tender evaluation scores" not in content
    assert "with the closed part" not in content
    from daboard.board.models import Paper

    closed_paper = Paper.objects.get(title="Tender evaluation scores")
    response = provider_page.goto(f"{live_server.url}/papers/{closed_paper.pk}/")
    assert response.status == 404
    provider.goto(f"/meetings/{meeting.pk}/minutes/")
    assert "Award of the safe accommodation lots" not in provider_page.content()
    provider_ctx.close()


def test_the_clerks_governance_pages_pass_axe(demo, make_user, journey):
    clerk = make_user("secretariat", board=LR, username="clerk2")
    sign_in(journey, clerk.username)
    page = journey.page
    journey.goto(f"/boards/{LR}/")
    journey.click("text=Add a seat")
    journey.submit()
    assert "Enter the service or role" in page.locator(".govuk-error-summary").inner_text()
    for path in (f"/boards/{LR}/appointments/", f"/boards/{LR}/terms-of-reference/", f"/boards/{LR}/attendance/",
                 f"/boards/{LR}/interests/", f"/boards/{LR}/forward-plan/", f"/boards/{LR}/actions/",
                 f"/boards/{LR}/search/?q=SafeLives", f"/boards/{LR}/retention/", f"/boards/{LR}/meetings/"):
        journey.goto(path)
    journey.goto(f"/boards/{LR}/terms-of-reference/")
    journey.click("button:has-text('Start a new version')")
    assert "Draft terms of reference, version 3" in page.content()
    from daboard.board.models import Meeting

    meeting = Meeting.objects.get(board__slug=LR, date=dt.date(2023, 12, 15))
    journey.goto(f"/meetings/{meeting.pk}/")
    journey.goto(f"/meetings/{meeting.pk}/minutes/")
    journey.goto(f"/minutes/{meeting.minute_items.get(number=17).pk}/edit/")
    journey.goto(f"/actions/{meeting.actions.first().pk}/")
