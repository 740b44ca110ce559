"""Given a commissioner, when they open the money view, then every commitment the seeds give is
counted (the year 1 plan in 2021-22, unknown allocations shown as unknown), the vacancies are
there, and they record a post's change and read the impact report; a board member reads the
vacancy and impact reports; Rutland's commissioner sees Rutland's figures. Every page passes axe."""

import pytest

from .conftest import sign_in_with_recovery_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_commissioner_reads_the_ledger_records_a_vacancy_and_reads_the_impact(demo, make_user, journey):
    sign_in_with_recovery_code(journey, make_user("commissioner", council="E10000018", username="money-commish"))
    page = journey.page
    journey.goto("/money/E10000018/")
    content = page.content()
    assert "£1,163,970" in content and "over-committed" in content  # the year 1 plan, against 2021-22
    assert "Not known" in content and "Year not in the published papers" in content
    assert "Support and Intervention Workers and Engagement Workers" in content  # the vacancies
    assert "Leicestershire County Council Domestic Abuse team" in content and "about £830,000" in content
    journey.click("main a:has-text('Funded posts and vacancies')")
    assert "Interviews 15 December 2022" in page.content()
    journey.click("text=Record a change to MARAC Coordinator")
    page.check("input[name=status][value=interview]")
    page.fill("#id_on", "2026-11-20")
    journey.submit()
    assert "Enter the interview date" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_interview_date", "2026-12-10")
    journey.submit()
    assert "Status of MARAC Coordinator recorded." in page.content()
    journey.goto("/money/E10000018/commitments/new/")
    journey.submit()
    assert "Enter what the money is for" in page.locator(".govuk-error-summary").inner_text()
    journey.goto("/money/E10000018/posts/new/")
    journey.goto("/dashboard/E10000018/impact/")
    assert "The impact of the funding" in page.content()
    blaby = "E07000129"
    journey.goto(f"/money/E10000018/districts/{blaby}/2021-22/")


def test_a_board_member_reads_the_vacancy_and_impact_reports(demo, make_user, journey):
    sign_in_with_recovery_code(journey, make_user("board_member", board="leicestershire-and-rutland",
                                                  username="money-member"))
    page = journey.page
    journey.goto("/dashboard/E10000018/")
    journey.click("text=Funded posts and vacancies")
    assert "Record a change" not in page.content()
    journey.goto("/dashboard/E10000018/impact/")
    assert "Put this on a board agenda" not in page.content()


def test_rutlands_commissioner_sees_rutlands_money(demo, make_user, journey):
    sign_in_with_recovery_code(journey, make_user("commissioner", council="E06000017", username="money-rutland"))
    journey.goto("/money/E06000017/")
    content = journey.page.content()
    for figure in ("£63,000", "£40,935", "£58,000", "£2,500", "£31,410"):
        assert figure in content, figure
    journey.goto("/money/E06000017/posts/")
    assert "Domestic Abuse Project lead" in journey.page.content()
