"""Given a Leicestershire commissioner, when they open the money pages, then the figures of
the seeds are there, every page passes axe, and they can add a contract and decide an option."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def test_the_commissioner_reads_the_money_and_adds_a_contract(demo, make_user, journey):
    from daboard.core.services import recovery_codes_issue

    user = make_user("commissioner", council="E10000018", username="commish")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    codes = recovery_codes_issue(user=user)
    page = journey.page
    journey.goto("/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    journey.submit()
    page.fill("#id_code", codes[0])
    journey.submit()

    journey.click("a.govuk-service-navigation__link:has-text('Money')")
    content = page.content()
    assert "£1,174,689" in content and "£1,127,205" in content
    assert "Support for Male victims" in content and "direct award approved by the Finance Board" in content
    assert page.locator("svg[role=img]").count() == 1

    journey.click("a.govuk-service-navigation__link:has-text('Contracts')")
    journey.click("text=LCC-DA-08")
    assert "31 August 2025" in page.content() and "£114,816" in page.content()
    page.check("#take-2")
    journey.submit("button:has-text('Record decision')")
    assert "Decision recorded." in page.content() and "Taken up" in page.content()

    journey.click("a.govuk-service-navigation__link:has-text('Contracts')")
    journey.click("text=Add a contract for Leicestershire")
    journey.submit()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the contract reference" in summary and "Enter the total contract value" in summary
    page.fill("#id_reference", "LCC-SA-01")
    page.fill("#id_service", "Safe accommodation support: generic (lot 3)")
    page.select_option("#id_provider", label="Women's Aid Leicestershire")
    page.fill("#id_start_date", "2025-04-01")
    page.fill("#id_initial_term_months", "36")
    page.select_option("#id_option_1", "12")
    page.fill("#id_total_value", "390000")
    journey.submit()
    assert "Contract LCC-SA-01 added." in page.content() and "31 March 2029" in page.content()
    journey.goto("/money/E10000018/")
    journey.click("text=Record the outcome of lot 1")
    for kind in ("allocation", "spend-plan", "exercise"):
        journey.goto(f"/money/E10000018/new/{kind}/")
    journey.submit()  # the empty exercise form: errors summarised
    journey.goto("/money/E10000018/settings/")
