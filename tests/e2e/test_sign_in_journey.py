"""Given a commissioner with a new account, when they sign in for the first time, then they
set up two-factor sign-in, see their home page, and are refused another council's page."""

import re

import pytest
from django_otp.oath import TOTP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def code_from_setup_key(key_text: str) -> str:
    import base64

    secret = key_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_commissioner_enrols_two_factor_sees_home_and_is_refused_another_council(demo, make_user, journey):
    user = make_user("commissioner", council="E10000018", username="gurjit")
    page = journey.page

    journey.goto("/")
    assert "Sign in to daboard" in page.content()
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    journey.submit()

    assert page.locator("h1").inner_text() == "Set up two-factor sign-in"
    key = page.locator("#setup-key").inner_text()
    page.fill("#id_code", "12345")  # wrong shape first: the error pattern is shown
    journey.submit()
    assert page.title().startswith("Error:")
    assert "Enter the code as 6 digits" in page.locator(".govuk-error-summary").inner_text()
    page.fill("#id_code", code_from_setup_key(key))
    journey.submit()

    assert page.locator("h1").inner_text() == "Save your recovery codes"
    codes = page.locator(".daboard-codes li").all_inner_texts()
    assert len(codes) == 10
    journey.click("text=I have saved my codes")

    assert page.locator("h1").inner_text().startswith("Hello,")
    assert "Leicestershire and Rutland Domestic Abuse Local Partnership Board" in page.content()
    journey.click("text=Leicestershire County Council")
    assert "E10000018" in page.content() and "Charnwood" in page.content()

    response = journey.goto("/councils/E06000016/")  # Leicester: another council
    assert response.status == 404
    assert "Page not found" in page.content() and "Leicester City Council" not in page.content()
    response = journey.goto("/boards/leicester/")
    assert response.status == 404

    journey.goto("/boards/leicestershire-and-rutland/")
    assert "Mrs D. Taylor CC" in page.content()
    page.click("text=Sign out")
    journey.check()
    assert "You have signed out" in page.content()

    # Next time: password, then the code from the app.
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    journey.submit()
    assert page.locator("h1").inner_text() == "Enter your security code"
    page.fill("#id_code", codes[0])
    journey.submit()
    assert page.locator("h1").inner_text().startswith("Hello,")
    assert re.search(r"You used a recovery code\. You have 9 left", page.content())


def test_an_admin_journey_through_users_and_the_audit_log_passes_axe(demo, make_user, journey):
    from daboard.core.services import recovery_codes_issue

    admin = make_user("admin", username="sysadmin")
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    code = recovery_codes_issue(user=admin)[0]
    page = journey.page
    journey.goto("/sign-in/")
    page.fill("#id_username", admin.username)
    page.fill("#id_password", PASSWORD)
    journey.submit()
    page.fill("#id_code", code)
    journey.submit()
    journey.click("a.govuk-service-navigation__link:has-text('Users')")
    journey.click("text=Add a user")
    journey.submit()  # empty form: every error at once
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter the username" in summary and "Enter the email address" in summary
    page.fill("#id_username", "newanalyst")
    page.fill("#id_first_name", "New")
    page.fill("#id_last_name", "Analyst")
    page.fill("#id_email", "analyst@example.invalid")
    page.fill("#id_password", "a long and unusual passphrase 42")
    journey.submit()
    page.check("input[name=role][value=analyst]")
    page.select_option("#id_council", label="Leicestershire")
    journey.submit("button:has-text('Add role')")
    # A case-level role waits for a second administrator (four eyes).
    assert "Role requested" in page.content() and "Waiting for approval" in page.content()
    assert "Another administrator must approve this role" in page.content()
    journey.click("a.govuk-service-navigation__link:has-text('Audit log')")
    assert "user.role_requested" in page.content()
    journey.click("a.govuk-service-navigation__link:has-text('Directory')")
    journey.click("text=Freeva")
    journey.click("a.govuk-service-navigation__link:has-text('Your account')")
    journey.goto("/accessibility/")
    journey.goto("/privacy/")


def test_signing_in_and_reading_the_board_works_without_javascript(demo, make_user, no_js_journey):
    user = make_user("board_member", board="leicestershire-and-rutland", username="member1")
    page = no_js_journey.page
    no_js_journey.goto("/sign-in/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    no_js_journey.submit()
    assert page.locator("h1").inner_text().startswith("Hello,")
    no_js_journey.click("a.govuk-service-navigation__link:has-text('Boards')")
    no_js_journey.click("text=Leicestershire and Rutland Domestic Abuse Local Partnership Board")
    assert "Members" in page.content()
    no_js_journey.goto("/no-such-page/")
