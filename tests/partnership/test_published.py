"""The ministry's local-authority tables, imported from the file a user downloads (ODS,
CSV or Excel), checked like a return; and England's figures shipped exactly as
shared/spec/reference-data.md gives them, each with its source."""

from __future__ import annotations

import pathlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.partnership import published, reference

from .ods import ods_bytes

HEADING = ["ONS code", "Local authority", "Region", "Number of individuals supported",
           "Households unable to be supported"]


def tables(*rows) -> bytes:
    return ods_bytes({"Cover": [["Support in Domestic Abuse Safe Accommodation (test file)"]],
                      "Notes": [["Note 1", "Figures are rounded"]],
                      "Table 3": [["Table 3: local authorities (test figures)"], ["Source: test"], HEADING, *rows,
                                  [], ["Notes under the table"]]})


def test_an_ods_file_is_read_from_every_sheet_with_a_table():
    result = published.read(tables(["E06000017", "Rutland", "East Midlands", 12, "[c]"],
                                   ["E06000016", "Leicester", "East Midlands", 500, 210]))
    assert result.ok and result.sheets == ["Table 3"]
    rows = {(r.area_code, r.measure): r.value for r in result.rows}
    assert rows == {("E06000017", "individuals_supported"): 12, ("E06000017", "households_unable_supported"): None,
                    ("E06000016", "individuals_supported"): 500, ("E06000016", "households_unable_supported"): 210}
    assert {r.region for r in result.rows} == {"East Midlands"}


def test_a_bad_figure_or_code_is_named_by_sheet_row_column_and_value():
    result = published.read(tables(["E06000017", "Rutland", "East Midlands", "12a", 3],
                                   ["E0600016", "Leicester", "East Midlands", 500, 210]))
    assert not result.ok
    by_code = {i.code: i for i in result.issues}
    bad = by_code["figure-format"]
    assert (bad.row, bad.value, bad.cell) == (4, "12a", "D4")
    assert "Table 3" in bad.column and "[c]" in bad.message
    code = by_code["area-code-format"]
    assert (code.row, code.value) == (5, "E0600016") and "E10000018" in code.message


def test_a_csv_works_and_a_file_with_no_table_says_what_it_looks_for():
    ok = published.read(b"ONS code,Local authority,Individuals supported\nE10000018,Leicestershire,900\n")
    assert ok.ok and ok.rows[0].value == 900
    none = published.read(b"a,b\n1,2\n")
    assert [i.code for i in none.issues] == ["no-table"] and "ons code" in none.issues[0].message


def test_a_macro_workbook_or_a_zip_bomb_is_refused_before_reading():
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("content.xml", "<a/>" + " " * 50_000_000)
    assert published.read(buf.getvalue()).issues[0].code == "file-unreadable"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_end_in_issues_never_a_crash(data):
    result = published.read(data)
    assert result.ok or result.issues


def test_englands_figures_are_exactly_those_of_the_reference_data_with_their_sources():
    """Parse the table of shared/spec/reference-data.md and compare, cell by cell."""
    spec = pathlib.Path("/work/shared/spec/reference-data.md")
    if not spec.exists():
        spec = pathlib.Path(__file__).resolve().parents[3] / "shared/spec/reference-data.md"
    text = spec.read_text() if spec.exists() else ""
    labels = {"individuals supported in safe accommodation": "individuals_supported",
              "of whom women": "women_supported", "of whom men": "men_supported",
              "of whom trans adults": "trans_adults_supported", "of whom children": "children_supported",
              "individuals with at least one specialist characteristic": "specialist_characteristic",
              "households unable to be supported in safe accommodation": "households_unable_supported",
              "households that stopped receiving support in the year": "households_stopped_support",
              "commissioned bedspaces (all types)": "bedspaces_all", "of which sanctuary schemes": "bedspaces_sanctuary",
              "of which refuge": "bedspaces_refuge"}
    expected = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] in labels:
            for year, cell in zip(reference.YEARS, cells[1:], strict=True):
                if re.fullmatch(r"[\d,]+", cell):
                    expected[(labels[cells[0]], year)] = int(cell.replace(",", ""))
    shipped = {(f.measure, f.year): f.value for f in reference.ENGLAND}
    if text:
        assert shipped == expected
    assert len(shipped) == 21 and all(f.source for f in reference.ENGLAND)
    assert reference.ENGLAND_POPULATION == 56_490_048
    assert shipped[("individuals_supported", "2023-24")] - shipped[("individuals_supported", "2022-23")] == 13_280
