"""The public feedback form: safe to give. No cookie, no address, no caching, no history
beyond the page, a signed one-use token instead of the CSRF cookie, a rate limit that never
knows who."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from daboard.core.models import AuditEntry
from daboard.voice.models import Feedback

from .conftest import give_feedback, token_of

pytestmark = pytest.mark.django_db


def test_the_form_sets_no_cookie_is_never_cached_and_has_exit_this_page(service_form):
    client = Client()
    response = client.get(f"/feedback/{service_form.token}/")
    assert response.status_code == 200
    assert not response.cookies, f"cookies set: {list(response.cookies)}"
    assert "Set-Cookie" not in response
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    html = response.content.decode()
    assert "govuk-exit-this-page" in html and "Exit this page" in html
    assert "csrfmiddlewaretoken" not in html
    assert 'autocomplete="off"' in html
    # The form asks these and nothing else: no field for who the person is.
    import re

    assert set(re.findall(r'<(?:input|textarea|select)[^>]* name="([^"]+)"', html)) == {
        "token", "felt_safer", "wellbeing", "helped", "missing", "free_text"}


def test_sending_answers_sets_no_cookie_stores_the_day_only_and_no_address(service_form):
    client = Client(REMOTE_ADDR="203.0.113.9")
    response = give_feedback(client, service_form, free_text="The helpline listened.")
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Thank you" in response.content.decode()
    assert not response.cookies
    assert not client.cookies, "the browser holds no cookie after giving feedback"
    feedback = Feedback.objects.get()
    assert feedback.status == "pending" and feedback.free_text == "The helpline listened."
    assert feedback.helped_codes() == ["one_to_one"] and feedback.missing_codes() == ["housing"]
    entry = AuditEntry.objects.filter(action="feedback.received").get()
    assert entry.ip_address is None and entry.actor is None
    assert "203.0.113.9" not in str(AuditEntry.objects.values_list("detail", "ip_address"))


def test_a_signed_in_officer_opening_the_form_gets_no_cookie_either(service_form, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E10000018"))
    response = client.get(f"/feedback/{service_form.token}/")
    assert response.status_code == 200 and not response.cookies


def test_a_token_sends_once_and_a_forged_or_another_forms_token_is_refused(service_form, demo):
    from daboard.commissioning.models import Contract
    from daboard.voice.models import FeedbackForm
    from daboard.voice.services import feedback_form_open

    client = Client()
    url = f"/feedback/{service_form.token}/"
    token = token_of(client.get(url))
    data = {"felt_safer": "no", "token": token}
    assert client.post(url, data).status_code == 200
    again = client.post(url, data)
    assert again.status_code == 400 and "already been sent" in again.content.decode()
    assert client.post(url, {**data, "token": token[:-3] + "xyz"}).status_code == 403
    assert client.post(url, {"felt_safer": "no"}).status_code == 403
    other = feedback_form_open(acting_user=None, form=FeedbackForm(
        council=service_form.council, contract=Contract.objects.get(reference="LCC-DA-09"), title="Other"))
    foreign = token_of(client.get(f"/feedback/{other.token}/"))
    assert client.post(url, {**data, "token": foreign}).status_code == 403
    assert Feedback.objects.count() == 1
    assert not client.cookies


def test_a_post_from_another_site_is_refused(service_form):
    client = Client()
    url = f"/feedback/{service_form.token}/"
    token = token_of(client.get(url))
    assert client.post(url, {"felt_safer": "no", "token": token}, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert client.post(url, {"felt_safer": "no", "token": token}, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert Feedback.objects.count() == 0


@override_settings(DABOARD_FEEDBACK_MIN_SECONDS=30)
def test_answers_sent_faster_than_a_person_could_are_refused(service_form):
    response = give_feedback(Client(), service_form)
    assert response.status_code == 400 and "very quick" in response.content.decode()
    assert Feedback.objects.count() == 0


@override_settings(DABOARD_FEEDBACK_PER_HOUR=2)
def test_the_rate_limit_counts_submissions_not_people(service_form):
    from daboard.voice.models import SubmissionCount

    assert give_feedback(Client(), service_form).status_code == 200
    assert give_feedback(Client(), service_form).status_code == 200
    third = give_feedback(Client(), service_form)
    assert third.status_code == 400 and "try again later" in third.content.decode()
    assert Feedback.objects.count() == 2
    assert [f.name for f in SubmissionCount._meta.concrete_fields] == ["id", "form", "hour", "count"]


def test_blank_answers_ask_for_one_and_a_closed_or_unknown_form_is_not_found(service_form):
    from daboard.voice.services import feedback_form_close

    response = give_feedback(Client(), service_form, felt_safer="", wellbeing="", helped=[], missing=[])
    assert response.status_code == 400 and "Answer at least one question" in response.content.decode()
    feedback_form_close(acting_user=None, form=service_form)
    assert Client().get(f"/feedback/{service_form.token}/").status_code == 404
    missing = Client().get("/feedback/guessed/")
    assert missing.status_code == 404 and "Exit this page" in missing.content.decode() and not missing.cookies


def test_the_signed_token_stands_in_for_the_csrf_cookie(service_form):
    """As tests/security/test_csrf_and_supply_chain.py asks of every other form: a post without
    its token is refused (403); with the token, it works though no CSRF cookie exists."""
    strict = Client(enforce_csrf_checks=True)
    url = f"/feedback/{service_form.token}/"
    assert strict.post(url, {"anything": "x"}).status_code == 403
    page = strict.get(url)
    assert strict.post(url, {"felt_safer": "yes", "token": token_of(page)}).status_code == 200
    assert not strict.cookies
