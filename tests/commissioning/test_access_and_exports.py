"""Who sees the money, and what leaves daboard: XLSX, CSV, OCDS, the CLI."""

import csv
import io
import json
import subprocess

import pytest
from django.urls import reverse

from daboard.commissioning.models import Contract
from daboard.core.models import Organisation

pytestmark = pytest.mark.django_db


def test_a_provider_sees_only_its_own_contracts(demo, make_user, signed_in):
    client = signed_in(make_user("provider", organisation="freeva"))
    page = client.get(reverse("commissioning:contract-list")).content.decode()
    assert "LCC-DA-08" in page and "LCC-DA-01" not in page and "Turning Point" not in page
    assert client.get(reverse("commissioning:contract-detail", args=["LCC-DA-01"])).status_code == 404
    assert client.get(reverse("commissioning:money", args=["E10000018"])).status_code == 404
    data = client.get(reverse("commissioning:contract-list"), {"format": "csv"}).content.decode("utf-8-sig")
    refs = {row["reference"] for row in csv.DictReader(io.StringIO(data))}
    assert refs == {"LCC-DA-08", "LCC-DA-09", "LCC-DA-10", "LCC-DA-11"}


def test_board_members_and_other_councils_do_not_see_the_money(demo, make_user, signed_in):
    for user in (make_user("board_member", board="leicestershire-and-rutland"),
                 make_user("commissioner", council="E06000016")):
        client = signed_in(user)
        assert client.get(reverse("commissioning:money", args=["E10000018"])).status_code == 404
        assert client.get(reverse("commissioning:contract-detail", args=["LCC-DA-01"])).status_code == 404
        assert client.get(reverse("commissioning:ocds", args=["E10000018"])).status_code == 404


def test_the_ocds_package_has_each_contracts_period_and_maximum_extent(demo, make_user, signed_in):
    client = signed_in(make_user("analyst", council="E10000018"))
    package = json.loads(client.get(reverse("commissioning:ocds", args=["E10000018"])).content)
    assert package["version"] == "1.1" and package["publisher"]["name"] == "Leicestershire County Council"
    releases = {r["contracts"][0]["id"]: r for r in package["releases"]}
    tp = releases["LCC-DA-01"]
    assert tp["ocid"].startswith("ocds-") and tp["tag"] == ["contract"]
    period = tp["contracts"][0]["period"]
    assert period["startDate"].startswith("2022-06-13") and period["endDate"].startswith("2025-06-12")
    assert period["maxExtentDate"].startswith("2026-06-12")
    assert tp["contracts"][0]["value"] == {"amount": 124864.0, "currency": "GBP"}
    assert {p["name"] for p in tp["parties"]} == {"Leicestershire County Council", "Turning Point"}


@pytest.mark.slow
def test_the_register_xlsx_opens_in_libreoffice_with_the_same_figures_and_formulas_as_text(demo, make_user, signed_in, tmp_path):
    Organisation.objects.filter(name="Turning Point").update(name='=HYPERLINK("http://evil.example","x")')
    client = signed_in(make_user("commissioner", council="E10000018"))
    response = client.get(reverse("commissioning:contract-list"), {"format": "xlsx"})
    path = tmp_path / "register.xlsx"
    path.write_bytes(response.content)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "csv",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    rows = list(csv.DictReader(io.StringIO((tmp_path / "register.csv").read_text(encoding="utf-8", errors="replace"))))
    by_ref = {r["reference"]: r for r in rows}
    assert float(by_ref["LCC-DA-07"]["total_value"]) == 145581
    assert by_ref["LCC-DA-01"]["provider"].startswith("'=HYPERLINK") or by_ref["LCC-DA-01"]["provider"].startswith("=HYPERLINK")
    assert by_ref["LCC-DA-01"]["provider"] != "x"  # shown as text, never evaluated
    from openpyxl import load_workbook

    cell = load_workbook(path).active["C2" if rows[0]["reference"] == "LCC-DA-01" else "C3"]
    assert cell.data_type == "s"


def test_the_money_view_exports_as_csv_and_the_paper_as_pdf(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E10000018"))
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("commissioning:money", args=["E10000018"]),
                                                      {"format": "csv"}).content.decode("utf-8-sig"))))
    allocated = {r["financial_year"]: r["allocated"] for r in rows}
    assert float(allocated["2022-23"]) == 1130326
    assert allocated["2025-26"] == "not known"  # no allocation recorded: unknown, not zero
    pdf = client.get(reverse("commissioning:money-pdf", args=["E10000018"])).content
    assert pdf.startswith(b"%PDF-")


def test_the_commissioner_puts_the_money_view_on_an_agenda_in_one_step(demo, make_user, signed_in):
    import datetime as dt

    from daboard.board.models import Meeting
    from daboard.core.models import Board

    board = Board.objects.get(slug="leicestershire-and-rutland")
    meeting = Meeting.objects.create(board=board, title=board.name, date=dt.date(2031, 3, 21))
    client = signed_in(make_user("commissioner", council="E10000018"))
    response = client.post(reverse("commissioning:money", args=["E10000018"]), {"meeting": meeting.pk})
    assert response.status_code == 302
    item = meeting.items.get(title="Commissioning and funding: Leicestershire")
    assert item.papers.get().pages >= 1


def test_the_cli_lists_contracts_as_json_csv_and_table(demo, tmp_path):
    import os
    import sys

    env = {**os.environ, "DATABASE_URL": ""}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    # The CLI reads the same database as the tests only through Django's call_command.
    from django.core.management import call_command

    out = io.StringIO()
    call_command("contracts", "list", "--format", "json", "--council", "E10000018", stdout=out)
    records = json.loads(out.getvalue())
    assert {r["reference"] for r in records} >= {"LCC-DA-01", "LCC-NA-01"}
    tp = next(r for r in records if r["reference"] == "LCC-DA-01")
    assert tp == {"reference": "LCC-DA-01", "council": "E10000018", "provider": "Turning Point",
                  "service": "Specialist Domestic Abuse Substance Misuse Support for Victims",
                  "start_date": "2022-06-13", "end_date": "2025-06-12", "maximum_end_date": "2026-06-12",
                  "total_value": 124864.0, "status": "ended"}  # derived: option 1 ran out on 12 June 2025
    out = io.StringIO()
    call_command("contracts", "list", "--format", "csv", stdout=out)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == Contract.objects.count()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No council with GSS code 'NOPE'"):
        call_command("contracts", "list", "--council", "NOPE")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/empty.sqlite3"
    result = subprocess.run([sys.executable, "-m", "daboard.cli", "contracts", "list"],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and "Run `daboard migrate`" in result.stderr and "Traceback" not in result.stderr


def test_the_commissioner_enters_allocations_plans_exercises_lots_and_settings(demo, make_user, signed_in):
    from daboard.commissioning.models import (
        Allocation,
        FundingStream,
        Lot,
        ProcurementExercise,
        SpendPlan,
    )
    from daboard.core.models import Council

    client = signed_in(make_user("commissioner", council="E10000018"))
    stream = FundingStream.objects.first()
    url = reverse("commissioning:money-entry", args=["E10000018", "allocation"])
    page = client.post(url, {"financial_year": "2025-27", "stream": stream.pk, "amount": "x"}).content.decode()
    assert "The two years must follow each other" in page and "Enter the amount in pounds" in page
    # Once in the error summary and once at the field: the model does not say it again.
    assert page.count("The two years must follow each other") == 2
    page = client.post(url, {"financial_year": "2025-2026", "stream": stream.pk, "amount": "5"}).content.decode()
    assert page.count("Write the financial year like 2024-25.") == 2 and "characters" not in page
    client.post(url, {"financial_year": "2025-26", "stream": stream.pk, "amount": "1200000"})
    assert Allocation.objects.get(council__gss_code="E10000018", financial_year="2025-26").amount == 1200000
    page = client.post(url, {"financial_year": "2025-26", "stream": stream.pk, "amount": "5"}).content.decode()
    assert "already has an allocation from this funding stream for that year" in page and "already exists" not in page
    assert Allocation.objects.get(council__gss_code="E10000018", financial_year="2025-26").amount == 1200000
    page = client.post(reverse("commissioning:money-entry", args=["E10000018", "spend-plan"]), {
        "financial_year": "2025-26", "title": "Spend plan 2025/26", "status": "approved"}).content.decode()
    assert "Choose the resolution that approved the plan" in page
    client.post(reverse("commissioning:money-entry", args=["E10000018", "spend-plan"]), {
        "financial_year": "2025-26", "title": "Spend plan 2025/26", "status": "draft"})
    plan = SpendPlan.objects.get(title="Spend plan 2025/26")
    client.post(reverse("commissioning:child-entry", args=["E10000018", "line", plan.pk]),
                {"support_service": "Refuge support", "cost": "50000"})
    assert plan.lines.get().cost == 50000
    client.post(reverse("commissioning:money-entry", args=["E10000018", "exercise"]), {"title": "Dispersed units", "status": "live"})
    exercise = ProcurementExercise.objects.get(title="Dispersed units")
    client.post(reverse("commissioning:child-entry", args=["E10000018", "lot", exercise.pk]),
                {"number": "1", "title": "North", "budget": "40000"})
    assert Lot.objects.get(exercise=exercise).budget == 40000
    # A number the exercise already has is a message on the form, not a server error.
    again = client.post(reverse("commissioning:child-entry", args=["E10000018", "lot", exercise.pk]),
                        {"number": "1", "title": "South", "budget": "30000"})
    assert again.status_code == 200 and "Lot 1 is already in this exercise" in again.content.decode()
    assert Lot.objects.filter(exercise=exercise).count() == 1
    client.post(reverse("commissioning:council-settings", args=["E10000018"]), {
        "contract_alert_days": "120", "return_due_days": "20", "disclosure_threshold": "5",
        "disclosure_method": "standard", "retention_years": "7"})
    assert Council.objects.get(gss_code="E10000018").contract_alert_days == 120
    analyst = signed_in(make_user("analyst", council="E10000018"))
    assert analyst.get(reverse("commissioning:council-settings", args=["E10000018"])).status_code == 404
