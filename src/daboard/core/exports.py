"""CSV and XLSX output that a spreadsheet cannot execute.

Any text cell that begins with =, +, -, @, tab, carriage return or NUL is prefixed with
an apostrophe (OWASP's advice for CSV injection), so Excel and LibreOffice show it as
text. Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import get_valid_filename
from openpyxl import Workbook
from openpyxl.styles import Font

from .text import clean_text

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\x00")


def safe_cell(value: Any) -> Any:
    """Neutralise a text cell; leave numbers, dates and None as they are."""
    if isinstance(value, str):
        cleaned = clean_text(value)
        if value[:1] in DANGEROUS_FIRST or cleaned[:1] in DANGEROUS_FIRST:
            return "'" + cleaned
        return cleaned
    return value


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(sheets: dict[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One workbook, a sheet per entry; every text cell is written as a string."""

    wb = Workbook()
    wb.remove(wb.active)
    for title, (header, rows) in sheets.items():
        ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", clean_text(title))[:31].strip() or "Sheet")
        ws.append([safe_cell(h) for h in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([safe_cell(v) for v in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:

    response = HttpResponse(content, content_type=content_type)
    try:
        safe = get_valid_filename(filename).lstrip(".")  # no path, quote, newline or hidden-file dot
    except Exception:  # noqa: BLE001 (Django refuses names that clean to nothing)
        safe = ""
    response["Content-Disposition"] = f'attachment; filename="{safe or "download"}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
