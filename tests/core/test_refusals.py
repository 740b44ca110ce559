"""Every refusal leaves an audit entry, whichever door it came through."""

from __future__ import annotations

import pytest
from django.urls import reverse

from daboard.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def refusals(user) -> int:
    return AuditEntry.objects.filter(action="access.refused", actor=user).count()


def test_a_provider_posting_an_approval_decision_is_refused_and_logged(demo, make_user, signed_in):
    from daboard.commissioning.models import Contract
    from daboard.returns import services
    from daboard.returns.models import ReturnSubmission
    from daboard.returns.standard import v1 as std
    from tests.returns.conftest import csv_of, row

    contract = Contract.objects.get(reference="LCC-DA-08")
    outcome = services.return_accept(acting_user=None, contract=contract, period=std.Period.parse("2024-25-Q1"),
                                     data=csv_of([row()]), filename="q1.csv", source="cli")
    provider = make_user("provider", organisation="freeva")
    response = signed_in(provider).post(reverse("returns:submission", args=[outcome.submission.pk]),
                                        {"decision": "approved", "comment": ""})
    assert response.status_code == 404
    assert ReturnSubmission.objects.get(pk=outcome.submission.pk).reviewed_by is None
    entry = AuditEntry.objects.get(action="access.refused", actor=provider)
    assert entry.detail["permission"] == "return.review"


def test_one_provider_revoking_anothers_token_is_refused_and_logged(demo, make_user, signed_in):
    from daboard.core.models import ApiToken, Organisation
    from daboard.core.tokens import token_create

    freeva = make_user("provider", organisation="freeva")
    token, _ = token_create(acting_user=freeva, organisation=Organisation.objects.get(slug="freeva"), name="CMS")
    gate = make_user("provider", organisation="gate")
    response = signed_in(gate).post(reverse("core:api-tokens"), {"revoke": str(token.pk)})
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    assert refusals(gate) == 1
    # A hand-edited key that cannot be one ("²" is a digit to Python; 30 digits overflow
    # the database) names no token: refused the same way, never a server error.
    own = signed_in(freeva)
    for key in ("²", "9" * 30, "abc"):
        assert own.post(reverse("core:api-tokens"), {"revoke": key}).status_code == 404, key
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_an_error_report_download_is_logged(demo, make_user, signed_in):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    provider = make_user("provider", organisation="freeva")
    default_storage.save(f"reports/{provider.pk}/abcdef123456.csv", ContentFile(b"row,column\n"))
    response = signed_in(provider).get(reverse("returns:error-report", args=["abcdef123456"]))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="error_report.downloaded", actor=provider).exists()


def test_a_guessed_address_that_finds_nothing_is_logged_too(demo, make_user, signed_in):
    member = make_user("board_member", board="leicestershire-and-rutland")
    client = signed_in(member)
    assert client.get(reverse("board:meeting-detail", args=[999999])).status_code == 404
    assert client.get(reverse("returns:error-report", args=["guessed"])).status_code == 404
    assert refusals(member) == 2


def test_a_form_posted_without_its_csrf_token_is_refused_and_logged(demo, make_user):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    member = make_user("board_member", board="leicestershire-and-rutland")
    client = Client(enforce_csrf_checks=True)
    device = TOTPDevice.objects.create(user=member, name="t", confirmed=True)
    client.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    assert client.post(reverse("core:account"), {"save_preferences": "1"}).status_code == 403
    assert AuditEntry.objects.filter(action="access.refused", actor=member, detail__permission="csrf").exists()


def test_a_refused_address_holding_a_nul_byte_is_audited_not_a_server_error(demo, make_user, signed_in):
    """PostgreSQL's JSON cannot hold NUL: the audited path keeps a visible mark instead."""
    from daboard.core.models import AuditEntry

    client = signed_in(make_user("secretariat", board="leicestershire-and-rutland"))
    assert client.get("/actions/%00%0B/").status_code == 404
    entry = AuditEntry.objects.filter(action="access.refused").order_by("-pk").first()
    assert entry.detail["path"].startswith("/actions/\N{REPLACEMENT CHARACTER}")
