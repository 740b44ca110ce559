import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daboard.core.exports import csv_bytes, safe_cell, xlsx_bytes


@pytest.mark.parametrize("value", ["=1+1", "+44 116", "-5", "@SUM(A1)", "\tx", "\rx", "\x00=1"])
def test_cells_that_a_spreadsheet_would_run_come_out_as_text(value):
    assert safe_cell(value).startswith("'")


def test_numbers_and_plain_text_are_left_alone():
    assert safe_cell(-5) == -5 and safe_cell(1.5) == 1.5 and safe_cell("Freeva") == "Freeva"
    assert safe_cell(None) is None


@given(st.text())
def test_no_exported_text_cell_starts_with_a_formula_character(text):
    out = safe_cell(text)
    assert out[:1] not in ("=", "+", "-", "@", "\t", "\r", "\x00") and "\x00" not in out


def test_xlsx_cells_planted_with_formulas_are_stored_as_strings():
    from openpyxl import load_workbook

    data = xlsx_bytes({"Register": (["provider", "value"], [["=HYPERLINK(\"http://x\")", 5]])})
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A2"].value == "'=HYPERLINK(\"http://x\")" and ws["A2"].data_type == "s"
    assert ws["B2"].value == 5


def test_csv_has_a_bom_for_excel_and_neutralises_the_header_too():
    data = csv_bytes(["=h"], [["@x", 1]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"'=h" in data and b"'@x" in data


def test_pounds_are_written_as_the_papers_write_them():
    from daboard.core.templatetags.govuk import pounds

    assert pounds("1127205") == "£1,127,205" and pounds("4400.50") == "£4,400.50" and pounds("-64250") == "−£64,250"
