"""Given a Freeva provider user, when they download the template, upload a return with
errors, fix them and upload again, then the return is accepted and the commissioner sees
it in the completeness table. axe-core checks every page."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(journey, user):
    from daboard.core.services import recovery_codes_issue

    TOTPDevice.objects.get_or_create(user=user, name="phone", defaults={"confirmed": True})
    code = recovery_codes_issue(user=user)[0]
    page = journey.page
    journey.goto("/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    journey.submit()
    page.fill("#id_code", code)
    journey.submit()


def test_a_provider_fixes_a_rejected_return_and_the_commissioner_sees_it(demo, make_user, journey, browser, live_server, tmp_path):
    from openpyxl import load_workbook

    from tests.returns.conftest import csv_of, row

    provider = make_user("provider", organisation="freeva", username="freeva-staff")
    sign_in(journey, provider)
    page = journey.page
    journey.click("a.govuk-service-navigation__link:has-text('Returns')")
    journey.click("text=LCC-DA-08")
    with page.expect_download() as dl:
        page.click("text=Excel (with drop-down lists)")
    template = tmp_path / "template.xlsx"
    dl.value.save_as(template)
    assert load_workbook(template).sheetnames[0] == "Return"

    bad = tmp_path / "q1.csv"
    bad.write_bytes(csv_of([row(), row(case_ref="FRV-0002", gender="woman", referral_date="2024-07-15")]))
    page.select_option("#id_period", "2024-25-Q1")
    page.set_input_files("#id_file", str(bad))
    journey.submit()
    assert "2 problems in the file" in page.content() and "Nothing was stored" in page.content()
    issues = page.locator("#issues tbody tr")
    assert issues.count() == 2
    first = issues.nth(0).inner_text()
    assert first.startswith("3") and "referral_date" in first

    good = tmp_path / "q1-fixed.csv"
    good.write_bytes(csv_of([row(), row(case_ref="FRV-0002")]))
    page.select_option("#id_period", "2024-25-Q1")
    page.set_input_files("#id_file", str(good))
    journey.submit()
    assert "Return accepted: 2024-25-Q1, version 1, 2 cases" in page.content()
    journey.goto("/returns/standard/")
    journey.goto("/account/api-tokens/")
    page.fill("#id_name", "Case management system")
    journey.submit("button:has-text('Make token')")
    assert page.locator("#new-token").inner_text().startswith("dab_")

    commissioner = make_user("commissioner", council="E10000018", username="commissioner-2")
    ctx = browser.new_context()
    from tests.e2e.conftest import Journey

    other = Journey(ctx.new_page(), live_server.url)
    sign_in(other, commissioner)
    other.click("a.govuk-service-navigation__link:has-text('Returns')")
    other.goto("/returns/LCC-DA-08/")
    row_text = other.page.locator("tr", has_text="2024-25-Q1").first.inner_text()
    assert "Received" in row_text
    other.click("text=Version 1")
    other.page.check("input[name=decision][value=approve]")
    other.submit()
    assert "Decision recorded." in other.page.content() and "(locked)" in other.page.content()
    ctx.close()


def test_a_board_member_opens_the_dashboard_and_sees_no_small_counts(demo_with_returns, make_user, journey):
    import re

    member = make_user("board_member", board="leicestershire-and-rutland", username="member-e2e")
    page = journey.page
    journey.goto("/sign-in/")
    page.fill("#id_username", member.username)
    page.fill("#id_password", PASSWORD)
    journey.submit()
    journey.click("a.govuk-service-navigation__link:has-text('Dashboard')")
    assert page.locator("svg[role=img]").count() >= 1
    from daboard.core import clock
    from daboard.returns.demo import demo_quarters

    quarters = demo_quarters(clock.today())
    for quarter in (str(quarters[-2]), str(quarters[0])):
        page.select_option("#id_period", quarter)
        journey.submit("button:has-text('Show this quarter')")
        texts = page.locator("main td, main .govuk-heading-xl").all_inner_texts()
        assert not [t for t in texts if re.fullmatch(r"[1-4]", t.strip().replace(",", ""))], texts
    # The board's performance report for the quarter, and the needs assessment: still no 1 to 4.
    journey.click("a:has-text('Board performance report')")
    assert "Domestic abuse performance report" in page.content()
    texts = page.locator("main td, main .govuk-heading-xl").all_inner_texts()
    assert not [t for t in texts if re.fullmatch(r"[1-4]", t.strip().replace(",", ""))], texts
    journey.goto("/dashboard/E10000018/")
    journey.click("a:has-text('Needs assessment')")
    assert "Council of Europe minimum" in page.content()
    texts = page.locator("main table:has(caption:has-text('could not be taken')) td").all_inner_texts()
    assert texts and not [t for t in texts if re.fullmatch(r"[1-4]", t.strip())], texts


def test_the_commissioner_writes_commentary_and_reaches_the_annual_return(demo_with_returns, make_user, no_js_journey):
    """Without JavaScript: commentary saved, the needs register's form, the annual return's form."""
    officer = make_user("commissioner", council="E10000018", username="commissioner-e2e")
    from .conftest import sign_in_with_recovery_code

    sign_in_with_recovery_code(no_js_journey, officer)
    page = no_js_journey.page
    no_js_journey.goto("/dashboard/E10000018/report/2024-25-Q1/")
    page.fill("#id_summary", "Referrals are steady; capacity is the constraint.")
    no_js_journey.submit("button:has-text('Save commentary')")
    assert "Commentary saved." in page.content() and "capacity is the constraint" in page.content()
    no_js_journey.goto("/dashboard/E10000018/needs/")
    no_js_journey.click("a:has-text('Add safe accommodation')")
    no_js_journey.submit("button:has-text('Save')")
    assert "There is a problem" in page.content()
    no_js_journey.goto("/dashboard/E10000018/annual-return/")
    assert "Download the return (Excel)" in page.content()

