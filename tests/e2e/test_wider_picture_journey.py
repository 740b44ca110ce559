"""Given the demo, when Rutland's children's services send a quarter's figures with one
mistake, they are refused with the row and column named and nothing stored; corrected, they
are accepted and charted. A board member reads the performance report with Leicestershire
per 10,000 beside England for every year of the reference data; the commissioner sets a
target and sees the contacts directory's review dates on the statutory calendar. Every page
passes axe, with and without JavaScript."""

import pytest

from .conftest import sign_in_with_recovery_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "age_band,gender,ethnic_group,single_assessments,assessments_with_domestic_abuse"


def sign_in(journey, user):
    page = journey.page
    journey.goto("/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "correct horse battery staple")
    journey.submit()


def partner_user(make_user):
    from daboard.core.models import Organisation

    user = make_user("board_member", board="leicestershire-and-rutland", username="rutland-cs-e2e")
    user.organisation = Organisation.objects.get(name="Rutland County Council")
    user.save()
    return user


def test_a_partner_sends_figures_refused_then_accepted_and_charted(demo, make_user, journey, tmp_path):
    from daboard.partnership.models import DatasetSubmission

    sign_in(journey, partner_user(make_user))
    page = journey.page
    journey.click("a.govuk-service-navigation__link:text-is('Partnership')")
    journey.click('a:has-text("Partners\' datasets")')
    journey.click('a:has-text("Rutland children\'s services: single assessments")')
    assert "2023-24-Q4" in page.content()
    journey.click('a:has-text("Send a quarter\'s figures as a file")')
    bad = tmp_path / "rutland-q1.csv"
    bad.write_text(f"{HEADER}\n0_5,female,white,21,7\n6_11,male,white,18,19\n")
    before = DatasetSubmission.objects.count()
    page.select_option("#id_period", "2026-27-Q1")
    page.set_input_files("#id_file", str(bad))
    journey.submit("button:has-text('Send the figures')")
    html = page.content()
    assert "1 problem in the file" in html and "Nothing was stored" in html
    row = page.locator("#issues tbody tr").first.inner_text()
    assert "3" in row and "assessments_with_domestic_abuse (E3)" in row and "19" in row
    assert DatasetSubmission.objects.count() == before
    good = tmp_path / "rutland-q1-fixed.csv"
    good.write_text(f"{HEADER}\n0_5,female,white,21,7\n6_11,male,white,18,9\n")
    page.select_option("#id_period", "2026-27-Q1")
    page.set_input_files("#id_file", str(good))
    journey.submit("button:has-text('Send the figures')")
    html = page.content()
    assert "Figures accepted: 2026-27-Q1, version 1, 2 lines." in html
    assert page.locator("svg[role=img]").count() >= 1
    assert "16" in page.locator("table").first.inner_text()  # 7 + 9 with domestic abuse factors


def test_the_board_reads_the_wider_picture_without_javascript(demo, make_user, no_js_journey):
    journey = no_js_journey
    page = journey.page
    sign_in_with_recovery_code(journey, make_user("commissioner", council="E10000018", username="leics-e2e"))
    journey.goto("/partnership/")
    journey.click("a:has-text('Leicestershire beside England and other councils')")
    assert "11.32 per 10,000" in page.content()  # England 2023-24
    journey.click('a:has-text("Import the ministry")')
    journey.goto("/partnership/targets/E10000018/")
    journey.click("a:has-text('Set a target')")
    journey.submit("button:has-text('Save')")
    assert "There is a problem" in page.content()
    page.fill("#id_year", "2026-27")
    page.fill("#id_value", "50")
    page.select_option("#id_kpi", "cases_active")
    journey.submit("button:has-text('Save')")
    assert "Target saved" in page.content()
    journey.goto("/partnership/leicestershire-and-rutland/contacts/")
    assert "MARAC manager" in page.content()
    journey.goto("/partnership/leicestershire-and-rutland/housing/")
    assert "Balance per partner" in page.content()
    journey.goto("/calendar/E10000018/")
    assert "Review the contact: MARAC manager, Leicestershire Police" in page.content()
    journey.goto("/dashboard/E10000018/report/2024-25-Q1/")
    html = page.content()
    assert "Beside England and other councils" in html and "Targets" in html and "Partners" in html
