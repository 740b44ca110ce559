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


def test_the_commissioners_home_lists_an_overdue_return_and_an_extension_decision_with_links(
        demo_with_returns, make_user, journey):
    import datetime as dt
    from decimal import Decimal

    from daboard.commissioning.models import Contract, ExtensionOption
    from daboard.core import clock
    from daboard.core.models import Council, Organisation

    today = clock.today()
    contract = Contract.objects.create(
        reference="LCC-DA-99", council=Council.objects.get(gss_code="E10000018"), service="Refuge support",
        provider=Organisation.objects.get(slug="wall"), start_date=today - dt.timedelta(days=700), initial_term_months=24,
        total_value=Decimal(100_000), status="live", returns_required=False)
    ExtensionOption.objects.create(contract=contract, order=1, months=12, runs_to=today + dt.timedelta(days=400),
                                   decision_due=today + dt.timedelta(days=12))
    from .conftest import sign_in_with_recovery_code

    sign_in_with_recovery_code(journey, make_user("commissioner", council="E10000018", username="commish-home"))
    page = journey.page
    overdue = page.locator("main h3:has-text('Overdue') + ul")
    assert overdue.locator("a:has-text('LCC-DA-08-2 Freeva: return for')").count() >= 1
    soon = page.locator("main h3:has-text('In the next 30 days') + ul")
    assert soon.locator("a:has-text('LCC-DA-99')").count() == 1
    journey.click("main h3:has-text('Overdue') + ul a:has-text('LCC-DA-08-2 Freeva: return for') >> nth=0")
    assert "/returns/LCC-DA-08-2/" in page.url and "Send a return" in page.content()
    journey.goto("/")
    journey.click("main a:has-text('LCC-DA-99')")
    assert page.url.endswith("/contracts/LCC-DA-99/") and "Record decision" in page.content()
