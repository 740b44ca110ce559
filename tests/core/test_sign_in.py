"""Signing in: argon2, two factors before any session, lock-out, time-outs."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from daboard.core.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def post_password(client, username, password=PASSWORD):
    return client.post(reverse("core:sign-in"), {"username": username, "password": password})


def current_code(device, offset=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"


def confirmed_device(user):
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_passwords_are_stored_with_argon2(db):
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        user = get_user_model().objects.create(username="argon")
        user.set_password(PASSWORD)
        assert user.password.startswith("argon2$")


def test_the_right_password_alone_gives_no_session_to_a_role_that_needs_two_factor(demo, make_user, client):
    user = make_user("commissioner", council="E10000018")
    confirmed_device(user)
    response = post_password(client, user.username)
    assert response.status_code == 302 and response.url == reverse("core:sign-in-code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:home")).status_code == 302  # still sent to sign in


def test_the_code_completes_sign_in_and_a_reused_code_is_refused(demo, make_user, client):
    user = make_user("analyst", council="E10000018")
    device = confirmed_device(user)
    post_password(client, user.username)
    code = current_code(device)
    response = client.post(reverse("core:sign-in-code"), {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("core:home")).status_code == 200
    client.post(reverse("core:sign-out"))
    post_password(client, user.username)
    response = client.post(reverse("core:sign-in-code"), {"code": code})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "has been used already" in response.content.decode()
    assert AuditEntry.objects.filter(action="sign_in.code_failed", object_id=str(user.pk)).exists()


def test_a_wrong_code_is_refused_with_a_message_and_five_send_the_user_back_to_the_password(demo, make_user, client):
    user = make_user("provider", organisation="freeva")
    confirmed_device(user)
    post_password(client, user.username)
    response = client.post(reverse("core:sign-in-code"), {"code": "000000"})
    assert "The security code is not right" in response.content.decode()
    assert response.content.decode().count("There is a problem") == 1
    for _ in range(4):
        response = client.post(reverse("core:sign-in-code"), {"code": "000000"})
    assert response.status_code == 302 and response.url == reverse("core:sign-in")
    assert client.get(reverse("core:sign-in-code")).status_code == 302


def test_a_new_user_enrols_an_authenticator_and_gets_recovery_codes_once(demo, make_user, client):
    user = make_user("admin")
    response = post_password(client, user.username)
    assert response.url == reverse("core:two-factor-setup")
    page = client.get(reverse("core:two-factor-setup")).content.decode()
    assert 'src="data:image/png;base64,' in page and "setup key" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("core:two-factor-setup"), {"code": current_code(device)})
    assert response.url == reverse("core:recovery-codes")
    codes_page = client.get(reverse("core:recovery-codes")).content.decode()
    assert "only time these codes are shown" in codes_page
    assert client.get(reverse("core:recovery-codes")).status_code == 302  # shown once only
    device.refresh_from_db()
    assert device.confirmed


def test_a_recovery_code_signs_in_once(demo, make_user, client):
    from daboard.core import services

    user = make_user("commissioner", council="E10000018")
    confirmed_device(user)
    codes = services.recovery_codes_issue(user=user)
    post_password(client, user.username)
    assert client.post(reverse("core:sign-in-code"), {"code": codes[0]}).status_code == 302
    client.post(reverse("core:sign-out"))
    post_password(client, user.username)
    assert client.post(reverse("core:sign-in-code"), {"code": codes[0]}).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_board_member_signs_in_with_a_password_only(demo, make_user, client):
    user = make_user("board_member", board="leicestershire-and-rutland")
    response = post_password(client, user.username)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_a_wrong_password_says_so_plainly_and_is_audited(demo, make_user, client):
    user = make_user("board_member", board="leicestershire-and-rutland")
    response = post_password(client, user.username, "wrong password")
    assert "The username or password is not right" in response.content.decode()
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert "<title>Error: Sign in" in response.content.decode()
    assert AuditEntry.objects.filter(action="sign_in.failed", detail__username=user.username).exists()


def test_repeated_failures_lock_that_account_from_that_address_only(demo, make_user, client):
    from django.test import Client

    user = make_user("board_member", board="leicestershire-and-rutland")
    other = make_user("board_member", board="leicestershire-and-rutland")
    for _ in range(5):
        response = post_password(client, user.username, "wrong password")
    response = post_password(client, user.username)  # even the right password now
    assert response.status_code == 429
    assert "Your account is locked for 15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The same account from another address, and another account from this one, still work.
    assert Client(REMOTE_ADDR="192.0.2.77").post(
        reverse("core:sign-in"), {"username": user.username, "password": PASSWORD}).status_code == 302
    assert post_password(client, other.username).status_code == 302
    assert AuditEntry.objects.filter(action="sign_in.locked_out").exists()


@override_settings(DABOARD_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_lock_follows_the_real_client_address(demo, make_user):
    from django.test import Client

    user = make_user("board_member", board="leicestershire-and-rutland")
    attacker = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for _ in range(5):
        attacker.post(reverse("core:sign-in"), {"username": user.username, "password": "nope"})
    assert attacker.post(reverse("core:sign-in"), {"username": user.username, "password": PASSWORD}).status_code == 429
    colleague = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")  # same proxy
    assert colleague.post(reverse("core:sign-in"), {"username": user.username, "password": PASSWORD}).status_code == 302


def test_the_session_ends_after_thirty_idle_minutes(demo, make_user, signed_in):
    client = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    assert client.get(reverse("core:home")).status_code == 200
    session = client.session
    session["last_seen"] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("core:sign-in"))
    page = client.get(response.url).content.decode()
    assert "signed out because you had not used daboard for a while" in page


def test_the_session_ends_after_twelve_hours_whatever_the_activity(demo, make_user, signed_in):
    client = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    client.get(reverse("core:home"))
    session = client.session
    session["signed_in_at"] = time.time() - 12 * 3600 - 1
    session.save()
    assert client.get(reverse("core:home")).status_code == 302


def test_the_session_id_changes_at_sign_in_and_the_old_cookie_is_dead_after_sign_out(demo, make_user, client):
    user = make_user("board_member", board="leicestershire-and-rutland")
    client.get(reverse("core:sign-in"))
    client.session.save()
    before = client.session.session_key
    post_password(client, user.username)
    after = client.session.session_key
    assert before != after
    client.post(reverse("core:sign-out"))
    from django.test import Client

    replay = Client()
    replay.cookies["daboard_session"] = after
    assert replay.get(reverse("core:home")).status_code == 302


def test_disabling_an_account_ends_its_sessions_at_once(demo, make_user, signed_in):
    from django.test import Client

    from daboard.core import services

    victim = make_user("board_member", board="leicestershire-and-rutland")
    victim_client = Client()
    victim_client.force_login(victim)
    assert victim_client.get(reverse("core:home")).status_code == 200
    admin = make_user("admin")
    services.user_set_active(acting_user=admin, user=victim, active=False)
    assert victim_client.get(reverse("core:home")).status_code == 302
    assert AuditEntry.objects.filter(action="user.disabled", object_id=str(victim.pk)).exists()


def test_a_role_needing_two_factor_cannot_ride_on_a_password_only_session(demo, make_user, client):
    user = make_user("board_member", board="leicestershire-and-rutland")
    post_password(client, user.username)
    assert client.get(reverse("core:home")).status_code == 200
    from daboard.core.models import Council, Role, RoleAssignment

    RoleAssignment.objects.create(user=user, role=Role.ANALYST, council=Council.objects.get(gss_code="E10000018"))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and response.url == reverse("core:sign-in")


def test_cookies_are_http_only_and_same_site(demo, make_user, client):
    user = make_user("board_member", board="leicestershire-and-rutland")
    response = post_password(client, user.username)
    cookie = response.cookies["daboard_session"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_sign_in_form_needs_both_fields_and_says_which(demo, client):
    response = client.post(reverse("core:sign-in"), {"username": "", "password": ""})
    page = response.content.decode()
    assert "Enter your username" in page and "Enter your password" in page
    assert 'href="#id_username"' in page


def test_an_off_site_next_address_is_ignored(demo, make_user, client):
    user = make_user("board_member", board="leicestershire-and-rutland")
    response = client.post(reverse("core:sign-in") + "?next=https://evil.example/", {
        "username": user.username, "password": PASSWORD, "next": "https://evil.example/"})
    assert response.url == "/"


def test_a_password_alone_cannot_enrol_a_new_authenticator_over_the_owners(demo, make_user, client):
    """The attack: the password of an account that has an authenticator, then straight to
    the enrolment step with the attacker's own app. Refused; the owner's device stays."""
    user = make_user("analyst", council="E10000018")
    owners = confirmed_device(user)
    post_password(client, user.username)
    response = client.get(reverse("core:two-factor-setup"))
    assert response.status_code == 302 and response.url == reverse("core:sign-in-code")
    assert not TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    # Even with an unconfirmed device planted and a valid code for it, the post is refused.
    planted = TOTPDevice.objects.create(user=user, name="attacker", confirmed=False)
    response = client.post(reverse("core:two-factor-setup"), {"code": current_code(planted)})
    assert response.status_code == 302 and response.url == reverse("core:sign-in-code")
    assert "_auth_user_id" not in client.session
    assert list(TOTPDevice.objects.filter(user=user, confirmed=True)) == [owners]
    assert AuditEntry.objects.filter(action="sign_in.enrolment_refused", object_id=str(user.pk)).count() == 2


def test_two_factor_confirm_refuses_a_second_authenticator(demo, make_user):
    from daboard.core import services

    user = make_user("commissioner", council="E10000018")
    confirmed_device(user)
    other = TOTPDevice.objects.create(user=user, name="other", confirmed=False)
    with pytest.raises(services.EnrolmentRefused):
        services.two_factor_confirm(user=user, device=other)


def test_an_admin_reset_is_audited_and_the_user_is_told_then_they_enrol_again(
        demo, make_user, client, mailoutbox, django_capture_on_commit_callbacks):
    from daboard.core import services

    admin = make_user("admin")
    user = make_user("analyst", council="E10000018")
    confirmed_device(user)
    with django_capture_on_commit_callbacks(execute=True):
        services.two_factor_reset(acting_user=admin, user=user)
    assert AuditEntry.objects.filter(action="user.two_factor_reset", object_id=str(user.pk),
                                     actor=admin).exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert "reset the two-factor sign-in" in mailoutbox[0].body
    post_password(client, user.username)
    assert client.get(reverse("core:two-factor-setup")).status_code == 200
