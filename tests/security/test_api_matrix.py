"""Every operation of the API's OpenAPI schema × who calls it: no token, a malformed token, a
revoked token, another provider's token, the provider's own token. Generated from the
schema, so a new endpoint is covered (and must be listed in PUBLIC or OWN below)."""

from __future__ import annotations

import json

import pytest
from django.db import transaction
from django.test import Client

from daboard.core.models import Organisation
from daboard.core.tokens import token_create, token_revoke
from tests.returns.conftest import csv_of, followup_csv, followup_row, row

pytestmark = pytest.mark.django_db

# Operations anyone may call: the published standard and the API's own description.
PUBLIC = {("get", "/api/v1/returns/standard"), ("get", "/api/v1/follow-ups/standard"), ("get", "/api/v1/openapi.json")}
# Operations on one contract's returns: only its provider's token.
OWN = {("get", "/api/v1/returns/{reference}/{period}"), ("post", "/api/v1/returns/{reference}/{period}/file"),
       ("post", "/api/v1/returns/{reference}/{period}/rows"), ("post", "/api/v1/follow-ups/{reference}/{period}/file"),
       ("post", "/api/v1/follow-ups/{reference}/{period}/rows")}


def schema(client) -> dict:
    return json.loads(client.get("/api/v1/openapi.json").content)


def operations(spec) -> list[tuple[str, str]]:
    return [(method, "/api/v1" + path if not path.startswith("/api/v1") else path)
            for path, ops in spec["paths"].items() for method in ops]


def call(raw: str | None, method: str, path: str):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw is not None else {}
    url = path.replace("{reference}", "LCC-DA-08").replace("{period}", "2024-25-Q1")
    client = Client(raise_request_exception=False, **headers)
    with transaction.atomic():
        if method == "get":
            response = client.get(url)
        elif path.endswith("/file"):
            response = client.post(url, {"file": _file(followup="/follow-ups/" in path)})
        else:
            rows = [followup_row()] if "/follow-ups/" in path else [row()]
            response = client.post(url, json.dumps({"rows": rows}), content_type="application/json")
        transaction.set_rollback(True)
    return response


def _file(*, followup: bool = False):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = followup_csv([followup_row()]) if followup else csv_of([row()])
    return SimpleUploadedFile("q1.csv", data, content_type="text/csv")


def test_every_api_operation_is_classified():
    spec = schema(Client())
    ops = set(operations(spec))
    assert ops, "no operations found in the schema"
    assert not ops - PUBLIC - OWN, f"classify these API operations: {sorted(ops - PUBLIC - OWN)}"


def test_every_api_operation_refuses_everyone_but_the_contracts_own_provider(demo):
    freeva = Organisation.objects.get(slug="freeva")
    gate = Organisation.objects.get(slug="gate")
    _t, own = token_create(acting_user=None, organisation=freeva, name="own")
    _t, other = token_create(acting_user=None, organisation=gate, name="other")
    revoked_token, revoked = token_create(acting_user=None, organisation=freeva, name="old")
    token_revoke(acting_user=None, token=revoked_token)
    wrong = []
    for method, path in operations(schema(Client())):
        expected = {
            None: "ok" if (method, path) in PUBLIC else 401,
            "daboard_bad_token": "ok" if (method, path) in PUBLIC else 401,
            revoked: "ok" if (method, path) in PUBLIC else 401,
            other: "ok" if (method, path) in PUBLIC else 404,
            own: "ok",
        }
        for raw, want in expected.items():
            got = call(raw, method, path).status_code
            ok = got < 400 if want == "ok" else got == want
            if got >= 500 or not ok:
                who = {None: "no token", own: "own token", other: "another provider's token", revoked: "revoked token"}.get(
                    raw, "malformed token")
                wrong.append(f"{method.upper()} {path} with {who}: {got}, expected {want}")
    assert not wrong, "\n".join(wrong)
