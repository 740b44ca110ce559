"""Given Leicester's Scrutiny and Reference Group and a feedback form for the board, when a
survivor gives feedback anonymously and leaves with "Exit this page", an officer reviews it,
then a board member sees it suppressed, the clerk's next agenda draft carries it under the
group's standing item, and the statutory calendar shows the chair's visit to the group due.
A provider's follow-up file is checked and its KPIs appear on the dashboard. axe-core checks
every page; the public form sets no cookie at any step."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.conftest import Journey
from tests.e2e.test_provider_returns_journey import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
EXIT_PAGE = "<!DOCTYPE html><html lang='en'><head><title>Weather</title></head><body><main><h1>Weather</h1></main></body></html>"
SECRET = "It took months to find somewhere, my worker at the Narborough Road office was kind"
SHARED = "It took months to find somewhere to live; my worker was kind."


@pytest.fixture
def leicester_form(demo):
    from daboard.board import services as board
    from daboard.core.models import Board
    from daboard.voice.models import Feedback, FeedbackForm
    from daboard.voice.services import feedback_form_open

    Feedback.objects.all().delete()  # the demo's synthetic feedback is Leicestershire's; start clean
    leicester = Board.objects.get(slug="leicester")
    board.meetings_schedule(acting_user=None, board=leicester, dates=[dt.date(2027, 1, 15)], start_time=dt.time(9, 0))
    return feedback_form_open(acting_user=None, form=FeedbackForm(
        council=leicester.lead_council, board=leicester, title="Leicester Domestic Abuse Partnership Board"))


def test_a_survivor_gives_feedback_safely_and_it_reaches_the_board_suppressed(
        leicester_form, make_user, journey, browser, live_server):
    page = journey.page
    url = f"/feedback/{leicester_form.token}/"
    # Given a survivor on the public form
    journey.goto(url)
    assert page.context.cookies() == [], "the public form must set no cookie"
    assert page.locator(".govuk-exit-this-page__button").is_visible()
    # When they answer and send
    page.check("input[name=felt_safer][value=yes]")
    page.check("input[name=wellbeing][value=better]")
    page.check("input[name=helped][value=one_to_one]")
    page.check("input[name=missing][value=housing]")
    page.fill("#id_free_text", SECRET)
    journey.submit()
    # Then they are thanked, and still hold no cookie
    assert "Your answers have been sent" in page.content()
    assert page.context.cookies() == []
    # and "Exit this page" takes them away, replacing the page in the history
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                       body=EXIT_PAGE))
    page.click(".govuk-exit-this-page__button")
    page.wait_for_url("https://www.bbc.co.uk/**")
    page.go_back()
    page.wait_for_load_state("load")
    assert "Your answers have been sent" not in page.content(), "the thank-you page must not be in the history"
    assert page.context.cookies() == []

    # When the council's officer reviews it
    ctx = browser.new_context()
    officer = Journey(ctx.new_page(), live_server.url)
    sign_in(officer, make_user("commissioner", council="E06000016", username="leicester-officer"))
    officer.goto("/councils/E06000016/feedback/review/")
    officer.click("main table a")
    assert SECRET in officer.page.content()
    officer.page.check("input[name=decision][value=share]")
    officer.page.fill("#id_shared_text", SHARED)
    officer.submit()
    assert "Review recorded." in officer.page.content()
    # Then the calendar shows the chair's visit to the group due
    officer.goto("/calendar/E06000016/")
    assert "The chair or vice-chair attends the Scrutiny and Reference Group" in officer.page.content()
    ctx.close()

    # Then a board member sees it counted, suppressed, with the shared comment only
    ctx = browser.new_context()
    member = Journey(ctx.new_page(), live_server.url)
    sign_in(member, make_user("board_member", board="leicester", username="leicester-member"))
    member.goto("/councils/E06000016/feedback/")
    content = member.page.content()
    assert "[c]" in content and SHARED in content and SECRET not in content
    ctx.close()

    # And the clerk's agenda draft fills the group's standing item from it
    from daboard.board.models import Meeting

    meeting = Meeting.objects.get(board__slug="leicester", date=dt.date(2027, 1, 15))
    ctx = browser.new_context()
    clerk = Journey(ctx.new_page(), live_server.url)
    sign_in(clerk, make_user("secretariat", board="leicester", username="leicester-clerk"))
    clerk.goto(f"/meetings/{meeting.pk}/")
    clerk.submit("button:has-text('Draft the agenda')")
    from daboard.board.models import AgendaItem

    item = AgendaItem.objects.get(meeting=meeting, title="Scrutiny and Reference Group")
    assert "[c] responses" in item.description and f"“{SHARED}”" in item.description
    assert SECRET not in item.description
    assert "Scrutiny and Reference Group" in clerk.page.content()
    ctx.close()


def test_the_form_works_without_javascript_and_exit_is_a_plain_link(leicester_form, no_js_journey):
    from django.conf import settings

    page = no_js_journey.page
    no_js_journey.goto(f"/feedback/{leicester_form.token}/")
    assert page.get_attribute(".govuk-exit-this-page__button", "href") == settings.DABOARD_EXIT_PAGE_URL
    page.check("input[name=felt_safer][value=a_little]")
    no_js_journey.submit()
    assert "Your answers have been sent" in page.content()
    assert page.context.cookies() == []


def test_a_provider_sends_a_follow_up_file_and_its_kpis_appear(demo, make_user, journey, browser, live_server, tmp_path):
    from daboard.core.periods import Period
    from tests.returns.conftest import followup_csv, followup_row

    page = journey.page
    sign_in(journey, make_user("provider", organisation="freeva", username="freeva-follow-ups"))
    journey.goto("/returns/LCC-DA-08/")
    journey.click("text=send a follow-up return")
    period = Period.parse(page.locator("#id_period option").first.get_attribute("value"))
    day = period.first_day + dt.timedelta(days=10)
    closed = (day - dt.timedelta(days=190)).isoformat()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(followup_csv([followup_row(closure_date=closed, follow_up_date=day.isoformat(), reached="no")]))
    page.select_option("#id_period", str(period))
    page.set_input_files("#id_file", str(bad))
    journey.submit()
    assert "An answer from a person not reached" in page.content() and "Nothing was stored" in page.content()
    rows = [followup_row(case_ref=f"FRV-{i}", closure_date=closed, follow_up_date=day.isoformat(),
                         reached="yes" if i < 9 else "no", safe="yes" if i < 9 else "",
                         abuse_stopped="yes" if i < 9 else "", wellbeing="8" if i < 9 else "") for i in range(12)]
    good = tmp_path / "good.csv"
    good.write_bytes(followup_csv(rows))
    page.select_option("#id_period", str(period))
    page.set_input_files("#id_file", str(good))
    journey.submit()
    assert f"Follow-up return accepted: {period}, version 1, 12 follow-ups" in page.content()

    ctx = browser.new_context()
    officer = Journey(ctx.new_page(), live_server.url)
    sign_in(officer, make_user("commissioner", council="E10000018", username="leics-officer"))
    officer.goto(f"/dashboard/E10000018/?period={period}")
    sustained = officer.page.locator("#sustained-outcomes").inner_text()
    assert "12; reached 9 (75%)" in sustained and "100% of those reached" in sustained
    ctx.close()
