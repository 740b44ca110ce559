"""Reading the ministry's local-authority data tables from the file a user downloads.

The release "Support in Domestic Abuse Safe Accommodation" publishes its tables as ODS
(national, regional and local-authority level). daboard does not ship a copy: an officer
imports the file. Each sheet is searched for a heading row with an area-code column (ONS
code); the measure columns are recognised by the words of their headings (MEASURE_HEADINGS),
an optional region and population column are kept. The file is checked like a return, with
the return validator's issue records: every problem names the sheet, row, column and value,
and what would be valid; a file with any error changes nothing.
No Django here: a pure function from bytes to (figures, issues).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from daboard.core.zipcheck import ZipRefused, unpack_check
from daboard.returns.standard.base import Rule, rules, worded_rules
from daboard.returns.validate import MAX_BYTES_DEFAULT, Issue, column_letter, read_table

from .reference import MEASURE_BY_KEY

# A heading matches a measure when, in lower case, it contains one of these phrases (or is the key).
MEASURE_HEADINGS: dict[str, tuple[str, ...]] = {
    "individuals_supported": ("individuals supported", "number of individuals", "total individuals"),
    "children_supported": ("children supported", "of whom children", "number of children"),
    "households_unable_supported": ("unable to be supported", "households unable", "not able to be supported"),
    "households_stopped_support": ("stopped receiving support", "households that stopped"),
    "bedspaces_all": ("bedspaces", "bed spaces"),
}
AREA_CODE_HEADINGS = ("ons code", "area code", "la code", "local authority code", "gss code", "ons_code", "area_code",
                      "code")
AREA_NAME_HEADINGS = ("local authority", "local authority name", "area name", "la name", "area", "name", "area_name")
REGION_HEADINGS = ("region", "region name", "region_name")
POPULATION_HEADINGS = ("population", "usual resident population", "usual-resident population")
SUPPRESSION_MARKS = {"[c]", "[x]", "[z]", "[u]", "..", "-", "–", "c", "x", "z", "*", "~", "n/a", "na"}
GSS = re.compile(r"^[EWSNK]\d{8}$")
HEADING_SEARCH_ROWS = 40

RULES: dict[str, Rule] = rules(*worded_rules(Path(__file__).with_name("published_rules.toml")))


@dataclass(frozen=True)
class Row:
    area_code: str
    area_name: str
    region: str
    population: int | None
    measure: str
    value: int | None  # None: suppressed or not published


@dataclass
class Imported:
    rows: list[Row] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues and bool(self.rows)


def _issue(code, *, sheet="", row=None, column=None, value=None, valid="", position=None) -> Issue:
    rule = RULES[code]
    where = f"{column} (sheet {sheet})" if sheet and column else column
    message = rule.message.format(column=where or "", value="" if value is None else value, valid=valid)
    return Issue(code, rule.severity, row, where, value, message, position)


def _sheets(data: bytes) -> list[tuple[str, pl.DataFrame]]:
    """Every sheet as text cells without a header, or the CSV as one sheet."""
    if not data.startswith(b"PK\x03\x04"):
        frame, _ = read_table(data)
        # The CSV's own heading row is kept as the first row, as in a sheet.
        heading = pl.DataFrame([pl.Series(f"c{i}", [c], dtype=pl.Utf8) for i, c in enumerate(frame.columns)])
        body = frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)}).cast(pl.Utf8)
        return [("CSV", pl.concat([heading, body]))]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValueError("it is damaged (not a real spreadsheet)") from exc
    total = 0
    names = set()
    for info in archive.infolist():
        names.add(info.filename)
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size / max(info.compress_size, 1) > 200:
            raise ValueError("it unpacks to far more than its size (a zip bomb)")
    if total > 512 * 1024 * 1024:
        raise ValueError("it unpacks to more than 512 MB")
    try:  # the sizes above are the sender's word: unpack it as a stream to be sure
        unpack_check(archive.fp, archive, 512 * 1024 * 1024)
    except ZipRefused as exc:
        raise ValueError(str(exc)) from exc
    if "content.xml" not in names and "xl/workbook.xml" not in names:
        raise ValueError("it is not an ODS or Excel spreadsheet")
    if any(n.lower().endswith("vbaproject.bin") or n.lower().startswith("basic/") for n in names):
        raise ValueError("it contains macros")
    for name in names:
        if name.endswith(".xml"):
            head = archive.open(name).read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ValueError("it contains XML entity declarations, which daboard refuses")
    import fastexcel

    try:
        reader = fastexcel.read_excel(data)
        out = []
        for name in reader.sheet_names:
            sheet = reader.load_sheet_by_name(name, header_row=None, dtypes="string")
            frame = sheet.to_polars() if sheet.height else pl.DataFrame()
            out.append((name, frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)}).cast(pl.Utf8)))
        return out
    except Exception as exc:  # noqa: BLE001 — any reader failure is a file-level problem for the user
        raise ValueError(f"a sheet cannot be read ({str(exc).splitlines()[0][:200]})") from exc


def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "").replace("\n", " ")).strip().lower().rstrip(":")


def _measure_of(heading: str) -> str | None:
    h = _norm(heading)
    if not h:
        return None
    for key, phrases in MEASURE_HEADINGS.items():
        if h == key or any(p in h for p in phrases):
            return key
    return None


def _find_heading(frame: pl.DataFrame) -> tuple[int, dict] | None:
    for i, row in enumerate(frame.head(HEADING_SEARCH_ROWS).iter_rows()):
        cells = [_norm(c) for c in row]
        code_col = next((j for j, c in enumerate(cells) if c in AREA_CODE_HEADINGS), None)
        measures = {j: _measure_of(c) for j, c in enumerate(cells) if _measure_of(c)}
        if code_col is not None and measures:
            name_col = next((j for j, c in enumerate(cells) if c in AREA_NAME_HEADINGS and j != code_col), None)
            region_col = next((j for j, c in enumerate(cells) if c in REGION_HEADINGS), None)
            pop_col = next((j for j, c in enumerate(cells) if any(c.startswith(p) for p in POPULATION_HEADINGS)), None)
            return i, {"code": code_col, "name": name_col, "region": region_col, "population": pop_col,
                       "measures": measures, "headings": list(row)}
    return None


def _whole(text: str) -> int | None:
    t = text.replace(",", "").strip()
    try:
        f = float(t)
    except ValueError:
        return None
    return int(f) if f == int(f) and f >= 0 else None


def read(data: bytes, *, max_bytes: int = MAX_BYTES_DEFAULT) -> Imported:
    """The figures of every local-authority table in the file, or every problem in it."""
    if len(data) > max_bytes:
        mb = 1024 * 1024
        return Imported(issues=[_issue("file-too-large", value=f"{len(data) / mb:.1f} MB", valid=f"{max_bytes / mb:.0f} MB")])
    try:
        sheets = _sheets(data)
    except ValueError as exc:
        return Imported(issues=[_issue("file-unreadable", value=str(exc))])
    out = Imported()
    seen: dict[tuple[str, str], int] = {}
    repeated: set[tuple[str, int]] = set()  # rows already reported as an area given twice
    for sheet, frame in sheets:
        found = _find_heading(frame) if frame.height else None
        if found is None:
            continue
        out.sheets.append(sheet)
        start, cols = found
        headings = cols["headings"]
        for offset, row in enumerate(frame.slice(start + 1).iter_rows(), start=start + 2):
            code = (row[cols["code"]] or "").strip()
            if not code:
                continue  # notes and blank lines under a table
            code_heading = headings[cols["code"]]
            if not GSS.match(code):
                if any((row[j] or "").strip() for j in cols["measures"]):
                    out.issues.append(_issue("area-code-format", sheet=sheet, row=offset, column=code_heading, value=code,
                                             valid="E10000018 (nine characters: a letter and eight digits)",
                                             position=cols["code"] + 1))
                continue
            population = None
            if cols["population"] is not None:
                raw = (row[cols["population"]] or "").strip()
                population = _whole(raw) if raw else None
                if raw and not population:
                    out.issues.append(_issue("population-format", sheet=sheet, row=offset,
                                             column=headings[cols["population"]], value=raw,
                                             position=cols["population"] + 1))
            for j, measure in cols["measures"].items():
                raw = (row[j] or "").strip()
                value = None
                if raw and raw.lower() not in SUPPRESSION_MARKS:
                    value = _whole(raw)
                    if value is None:
                        out.issues.append(_issue("figure-format", sheet=sheet, row=offset, column=headings[j], value=raw,
                                                 valid="[c], [x], [z], .. or -", position=j + 1))
                        continue
                key = (code, measure)
                if key in seen:
                    if (sheet, offset) not in repeated:  # the row once, not once for each of its figures
                        repeated.add((sheet, offset))
                        out.issues.append(_issue("area-duplicate", sheet=sheet, row=offset, column=code_heading,
                                                 value=code, position=cols["code"] + 1))
                    continue
                seen[key] = offset
                out.rows.append(Row(code, (row[cols["name"]] or "").strip() if cols["name"] is not None else "",
                                    (row[cols["region"]] or "").strip() if cols["region"] is not None else "",
                                    population, measure, value))
    if not out.rows and not out.issues:
        out.issues.append(_issue("no-table", valid=" or ".join(f'"{h}"' for h in AREA_CODE_HEADINGS[:3]),
                                 value="; ".join(f"{MEASURE_BY_KEY[k].label} (a heading containing \"{p[0]}\")"
                                                 for k, p in MEASURE_HEADINGS.items())))
    return out


__all__ = ["Imported", "Row", "column_letter", "read"]
