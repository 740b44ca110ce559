"""Reading and checking a monitoring return: a pure function from bytes to (rows, issues).

No Django here, so it is testable and fuzzable without a database. Every check works on
whole columns with polars expressions, never row by row in Python. Stages, as the MHCLG
data store runs them: file → header → cells → row rules → whole-file rules → warnings.
Structural problems stop the checks; otherwise every issue in the file is reported.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .standard import v1 as std

MAX_BYTES_DEFAULT = 512 * 1024 * 1024


@dataclass(frozen=True)
class Issue:
    code: str
    severity: str
    row: int | None  # spreadsheet numbering: header is row 1
    column: str | None
    value: str | None
    message: str

    @property
    def cell(self) -> str:
        if self.row is None or self.column is None or self.column not in std.BY_NAME:
            return ""
        return f"{column_letter(self.position)}{self.row}" if self.position else ""

    position: int | None = None  # 1-based column position in the user's file

    def line(self) -> str:
        """The CLI's form: row R, column C: message."""
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return (", ".join(where) + ": " if where else "") + self.message


def column_letter(n: int) -> str:
    letters = ""
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return letters


@dataclass
class Result:
    rows: pl.DataFrame | None
    issues: list[Issue] = field(default_factory=list)
    row_count: int = 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _issue(code: str, *, row=None, column=None, value=None, valid="", position=None) -> Issue:
    rule = std.RULES[code]
    message = rule.message.format(column=column or "", value="" if value is None else value, valid=valid)
    return Issue(code, rule.severity, row, column, value, message, position)


# --- Reading ----------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ValueError("it is not a text file")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ValueError("its characters are in an encoding daboard does not read (use UTF-8 or Windows-1252)") from exc


def read_table(data: bytes | Path) -> tuple[pl.DataFrame, bool]:
    """All cells as text. Returns (frame, from_xlsx). Raises ValueError with a reason.
    Given a path, a UTF-8 CSV is read by polars straight from the file (no copy in memory)."""
    if isinstance(data, Path):
        with data.open("rb") as fh:
            head = fh.read(8192)
        if head.startswith(b"PK\x03\x04") or b"\x00" in head or head.startswith(b"\xef\xbb\xbf") or not head.strip():
            return read_table(data.read_bytes())
        try:
            return _read_csv(data), False
        except pl.exceptions.ComputeError:
            return read_table(data.read_bytes())
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data), True
    if b"\x00" in data[:8192]:
        raise ValueError("it is not a text file")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body.strip():
        return pl.DataFrame(), False
    try:
        # UTF-8 goes to polars as bytes (no copy as Python text); polars refuses invalid UTF-8.
        return _read_csv(body), False
    except pl.exceptions.ComputeError as exc:
        if "utf-8" not in str(exc).lower() and "utf8" not in str(exc).lower():
            raise ValueError(f"it is not a well-formed CSV file ({str(exc).splitlines()[0][:200]})") from exc
    text = _decode(data)  # Windows-1252, as Excel saves CSV
    return _read_csv(text.encode("utf-8")), False


def _read_csv(body: bytes | Path) -> pl.DataFrame:
    try:
        return pl.read_csv(body if isinstance(body, Path) else io.BytesIO(body), infer_schema=False, has_header=True, truncate_ragged_lines=False,
                           raise_if_empty=False, quote_char='"', encoding="utf8", low_memory=True)
    except (pl.exceptions.NoDataError, pl.exceptions.ShapeError) as exc:
        raise ValueError(f"it is not a well-formed CSV file ({str(exc).splitlines()[0][:200]})") from exc


def _read_xlsx(data: bytes) -> pl.DataFrame:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValueError("it is damaged (not a real Excel file)") from exc
    total = 0
    names = set()
    for info in archive.infolist():
        names.add(info.filename)
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size / max(info.compress_size, 1) > 200:
            raise ValueError("it unpacks to far more than its size (a zip bomb)")
    if total > 1024 * 1024 * 1024:
        raise ValueError("it unpacks to more than 1 GB")
    if "xl/workbook.xml" not in names:
        raise ValueError("it is not an Excel workbook")
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ValueError("it contains macros; save it as a plain Excel workbook (.xlsx)")
    for name in names:
        if name.endswith(".xml") and name.startswith("xl/"):
            head = archive.open(name).read(4096)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ValueError("it contains XML entity declarations, which daboard refuses")
    try:
        return pl.read_excel(io.BytesIO(data), engine="calamine", infer_schema_length=0, sheet_id=1,
                             raise_if_empty=False)
    except Exception as exc:  # noqa: BLE001 — any reader failure is a file-level problem for the user
        raise ValueError(f"the first sheet cannot be read ({str(exc).splitlines()[0][:200]})") from exc


# --- Checking ---------------------------------------------------------------------------------


def validate(data: bytes | Path, *, period: std.Period, residence_codes: set[str],
             max_bytes: int = MAX_BYTES_DEFAULT) -> Result:
    """Check a return (bytes, or a file's path) against the standard for one period and one
    council's districts."""
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if size > max_bytes:
        mb = 1024 * 1024
        return Result(None, [_issue("file-too-large", value=f"{size / mb:.1f} MB", valid=f"{max_bytes / mb:.0f} MB")])
    try:
        raw, from_xlsx = read_table(data)
    except ValueError as exc:
        return Result(None, [_issue("file-unreadable", value=str(exc))])
    if raw.width == 0 or raw.height == 0:
        return Result(None, [_issue("file-empty")])
    header_issues, positions = _check_header(raw.columns)
    if header_issues:
        return Result(None, header_issues, raw.height)
    # Each stage is handed its input in a one-item list it empties, so no caller keeps the
    # old frame alive while the next is built column by column: peak memory matters.
    held = [raw]
    del raw
    frame = _normalise(held, from_xlsx)
    height = frame.height
    issues = _check_cells(frame, period, residence_codes, positions)
    if any(i.severity == "error" for i in issues):
        return Result(None, _sorted(issues), height)
    held = [frame]
    del frame
    typed = _typed(held)
    issues += _warnings(typed, positions)
    return Result(typed.drop("__row"), _sorted(issues), height)


def _sorted(issues: list[Issue]) -> list[Issue]:
    """By row, then by the column's place in the user's file."""
    order = {c.name: i for i, c in enumerate(std.COLUMNS)}
    return sorted(issues, key=lambda i: (i.row or 0, i.position or 100 + order.get(i.column or "", 99), i.code))


def _check_header(columns: list[str]) -> tuple[list[Issue], dict[str, int]]:
    issues, positions, seen = [], {}, set()
    for position, raw_name in enumerate(columns, start=1):
        name = raw_name.strip().lstrip("\ufeff")
        if name in seen:
            issues.append(_issue("column-duplicate", row=1, column=name, position=position))
            continue
        seen.add(name)
        positions[name] = position
        if name not in std.BY_NAME:
            key = name.lower().replace(" ", "_").replace("-", "_")
            code = "column-personal-data" if key in std.PERSONAL_DATA_COLUMNS else "column-unknown"
            issues.append(_issue(code, row=1, column=name, value=raw_name, position=position))
    for required in std.REQUIRED:
        if required not in positions:
            issues.append(_issue("column-missing", row=1, column=required))
    return issues, positions


def _normalise(held: list[pl.DataFrame], from_xlsx: bool) -> pl.DataFrame:
    """Trimmed text, blanks as null, every standard column present, and the row number."""
    raw = held.pop()
    frame = raw.rename({c: c.strip().lstrip("\ufeff") for c in raw.columns})
    del raw
    # One column at a time: the frame shares unchanged columns, so each old column is
    # freed as its cleaned copy replaces it, and the peak stays near one copy of the file.
    for col in std.COLUMNS:
        if col.name in frame.columns:
            e = pl.col(col.name).cast(pl.Utf8).str.strip_chars()
            if from_xlsx and col.kind == std.DATE:
                e = e.str.replace(r" 00:00:00$", "")
            frame = frame.with_columns(pl.when(e == "").then(None).otherwise(e).alias(col.name))
        else:
            frame = frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(col.name))
    return frame.select([c.name for c in std.COLUMNS]).with_row_index("__row", offset=2)


def _dates(name: str) -> pl.Expr:
    c = pl.col(name)
    return pl.coalesce(c.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
                       c.str.strptime(pl.Date, "%d/%m/%Y", strict=False))


def _ints(name: str) -> pl.Expr:
    """Whole numbers; 3.0 from a spreadsheet counts as 3."""
    f = pl.col(name).str.replace_all(",", "").cast(pl.Float64, strict=False)
    return pl.when(f.is_not_null() & (f == f.floor()) & f.is_finite()).then(f).otherwise(None)


def _yes_no(name: str) -> pl.Expr:
    low = pl.col(name).str.to_lowercase()
    return low.replace(std.YES_NO_ALIASES)


class _Checks:
    """Rules gathered as polars expressions and counted in one parallel pass; only the
    rules that fired are then filtered to name their rows."""

    def __init__(self, positions):
        self.positions = positions
        self.specs: list[tuple[pl.Expr, str, str, str, pl.Expr | None]] = []

    def add(self, mask: pl.Expr, code: str, column: str, valid: str = "", value: pl.Expr | None = None) -> None:
        self.specs.append((mask, code, column, valid, value))

    def run(self, frame: pl.DataFrame) -> list[Issue]:
        if not self.specs:
            return []
        counts = frame.select([m.fill_null(False).sum().alias(f"c{i}") for i, (m, *_r) in enumerate(self.specs)]).row(0)
        issues: list[Issue] = []
        for n, (mask, code, column, valid, value) in zip(counts, self.specs, strict=True):
            if n:
                issues += _collect(frame, mask, code, column, valid, self.positions, value)
        return issues


def _collect(frame: pl.DataFrame, mask: pl.Expr, code: str, column: str, valid: str, positions, value: pl.Expr | None = None) -> list[Issue]:
    value = value if value is not None else pl.col(column)
    hits = frame.filter(mask).select(pl.col("__row"), value.cast(pl.Utf8).alias("v"))
    pos = positions.get(column)
    rule = std.RULES[code]
    return [Issue(code, rule.severity, row, column, v,
                  rule.message.format(column=column, value="" if v is None else v, valid=valid), pos)
            for row, v in hits.iter_rows()]


def _check_cells(f: pl.DataFrame, period: std.Period, residence: set[str], positions) -> list[Issue]:
    # Each date column is parsed once; the rules below read the parsed copies.
    f = f.with_columns(_dates("referral_date").alias("__ref"), _dates("closure_date").alias("__clo"))
    checks = _Checks(positions)
    issues: list[Issue] = []
    closed = pl.col("closure_date").is_not_null()
    for col in std.COLUMNS:
        name, c = col.name, pl.col(col.name)
        present = c.is_not_null()
        if col.required is True:
            checks.add(~present, "required", name, _valid_text(col, residence))
        if col.kind == std.TEXT:
            checks.add(present & ~c.str.contains(r"^[A-Za-z0-9_/-]{1,64}$"), "case-ref-format", name, "")
        elif col.kind == std.CODE:
            checks.add(present & ~c.is_in(list(col.codes)), "code-unknown", name, ", ".join(col.codes))
        elif col.kind == std.YESNO:
            checks.add(present & ~_yes_no(name).is_in(list(std.YES_NO)), "yes-no-unknown", name, "")
        elif col.kind == std.RESIDENCE:
            allowed = sorted(residence) + list(std.RESIDENCE_CODES)
            checks.add(present & ~c.is_in(allowed), "residence-unknown", name, ", ".join(allowed))
        elif col.kind == std.INTEGER:
            n = _ints(name)
            valid = f"{col.minimum} to {col.maximum}"
            checks.add(present & n.is_null(), "integer-format", name, valid)
            checks.add(present & n.is_not_null() & ((n < col.minimum) | (n > col.maximum)),
                               "integer-range", name, valid)
        elif col.kind == std.DATE:
            parsed = pl.col("__ref" if name == "referral_date" else "__clo")
            checks.add(present & parsed.is_null(), "date-format", name, "")
        elif col.kind == std.LIST:
            issues += _list_issues(f, col, positions)
        if col.closed_only:
            checks.add(present & ~closed, "exit-on-open-case", name, "")
    # Row rules on dates
    ref, clo = pl.col("__ref"), pl.col("__clo")
    last, first = period.last_day, period.first_day
    checks.add(ref.is_not_null() & (ref > last), "referral-date-after-period", "referral_date",
                       last.isoformat())
    checks.add(ref.is_not_null() & (ref < std.EARLIEST_DATE), "referral-date-too-early", "referral_date",
                       "")
    checks.add(clo.is_not_null() & ref.is_not_null() & (clo < ref), "closure-before-referral",
                       "closure_date", "")
    checks.add(clo.is_not_null() & (clo > last), "closure-after-period", "closure_date", last.isoformat())
    checks.add(clo.is_not_null() & (clo < first), "closure-before-period", "closure_date",
                       first.isoformat())
    checks.add(closed & pl.col("closure_reason").is_null(), "closure-reason-required", "closure_reason",
                       ", ".join(std.CLOSURE_REASONS))
    # Whole-file rule: each case once
    dupes = pl.col("case_ref").is_not_null() & pl.col("case_ref").is_duplicated()
    checks.add(dupes, "case-ref-duplicate", "case_ref", "")
    return checks.run(f) + issues


def _list_cells_known(col: std.Column) -> pl.Expr:
    """True where every item of a `;`-list cell is one of the column's codes (or blank): one
    regular-expression pass, no split. `\\s` and `str.strip_chars()` trim the same (Unicode)
    whitespace, so a cell this passes has no unknown item; one it fails is looked at item by
    item below."""
    codes = "|".join(re.escape(c) for c in col.codes)
    return pl.col(col.name).str.contains(rf"^\s*(?:{codes})?\s*(?:;\s*(?:{codes})?\s*)*$")


def _list_issues(f: pl.DataFrame, col: std.Column, positions) -> list[Issue]:
    # Only the cells with an unknown item are split into items (most files have none).
    f = f.select("__row", col.name).filter(pl.col(col.name).is_not_null() & ~_list_cells_known(col))
    items = (f.select("__row", pl.col(col.name).str.split(";").alias("item")).explode("item")
             .with_columns(pl.col("item").str.strip_chars()).filter(pl.col("item").is_not_null() & (pl.col("item") != "")))
    bad = items.filter(~pl.col("item").is_in(list(col.codes)))
    rule = std.RULES["list-code-unknown"]
    valid = ", ".join(col.codes)
    pos = positions.get(col.name)
    return [Issue("list-code-unknown", rule.severity, row, col.name, item,
                  rule.message.format(column=col.name, value=item, valid=valid), pos) for row, item in bad.iter_rows()]


def _valid_text(col: std.Column, residence: set[str]) -> str:
    if col.kind == std.CODE:
        return "one of: " + ", ".join(col.codes)
    if col.kind == std.YESNO:
        return "yes, no or not_known"
    if col.kind == std.RESIDENCE:
        return "a district code (" + ", ".join(sorted(residence)) + "), out_of_area or not_known"
    if col.kind == std.INTEGER:
        return f"a whole number from {col.minimum} to {col.maximum}"
    if col.kind == std.DATE:
        return "a date, like 2024-04-30"
    return "a value"


# --- Typing and warnings ---------------------------------------------------------------------


def _typed(held: list[pl.DataFrame]) -> pl.DataFrame:
    """Typed values, converted a column at a time (as in _normalise, for peak memory)."""
    f = held.pop()
    for col in std.COLUMNS:
        name = col.name
        if col.kind == std.DATE:
            expr = _dates(name)
        elif col.kind == std.INTEGER:
            expr = _ints(name).cast(pl.Int16)
        elif col.kind == std.YESNO:
            expr = _yes_no(name)
        elif col.kind == std.LIST:
            mapping = {code: 1 << i for i, code in enumerate(col.codes)}
            expr = (pl.col(name).str.split(";").list.eval(
                pl.element().str.strip_chars().replace_strict(mapping, default=0, return_dtype=pl.Int32)
            ).list.unique().list.sum().fill_null(0).cast(pl.Int32))
        else:
            continue
        f = f.with_columns(expr.alias(name))
    return f.with_columns(pl.col("ethnicity").replace_strict(std.ETHNICITY_GROUPS, default=None).alias("ethnic_group"))


def _warnings(t: pl.DataFrame, positions) -> list[Issue]:
    checks = _Checks(positions)
    sessions = pl.col("sessions_in_period")
    checks.add((pl.col("engaged") == "no") & (sessions > 0), "warn-not-engaged-with-sessions",
                       "sessions_in_period", "", value=sessions)
    checks.add(pl.col("age_band").is_in(["under_16", "16_17"]) & (pl.col("child_victim") == "no"),
                       "warn-young-not-child-victim", "child_victim", "", value=pl.col("age_band"))
    checks.add((pl.col("referral_outcome") != "accepted") & (sessions > 0),
                       "warn-not-accepted-with-sessions", "referral_outcome", "",
                       value=pl.col("referral_outcome"))
    checks.add(pl.col("closure_date").is_not_null() & (pl.col("engaged") == "yes")
                       & pl.col("safety_exit").is_null() & pl.col("wellbeing_exit").is_null(),
                       "warn-closed-engaged-no-exit-scores", "safety_exit", "", value=pl.col("case_ref"))
    return checks.run(t)
