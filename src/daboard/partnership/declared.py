"""A partner's dataset, declared as data, and the checking of a file against it.

A declaration is a small aggregate table: dimension fields (codes, such as age band or
gender) and count fields (whole numbers), plus checks across fields (one count no more than
another). It is stored as JSON on the dataset and checked here by the return validator's
machinery (daboard.returns.validate: the same reader, the same issue records, the same
one-pass polars checks and the same wording), so a partner meets the same clear errors as a
provider. No Django here: a pure function from bytes to (rows, issues).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from daboard.returns.standard import CURRENT
from daboard.returns.standard.base import Rule, rules, worded_rules
from daboard.returns.validate import (
    MAX_BYTES_DEFAULT,
    Issue,
    Result,
    _Checks,
    _ints,
    _issue,
    header_names,
    read_table,
)

CODE, COUNT = "code", "count"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# A code begins with a letter or digit: one beginning with + - = or @ is a formula to a spreadsheet.
CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_+-]{0,39}$")
DEFAULT_MAXIMUM = 1_000_000


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # CODE (a dimension) or COUNT (a measure)
    description: str = ""
    codes: tuple[str, ...] = ()
    maximum: int = DEFAULT_MAXIMUM


@dataclass(frozen=True)
class Check:
    """`column` must be no more than `than` on every row (a part is no more than its whole)."""
    column: str
    than: str


@dataclass(frozen=True)
class Declaration:
    fields: tuple[Field, ...]
    checks: tuple[Check, ...] = ()

    @property
    def dimensions(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == CODE)

    @property
    def measures(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.kind == COUNT)

    @property
    def by_name(self) -> dict[str, Field]:
        return {f.name: f for f in self.fields}

    def as_json(self) -> dict:
        return {"fields": [{"name": f.name, "kind": f.kind, "description": f.description, "codes": list(f.codes),
                            "maximum": f.maximum} for f in self.fields],
                "checks": [{"rule": "not-more-than", "column": c.column, "than": c.than} for c in self.checks]}

    @classmethod
    def from_json(cls, data: dict) -> Declaration:
        return cls(tuple(Field(f["name"], f["kind"], f.get("description", ""), tuple(f.get("codes", ())),
                               int(f.get("maximum", DEFAULT_MAXIMUM))) for f in data.get("fields", ())),
                   tuple(Check(c["column"], c["than"]) for c in data.get("checks", ())))

    def as_lines(self) -> tuple[str, str]:
        """The declaration in the words of the definition form (fields, checks)."""
        fields = []
        for f in self.fields:
            parts = [f.name, f.kind, ", ".join(f.codes) if f.kind == CODE else
                     (str(f.maximum) if f.maximum != DEFAULT_MAXIMUM else "")]
            if f.description:
                parts.append(f.description)
            fields.append(" | ".join(parts).rstrip(" |"))
        return "\n".join(fields), "\n".join(f"{c.column} <= {c.than}" for c in self.checks)


class DeclarationError(ValueError):
    """The declaration's problems, each naming the line."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse(fields_text: str, checks_text: str = "") -> Declaration:
    """Read the definition form: one field a line, `name | code | a, b, c | description` or
    `name | count | [largest] | description`; one check a line, `part <= whole`."""
    problems: list[str] = []
    fields: list[Field] = []
    seen: set[str] = set()
    for n, line in enumerate(fields_text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        name, kind = parts[0], (parts[1].lower() if len(parts) > 1 else "")
        if not NAME_PATTERN.match(name):
            problems.append(f"Fields, line {n}: \"{name}\" is not a field name. Use lower-case letters, digits and _, "
                            "starting with a letter, up to 40 characters.")
            continue
        if name in seen or name == "quarter":
            problems.append(f"Fields, line {n}: the name {name} is used twice (or is the reserved name quarter).")
            continue
        seen.add(name)
        if kind == CODE:
            codes = tuple(c.strip() for c in (parts[2] if len(parts) > 2 else "").split(",") if c.strip())
            bad = [c for c in codes if not CODE_PATTERN.match(c)]
            if len(codes) < 1 or bad or len(set(codes)) != len(codes):
                problems.append(f"Fields, line {n}: {name} needs its codes, separated by commas, each once, made of "
                                "letters, digits, _ + or -, beginning with a letter or digit (for example: female, male, 65+).")
                continue
            fields.append(Field(name, CODE, parts[3] if len(parts) > 3 else "", codes))
        elif kind == COUNT:
            largest = parts[2] if len(parts) > 2 else ""
            if largest and not largest.isdigit():
                problems.append(f"Fields, line {n}: the largest allowed count of {name} must be a whole number, "
                                f"not \"{largest}\".")
                continue
            fields.append(Field(name, COUNT, parts[3] if len(parts) > 3 else "",
                                maximum=int(largest) if largest else DEFAULT_MAXIMUM))
        else:
            problems.append(f"Fields, line {n}: the kind of {name} must be code or count, not \"{kind}\".")
    if not any(f.kind == COUNT for f in fields) and not problems:
        problems.append("Fields: declare at least one count (a line like: contacts | count | | Contacts in the quarter).")
    counts = {f.name for f in fields if f.kind == COUNT}
    checks: list[Check] = []
    for n, line in enumerate(checks_text.splitlines(), start=1):
        if not line.strip():
            continue
        m = re.match(r"^\s*([a-z][a-z0-9_]*)\s*<=\s*([a-z][a-z0-9_]*)\s*$", line)
        if not m or m.group(1) not in counts or m.group(2) not in counts or m.group(1) == m.group(2):
            problems.append(f"Checks, line {n}: write a check as part <= whole, naming two different count fields "
                            f"({', '.join(sorted(counts)) or 'none declared'}).")
            continue
        checks.append(Check(m.group(1), m.group(2)))
    if problems:
        raise DeclarationError(problems)
    return Declaration(tuple(fields), tuple(checks))


# The return's rules, worded for a dataset; the same codes, so a summary counts them alike.
RULES: dict[str, Rule] = rules(*worded_rules(Path(__file__).with_name("declared_rules.toml")))


def template_csv(declaration: Declaration) -> bytes:
    """The heading row a partner fills in."""
    return (",".join(f.name for f in declaration.fields) + "\r\n").encode()


def validate(data: bytes | Path, declaration: Declaration, *, max_bytes: int = MAX_BYTES_DEFAULT) -> Result:
    """Check a partner's file against its dataset's declaration. The result's rows are typed:
    dimensions as text, counts as whole numbers."""
    size = data.stat().st_size if isinstance(data, Path) else len(data)
    if size > max_bytes:
        mb = 1024 * 1024
        return Result(None, [_issue("file-too-large", value=f"{size / mb:.1f} MB", valid=f"{max_bytes / mb:.0f} MB",
                                    rules=RULES)])
    try:
        raw, _from_xlsx = read_table(data)
    except ValueError as exc:
        return Result(None, [_issue("file-unreadable", value=str(exc), rules=RULES)])
    if raw.width == 0 or raw.height == 0:
        return Result(None, [_issue("file-empty", rules=RULES)])
    issues, positions = _check_header(raw.columns, declaration)
    if issues:
        return Result(None, issues, raw.height)
    frame = raw.rename({c: c.strip().lstrip("\ufeff") for c in raw.columns})
    cleaned = []
    for f in declaration.fields:
        e = pl.col(f.name).cast(pl.Utf8).str.strip_chars()
        cleaned.append(pl.when(e == "").then(None).otherwise(e).alias(f.name))
    frame = frame.select(cleaned).with_row_index("__row", offset=2)
    issues = _check_cells(frame, declaration, positions)
    order = {f.name: i for i, f in enumerate(declaration.fields)}
    issues.sort(key=lambda i: (i.row or 0, order.get(i.column or "", 99), i.code))
    if issues:
        return Result(None, issues, frame.height)
    typed = frame.with_columns([_ints(f.name).cast(pl.Int64).alias(f.name) for f in declaration.measures])
    return Result(typed.drop("__row"), [], frame.height)


def _check_header(columns: list[str], declaration: Declaration) -> tuple[list[Issue], dict[str, int]]:
    issues, positions = [], {}
    names = declaration.by_name
    allowed = ", ".join(names)
    for position, (raw_name, name) in enumerate(zip(columns, header_names(columns), strict=True), start=1):
        if name in positions:
            issues.append(_issue("column-duplicate", row=1, column=name, position=position, rules=RULES))
            continue
        positions[name] = position
        if name not in names:
            key = name.lower().replace(" ", "_").replace("-", "_")
            code = "column-personal-data" if key in CURRENT.PERSONAL_DATA_COLUMNS else "column-unknown"
            issues.append(_issue(code, row=1, column=name, value=raw_name, valid=allowed, position=position, rules=RULES))
    for f in declaration.fields:
        if f.name not in positions:
            issues.append(_issue("column-missing", row=1, column=f.name, rules=RULES))
    return issues, positions


def _check_cells(frame: pl.DataFrame, declaration: Declaration, positions: dict[str, int]) -> list[Issue]:
    checks = _Checks(positions, rules=RULES)
    for f in declaration.fields:
        c = pl.col(f.name)
        present = c.is_not_null()
        if f.kind == CODE:
            valid = ", ".join(f.codes)
            checks.add(~present, "required", f.name, "one of: " + valid)
            checks.add(present & ~c.is_in(list(f.codes)), "code-unknown", f.name, valid)
        else:
            n = _ints(f.name)
            valid = f"0 to {f.maximum:,}"
            checks.add(~present, "required", f.name, "a whole number from " + valid)
            checks.add(present & n.is_null(), "integer-format", f.name, valid)
            checks.add(present & n.is_not_null() & ((n < 0) | (n > f.maximum)), "integer-range", f.name, valid)
    for check in declaration.checks:
        part, whole = _ints(check.column), _ints(check.than)
        checks.add(part.is_not_null() & whole.is_not_null() & (part > whole), "count-more-than", check.column,
                   check.than)
    dims = [f.name for f in declaration.dimensions]
    if dims:
        combo = pl.concat_str([pl.col(d).fill_null("") for d in dims], separator=", ")
        checks.add(pl.struct(dims).is_duplicated(), "row-duplicate", dims[0], ", ".join(dims), value=combo)
    else:
        # No dimensions: the file is one line of figures.
        checks.add(pl.col("__row") > 2, "row-duplicate", declaration.fields[0].name, "the quarter",
                   value=pl.lit("the quarter"))
    return checks.run(frame)


@dataclass
class Totals:
    """A stored submission's rows summed: per count, and per count by each dimension's code."""
    counts: dict[str, int] = field(default_factory=dict)
    by: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # dimension -> count -> code -> n


def totals(declaration: Declaration, rows: list[dict]) -> Totals:
    out = Totals({m.name: 0 for m in declaration.measures},
                 {d.name: {m.name: dict.fromkeys(d.codes, 0) for m in declaration.measures}
                  for d in declaration.dimensions})
    for row in rows:
        for m in declaration.measures:
            n = int(row.get(m.name) or 0)
            out.counts[m.name] += n
            for d in declaration.dimensions:
                code = row.get(d.name)
                if code in out.by[d.name][m.name]:
                    out.by[d.name][m.name][code] += n
    return out
