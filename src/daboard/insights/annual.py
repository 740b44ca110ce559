"""The annual return to the ministry for one council and financial year, laid out section by
section like the ministry's safe-accommodation data return, generated from the quarterly
returns, the accommodation register and the money ledger.

A household is one person a provider supported (contract + case_ref) in any quarter of the
year, described as in their latest return of the year; list answers (types of support,
vulnerabilities) are every answer given in the year. Every figure has a reference (A1, A2,
...). The working copy lists every household, register line and ledger line with the
references of the figures it is counted in, and a check column recomputes each figure from
those rows with a spreadsheet formula. The copy for sending applies disclosure control and
holds no case references.

Why this, alone of the figures, reads case rows and not the aggregates built at import
(insights.aggregates): the ministry counts *households in the year*, and a person supported
in several quarters appears in each quarter's return. The aggregates are sums over return
versions, exact for any scope and quarter but blind to who is in them, so adding four
quarters counts such a person up to four times; only the rows (contract + case_ref) can be
deduplicated, and the working copy must list each household with the references of the
figures it is counted in. What the annual shares with the quarterly KPIs is declared once,
in the KPI registry (insights.registry): the conditions (a date in the period, a code,
not_known matching a blank answer) and the code tables of the breakdowns, compiled here to
polars over the year's households as they are over a quarter's rows at import.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from daboard.commissioning.models import Allocation, SupportCategory
from daboard.commissioning.queries import ledger_in_year
from daboard.core import clock
from daboard.core.disclosure import Policy
from daboard.core.exports import safe_cell
from daboard.core.models import Council
from daboard.core.periods import financial_year_bounds, financial_year_periods
from daboard.core.text import clean_text
from daboard.returns.models import CaseRecord, ReturnSubmission
from daboard.returns.standard import CURRENT as std

from . import registry
from .models import AccommodationKind, AccommodationUnit

SA = [c for c in std.SUPPORT_SETTINGS if c != "community"]
HOUSEHOLD_FIELDS = ["contract", "provider", "period", "version", "case_ref", "referral_date", "referral_outcome",
                    "support_setting", "gender", "transgender", "age_band", "ethnic_group", "disability",
                    "sexual_orientation", "child_victim", "children_in_household", "vulnerabilities",
                    "session_types", "closure_date", "closure_reason", "move_on"]


@dataclass
class Figure:
    ref: str
    section: str
    label: str
    rule: str
    source: str  # "Households", "Register" or "Ledger"
    mask: pl.Series | list[bool]
    value: int | Decimal
    total: bool = False  # the total row of its table
    table: str = ""  # figures of one table with a total get secondary suppression together
    summed: str | None = None  # column summed (else rows counted)


@dataclass(frozen=True)
class _Span:
    """A financial year as the registry's conditions read a period."""
    first_day: dt.date
    last_day: dt.date


_KPI = registry.by_key(registry.KPIS)


def households(council: Council, year: str) -> pl.DataFrame:
    """One row per household supported in the year, built column-wise from the current
    versions of the year's four quarterly returns."""
    periods = [str(p) for p in financial_year_periods(year)]
    current = list(ReturnSubmission.objects.filter(contract__council=council.duty_council, period__in=periods,
                                                   is_current=True).values_list("pk", flat=True))
    qs = (CaseRecord.objects.filter(submission__in=current, council=council.duty_council)
          .values_list("submission__contract__reference", "provider__name", "period", "submission__version",
                       *HOUSEHOLD_FIELDS[4:]))
    schema = {"contract": pl.Utf8, "provider": pl.Utf8, "period": pl.Utf8, "version": pl.Int64, "case_ref": pl.Utf8,
              "referral_date": pl.Date, "referral_outcome": pl.Utf8, "support_setting": pl.Utf8, "gender": pl.Utf8,
              "transgender": pl.Utf8, "age_band": pl.Utf8, "ethnic_group": pl.Utf8, "disability": pl.Utf8,
              "sexual_orientation": pl.Utf8, "child_victim": pl.Utf8, "children_in_household": pl.Int64,
              "vulnerabilities": pl.Int64, "session_types": pl.Int64, "closure_date": pl.Date,
              "closure_reason": pl.Utf8, "move_on": pl.Utf8}
    frame = pl.DataFrame(list(qs.iterator(chunk_size=10_000)), schema=schema, orient="row")
    last = [pl.col(c).last() for c in HOUSEHOLD_FIELDS if c not in ("contract", "case_ref", "vulnerabilities",
                                                                   "session_types", "children_in_household")]
    return (frame.sort("contract", "case_ref", "period")
            .group_by("contract", "case_ref", maintain_order=True)
            .agg(*last, pl.col("children_in_household").max(), pl.col("vulnerabilities").bitwise_or(),
                 pl.col("session_types").bitwise_or())
            .with_columns(pl.col("transgender", "sexual_orientation", "move_on", "closure_reason").fill_null("not_known"))
            .select(HOUSEHOLD_FIELDS))


def _has(col: str, codes: tuple[str, ...], code: str) -> pl.Expr:
    return (pl.col(col) & (1 << codes.index(code))) > 0


def figures(council: Council, year: str) -> tuple[list[Figure], pl.DataFrame, list[AccommodationUnit], list]:
    first, last = financial_year_bounds(year)
    span = _Span(first, last)
    h = households(council, year)

    def is_(field: str, code: str) -> pl.Expr:
        return registry.Is(field, code).pl(span)

    in_sa = registry.OneOf("support_setting", tuple(SA)).pl(span)
    supported = in_sa & is_("referral_outcome", "accepted")
    referred = registry.NEW.pl(span)  # referred in the year
    ended = supported & registry.CLOSED.pl(span)
    out: list[Figure] = []
    counters: dict[str, int] = {}

    def ref(letter: str) -> str:
        """The next reference of a section: A1, A2, ..."""
        counters[letter] = counters.get(letter, 0) + 1
        return f"{letter}{counters[letter]}"

    def add(section, letter, label, rule, expr, *, total=False, table="", summed=None):
        mask = h.select(expr.fill_null(False).alias("m"))["m"]
        value = int(h.filter(mask)[summed].sum() or 0) if summed else int(mask.sum())
        out.append(Figure(ref(letter), section, label, rule, "Households", mask, value,
                          total=total, table=table, summed=summed))

    def label(code):
        return code.replace("_", " ").capitalize()

    sec = "A. Households supported in safe accommodation, by type of accommodation"
    for code in SA:
        add(sec, "A", AccommodationKind(code).label, f"referral accepted and support_setting = {code}",
            supported & (pl.col("support_setting") == code), table="A")
    add(sec, "A", "Total households supported in safe accommodation",
        "referral accepted and support_setting is safe accommodation", supported, total=True, table="A")
    add(sec, "A", "For comparison: households supported in the community", "referral accepted and support_setting = "
        "community", (pl.col("referral_outcome") == "accepted") & (pl.col("support_setting") == "community"))

    sec = "B. Households in safe accommodation, by type of support received (a household may have several)"
    for code in std.SESSION_TYPES:
        add(sec, "B", label(code), f"supported in safe accommodation and session_types includes {code}",
            supported & _has("session_types", std.SESSION_TYPES, code))

    sec = "C. People supported in safe accommodation"
    for code, text in [("female", "Women and girls"), ("male", "Men and boys"), ("non_binary", "Non-binary"),
                       ("other", "Other gender"), ("not_known", "Gender not known")]:
        add(sec, "C", text, f"supported in safe accommodation and gender = {code}",
            supported & is_("gender", code), table="C")
    add(sec, "C", "Total victims supported", "supported in safe accommodation", supported, total=True, table="C")
    add(sec, "C", "Of whom transgender", "supported in safe accommodation and transgender = yes",
        supported & (pl.col("transgender") == "yes"))
    add(sec, "C", "Of whom child victims in their own right", "supported in safe accommodation and child_victim = yes",
        supported & (pl.col("child_victim") == "yes"))
    add(sec, "C", "Children in the households supported", "sum of children_in_household (largest in the year) over "
        "households supported in safe accommodation", supported, summed="children_in_household")

    sec = "D. Characteristics of victims supported in safe accommodation"
    for code in _KPI["by_age_band"].codes:
        add(sec, "D", f"Age {label(code).replace(' plus', '+')}", f"supported in safe accommodation and age_band = {code}",
            supported & is_("age_band", code), table="D-age")
    for code in _KPI["by_ethnic_group"].codes:
        add(sec, "D", f"Ethnic group: {label(code)}", f"supported in safe accommodation and ethnic group = {code}",
            supported & is_("ethnic_group", code), table="D-ethnic")
    add(sec, "D", "Disabled", "supported in safe accommodation and disability = yes",
        supported & (pl.col("disability") == "yes"))
    add(sec, "D", "Lesbian, gay, bisexual or other sexual orientation",
        "supported in safe accommodation and sexual_orientation is gay_lesbian, bisexual or other",
        supported & pl.col("sexual_orientation").is_in(["gay_lesbian", "bisexual", "other"]))
    for code in std.VULNERABILITIES:
        add(sec, "D", f"Vulnerability: {label(code)}", f"supported in safe accommodation and vulnerabilities "
            f"includes {code}", supported & _has("vulnerabilities", std.VULNERABILITIES, code))

    sec = "E. Referrals to safe accommodation not accepted, and why"
    for code in _KPI["referrals_declined"].codes:
        add(sec, "E", label(code.removeprefix("declined_")), f"referred in the year, safe accommodation, "
            f"referral_outcome = {code}", in_sa & referred & is_("referral_outcome", code), table="E")
    add(sec, "E", "Total referrals not accepted", "referred in the year, safe accommodation, referral_outcome "
        "starts declined_", in_sa & referred & pl.col("referral_outcome").str.starts_with("declined_"),
        total=True, table="E")

    sec = "F. Households whose support in safe accommodation ended, why, and where they moved on to"
    for code in std.CLOSURE_REASONS:
        add(sec, "F", f"Ended: {label(code)}", f"supported in safe accommodation, closed in the year, "
            f"closure_reason = {code}", ended & (pl.col("closure_reason") == code), table="F-reason")
    add(sec, "F", "Total support ended", "supported in safe accommodation and closed in the year", ended,
        total=True, table="F-reason")
    for code in std.MOVE_ON:
        add(sec, "F", f"Moved on: {label(code)}", f"closed in the year and move_on = {code} (blank counts as "
            f"not_known)", ended & (pl.col("move_on") == code), table="F-move")

    # G. Bed spaces, from the register: schemes open at any time in the year.
    units = [u for u in AccommodationUnit.objects.filter(council=council.duty_council).select_related("provider", "district")
             .order_by("kind", "name") if (u.opened is None or u.opened <= last) and (u.closed is None or u.closed >= first)]
    sec = "G. Safe accommodation available: units and bed spaces by type (accommodation register)"
    for kind in AccommodationKind:
        for measure in ("units", "bed_spaces"):
            mask = [u.kind == kind.value for u in units]
            out.append(Figure(ref("G"), sec, f"{kind.label}: {measure.replace('_', ' ')}",
                              f"register lines of type {kind.value} open in the year: sum of {measure}", "Register",
                              mask, sum(getattr(u, measure) for u, m in zip(units, mask, strict=True) if m),
                              summed=measure))

    # H. Spend, from the ledger: every commitment's amount in the year (dated ones spread by days).
    contracts = ledger_in_year(council.duty_council, year)
    sec = f"H. Spend on support in {year}, by type of support (the money ledger: each commitment's amount in the year)"
    for cat, text in [*SupportCategory.choices, ("", "Not categorised")]:
        mask = [c.support_category == cat for c, _ in contracts]
        out.append(Figure(ref("H"), sec, text, f"ledger lines of type '{cat or 'blank'}': amount in {year}",
                          "Ledger", mask, sum((v for (_c, v), m in zip(contracts, mask, strict=True) if m), Decimal(0)),
                          summed="value"))
    out.append(Figure(ref("H"), sec, "Total spend", f"every ledger line: amount in {year}", "Ledger",
                      [True] * len(contracts), sum((v for _c, v in contracts), Decimal(0)), total=True, summed="value"))
    return out, h, units, contracts


def annual_return_xlsx(council: Council, year: str, *, working_copy: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    council = council.duty_council
    figs, h, units, contracts = figures(council, year)
    policy = Policy.for_council(council)
    shown = {f.ref: f.value for f in figs}
    if not working_copy:
        # Disclosure control on counts of people; money and bed spaces are not about people.
        # Each table's cells (its total apart) get secondary suppression together.
        tables: dict[str, dict[str, int]] = {}
        for f in figs:
            if f.source == "Households":
                shown[f.ref] = policy.count(f.value)
                if f.table and f.summed is None and not f.total:
                    tables.setdefault(f.table, {})[f.ref] = f.value
        for cells in tables.values():
            shown.update(policy.table(cells, has_total=True))
    allocated = sum((a.amount for a in Allocation.objects.filter(council=council, financial_year=year)), Decimal(0))

    wb = Workbook()
    ws = wb.active
    ws.title = "Return"
    bold = Font(bold=True)
    ws.append([f"Domestic Abuse Act 2021, Part 4: annual return for {clean_text(council.council_name)}, {year}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([f"Generated by daboard on {clock.today():%-d %B %Y}. "
               + ("WORKING COPY: unsuppressed and traceable to case references; it stays with the council."
                  if working_copy else f"Disclosure control applied: counts from 1 to {policy.threshold - 1} "
                  "shown as [c].")])
    ws.append([f"Part 4 allocation received for {year}: £{allocated:,.2f}" if allocated else
               f"No Part 4 allocation recorded for {year}."])
    header = ["Ref", "Figure", "Value", "How it is counted"] + (["Check (recomputed from the rows)"] if working_copy else [])
    source_sheet = {"Households": ("Households", len(HOUSEHOLD_FIELDS) + 1), "Register": ("Register", 8),
                    "Ledger": ("Ledger", 7)}
    sum_columns = {"children_in_household": HOUSEHOLD_FIELDS.index("children_in_household") + 1,
                   "units": 5, "bed_spaces": 6, "value": 6}
    section = None
    for f in figs:
        if f.section != section:
            section = f.section
            ws.append([])
            ws.append([section])
            ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
            ws.append(header)
            for cell in ws[ws.max_row]:
                cell.font = bold
        value = shown[f.ref]
        row = [f.ref, safe_cell(f.label), float(value) if isinstance(value, Decimal) else value, safe_cell(f.rule)]
        if working_copy:
            sheet, counted_col = source_sheet[f.source]
            counted = f"'{sheet}'!${get_column_letter(counted_col)}:${get_column_letter(counted_col)}"
            if f.summed:
                col = get_column_letter(sum_columns[f.summed])
                row.append(f'=SUMIF({counted},"*;{f.ref};*",\'{sheet}\'!${col}:${col})')
            else:
                row.append(f'=COUNTIF({counted},"*;{f.ref};*")')
        ws.append(row)
        if f.total:
            for cell in ws[ws.max_row]:
                cell.font = bold
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 14
    ws.column_dimensions["D"].width = 80
    ws.column_dimensions["E"].width = 16
    for row in ws.iter_rows(min_row=1, max_row=3):
        row[0].alignment = Alignment(wrap_text=False)

    if working_copy:
        def counted_in(source: str, i: int) -> str:
            refs = [f.ref for f in figs if f.source == source and f.mask[i]]
            return ";" + ";".join(refs) + ";" if refs else ""

        hs = wb.create_sheet("Households")
        hs.append([*HOUSEHOLD_FIELDS, "counted_in"])
        for i, rec in enumerate(h.iter_rows()):
            hs.append([safe_cell(v) if isinstance(v, str) else v for v in rec] + [counted_in("Households", i)])
        rs = wb.create_sheet("Register")
        rs.append(["scheme", "type", "provider", "district", "units", "bed_spaces", "source", "counted_in"])
        for i, u in enumerate(units):
            rs.append([safe_cell(u.name), u.kind, safe_cell(u.provider.name), u.district.name if u.district else "",
                       u.units, u.bed_spaces, safe_cell(u.source_note), counted_in("Register", i)])
        cs = wb.create_sheet("Ledger")
        cs.append(["kind", "paid_to", "commitment", "type_of_support", "amount", "value", "counted_in"])
        for i, (c, v) in enumerate(contracts):
            cs.append([c.get_kind_display(), safe_cell(c.payee.name if c.payee else ""), safe_cell(c.title),
                       c.support_category, float(c.amount), float(v), counted_in("Ledger", i)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
