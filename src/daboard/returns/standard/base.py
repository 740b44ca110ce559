"""What every version of the return standard is declared with: columns that carry their own
properties, and rules that carry their own check, message and title.

A rule's check is a polars expression builder: for a *cell rule* (`cells` says which columns
it checks) `check(column, context)` gives the mask of the rows it fires on; for a *row rule*
(it names one `column`) `check(context)` does. `valid` (same arguments) gives the text of
what would be valid. Warnings are checked on the typed values once no error fired; every
other rule on the cells as text (blank as null), with each date column parsed once (read it
with `parsed(name)`). Rules with no check (the file and the header) are checked by the
reader. `returns.validate` runs the rules of a standard as they are declared: it knows no
rule by name.

No Django and no app imports here: the standard is a declaration.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from daboard.core.periods import Period

TEXT, DATE, CODE, YESNO, INTEGER, LIST, RESIDENCE = "text", "date", "code", "yes/no", "integer", "list", "residence"

YES_NO = ("yes", "no", "not_known")
YES_NO_ALIASES = {"y": "yes", "n": "no"}
# The provider's pseudonymous case reference, in every return that has one: declared once.
CASE_REF_PATTERN = re.compile(r"^[A-Za-z0-9_/-]{1,64}$")
# The rules that concern the file as a whole: when one fires, no cell was checked.
FILE_LEVEL_RULES = frozenset({"file-unreadable", "file-empty", "file-too-large"})


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool | str  # True, False, or "if_closed"
    description: str
    codes: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    closed_only: bool = False
    open_case_rule: str = "exit-on-open-case"  # the rule a value breaks on an open case
    labels: dict[str, str] = field(default_factory=dict)
    # Copied into next quarter's prefilled return for a case still open (who the person is
    # and how they came; not what happened this quarter).
    carried_over: bool = False
    # A text column's values must match this (a case reference).
    pattern: re.Pattern | None = None
    # Answers only a person reached at follow-up can give.
    reached_only: bool = False
    # Each row has its own value (the case reference): checked row by row, where every
    # other column is checked by its few distinct values.
    unique: bool = False

    @property
    def required_text(self) -> str:
        return {True: "yes", False: "no", "if_closed": "if closed"}[self.required]

    @property
    def is_list(self) -> bool:
        """`;`-separated codes, stored as a bit set (bit i for the i-th code)."""
        return self.kind == LIST

    def typed(self) -> pl.Expr | None:
        """The column's value as stored, from its checked text (None: stored as text)."""
        if self.kind == DATE:
            return dates(self.name)
        if self.kind == INTEGER:
            return ints(self.name).cast(pl.Int16)
        if self.kind == YESNO:
            return yes_no(self.name)
        if self.kind == LIST:
            return list_bits(self)
        return None


@dataclass(frozen=True)
class Context:
    """What a check may read besides the row: the period and the council's districts."""

    period: Period | None = None
    residence: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # "error" or "warning"
    message: str  # shown to the user; {column}, {value} and {valid} are filled in
    title: str  # the rule in a few words, for a summary of a file's problems
    check: Callable[..., pl.Expr] | None = None  # (column, context) for a cell rule, (context) for a row rule
    cells: Callable[[Column], bool] | None = None  # a cell rule: the columns it checks
    column: str | None = None  # a row rule: the column it names
    valid: Callable[..., str] | None = None  # what would be valid (same arguments as check)
    value: Callable[[Context], pl.Expr] | None = None  # a row rule: the value quoted (default: the column's cell)
    quote: Callable[[Column, str], str] | None = None  # a cell rule: the part of the cell quoted back

    @property
    def on_typed(self) -> bool:
        """Warnings read the typed values, once the file has no error."""
        return self.severity == "warning"

    def checks(self, columns: tuple[Column, ...], context: Context):
        """(mask, column, valid, value expression, quote) for each place the rule applies."""
        if self.check is None:
            return
        if self.cells is not None:
            for col in columns:
                if self.cells(col):
                    yield (self.check(col, context), col.name, self.valid(col, context) if self.valid else "", None,
                           (lambda cell, col=col: self.quote(col, cell)) if self.quote else None)
        else:
            yield (self.check(context), self.column, self.valid(context) if self.valid else "",
                   self.value(context) if self.value else None, None)


def rules(*declared: Rule) -> dict[str, Rule]:
    return {r.code: r for r in declared}


def worded_rules(toml: Path) -> tuple[Rule, ...]:
    """Rules that are words only: the validator applies them itself (a file it cannot read, a
    column missing), so they carry no check. Their wording is data, in a TOML file beside the
    module that uses them: a table per code, in the order a summary lists them, with its
    `message`, `title` and (where not an error) `severity`."""
    with toml.open("rb") as f:
        table = tomllib.load(f)
    return tuple(Rule(code, w.get("severity", "error"), w["message"], w["title"]) for code, w in table.items())


# --- Expressions the checks and the typing share ----------------------------------------------


def cell(name: str) -> pl.Expr:
    return pl.col(name)


def present(col: Column) -> pl.Expr:
    return pl.col(col.name).is_not_null()


def parsed(name: str) -> pl.Expr:
    """A date column as parsed once for every rule that reads it."""
    return pl.col(f"__date_{name}")


def parsed_name(name: str) -> str:
    return f"__date_{name}"


def dates(name: str) -> pl.Expr:
    c = pl.col(name)
    return pl.coalesce(c.str.strptime(pl.Date, "%Y-%m-%d", strict=False),
                       c.str.strptime(pl.Date, "%d/%m/%Y", strict=False))


def ints(name: str) -> pl.Expr:
    """Whole numbers; 3.0 from a spreadsheet counts as 3."""
    f = pl.col(name).str.replace_all(",", "").cast(pl.Float64, strict=False)
    return pl.when(f.is_not_null() & (f == f.floor()) & f.is_finite()).then(f).otherwise(None)


def yes_no(name: str) -> pl.Expr:
    return pl.col(name).str.to_lowercase().replace(YES_NO_ALIASES)


def list_pattern(col: Column) -> str:
    """A list cell made only of allowed codes, `;`-separated, blanks and spaces allowed: one
    linear pattern, so a cell of a million separators is never split into its items."""
    code = "(?:" + "|".join(re.escape(c) for c in col.codes) + ")"
    return rf"^\s*{code}?\s*(?:;\s*{code}?\s*)*$"


def list_bits(col: Column) -> pl.Expr:
    """A checked list cell as a bit set: bit i for the i-th code."""
    mapping = {code: 1 << i for i, code in enumerate(col.codes)}
    return (pl.col(col.name).str.replace_all(r";[\s;]*", ";").str.split(";").list.eval(
        pl.element().str.strip_chars().replace_strict(mapping, default=0, return_dtype=pl.Int32)
    ).list.unique().list.sum().fill_null(0).cast(pl.Int32))


def first_bad_item(col: Column, text: str, limit: int = 1000) -> str:
    """The first item of a list cell that is not an allowed code (the cell if none is)."""
    return next((x.strip() for x in text.split(";", limit) if x.strip() and x.strip() not in col.codes), text)


def codes_of(codes: tuple[str, ...], bits: int | None) -> str:
    """A stored list (bit i set for the i-th code) written back as the file writes it."""
    return ";".join(code for i, code in enumerate(codes) if bits and bits & (1 << i))


def required_hint(col: Column, context: Context) -> str:
    """What to enter in a required cell left blank."""
    if col.kind == CODE:
        return "one of: " + ", ".join(col.codes)
    if col.kind == YESNO:
        return "yes, no or not_known"
    if col.kind == RESIDENCE:
        return "a district code (" + ", ".join(sorted(context.residence)) + "), out_of_area or not_known"
    if col.kind == INTEGER:
        return f"a whole number from {col.minimum} to {col.maximum}"
    if col.kind == DATE:
        return "a date, like 2024-04-30"
    return "a value"


def residence_allowed(col: Column, context: Context) -> list[str]:
    return sorted(context.residence) + list(col.codes)
