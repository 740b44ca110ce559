"""The ministry's local-authority tables, imported from the file a user downloads (ODS,
CSV or Excel), checked like a return; and England's figures shipped exactly as
shared/spec/reference-data.md gives them, each with its source."""

from __future__ import annotations

import pathlib
import re

import pytest
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


def test_an_area_given_twice_is_reported_once_for_its_row_not_once_for_each_figure():
    result = published.read(tables(["E06000017", "Rutland", "East Midlands", 12, 3],
                                   ["E06000017", "Rutland", "East Midlands", 14, 4]))
    assert not result.ok
    assert [(i.code, i.row, i.value) for i in result.issues] == [("area-duplicate", 5, "E06000017")]


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


def _understated(name: str, body: bytes, others: dict[str, bytes]) -> bytes:
    """A zip whose directory says `name` unpacks to under 1 MB while it unpacks to far more."""
    import io
    import struct
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for other, data in others.items():
            z.writestr(other, data)
        z.writestr(name, body)
    data = bytearray(buf.getvalue())
    encoded = name.encode()
    at = 0
    while (at := data.find(encoded, at + 1)) > 0:
        if data[at - 30:at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", data, at - 30 + 22, 999_999)
        if data[at - 46:at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", data, at - 46 + 24, 999_999)
    return bytes(data)


def test_a_spreadsheet_whose_zip_directory_understates_what_it_unpacks_to_is_refused_unread():
    # The directory is the sender's word: 1 MB declared, 60 MB inside (20 GB in a 20 MB
    # upload). Every reader of uploads measures what really unpacks, never the directory.
    from django.core.exceptions import ValidationError

    from daboard.core.uploads import check_zip
    from daboard.partnership import declared
    from daboard.returns.validate import read_table

    body = b"<row>" + b"a" * 60_000_000 + b"</row>"
    refused = re.compile("damaged|unpacks to")
    ods = _understated("content.xml", body, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    [issue] = published.read(ods).issues
    assert issue.code == "file-unreadable" and refused.search(issue.message), issue.message
    xlsx = _understated("xl/worksheets/sheet1.xml", body, {"xl/workbook.xml": b"<workbook/>"})
    [issue] = published.read(xlsx).issues
    assert issue.code == "file-unreadable" and refused.search(issue.message), issue.message
    [issue] = declared.validate(xlsx, declared.parse("n | count | | N")).errors
    assert issue.code == "file-unreadable" and refused.search(issue.message), issue.message
    with pytest.raises(ValueError, match=refused):
        read_table(xlsx)
    docx = _understated("word/document.xml", body, {"[Content_Types].xml": b"<Types/>"})
    with pytest.raises(ValidationError, match=refused):
        check_zip(docx)


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
