"""The KPIs of the monitoring-return standard, declared once in the KPI registry
(insights.registry), from the aggregates built at import (insights.aggregates): every
count and sum behind a KPI, stored per return version and residence code, summed here
over the current versions in scope. No page, export, report or API call reads the case
rows for a KPI.

R is the rows of the current version of every return in scope for the period; N the rows
of R referred in the period. A rate whose denominator is 0 is None ("no data"). In every
breakdown a blank optional value counts as not_known.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from daboard.core.disclosure import Policy, Rate, Tables, protect
from daboard.returns.standard import CURRENT as std

from .registry import FOLLOWUP_KPIS, KPIS, Kpi, measures_of


@dataclass(frozen=True)
class Scope:
    council: str | None = None  # GSS code: a tier-1 council, or a district (cases resident there)
    provider: str | None = None  # organisation slug
    contract: str | None = None  # contract reference

    def as_dict(self) -> dict:
        return {"council": self.council, "provider": self.provider, "contract": self.contract}


def _rate(num: int, den: int) -> float | None:
    return None if not den else num / den


# A grouping: the parts of its key, in order (a composite grouping's key is a tuple).
GROUP_FIELDS = {"period": ("period",), "provider": ("provider",), "residence": ("residence",),
                "period_provider": ("period", "provider"), "period_residence": ("period", "residence"),
                "period_residence_provider": ("period", "residence", "provider")}
GROUP_SQL = {"period": "a.period", "provider": "o.slug", "residence": "a.residence"}


def _coded_tables(a: dict) -> dict[str, dict[str, int]]:
    """The breakdowns over the standard's fixed codes, from the summed measures."""
    return {k.key: {code: a[k.cell(code)] for code in k.codes if a.get(k.cell(code))}
            for k in KPIS if k.kind == "table" and k.codes}


def compute(period: std.Period, scope: Scope) -> dict:
    """Every KPI for one period and scope, unsuppressed, with the numerators and denominators
    behind each rate."""
    result = compute_grouped([period], scope).get(None)
    if result is None or result["kpis"]["cases_active"] == 0:
        archived = _archived(period, scope)
        if archived is not None:
            return archived
    return result or empty()


def _archived(period: std.Period, scope: Scope) -> dict | None:
    """Figures kept by retention after a quarter's case rows were deleted (council or
    contract scope only: finer scopes went with the rows)."""
    from .models import ArchivedKpis

    if scope.provider or bool(scope.council) == bool(scope.contract):
        return None
    qs = ArchivedKpis.objects.filter(period=str(period))
    qs = qs.filter(council__gss_code=scope.council, contract_reference="") if scope.council else \
        qs.filter(contract_reference=scope.contract)
    row = qs.first()
    return row.result if row else None


def compute_grouped(periods: list[std.Period], scope: Scope, by: str | None = None, *, council=None) -> dict:
    """Every KPI for each group (by period, provider or residence, or a pair or triple of
    them such as period_provider, keyed by a tuple; None: one group), from
    the aggregates stored at import summed over the current versions in scope: one query
    whatever the number of groups, in which the database sums the measures (see
    `_summed`). Groups with no rows are absent; callers use `empty()` for them. `council`:
    the Council of scope.council when the caller holds it already (saves looking it up)."""
    if by is None and len(periods) != 1:
        raise ValueError("Several periods need by='period'")
    if by is not None and by not in GROUP_FIELDS:
        raise KeyError(by)
    sums, residence = _summed(periods, scope, by, council)
    if by is None and not sums:
        sums[None] = {}
    return {key: _assemble(a, {**_coded_tables(a), "by_residence": dict(sorted(residence.get(key, {}).items()))})
            for key, a in sums.items()}


@functools.lru_cache(maxsize=64)
def _sum_sql(vendor: str, by: str | None, council: str, provider: bool, contract: bool, n_periods: int) -> str:
    """The query that sums the stored measures of the current versions in scope, per group and
    measure name, with the new referrals per residence code beside them: built once per shape
    (engine, grouping, which scope keys, number of periods) and reused, so a request builds no
    ORM expression for it. Rows: (the group's parts…, measure name or NULL, residence code,
    total)."""
    from daboard.commissioning.models import Contract
    from daboard.core.models import Organisation
    from daboard.returns.models import ReturnSubmission

    from .models import SubmissionAggregate

    agg, sub = SubmissionAggregate._meta.db_table, ReturnSubmission._meta.db_table
    org, con = Organisation._meta.db_table, Contract._meta.db_table
    parts = GROUP_FIELDS[by] if by else ()
    group = ", ".join(GROUP_SQL[p] for p in parts) or "''"
    joins = [f"JOIN {sub} s ON s.id = a.submission_id AND s.is_current"]
    if "provider" in parts or provider:
        joins.append(f"JOIN {org} o ON o.id = a.provider_id")
    if contract:
        joins.append(f"JOIN {con} c ON c.id = a.contract_id")
    where = [f"a.period IN ({', '.join(['%s'] * n_periods)})"]
    if council:
        where.append("a.council_id = %s")
    if council == "district":
        where.append("a.residence = %s")
    if provider:
        where.append("o.slug = %s")
    if contract:
        where.append("c.reference = %s")
    if vendor == "postgresql":
        each, value = "CROSS JOIN LATERAL jsonb_each_text(a.measures) m", "m.value::bigint"
        referred = "(a.measures ->> 'new_referrals')::bigint"
    else:
        each, value = "CROSS JOIN json_each(a.measures) m", "m.value"
        referred = "json_extract(a.measures, '$.new_referrals')"
    source = f"FROM {agg} a {' '.join(joins)}"
    cond = " AND ".join(where)
    grouped = f"{group}, " if by else ""  # PostgreSQL refuses a constant in GROUP BY
    return (f"SELECT {group}, m.key, '', SUM({value}) {source} {each} WHERE {cond} GROUP BY {grouped}m.key "
            f"UNION ALL SELECT {group}, NULL, a.residence, SUM({referred}) {source} "
            f"WHERE {cond} AND {referred} > 0 GROUP BY {grouped}a.residence")


def _scope_council(scope: Scope, council=None):
    """The Council of scope.council (None: no such council)."""
    from daboard.core.models import Council

    if council is not None and council.gss_code == scope.council:
        return council
    return Council.objects.filter(gss_code=scope.council).select_related("parent").first()


def _summed(periods: list[std.Period], scope: Scope, by: str | None, council=None) -> tuple[dict, dict]:
    """Group to measure to total, and group to residence code to new referrals (blank counts
    as not_known), over the current versions in scope."""
    from django.db import connection

    params: list = [str(p) for p in periods]
    council_shape = ""
    if scope.council:
        council = _scope_council(scope, council)
        if council is None:
            return {}, {}
        council_shape = "tier_one" if council.is_tier_one else "district"
        params.append(council.duty_council.pk)
        if not council.is_tier_one:
            params.append(council.gss_code)
    if scope.provider:
        params.append(scope.provider)
    if scope.contract:
        params.append(scope.contract)
    sql = _sum_sql(connection.vendor, by, council_shape, bool(scope.provider), bool(scope.contract), len(periods))
    sums: dict = {}
    residence: dict = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params * 2)
        width = len(GROUP_FIELDS[by]) if by else 1
        for row in cursor.fetchall():
            name, code, total = row[width:]
            key = None if not by else row[0] if width == 1 else tuple(row[:width])
            if name is not None:
                sums.setdefault(key, {})[name] = int(total)
            else:
                cells = residence.setdefault(key, {})
                code = code or "not_known"
                cells[code] = cells.get(code, 0) + int(total)
    return sums, residence


def empty() -> dict:
    """The KPIs of a scope with no rows: counts 0, rates no data."""
    return _assemble({}, {})


def assemble(registry: tuple[Kpi, ...], a: dict, tables: dict) -> dict:
    """The KPI dict of a registry, in its order, and the basis (numerator, denominator) of
    each rate and mean, from summed measures `a` and the breakdowns `tables`. A rate or
    mean whose denominator is 0 is None; a mean is divided only after summing."""
    def n(measure):
        return int(a.get(measure.name) or 0)

    kpis: dict = {}
    basis: dict = {}
    for k in registry:
        if k.kind == "count":
            kpis[k.key] = n(k.numerator)
        elif k.kind == "table":
            kpis[k.key] = tables.get(k.key, {})
        elif k.kind == "rate":
            kpis[k.key] = _rate(n(k.numerator), n(k.denominator))
            basis[k.key] = (n(k.numerator), n(k.denominator))
        else:  # mean: disclosure control looks at how many values it is the mean of
            kpis[k.key] = _rate(n(k.numerator), n(k.denominator))
            basis[k.key] = (n(k.denominator), n(k.denominator))
    return {"kpis": kpis, "basis": basis}


def _assemble(a: dict, tables: dict) -> dict:
    return assemble(KPIS, a, tables)


_REGISTERED = {k.key: k for k in (*KPIS, *FOLLOWUP_KPIS)}


def flat_rows(kpis: dict, *, labelled: bool = False) -> list[list]:
    """The KPIs as rows of (kpi, code, value): a breakdown gives a row per code, anything else
    one row with no code; `labelled`: (kpi, code, value, label), the label as pages show it. The CLI's csv and table formats and every KPI export use it."""
    rows: list[list] = []
    for key, value in kpis.items():
        k = _REGISTERED.get(key)
        if k is None:  # scope and period, echoed beside the KPIs
            continue
        tail = [k.label] if labelled else []
        if k.kind == "table" and isinstance(value, dict):
            rows.extend([key, code, v, *tail] for code, v in value.items())
        else:
            rows.append([key, "", value, *tail])
    return rows


# The disclosure classes, derived from the registries (core.disclosure and insights.release
# read them): counts; breakdowns totalled to a count; code tables where a person counts at
# most once per code among a count's people; rates; means; every code table.
COUNT_KEYS = tuple(k.key for k in KPIS if k.kind == "count")
TOTALLED = {k.key: k.totalled for k in KPIS if k.totalled}
AT_MOST = {k.key: k.at_most for k in KPIS if k.at_most}
RATES = tuple(k.key for k in (*KPIS, *FOLLOWUP_KPIS) if k.kind == "rate")
MEANS = tuple(k.key for k in (*KPIS, *FOLLOWUP_KPIS) if k.kind == "mean")
BREAKDOWNS = tuple(k.key for k in KPIS if k.kind == "table")
FOLLOWUP_COUNT_KEYS = tuple(k.key for k in FOLLOWUP_KPIS if k.kind == "count")


def add_tables(t: Tables, s, result: dict) -> None:
    """Add one set of KPIs (scope key `s`) to linked tables: its counts, the totals that link
    them, and its rates and means with what they are built on."""
    k, basis = result["kpis"], result["basis"]
    if "followups" in k:  # the follow-ups' KPIs (issue 19): two counts and their rates
        _add_followup_tables(t, s, k, basis)
        return
    for name in COUNT_KEYS:
        t.counts[(s, name)] = k[name]
    for table in BREAKDOWNS:
        for code, v in k[table].items():
            t.counts[(s, table, code)] = v
    for table, total in TOTALLED.items():
        t.add_sum((s, total), [(s, table, code) for code in k[table]])
    t.add_sum((s, "new_referrals"), [(s, "referrals_accepted")] + [(s, "referrals_declined", c)
                                                                     for c in k["referrals_declined"]], exact=False)
    t.add_sum((s, "cases_active"), [(s, "new_referrals")], exact=False)
    t.add_sum((s, "cases_active"), [(s, "cases_closed")], exact=False)
    for table, total in AT_MOST.items():
        for code in k[table]:
            t.add_sum((s, total), [(s, table, code)], exact=False)
    for name in (kpi.key for kpi in KPIS if kpi.kind in ("rate", "mean")):
        num, den = basis[name]
        num_key = (s, "_num", name)
        den_key = {"engagement_rate": (s, "referrals_accepted"), "completion_rate": (s, "cases_closed")}.get(
            name, (s, "_den", name))
        if name == "completion_rate" and (s, "cases_closed_by_reason", "support_completed") in t.counts:
            num_key = (s, "cases_closed_by_reason", "support_completed")
        if num_key not in t.counts:
            t.hidden[num_key] = num
        if den_key not in t.counts:
            t.hidden[den_key] = den
        t.rates[(s, name)] = Rate(k[name], num_key, den_key, mean=name in MEANS)


def _add_followup_tables(t: Tables, s, k: dict, basis: dict) -> None:
    # A rate over what a published count counts (reached ÷ made) is linked to those counts;
    # the others rest on figures of their own that are not published.
    counted = {kpi.numerator.name: (s, kpi.key) for kpi in FOLLOWUP_KPIS if kpi.kind == "count"}
    for name in FOLLOWUP_COUNT_KEYS:
        t.counts[(s, name)] = k[name]
    t.add_sum((s, "followups"), [(s, "followups_reached")], exact=False)
    for kpi in FOLLOWUP_KPIS:
        if kpi.key not in basis:
            continue
        num, den = basis[kpi.key]
        if kpi.kind == "rate" and kpi.numerator.name in counted and kpi.denominator.name in counted:
            num_key, den_key = counted[kpi.numerator.name], counted[kpi.denominator.name]
        else:
            num_key, den_key = (s, "_num", kpi.key), (s, "_den", kpi.key)
        if num_key not in t.counts:
            t.hidden[num_key] = num
        if den_key not in t.counts:
            t.hidden[den_key] = den
        t.rates[(s, kpi.key)] = Rate(k[kpi.key], num_key, den_key, mean=kpi.kind == "mean")


def shown_kpis(s, result: dict, shown: dict) -> dict:
    """The KPIs of scope key `s` as protected: the standard's shape, every value from `shown`."""
    out: dict = {}
    for key, value in result["kpis"].items():
        if key in COUNT_KEYS or key in FOLLOWUP_COUNT_KEYS:
            out[key] = shown[(s, key)]
        elif isinstance(value, dict):
            out[key] = {code: shown[(s, key, code)] for code in value}
        else:
            out[key] = shown.get((s, key), value)
    return out


def suppress(result: dict, policy: Policy) -> dict:
    """One set of KPIs on its own, as a board member may see them: its tables linked
    through their totals and protected together (core.disclosure)."""
    t = Tables()
    add_tables(t, "", result)
    return shown_kpis("", result, protect(t, policy))


def report(period: std.Period, scope: Scope, *, suppressed: bool = False, policy: Policy | None = None) -> dict:
    """The JSON object of the standard: every KPI key, plus `scope` and `period`."""
    if suppressed and scope.council and not (scope.provider or scope.contract):
        # A council's or district's figures are part of the council-quarter's release: the
        # same protected figures as its dashboard, report and needs assessment.
        from daboard.core.models import Council

        from .release import quarter

        council = Council.objects.filter(gss_code=scope.council).first()
        if council is not None:
            kpis = quarter(council, period).for_scope(council.gss_code)
            if kpis["cases_active"] != 0 or compute(period, scope)["kpis"]["cases_active"] == 0:
                return {"scope": scope.as_dict(), "period": str(period), **kpis}
    result = compute(period, scope)
    kpis = suppress(result, policy or Policy()) if suppressed else result["kpis"]
    return {"scope": scope.as_dict(), "period": str(period), **kpis}


# --- Sustained outcomes: the follow-up return (standard followup_v1) ----------------------------
#
# F is the rows of the current version of every follow-up return in scope for the periods
# (the quarters the follow-ups were made in); the KPIs are declared in
# registry.FOLLOWUP_KPIS. A rate with a denominator of 0 is None.


def followup_rows(periods: list[std.Period], scope: Scope, *, council=None):
    from daboard.returns.models import FollowUpRecord

    qs = FollowUpRecord.objects.filter(submission__is_current=True, period__in=[str(p) for p in periods])
    if scope.council:
        council = _scope_council(scope, council)
        if council is None:
            return qs.none()
        qs = qs.filter(council_id=council.duty_council.pk)
    if scope.provider:
        qs = qs.filter(provider__slug=scope.provider)
    if scope.contract:
        qs = qs.filter(submission__contract__reference=scope.contract)
    return qs


FOLLOWUP_ARCHIVE = "*follow-ups"  # ArchivedKpis.contract_reference of a council's follow-up counts (no contract's)


FOLLOWUP_MEASURES = measures_of(FOLLOWUP_KPIS)
# Built once: the expressions are resolved (copied) by each query, never changed, so a
# request builds none. Aliases carry a prefix: an alias equal to a field name ("reached")
# would shadow it.
_FOLLOWUP_AGGREGATES = {f"n_{m.name}": m.orm(None) for m in FOLLOWUP_MEASURES}


def followup_counts(periods: list[std.Period], scope: Scope, *, council=None) -> dict[str, int]:
    """The counts behind the sustained-outcome KPIs, in one query over the rows still held."""
    a = followup_rows(periods, scope, council=council).aggregate(**_FOLLOWUP_AGGREGATES)
    return {k[2:]: int(v or 0) for k, v in a.items()}


def followup_compute(periods: list[std.Period], scope: Scope, *, council=None) -> dict:
    """The sustained-outcome KPIs over the follow-ups made in these quarters, with the
    numerators and denominators behind each rate (for disclosure control). For a council, the
    counts retention archived for quarters whose rows it deleted are added back."""
    n = followup_counts(periods, scope, council=council)
    if scope.council and not scope.provider and not scope.contract:
        from .models import ArchivedKpis

        for archived in ArchivedKpis.objects.filter(council__gss_code=scope.council, contract_reference=FOLLOWUP_ARCHIVE,
                                                    period__in=[str(p) for p in periods]):
            for key, value in archived.result.get("counts", {}).items():
                n[key] = n.get(key, 0) + value
    return followup_kpis(n)


def followup_kpis(n: dict[str, int]) -> dict:
    """The sustained-outcome KPIs and the basis of each rate, from `followup_counts`."""
    return assemble(FOLLOWUP_KPIS, n, {})
