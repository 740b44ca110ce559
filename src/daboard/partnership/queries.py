"""The figures of the wider picture, built once for page, report, PDF and export: the
comparison with England, the region and other councils; targets against actuals; partners'
datasets; the balance of the housing reciprocal. Anything that is the council's own (its
returns, its partners' datasets, its reciprocal moves) goes through the viewer's disclosure
control; published figures are shown as published."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q

from daboard.core.disclosure import SUPPRESSED, Policy, Tables, protect
from daboard.core.models import Board, Council
from daboard.core.periods import Period, financial_year_periods
from daboard.returns.models import CaseRecord, ReturnSubmission
from daboard.returns.standard import CURRENT as std

from . import reference
from .charts import bar_chart
from .declared import totals
from .models import (
    TARGETABLE,
    DatasetSubmission,
    KpiTarget,
    MoveStatus,
    PartnerDataset,
    PublishedFigure,
    ReciprocalMove,
)

SAFE_SETTINGS = tuple(s for s in std.SUPPORT_SETTINGS if s != "community")
TIER_ONE_PREFIXES = ("E06", "E08", "E09", "E10")  # unitary, metropolitan, London, county: the duty holders
NEIGHBOURS = 3


def year_of(period: Period) -> str:
    return period.financial_year


year_periods = financial_year_periods


# --- Compare -------------------------------------------------------------------------------


def own_supported(council: Council, years: tuple[str, ...]) -> dict[str, int | None]:
    """People supported in safe accommodation in each financial year, from the council's own
    returns: distinct (provider, case reference) in a safe-accommodation setting in any
    quarter of the year. None for a year with no returns at all.

    Distinct people across quarters cannot be summed from the aggregates built at import
    (a person in two quarters' returns is one person), so this reads case rows; but a
    return version is immutable, so each year's answer is cached under the identity of the
    versions it reads (id, file hash, rows purged or not): a new version, a version back in
    use or retention gives a new key, and a page reads the case rows once per change, not
    once per request."""
    council = council.duty_council
    out: dict[str, int | None] = {}
    names = {str(p): y for y in years for p in year_periods(y)}
    versions: dict[str, list] = {}
    for pk, period, sha, purged in (ReturnSubmission.objects.filter(contract__council=council, is_current=True,
                                                                     period__in=list(names))
                                    .order_by("pk").values_list("pk", "period", "sha256", "rows_purged_at")):
        versions.setdefault(names[period], []).append((pk, sha, purged.isoformat() if purged else ""))
    keys = {y: "own-supported:" + hashlib.sha256(repr((council.pk, versions[y])).encode()).hexdigest()
            for y in years if y in versions}
    cached = cache.get_many(list(keys.values()))
    for year in years:
        if year not in keys:
            out[year] = None
        elif keys[year] in cached:
            out[year] = cached[keys[year]]
        else:
            # The rows of exactly the versions the key names.
            out[year] = (CaseRecord.objects.filter(council=council, submission_id__in=[v[0] for v in versions[year]],
                                                   support_setting__in=SAFE_SETTINGS)
                         .values("provider_id", "case_ref").distinct().count())
            cache.set(keys[year], out[year], timeout=24 * 3600)
    return out


@dataclass
class Line:
    label: str
    kind: str  # england, council, published, region, picked
    values: dict[str, object] = field(default_factory=dict)
    rates: dict[str, object] = field(default_factory=dict)
    population: int | None = None
    note: str = ""

    @property
    def cells(self) -> list[tuple[str, object, object]]:
        return [(y, self.values.get(y), self.rates.get(y)) for y in self.values]


def _rate(value, population):
    if value == SUPPRESSED:
        return SUPPRESSED
    return reference.per_10000(value if isinstance(value, int) else None, population)


def _current(council: Council):
    """The figures of the council's own current imports: one council's import never feeds
    another's comparison."""
    return PublishedFigure.objects.filter(source__council=council.duty_council, source__is_current=True)


def _published(council: Council, measure: str, years) -> list[PublishedFigure]:
    return list(_current(council).filter(measure=measure, year__in=list(years)))


def neighbour_candidates(council: Council, measure: str = "individuals_supported") -> list[tuple[str, str, int, int]]:
    """Tier-1 areas in the imported tables with a known population, nearest in population
    first: (code, name, population, distance)."""
    council = council.duty_council
    known = {c.gss_code: (c.name, c.population) for c in Council.objects.exclude(population=None)}
    seen: dict[str, tuple[str, int]] = {}
    for f in _current(council).filter(measure=measure).only(
            "area_code", "area_name", "population"):
        if not f.area_code.startswith(TIER_ONE_PREFIXES) or f.area_code == council.gss_code:
            continue
        name, pop = known.get(f.area_code, (f.area_name, None))
        pop = pop or f.population
        if pop:
            seen[f.area_code] = (name or f.area_name or f.area_code, pop)
    base = council.population or 0
    return sorted(((code, name, pop, abs(pop - base)) for code, (name, pop) in seen.items()), key=lambda r: (r[3], r[0]))


def comparison(council: Council, view, *, picks: list[str] | None = None,
               measure: str = "individuals_supported") -> dict:
    """The council per 10,000 residents beside England, its region and the councils picked
    (by default the nearest by population), for every year the reference data covers."""
    council = council.duty_council
    m = reference.MEASURE_BY_KEY[measure]
    years = reference.YEARS
    lines: list[Line] = []
    england = Line("England", "england", population=reference.ENGLAND_POPULATION,
                   note="Published national total; " + reference.ENGLAND_POPULATION_SOURCE)
    sources = {}
    for y in years:
        f = reference.england(measure, y)
        england.values[y] = f.value if f else None
        england.rates[y] = reference.per_10000(f.value if f else None, reference.ENGLAND_POPULATION)
        if f:
            sources[y] = f.source
    lines.append(england)
    if m.own:
        own = own_supported(council, years)
        line = Line(f"{council.name} (its providers' returns)", "council", population=council.population,
                    note="Counted by daboard: " + m.own + "; after disclosure control for the board")
        for y in years:
            line.values[y] = None if own[y] is None else view.count(own[y])
            line.rates[y] = _rate(line.values[y], council.population)
        lines.append(line)
    published = _published(council, measure, years)
    by_area: dict[str, dict[str, PublishedFigure]] = {}
    for f in published:
        by_area.setdefault(f.area_code, {})[f.year] = f
    councils = {c.gss_code: c for c in Council.objects.filter(gss_code__in=list(by_area) + list(picks or []))}

    def published_line(code: str, kind: str, label: str | None = None) -> Line | None:
        rows = by_area.get(code)
        if not rows:
            return None
        any_row = next(iter(rows.values()))
        known = councils.get(code)
        population = (known.population if known else None) or any_row.population
        line = Line(label or (known.name if known else any_row.area_name or code), kind, population=population,
                    note="As published by the ministry" + ("" if population else "; population not known to daboard"))
        for y in years:
            f = rows.get(y)
            line.values[y] = f.value if f else None
            line.rates[y] = reference.per_10000(line.values[y], population)
        return line

    mine = published_line(council.gss_code, "published", f"{council.name} (as published by the ministry)")
    if mine:
        lines.append(mine)
    region_name = next((f.region for f in published if f.area_code == council.gss_code and f.region), "")
    if region_name:
        region = Line(f"{region_name} (councils with the duty)", "region",
                      note="Sum of the region's councils with the duty, as published")
        members = [f for f in published if f.region == region_name and f.area_code.startswith(TIER_ONE_PREFIXES)]
        for y in years:
            rows = [f for f in members if f.year == y]
            pops = [(councils[f.area_code].population if f.area_code in councils else None) or f.population for f in rows]
            complete = rows and all(f.value is not None for f in rows)
            region.values[y] = sum(f.value for f in rows) if complete else None
            region.rates[y] = (reference.per_10000(region.values[y], sum(pops))
                               if complete and all(pops) else None)
        if any(v is not None for v in region.values.values()):
            lines.append(region)
    candidates = neighbour_candidates(council, measure)
    chosen = [p for p in (picks or []) if p != council.gss_code] or [c[0] for c in candidates[:NEIGHBOURS]]
    for code in chosen:
        line = published_line(code, "picked")
        if line:
            lines.append(line)
    title = f"{m.label} per 10,000 residents, {council.name} beside England"
    chart = bar_chart(list(years), {line.label: [line.rates[y] if isinstance(line.rates[y], float) else None
                                                 for y in years] for line in lines}, title=title)
    header = ["area", "kind", "population"] + [f"{y} count" for y in years] + [f"{y} per 10,000" for y in years]
    rows = [[line.label, line.kind, line.population] + [line.values[y] for y in years]
            + [round(r, 2) if isinstance(r, float) else r for r in (line.rates[y] for y in years)] for line in lines]
    return {"measure": m, "years": years, "lines": lines, "chart": chart, "title": title, "sources": sources,
            "candidates": candidates, "picked": chosen, "tables": {"Comparison": (header, rows)}}


# --- Targets ---------------------------------------------------------------------------------


def rag(actual, target: float, direction: str, margin_pct: int) -> str | None:
    """green: met; amber: missed by no more than the margin (per cent of the target); red:
    missed by more; None: no actual to judge (no data, or suppressed)."""
    if not isinstance(actual, int | float):
        return None
    margin = target * margin_pct / 100
    if direction == "lower":
        return "green" if actual <= target else ("amber" if actual <= target + margin else "red")
    return "green" if actual >= target else ("amber" if actual >= target - margin else "red")


def target_rows(council: Council, period: Period, kpis: dict) -> list[dict]:
    """The targets for the quarter's financial year against the quarter's actuals, as the
    viewer may see them (a suppressed actual is not judged)."""
    out = []
    for t in KpiTarget.objects.filter(council=council.duty_council, year=year_of(period)).order_by("kpi"):
        label, kind = TARGETABLE.get(t.kpi, (t.kpi, "count"))
        actual = kpis.get(t.kpi)
        shown = actual * 100 if kind == "rate" and isinstance(actual, float) else actual
        out.append({"target": t, "label": label, "kind": kind, "actual": shown,
                    "rag": rag(shown, t.value, t.direction, t.amber_margin)})
    return out


# --- Partner datasets ----------------------------------------------------------------------


def datasets_for(council: Council):
    """Partner datasets of the boards that cover this council."""
    return PartnerDataset.objects.filter(board__councils=council.duty_council).select_related("partner", "board") \
        .distinct().order_by("name")


def dataset_policy(dataset: PartnerDataset) -> Policy:
    """A dataset belongs to its board: its figures pass the board's lead council's policy on
    every page (its own page, and the dashboard and report of each council the board
    covers), so no council's own setting shows a cell another page hides."""
    return Policy.for_council(dataset.board.lead_council)


def dataset_figures(dataset: PartnerDataset, period: Period, *, unsuppressed: bool) -> dict:
    """Eight quarters of each count, and the chosen quarter by each dimension, after
    disclosure control (the dataset's policy) unless `unsuppressed`."""
    declaration = dataset.declared
    policy = dataset_policy(dataset)
    periods = period.back(8)
    subs = {s.period: s for s in DatasetSubmission.objects.filter(dataset=dataset, is_current=True,
                                                                  period__in=[str(p) for p in periods])}

    trend = []
    for p in periods:
        sub = subs.get(str(p))
        if sub is None:
            trend.append((p, [None for _m in declaration.measures]))
            continue
        t = totals(declaration, sub.rows)
        trend.append((p, quarter_totals(declaration, t, None if unsuppressed else _protect_quarter(declaration, t, policy))))
    latest = subs.get(str(period))
    breakdowns = breakdown_tables(declaration, latest.rows, unsuppressed=unsuppressed, policy=policy) if latest else []
    chart = bar_chart([str(p)[2:] for p in periods],
                      {(m.description or m.name.replace("_", " ")): [v[i] if isinstance(v[i], int) else None
                                                                     for _, v in trend]
                       for i, m in enumerate(declaration.measures)},
                      title=f"{dataset.name}: each count over eight quarters")
    header = ["quarter"] + [m.name for m in declaration.measures]
    rows = [[str(p)] + list(v) for p, v in trend]
    return {"dataset": dataset, "declaration": declaration, "trend": trend, "chart": chart, "breakdowns": breakdowns,
            "period": period, "latest": latest, "unsuppressed": unsuppressed,
            "tables": {f"Dataset {dataset.slug}"[:31]: (header, rows)}}


def breakdown_tables(declaration, rows: list[dict], *, unsuppressed: bool, policy: Policy) -> list[tuple]:
    """One quarter by each dimension: (dimension, [(code, [cell per count])], [total per count]).
    After disclosure control, every dimension's cells and the totals they share are
    protected together (core.disclosure), with the declared checks (a part no more than its
    whole, in every cell): so no withheld cell can be worked out from another dimension,
    another count or the total."""
    t = totals(declaration, rows)
    shown = None if unsuppressed else _protect_quarter(declaration, t, policy)
    out = []
    for d in declaration.dimensions:
        table = [(code, [t.by[d.name][m.name][code] if shown is None else shown[(d.name, code, m.name)]
                         for m in declaration.measures]) for code in d.codes]
        out.append((d, table, quarter_totals(declaration, t, shown)))
    return out


def quarter_totals(declaration, t, shown: dict | None) -> list:
    return [t.counts[m.name] if shown is None else shown[("total", m.name)] for m in declaration.measures]


def _protect_quarter(declaration, t, policy: Policy) -> dict:
    """A dataset's quarter as linked tables: each count's total, its cells by each dimension
    (adding up to it), and the declared checks between counts. Depends only on the
    quarter's own figures, so the trend shows a quarter's totals as its own page does."""
    tables = Tables()
    for m in declaration.measures:
        tables.counts[("total", m.name)] = t.counts[m.name]
        for d in declaration.dimensions:
            for code in d.codes:
                tables.counts[(d.name, code, m.name)] = t.by[d.name][m.name][code]
            tables.add_sum(("total", m.name), [(d.name, code, m.name) for code in d.codes])
    for check in declaration.checks:
        tables.add_sum(("total", check.than), [("total", check.column)], exact=False)
        for d in declaration.dimensions:
            for code in d.codes:
                tables.add_sum((d.name, code, check.than), [(d.name, code, check.column)], exact=False)
    return protect(tables, policy)


# --- Registers -----------------------------------------------------------------------------


def reciprocal_balance(board: Board, *, unsuppressed: bool, policy: Policy) -> list[dict]:
    """Per partner: homes offered to households from elsewhere, households it moved out
    into others' homes, and the balance (completed moves only); counts after disclosure
    control unless `unsuppressed`."""
    moves = list(ReciprocalMove.objects.filter(board=board, status=MoveStatus.COMPLETED)
                 .select_related("offered_by", "received_from"))
    return balance_rows([(mv.offered_by, mv.received_from) for mv in moves], unsuppressed=unsuppressed, policy=policy)


def balance_rows(moves: list[tuple], *, unsuppressed: bool, policy: Policy) -> list[dict]:
    """Per partner, from (home offered by, household from) pairs; named partners sort by name."""
    partners: dict = {}
    for given_by, received_from in moves:
        partners.setdefault(given_by, {"partner": given_by, "given": 0, "received": 0})["given"] += 1
        partners.setdefault(received_from, {"partner": received_from, "given": 0, "received": 0})["received"] += 1
    rows = sorted(partners.values(), key=lambda r: str(getattr(r["partner"], "name", r["partner"])))
    if not unsuppressed:
        # Every move is given by one partner and received by another, so both columns add up
        # to the number of moves (not shown to the board, but linking the columns): the two
        # are protected together (core.disclosure).
        t = Tables()
        t.hidden[("moves",)] = len(moves)
        for column in ("given", "received"):
            for i, r in enumerate(rows):
                t.counts[(column, i)] = r[column]
            t.add_sum(("moves",), [(column, i) for i in range(len(rows))])
        shown = protect(t, policy)
        for column in ("given", "received"):
            for i, r in enumerate(rows):
                r[column] = shown[(column, i)]
    for r in rows:
        both = isinstance(r["given"], int) and isinstance(r["received"], int)
        r["balance"] = r["given"] - r["received"] if both else SUPPRESSED
    return rows


def pending_moves(board: Board) -> int:
    return ReciprocalMove.objects.filter(board=board).filter(Q(status=MoveStatus.OFFERED)).count()
