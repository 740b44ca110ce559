"""The API fuzzed from its own OpenAPI schema with schemathesis: every operation, with
values generated from the schema (and beyond it: schemathesis also sends what the schema
forbids), with the provider's own token, another provider's token and none. No answer may
be a server error, and no call without a valid token may succeed (other than the public
description of the standard). Derandomized and bounded by the hypothesis profile in
tests/conftest.py; each request runs in a transaction that is rolled back."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from hypothesis import settings

from tests.returns import hostile
from tests.returns.conftest import csv_of, row

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _schema() -> dict:
    from daboard.returns.api import api

    spec = api.get_openapi_schema(path_prefix="/api/v1")
    return json.loads(json.dumps(spec, default=str))


SPEC = _schema()
schema = schemathesis.openapi.from_dict(SPEC)
# The operations the schema declares without a token: they may answer anyone.
PUBLIC = {(method.upper(), path) for path, operations in SPEC["paths"].items()
          for method, operation in operations.items() if not operation.get("security")}


def test_only_the_descriptions_of_the_two_standards_are_open_without_a_token():
    assert PUBLIC == {("GET", "/api/v1/returns/standard"), ("GET", "/api/v1/follow-ups/standard")}


@pytest.fixture
def tokens(demo):
    from daboard.core.models import Organisation
    from daboard.core.tokens import token_create

    _own, own = token_create(acting_user=None, organisation=Organisation.objects.get(name="Freeva"), name="CMS")
    _other, other = token_create(acting_user=None, organisation=Organisation.objects.get(slug="gate"), name="CMS")
    return {"own": own, "other": other, "none": None}


FILES = [csv_of([row()]), csv_of([row(gender="x")]), hostile.cp1252_ragged(), hostile.xlsx_corrupt_deflate(),
         hostile.xlsx_encrypted_entry(), b"", b"\x00\xff" * 50]


def _body(case):
    """The generated body, or None when the operation has none (schemathesis's NotSet)."""
    return case.body if isinstance(case.body, dict | list | str | int | float | bool) else None


def _send(case, raw: str | None, index: int):
    """The case, sent through Django's test client (inside the test's database transaction),
    on a real contract and quarter half the time so the checks behind the door are reached."""
    path = case.formatted_path
    if case.path_parameters and index % 2 == 0:
        path = case.operation.path.replace("{reference}", "LCC-DA-08").replace("{period}", "2024-25-Q1")
    url = "/api/v1" + path if not path.startswith("/api/v1") else path
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    client = Client(raise_request_exception=False, **headers)
    method = case.method.lower()
    with transaction.atomic():
        if method not in ("get", "post"):  # methods the schema does not offer: refused, never a crash
            response = client.generic(case.method.upper(), url)
        elif method == "get":
            response = client.get(url, case.query or {})
        elif case.media_type and "multipart" in case.media_type:
            body = _body(case) if isinstance(_body(case), dict) else {}
            data = {key: (SimpleUploadedFile("return.csv", FILES[index % len(FILES)])
                          if key == "file" else str(value)) for key, value in body.items()}
            response = client.post(url, data)
        else:
            body = _body(case)
            response = client.post(url, "" if body is None else json.dumps(body), content_type="application/json")
        transaction.set_rollback(True)
    return response


@schema.parametrize()
@settings(max_examples=30)
def test_the_api_never_answers_a_server_error_and_never_lets_in_a_call_without_its_token(case, tokens):
    index = sum(map(ord, repr(case.path_parameters) + repr(case.query) + repr(_body(case))[:200]))
    for who, raw in tokens.items():
        response = _send(case, raw, index)
        assert response.status_code < 500, (who, case.method, case.formatted_path, response.content[:300])
        if who != "own" and (case.method, case.operation.path) not in PUBLIC:
            assert response.status_code >= 400, (who, case.method, case.formatted_path, response.status_code)
