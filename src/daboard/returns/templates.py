"""The blank return as CSV and as XLSX (drop-down lists for codes, a codes sheet and a
guidance sheet), generated from the standard."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from . import standard as standards


def template_bytes(fmt: str, rows: list[list] | None = None, standard=None) -> bytes:
    """The blank (or prefilled) file of a standard: the quarterly return by default."""
    std = standard or standards.CURRENT
    header = [c.name for c in std.COLUMNS]
    if fmt == "csv":

        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows or []:
            writer.writerow(["" if v is None else v for v in row])
        return buf.getvalue().encode("utf-8-sig")
    return _xlsx(header, rows or [], std)


def _xlsx(header: list[str], rows: list[list], std) -> bytes:

    wb = Workbook()
    ws = wb.active
    ws.title = "Return"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    for row in rows:
        ws.append(["" if v is None else v for v in row])
    ws.freeze_panes = "A2"
    codes = wb.create_sheet("codes")
    codes.append(["column", "code", "meaning"])
    col_of_list: dict[str, str] = {}
    lists = wb.create_sheet("lists")
    for i, col in enumerate(std.COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, len(col.name) + 2)
        if col.codes:
            for code in col.codes:
                codes.append([col.name, code, col.labels.get(code, code.replace("_", " "))])
            values = list(col.codes) + (["y", "n"] if col.kind == std.YESNO else [])
            list_col = get_column_letter(len(col_of_list) + 1)
            col_of_list[col.name] = list_col
            for r, v in enumerate(values, start=1):
                lists[f"{list_col}{r}"] = v
            if col.kind in (std.CODE, std.YESNO):
                dv = DataValidation(type="list", formula1=f"=lists!${list_col}$1:${list_col}${len(values)}",
                                    allow_blank=col.required is not True, showErrorMessage=True,
                                    errorTitle=f"{col.name}", error=f"Choose one of the codes for {col.name}.")
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}100000")
        if col.kind == std.INTEGER:
            dv = DataValidation(type="whole", operator="between", formula1=str(col.minimum), formula2=str(col.maximum),
                                allow_blank=col.required is not True, showErrorMessage=True,
                                error=f"{col.name} is a whole number from {col.minimum} to {col.maximum}.")
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}100000")
    lists.sheet_state = "hidden"
    guidance = wb.create_sheet("guidance")
    guidance.append([f"{std.TITLE}, version {std.VERSION}"])
    guidance["A1"].font = Font(bold=True, size=14)
    for line in (*std.GUIDANCE, ""):
        guidance.append([line])
    guidance.append(["column", "required", "type", "what to enter"])
    for cell in guidance[guidance.max_row]:
        cell.font = Font(bold=True)
    for col in std.COLUMNS:
        rng = f" ({col.minimum} to {col.maximum})" if col.kind == std.INTEGER else ""
        guidance.append([col.name, col.required_text, col.kind + rng, col.description])
    guidance.column_dimensions["A"].width = 32
    guidance.column_dimensions["D"].width = 100
    for row in guidance.iter_rows(min_row=len(std.GUIDANCE) + 3):
        row[3].alignment = Alignment(wrap_text=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
