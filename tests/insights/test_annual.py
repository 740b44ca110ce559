"""The annual return: figures worked out by hand on a small year of returns, every figure
recomputed by LibreOffice from the rows it counts, and the copy for sending suppressed."""

import csv
import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from daboard.commissioning.models import Contract
from daboard.commissioning.queries import money_view
from daboard.core.models import AuditEntry, Council
from daboard.insights.annual import annual_return_xlsx, figures
from daboard.returns import services
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db

Q1 = [
    row(case_ref="KX1", session_types="one_to_one", children_in_household="2"),
    row(case_ref="KX2", gender="male", support_setting="dispersed", session_types="advocacy", children_in_household="0",
        closure_date="2024-06-20", closure_reason="support_completed", move_on="social_housing"),
    row(case_ref="KX3", referral_outcome="declined_no_capacity", engaged="no", sessions_in_period="0", session_types=""),
    row(case_ref="KX4", support_setting="community"),
]
Q2 = [
    row(case_ref="KX1", session_types="group", children_in_household="3"),
    row(case_ref="KX5", referral_date="2024-07-05", gender="non_binary", transgender="yes"),
]


@pytest.fixture
def year(demo):
    contract = Contract.objects.get(reference="LCC-DA-08")
    for period, rows in (("2024-25-Q1", Q1), ("2024-25-Q2", Q2)):
        outcome = services.return_accept(acting_user=None, contract=contract, period=std.Period.parse(period),
                                         data=csv_of(rows), filename="r.csv", source="cli")
        assert outcome.accepted, [i.line() for i in outcome.result.errors]
    return Council.objects.get(gss_code="E10000018")


def values(council) -> dict:
    return {f.ref: f.value for f in figures(council, "2024-25")[0]}


def test_households_are_counted_once_a_year_with_every_answer_they_gave(year):
    v = values(year)
    assert (v["A1"], v["A3"], v["A7"], v["A8"]) == (2, 1, 3, 1)  # refuge H1 H5; dispersed H2; total; community H4
    assert (v["B1"], v["B2"], v["B3"]) == (2, 1, 1)  # one-to-one H1 (Q1) and H5; group H1 (Q2); advocacy H2
    assert (v["C1"], v["C2"], v["C3"], v["C6"], v["C7"]) == (1, 1, 1, 3, 1)
    assert v["C9"] == 3 + 0 + 2  # children: H1's largest in the year, H2, H5
    assert (v["E1"], v["E5"]) == (1, 1)  # H3 declined, no capacity
    assert (v["F1"], v["F7"], v["F8"]) == (1, 1, 1)  # H2 completed, moved to social housing


def test_spend_and_bed_spaces_come_from_the_ledger_and_the_register(year):
    v = values(year)
    expected = money_view(year).get("rows")
    expected = next(r.committed for r in expected if r.year == "2024-25")  # the money view's committed, from the ledger
    assert v["H10"] == expected and expected > 0  # eight categories (H1-H8), not categorised (H9), total (H10)
    assert sum(v[f"H{i}"] for i in range(1, 10)) == expected
    assert v["G1"] == 12 + 8 and v["G2"] == 30 + 20  # refuge units and bed spaces in the demo register


@pytest.mark.slow
def test_libreoffice_opens_the_working_copy_and_every_figure_recomputes_from_its_rows(year, tmp_path):
    path = tmp_path / "annual.xlsx"
    path.write_bytes(annual_return_xlsx(year, "2024-25", working_copy=True))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is installed by scripts/system-deps"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    rows = list(csv.reader(io.StringIO((tmp_path / "annual.csv").read_text())))
    figures_rows = [r for r in rows if len(r) >= 5 and r[0][:1].isalpha() and r[0][1:].isdigit()]
    assert len(figures_rows) > 60
    for ref, _label, value, _rule, check in (r[:5] for r in figures_rows):
        assert float(value) == pytest.approx(float(check)), ref
    wb = load_workbook(path)
    assert wb.sheetnames == ["Return", "Households", "Register", "Ledger"]
    households = list(wb["Households"].values)
    assert {r[4] for r in households[1:]} == {"KX1", "KX2", "KX3", "KX4", "KX5"}


def test_the_copy_for_sending_is_suppressed_and_holds_no_case_references(year):
    wb = load_workbook(io.BytesIO(annual_return_xlsx(year, "2024-25", working_copy=False)))
    assert wb.sheetnames == ["Return"]
    cells = {r[0]: r[2] for r in wb["Return"].iter_rows(values_only=True) if r and r[0] and len(str(r[0])) <= 3}
    assert cells["A1"] == "[c]" and cells["A7"] == "[c]" and cells["A2"] == 0
    assert not [ref for ref, v in cells.items() if v in (1, 2, 3, 4) and not ref.startswith(("G", "H"))]
    assert "KX1" not in str(list(wb["Return"].values))


def test_officers_download_it_members_and_providers_cannot(year, make_user, signed_in):
    url = reverse("insights:annual", args=["E10000018"])
    analyst = signed_in(make_user("analyst", council="E10000018"))
    assert "Annual return to the ministry" in analyst.get(url).content.decode()
    response = analyst.get(url, {"financial_year": "2024-25", "copy": "working"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action="annual_return.exported", detail__copy="working").exists()
    page = analyst.get(url, {"financial_year": "1999-00", "copy": "x"}).content.decode()
    assert "Choose the financial year from the list" in page and "Choose which copy from the list" in page
    for user in (make_user("board_member", board="leicestershire-and-rutland"), make_user("provider", organisation="freeva")):
        assert signed_in(user).get(url).status_code == 404


def test_the_cli_writes_the_return_and_refuses_a_bad_year(year, tmp_path):
    out = tmp_path / "r.xlsx"
    call_command("report", "annual", "--council", "E10000018", "--year", "2024-25", "--out", str(out),
                 stdout=io.StringIO())
    assert load_workbook(out).sheetnames == ["Return"]
    with pytest.raises(CommandError) as err:
        call_command("report", "annual", "--council", "E10000018", "--year", "2024-26", "--out", str(out))
    assert err.value.returncode == 2
    with pytest.raises(CommandError):
        call_command("report", "annual", "--council", "E07000129", "--year", "2024-25", "--out", str(out))


def test_the_spend_section_equals_the_ledger_in_every_year(demo):
    leics = Council.objects.get(gss_code="E10000018")
    committed = {r.year: r.committed for r in money_view(leics)["rows"]}
    for year in ("2021-22", "2022-23", "2023-24", "2024-25"):
        spend = {f.label: f.value for f in figures(leics, year)[0] if f.ref.startswith("H")}
        assert spend["Total spend"] == committed[year], year
    assert committed["2021-22"] == 1163970  # the approved year 1 spend plan, not £0
