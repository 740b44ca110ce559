"""Reading and checking a monitoring return: a pure function from bytes to (rows, issues).

No Django here, so it is testable and fuzzable without a database. Every check works on
whole columns with polars expressions, never row by row in Python. Stages, as the MHCLG
data store runs them: file → header → cells → row rules → whole-file rules → warnings.
Structural problems stop the checks; otherwise every issue in the file is reported.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from daboard.core.periods import Period
from daboard.core.zipcheck import ZipRefused, unpack_check

from . import standard as standards
from .standard.base import DATE, FILE_LEVEL_RULES, Context, dates, ints, parsed_name, yes_no

# Every rule any return's check can name, by code (a code means the same in every standard).
ALL_RULES = standards.every_rule()

MAX_BYTES_DEFAULT = 512 * 1024 * 1024
# Issues named one by one for each rule; beyond that the rule's issues are only counted, so
# a file with a million bad cells gives a short report, fast, in bounded memory.
ISSUES_PER_RULE = 100
# A value quoted back to the user is cut to this many characters.
MAX_VALUE_CHARS = 80
# An XLSX may unpack (measured by really unpacking it, not by the sizes it declares) to
# this many times its own size, at least XLSX_EXPANSION_FLOOR and never beyond
# XLSX_EXPANSION_CAP: a real workbook's XML compresses about 5 to 15 times.
XLSX_EXPANSION_RATIO = 30
XLSX_EXPANSION_FLOOR = 16 * 1024 * 1024
XLSX_EXPANSION_CAP = 1024 * 1024 * 1024
# The return has 32 columns; a file may carry a few unknown ones (each is reported), not
# thousands. Rows: a real row is well over 24 bytes, and each row costs memory for every
# column, so a file of blank lines is refused before it is parsed. XLSX: the first sheet's
# grid (its last row × its last column, which the reader fills in densely) may hold at
# most one cell per byte of the file, and at least MIN_XLSX_CELLS.
MAX_COLUMNS = 200
MIN_BYTES_PER_ROW = 24
MIN_XLSX_CELLS = 1_000_000


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
        # Any column found in the user's file has a position, whatever standard declared it.
        if self.row is None or self.column is None or not self.position:
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
    # How many times each rule fired in all; `issues` names at most ISSUES_PER_RULE of each.
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        for issue in self.issues:
            if issue.code not in self.counts:
                self.counts[issue.code] = sum(1 for i in self.issues if i.code == issue.code)

    def _severity(self, code: str) -> str:
        """A rule's severity: the standards' rules are declared here; a declared dataset's own
        rules (daboard.partnership) are known by the issues they raised."""
        rule = ALL_RULES.get(code)
        return rule.severity if rule else next((i.severity for i in self.issues if i.code == code), "error")

    @property
    def error_count(self) -> int:
        return sum(n for code, n in self.counts.items() if self._severity(code) == "error")

    @property
    def file_error(self) -> Issue | None:
        """The file-level error (unreadable, empty, too large) that stopped the checks, if any."""
        return next((i for i in self.issues if i.code in FILE_LEVEL_RULES), None)

    def omitted(self, severity: str = "error") -> list[tuple[str, int]]:
        """(rule, how many more) for each rule with issues beyond those named."""
        named: dict[str, int] = {}
        for i in self.issues:
            named[i.code] = named.get(i.code, 0) + 1
        return [(code, n - named.get(code, 0)) for code, n in self.counts.items()
                if self._severity(code) == severity and n > named.get(code, 0)]

    def omitted_lines(self, severity: str = "error") -> list[str]:
        return [f"... and {n:,} more: {ALL_RULES[code].title.lower() if code in ALL_RULES else code} (only the first {ISSUES_PER_RULE} are "
                "named; fix those and check again)" for code, n in self.omitted(severity)]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _cut(value):
    if value is None:
        return None
    value = str(value)
    return value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "…"


def _issue(code: str, *, row=None, column=None, value=None, valid="", position=None, rules=None) -> Issue:
    rule = (rules or ALL_RULES)[code]
    if code not in FILE_LEVEL_RULES:
        value, column = _cut(value), _cut(column)
    message = rule.message.format(column=column or "", value="" if value is None else value, valid=valid)
    return Issue(code, rule.severity, row, column, value, message, position)


issue = _issue  # for the checks made outside the file (the quarter), with the same messages


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
    """All cells as text. Returns (frame, from_xlsx). Raises ValueError with a reason, and
    only ValueError: whatever a reader library raises on a damaged file is turned into one.
    Given a path, a UTF-8 CSV is read by polars straight from the file (no copy in memory)."""
    try:
        return _read_table(data)
    except ValueError:
        raise
    except (pl.exceptions.PolarsError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
            RuntimeError, NotImplementedError, UnicodeError, struct.error, IndexError, KeyError,
            OverflowError, MemoryError) as exc:
        raise ValueError(f"it is damaged or not a CSV or Excel file ({_first_line(exc)})") from exc


def _first_line(exc: BaseException) -> str:
    text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return text[:200]


def _check_csv_shape(data: bytes | Path) -> None:
    """Refuse, before parsing, a header of thousands of columns and a file of blank lines:
    both would cost memory far beyond the file's size."""
    if isinstance(data, Path):
        size, lines = data.stat().st_size, 0
        with data.open("rb") as fh:
            head = fh.read(1 << 20)
            fh.seek(0)
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                lines += chunk.count(b"\n")
    else:
        size, lines, head = len(data), data.count(b"\n"), data[:1 << 20]
    end = head.find(b"\n")
    header = head if end == -1 else head[:end]
    if end == -1 and len(head) >= 1 << 20 or header.count(b",") + 1 > MAX_COLUMNS:
        raise ValueError(f"its first row has more than {MAX_COLUMNS} columns; the return has {len(standards.CURRENT.COLUMNS)}")
    if lines > max(1000, size // MIN_BYTES_PER_ROW):
        raise ValueError(f"it has {lines:,} lines in {size:,} bytes: most of its rows are blank or nearly blank. "
                         "Remove the blank rows")


def _read_table(data: bytes | Path) -> tuple[pl.DataFrame, bool]:
    if isinstance(data, Path):
        with data.open("rb") as fh:
            head = fh.read(8192)
        if head.startswith(b"PK\x03\x04"):
            return _read_xlsx(data), True
        if b"\x00" in head or head.startswith(b"\xef\xbb\xbf") or not head.strip():
            return _read_table(data.read_bytes())
        _check_csv_shape(data)
        try:
            return _read_csv(data), False
        except ValueError:
            return _read_table(data.read_bytes())
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data), True
    if b"\x00" in data[:8192]:
        raise ValueError("it is not a text file")
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if not body.strip():
        return pl.DataFrame(), False
    _check_csv_shape(body)
    try:
        # UTF-8 goes to polars as bytes (no copy as Python text); polars refuses invalid UTF-8.
        return _read_csv(body), False
    except ValueError as exc:
        if "utf-8" not in str(exc).lower() and "utf8" not in str(exc).lower():
            raise
    text = _decode(data)  # Windows-1252, as Excel saves CSV
    return _read_csv(text.encode("utf-8")), False


def _read_csv(body: bytes | Path) -> pl.DataFrame:
    try:
        return pl.read_csv(body if isinstance(body, Path) else io.BytesIO(body), infer_schema=False, has_header=True, truncate_ragged_lines=False,
                           raise_if_empty=False, quote_char='"', encoding="utf8", low_memory=True)
    except pl.exceptions.PolarsError as exc:
        text = _first_line(exc)
        if "more fields than defined" in str(exc):
            text = "a row has more cells than the header row has columns"
        elif "could not parse" in str(exc) or "quote" in str(exc).lower():
            text = "a quoted cell is not closed, or a row is cut short"
        raise ValueError(f"it is not a well-formed CSV file ({text})") from exc


def xlsx_expansion_limit(size: int) -> int:
    return min(XLSX_EXPANSION_CAP, max(XLSX_EXPANSION_FLOOR, XLSX_EXPANSION_RATIO * size))


_START_TAG = re.compile(rb"<(row|c)(?=[\s/>])")
_WHOLE_TAG = re.compile(rb"""<(?:row|c)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*/?>""")
_REF = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")


class _Grid:
    """Follows a worksheet's XML as it is unpacked, to learn the size of the grid the reader
    will fill: its last row and its last column, whether given by reference or by order."""

    def __init__(self):
        self.rows = self.cols = self.row = self.col = 0
        self.tail = b""

    def feed(self, data: bytes, final: bool = False) -> None:
        buf = self.tail + data
        cut = len(buf) if final else buf.rfind(b"<")
        if cut == -1:
            cut = len(buf)
        part, self.tail = buf[:cut], buf[cut:]
        if len(self.tail) > 1 << 16:
            raise ValueError("it is damaged (a part of its first sheet is not well-formed)")
        for m in _START_TAG.finditer(part):
            whole = _WHOLE_TAG.match(part, m.start())
            if whole is None:
                raise ValueError("it is damaged (a part of its first sheet is not well-formed)")
            ref = _REF.search(whole.group(1))
            letters, digits = (ref.group(1), ref.group(2)) if ref else (b"", b"")
            if m.group(1) == b"row":
                self.row = int(digits) if digits and len(digits) < 9 else self.row + 1
                self.col = 0
                self.rows = max(self.rows, self.row)
            else:
                if letters:
                    n = 0
                    for ch in letters.upper()[:4]:
                        n = n * 26 + ch - 64
                    self.col = n
                else:
                    self.col += 1
                if digits and len(digits) < 9:
                    self.rows = max(self.rows, int(digits))
                self.cols = max(self.cols, self.col)


def _check_members(fh, archive: zipfile.ZipFile, limit: int, cells: int) -> None:
    """Unpack every member (core.zipcheck: by the bytes it really gives, checksums checked),
    and follow each worksheet's XML to bound the grid the reader would fill in."""
    grids: dict[str, _Grid] = {}

    def watch(info):
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            grids[info.filename] = _Grid()
            return grids[info.filename].feed
        return None

    try:
        unpack_check(fh, archive, limit, watch=watch)
    except ZipRefused as exc:
        raise ValueError(str(exc)) from exc
    for grid in grids.values():
        grid.feed(b"", final=True)
        if grid.cols > MAX_COLUMNS:
            raise ValueError(f"its sheet has cells as far right as column {column_letter(min(grid.cols, 16384))}; "
                             f"the return has {len(standards.CURRENT.COLUMNS)} columns")
        if grid.rows * grid.cols > cells:
            raise ValueError(f"its sheet spans {grid.rows:,} rows by {grid.cols} columns, far more cells than a "
                             "file of its size holds (remove the empty rows below the data)")


def _read_xlsx(data: bytes | Path) -> pl.DataFrame:
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    with (data.open("rb") if isinstance(data, Path) else io.BytesIO(data)) as fh:
        try:
            archive = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise ValueError("it is damaged (not a real Excel file)") from exc
        names = {info.filename for info in archive.infolist()}
        if len(names) > 10_000:
            raise ValueError("it has too many parts to be a real Excel file")
        if "xl/workbook.xml" not in names:
            raise ValueError("it is not an Excel workbook")
        if any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ValueError("it contains macros; save it as a plain Excel workbook (.xlsx)")
        _check_members(fh, archive, xlsx_expansion_limit(size), max(MIN_XLSX_CELLS, size))
        for name in names:
            if name.endswith(".xml") and name.startswith("xl/"):
                head = archive.open(name).read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise ValueError("it contains XML entity declarations, which daboard refuses")
    try:
        return pl.read_excel(data if isinstance(data, Path) else io.BytesIO(data), engine="calamine",
                             infer_schema_length=0, sheet_id=1, raise_if_empty=False)
    except Exception as exc:  # noqa: BLE001 — any reader failure is a file-level problem for the user
        raise ValueError(f"the first sheet cannot be read ({_first_line(exc)})") from exc


# --- Checking ---------------------------------------------------------------------------------


def validate(data: bytes | Path, *, period: Period, residence_codes: set[str],
             max_bytes: int = MAX_BYTES_DEFAULT) -> Result:
    """Check a return (bytes, or a file's path) against the standard for one period and one
    council's districts."""
    return _validate(data, standards.for_period(period), Context(period, frozenset(residence_codes)), max_bytes)


def validate_followup(data: bytes | Path, *, period: Period, max_bytes: int = MAX_BYTES_DEFAULT) -> Result:
    """Check a follow-up return for one period: the same stages, readers and rules as the
    quarterly return, under the follow-up standard for the period."""
    return _validate(data, standards.followup_for_period(period), Context(period), max_bytes)


def _validate(data: bytes | Path, standard, context: Context, max_bytes: int) -> Result:
    if not isinstance(data, Path | bytes):
        data = bytes(data)
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
    header_issues, positions = _check_header(raw.columns, standard)
    if header_issues:
        return Result(None, _capped(header_issues), raw.height)
    # The file is handed over in a one-item list the encoder empties, so nothing here keeps
    # the raw text alive once its distinct values are known: peak memory matters.
    held = [raw]
    small = raw.height < SMALL_FILE_ROWS and size < SMALL_FILE_BYTES
    del raw
    cells = _Rows(held, from_xlsx, standard) if small else _Encoded(held, from_xlsx, standard)
    counts: dict[str, int] = {}
    issues = _run_rules(cells, standard, context, positions, counts)
    if any(i.severity == "error" for i in issues):
        return Result(None, _sorted(issues, standard), cells.height, counts)
    typed = cells.typed()
    del cells
    issues += _run_rules(typed, standard, context, positions, counts)
    return Result(typed.drop("__row"), _sorted(issues, standard), typed.height, counts)


# Below this many rows a return is checked row by row (_Rows), above it by distinct values
# (_Encoded): the same rules and the same results, at the cost that suits the size.
SMALL_FILE_ROWS = 5_000
# …and below this many bytes: a file of few rows but megabytes has huge cells, which the
# distinct values hold once where row by row cleaning copies each of them.
SMALL_FILE_BYTES = 1024 * 1024


class _Rows:
    """A small return's cells, checked row by row.

    Reading each column into its distinct values (`_Encoded`) pays for itself on a large
    file; on a few hundred rows, polars' cost per call is most of the work, and the
    encoding makes several calls a column. Here every column is cleaned in one select and
    every rule reads the rows, in the one parallel pass of `_Checks`. `frame` has the same
    columns as `_Encoded.frame`, so the rules and the results are the same."""

    def __init__(self, held: list[pl.DataFrame], from_xlsx: bool, standard):
        raw = held.pop()
        raw = raw.rename({c: c.strip().lstrip("\ufeff") for c in raw.columns})
        self.standard = standard
        self.height = raw.height
        cleaned = [(_clean(pl.col(c.name).cast(pl.Utf8), c, from_xlsx) if c.name in raw.columns
                    else pl.repeat(None, raw.height, dtype=pl.Utf8)).alias(c.name) for c in standard.COLUMNS]
        frame = raw.select(cleaned).with_row_index("__row", offset=2)
        self.frame = frame.with_columns([dates(c.name).alias(parsed_name(c.name)) for c in standard.COLUMNS
                                         if c.kind == DATE])

    def reads_only(self, column: str | None, expr: pl.Expr) -> bool:
        return False

    def over_distinct(self, column: str | None, expr: pl.Expr) -> None:
        return None

    def typed(self) -> pl.DataFrame:
        """The stored values, every column typed in one select."""
        typed = self.frame.select([pl.col("__row")] + [
            (expr if (expr := col.typed()) is not None else pl.col(col.name)).alias(col.name)
            for col in self.standard.COLUMNS])
        derived = getattr(self.standard, "DERIVED", {})
        return typed.with_columns([e.alias(name) for name, e in derived.items()]) if derived else typed


class _Encoded:
    """A return's cells, checked by their distinct values.

    A column of a million cells holds a few dozen distinct answers (a few thousand for a
    list or a date), so each column (but a `unique` one, the case reference) is read once
    into its distinct values (a polars Categorical with its own categories) and each row's
    index into them. The cleaning (trimmed, blank as null), the dates' parsing, every rule
    that reads one cell and the typing then run on the distinct values only, and are spread
    back to the rows by one gather. Rules across a row run on `frame`: every column's cleaned
    text, each date column parsed once (`__date_<name>`), and the row number (`__row`)."""

    def __init__(self, held: list[pl.DataFrame], from_xlsx: bool, standard):
        raw = held.pop()
        raw = raw.rename({c: c.strip().lstrip("\ufeff") for c in raw.columns})
        self.standard = standard
        self.height = raw.height
        present = [c for c in standard.COLUMNS if c.name in raw.columns]
        encoded = [c for c in present if not c.unique]
        codes = raw.select([pl.col(c.name).cast(pl.Utf8).cast(pl.Categorical(pl.Categories.random()))
                            for c in encoded])
        unique = raw.select([_clean(pl.col(c.name).cast(pl.Utf8), c, from_xlsx).alias(c.name)
                             for c in present if c.unique])
        del raw
        self.ids: dict[str, pl.Series] = {}
        self.distinct: dict[str, pl.DataFrame] = {}
        for col in encoded:
            values = codes.get_column(col.name).dtype.categories.to_series()
            # One more value, null, for the blank cells: every row then has an index.
            values = pl.concat([values.cast(pl.Utf8), pl.Series([None], dtype=pl.Utf8)]).alias(col.name)
            clean = _clean(pl.col(col.name), col, from_xlsx).alias(col.name)
            extra = [dates(col.name).alias(parsed_name(col.name))] if col.kind == DATE else []
            self.distinct[col.name] = values.to_frame().select(clean).with_columns(extra)
            self.ids[col.name] = codes.get_column(col.name).to_physical().fill_null(len(values) - 1)
        del codes
        columns = []
        for col in standard.COLUMNS:
            if col.name in self.distinct:  # its cleaned text, and its parsed date for a date column
                columns.extend(self.spread(col.name, self.distinct[col.name]).get_columns())
            elif col.name in unique.columns:
                columns.append(unique.get_column(col.name))
            else:
                columns.append(pl.repeat(None, self.height, dtype=pl.Utf8, eager=True).alias(col.name))
        frame = pl.DataFrame(columns).with_row_index("__row", offset=2)
        self.frame = frame.with_columns([dates(c.name).alias(parsed_name(c.name)) for c in standard.COLUMNS
                                         if c.kind == DATE and parsed_name(c.name) not in frame.columns])

    def spread(self, name: str, values: pl.DataFrame | pl.Series) -> pl.DataFrame | pl.Series:
        """Results worked out on a column's distinct values, spread back to every row."""
        ids = self.ids[name]
        return values.gather(ids) if isinstance(values, pl.Series) else values.select(pl.all().gather(ids))

    def reads_only(self, column: str | None, expr: pl.Expr) -> bool:
        """Whether `expr` reads only `column` (and its parsed date), so that it can be worked
        out on the column's distinct values."""
        return column in self.distinct and set(expr.meta.root_names()) <= {column, parsed_name(column)}

    def over_distinct(self, column: str | None, expr: pl.Expr) -> pl.Series | None:
        """`expr` for every row, worked out on `column`'s distinct values, if it reads only
        that column (and its parsed date); None otherwise."""
        if not self.reads_only(column, expr):
            return None
        return self.spread(column, self.distinct[column].select(expr).to_series())

    def typed(self) -> pl.DataFrame:
        """The stored values: each column typed on its distinct values, then what the
        standard derives from them."""
        out = [self.frame.get_column("__row")]
        for col in self.standard.COLUMNS:
            expr = col.typed()
            if expr is None:
                out.append(self.frame.get_column(col.name))
                continue
            spread = self.over_distinct(col.name, expr.alias(col.name))
            out.append(spread if spread is not None else self.frame.select(expr.alias(col.name)).to_series())
        derived = getattr(self.standard, "DERIVED", {})
        typed = pl.DataFrame(out)
        return typed.with_columns([e.alias(name) for name, e in derived.items()]) if derived else typed


def _clean(e: pl.Expr, col, from_xlsx: bool) -> pl.Expr:
    """Trimmed text, blank as null; a spreadsheet's date without its midnight."""
    e = e.str.strip_chars()
    if from_xlsx and col.kind == DATE:
        e = e.str.replace(r" 00:00:00$", "")
    return pl.when(e == "").then(None).otherwise(e)


def _run_rules(cells: _Rows | _Encoded | pl.DataFrame, standard, context: Context, positions, counts: dict[str, int]) -> list[Issue]:
    """Every rule of the standard, as declared: on the encoded cells (the errors) or on the
    typed values (the warnings). A rule that reads one cell is worked out on the column's
    distinct values; the rest on the rows."""
    typed = isinstance(cells, pl.DataFrame)
    frame = cells if typed else cells.frame
    planned = [(mask, rule.code, column, valid, value, quote)
               for rule in standard.RULES.values() if rule.on_typed == typed
               for mask, column, valid, value, quote in rule.checks(standard.COLUMNS, context)]
    if not typed:
        # The masks that read one column are worked out on its distinct values, all of a
        # column's in one select (a small return's checking is mostly polars' per-call cost,
        # so one call a column rather than one a rule), and spread back to the rows.
        by_column: dict[str, list[int]] = {}
        for i, (mask, _code, column, *_rest) in enumerate(planned):
            if cells.reads_only(column, mask):
                by_column.setdefault(column, []).append(i)
        spread = []
        for column, indices in by_column.items():
            masks = cells.distinct[column].select([planned[i][0].fill_null(False).alias(f"__m{i}") for i in indices])
            spread.extend(cells.spread(column, masks).get_columns())
            for i in indices:
                planned[i] = (pl.col(f"__m{i}"), *planned[i][1:])
        if spread:
            frame = frame.with_columns(spread)
    checks = _Checks(positions, counts, rules=standard.RULES)
    for mask, code, column, valid, value, quote in planned:
        checks.add(mask, code, column, valid, value, quote=quote)
    return checks.run(frame)


def _capped(issues: list[Issue]) -> list[Issue]:
    """At most ISSUES_PER_RULE of each rule (Result counts them all)."""
    seen: dict[str, int] = {}
    out = []
    for i in issues:
        seen[i.code] = seen.get(i.code, 0) + 1
        if seen[i.code] <= ISSUES_PER_RULE:
            out.append(i)
    return out


def _sorted(issues: list[Issue], standard=standards.CURRENT) -> list[Issue]:
    """By row, then by the column's place in the user's file."""
    order = {c.name: i for i, c in enumerate(standard.COLUMNS)}
    return sorted(issues, key=lambda i: (i.row or 0, i.position or 100 + order.get(i.column or "", 99), i.code))


_RENAMED_BY_READER = re.compile(r"^(?P<name>.+)_duplicated_\d+$")


def header_names(columns: list[str]) -> list[str]:
    """The header as the file wrote it: polars' readers rename a column name that comes
    again (`age_band`, then `age_band_duplicated_0`), so that the second is reported as a
    duplicate of the first, not as a column the standard does not know."""
    names = [c.strip().lstrip("\ufeff") for c in columns]
    present = set(names)
    out = []
    for name in names:
        m = _RENAMED_BY_READER.match(name)
        out.append(m["name"] if m and m["name"] in present else name)
    return out


def _check_header(columns: list[str], standard=standards.CURRENT) -> tuple[list[Issue], dict[str, int]]:
    issues, positions, seen = [], {}, set()
    for position, (raw_name, name) in enumerate(zip(columns, header_names(columns), strict=True), start=1):
        if name in seen:
            issues.append(_issue("column-duplicate", row=1, column=name, position=position))
            continue
        seen.add(name)
        positions[name] = position
        if name not in standard.BY_NAME:
            key = name.lower().replace(" ", "_").replace("-", "_")
            code = "column-personal-data" if key in standard.PERSONAL_DATA_COLUMNS else "column-unknown"
            issues.append(_issue(code, row=1, column=name, value=raw_name, position=position))
    for required in standard.REQUIRED:
        if required not in positions:
            issues.append(_issue("column-missing", row=1, column=required))
    return issues, positions


_dates, _ints, _yes_no = dates, ints, yes_no  # declared datasets (daboard.partnership) check with them


class _Checks:
    """Rules gathered as polars expressions and counted in one parallel pass; only the
    rules that fired are then filtered to name their rows. `rules`: every declared rule by
    default; a declared dataset (daboard.partnership) passes its own."""

    def __init__(self, positions, counts: dict[str, int] | None = None, rules=None):
        self.positions = positions
        self.counts = counts if counts is not None else {}
        self.rules = rules or ALL_RULES
        self.specs: list[tuple[pl.Expr, str, str, str, pl.Expr | None]] = []

    def add(self, mask: pl.Expr, code: str, column: str, valid: str = "", value: pl.Expr | None = None, *,
            quote=None) -> None:
        """`quote`: the part of a cell to quote back (the cell itself by default)."""
        self.specs.append((mask, code, column, valid, value, quote))

    def run(self, frame: pl.DataFrame) -> list[Issue]:
        if not self.specs:
            return []
        counts = frame.select([m.fill_null(False).sum().alias(f"c{i}") for i, (m, *_r) in enumerate(self.specs)]).row(0)
        issues: list[Issue] = []
        for n, (mask, code, column, valid, value, quote) in zip(counts, self.specs, strict=True):
            if n:
                already = sum(1 for i in issues if i.code == code)
                self.counts[code] = self.counts.get(code, 0) + n
                issues += _collect(frame, mask, code, column, valid, self.positions, value, self.rules,
                                   limit=max(0, ISSUES_PER_RULE - already), quote=quote)
        return issues


def _collect(frame: pl.DataFrame, mask: pl.Expr, code: str, column: str, valid: str, positions,
             value: pl.Expr | None = None, rules=None, *, limit: int = ISSUES_PER_RULE, quote=None) -> list[Issue]:
    """The first `limit` rows the rule fires on, each value (or the part `quote` picks from
    it) cut to MAX_VALUE_CHARS."""
    value = value if value is not None else pl.col(column)
    v = value.cast(pl.Utf8)
    if quote is None:
        v = pl.when(v.str.len_chars() > MAX_VALUE_CHARS).then(v.str.slice(0, MAX_VALUE_CHARS) + "…").otherwise(v)
    hits = frame.filter(mask).head(limit).select(pl.col("__row"), v.alias("v")).rows()
    if quote is not None:
        hits = [(row, _cut(quote(v))) for row, v in hits]
    pos = positions.get(column)
    rule = (rules or ALL_RULES)[code]
    return [Issue(code, rule.severity, row, column, v,
                  rule.message.format(column=column, value="" if v is None else v, valid=valid), pos)
            for row, v in hits]


# --- Typing and warnings ---------------------------------------------------------------------
