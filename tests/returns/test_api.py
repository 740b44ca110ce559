"""The returns API: organisation tokens (hashed, revocable), the same checks as the file,
and no way into another provider's contract."""

import json

import pytest
from django.test import Client

from daboard.core.models import ApiToken, AuditEntry, Organisation
from daboard.core.tokens import token_create, token_revoke
from daboard.returns.models import ReturnSubmission

from .conftest import BASE, csv_of, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def freeva_token(demo):
    _token, raw = token_create(acting_user=None, organisation=Organisation.objects.get(name="Freeva"), name="CMS")
    return raw


def api(raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return Client(**headers)


def test_tokens_are_stored_only_as_a_hash(freeva_token):
    token = ApiToken.objects.get()
    assert freeva_token.split("_")[2] not in (token.digest, token.prefix) and len(token.digest) == 64


def test_a_return_sent_as_a_file_is_accepted_and_versioned(freeva_token):
    response = api(freeva_token).post("/api/v1/returns/LCC-DA-08/2024-25-Q1/file",
                                      {"file": _upload(csv_of([row()]))})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["version"], body["rows"], body["duplicate"]) == (1, 1, False)
    assert ReturnSubmission.objects.get().source == "api"


def test_rows_sent_as_json_get_the_same_checks_and_errors_name_row_and_column(freeva_token):
    rows = [dict(BASE), {**BASE, "case_ref": "B", "gender": "woman"}]
    response = api(freeva_token).post("/api/v1/returns/LCC-DA-08/2024-25-Q1/rows", json.dumps({"rows": rows}),
                                      content_type="application/json")
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert (error["row"], error["column"], error["rule"], error["value"]) == (3, "gender", "code-unknown", "woman")
    assert ReturnSubmission.objects.count() == 0
    rows[1]["gender"] = "female"
    ok = api(freeva_token).post("/api/v1/returns/LCC-DA-08/2024-25-Q1/rows", json.dumps({"rows": rows}),
                                content_type="application/json")
    assert ok.status_code == 201 and ok.json()["rows"] == 2


def test_another_providers_contract_is_not_found_and_the_refusal_logged(freeva_token):
    response = api(freeva_token).post("/api/v1/returns/LCC-DA-01/2024-25-Q1/file", {"file": _upload(csv_of([row()]))})
    assert response.status_code == 404
    assert api(freeva_token).get("/api/v1/returns/LCC-DA-01/2024-25-Q1").status_code == 404
    assert ReturnSubmission.objects.count() == 0
    assert AuditEntry.objects.filter(action="access.refused", detail__contract="LCC-DA-01").exists()


def test_no_token_a_wrong_token_or_a_revoked_token_is_refused(freeva_token):
    url = "/api/v1/returns/LCC-DA-08/2024-25-Q1/file"
    assert api().post(url, {"file": _upload(csv_of([row()]))}).status_code == 401
    assert api(freeva_token[:-2] + "xx").post(url, {"file": _upload(csv_of([row()]))}).status_code == 401
    token_revoke(acting_user=None, token=ApiToken.objects.get())
    assert api(freeva_token).post(url, {"file": _upload(csv_of([row()]))}).status_code == 401


def test_a_bad_period_is_a_clear_400(freeva_token):
    response = api(freeva_token).post("/api/v1/returns/LCC-DA-08/2024-Q1/file", {"file": _upload(csv_of([row()]))})
    assert response.status_code == 400 and "Write it like 2024-25-Q1" in response.json()["errors"][0]["message"]


def test_the_openapi_schema_describes_every_column_of_the_standard(db):
    from daboard.returns.standard import v1 as std

    schema = Client().get("/api/v1/openapi.json").json()
    props = schema["components"]["schemas"]["ReturnRow"]["properties"]
    assert set(props) == {c.name for c in std.COLUMNS}
    assert set(schema["components"]["schemas"]["ReturnRow"]["required"]) == set(std.REQUIRED)


def test_a_provider_makes_and_revokes_a_token_in_the_browser_pages(demo, make_user, signed_in):
    from django.urls import reverse

    client = signed_in(make_user("provider", organisation="freeva"))
    page = client.post(reverse("core:api-tokens"), {"create": "1", "organisation": Organisation.objects.get(name="Freeva").pk,
                                                     "name": "CMS"}).content.decode()
    assert 'id="new-token">dab_' in page and "cannot show it again" in page
    token = ApiToken.objects.get()
    client.post(reverse("core:api-tokens"), {"revoke": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    assert member.get(reverse("core:api-tokens")).status_code == 404


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("return.csv", data, content_type="text/csv")
