"""One rule decides which quarters a contract can have a return for; the web form, the API
and the command line all meet it (a quarter the contract never ran in is refused)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from daboard.commissioning.models import Contract
from daboard.core.models import Organisation
from daboard.core.periods import Period
from daboard.core.tokens import token_create
from daboard.returns import queries
from daboard.returns.models import ReturnSubmission

from .conftest import csv_of, row

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def test_the_rule_runs_from_the_contracts_start_to_its_end_and_never_past_today(demo):
    contract = Contract.objects.get(reference="LCC-DA-08")  # 1 September 2022 to 31 August 2025
    assert queries.period_allowed(contract, Period.parse("2022-23-Q2"), TODAY)
    assert not queries.period_allowed(contract, Period.parse("2022-23-Q1"), TODAY)
    assert queries.period_allowed(contract, Period.parse("2025-26-Q2"), TODAY)
    assert not queries.period_allowed(contract, Period.parse("2025-26-Q3"), TODAY)
    assert not queries.period_allowed(contract, Period.parse("2031-32-Q1"), TODAY)
    assert set(queries.periods_for(contract, TODAY)) == {
        p for p in queries.periods_for(contract, dt.date(2099, 1, 1)) if queries.period_allowed(contract, p, TODAY)}
    open_ended = Contract.objects.get(reference="RCC-DA-01")  # no start date: nothing after today
    assert queries.period_allowed(open_ended, Period.parse("2024-25-Q1"), TODAY)
    assert not queries.period_allowed(open_ended, Period.parse("2027-28-Q1"), TODAY)


def test_the_api_refuses_a_quarter_the_contract_never_ran_in(demo):
    _token, raw = token_create(acting_user=None, organisation=Organisation.objects.get(name="Freeva"), name="CMS")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/api/v1/returns/LCC-DA-08/2031-32-Q1/file",
                           {"file": SimpleUploadedFile("r.csv", csv_of([row()]), content_type="text/csv")})
    assert response.status_code in (400, 422)
    assert response.json()["errors"][0]["rule"] == "period-outside-contract"
    assert not ReturnSubmission.objects.exists()


def test_the_command_line_refuses_a_quarter_the_contract_never_ran_in(demo, tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_of([row()]))
    for extra in (["--dry-run"], []):
        with pytest.raises(SystemExit):
            call_command("returns", "import", str(path), "--contract", "LCC-DA-08", "--period", "2031-32-Q1", *extra)
        assert "The contract has no return for 2031-32-Q1" in capsys.readouterr().out
    assert not ReturnSubmission.objects.exists()
