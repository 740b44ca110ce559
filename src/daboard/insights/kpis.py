"""The KPIs of the monitoring-return standard, computed in the database.

R is the rows of the current version of every return in scope for the period; N the rows
of R referred in the period. A rate whose denominator is 0 is None ("no data"). In every
breakdown a blank optional value counts as not_known.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, IntegerField, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThan

from daboard.core.disclosure import Policy, Rate, Tables, protect
from daboard.returns.models import CaseRecord
from daboard.returns.standard import v1 as std


@dataclass(frozen=True)
class Scope:
    council: str | None = None  # GSS code: a tier-1 council, or a district (cases resident there)
    provider: str | None = None  # organisation slug
    contract: str | None = None  # contract reference

    def as_dict(self) -> dict:
        return {"council": self.council, "provider": self.provider, "contract": self.contract}


def rows_in_scope(period: std.Period, scope: Scope) -> QuerySet[CaseRecord]:
    """R: rows of the current version of every return in scope for the period."""
    return _rows_in_periods([period], scope)


def _rows_in_periods(periods: list[std.Period], scope: Scope) -> QuerySet[CaseRecord]:
    from daboard.core.models import Council

    names = [str(p) for p in periods]
    qs = CaseRecord.objects.filter(submission__is_current=True)
    qs = qs.filter(period=names[0]) if len(names) == 1 else qs.filter(period__in=names)
    if scope.council:
        council = Council.objects.filter(gss_code=scope.council).first()
        if council is None:
            return qs.none()
        if council.is_tier_one:
            qs = qs.filter(council=council)
        else:
            qs = qs.filter(council=council.duty_council, residence=council.gss_code)
    if scope.provider:
        qs = qs.filter(provider__slug=scope.provider)
    if scope.contract:
        qs = qs.filter(submission__contract__reference=scope.contract)
    return qs


def _rate(num: int, den: int) -> float | None:
    return None if not den else num / den


GROUP_FIELDS = {"period": ("period",), "provider": ("provider__slug",), "residence": ("residence",),
                "period_provider": ("period", "provider__slug"), "period_residence": ("period", "residence"),
                "period_residence_provider": ("period", "residence", "provider__slug")}


def _grouped(qs: QuerySet, group: str | None, **aggregates) -> list[dict]:
    """One aggregate row per group (or one row for the whole queryset)."""
    if not group:
        return [qs.aggregate(**aggregates)]
    return list(qs.values(*GROUP_FIELDS[group]).annotate(**aggregates).order_by())


def _key(row: dict, group: str | None):
    if not group:
        return None
    fields = GROUP_FIELDS[group]
    return row[fields[0]] if len(fields) == 1 else tuple(row[f] for f in fields)


def _by(qs: QuerySet, field: str, group: str | None) -> dict:
    """Per group: count of rows by the value of a field; blank counts as not_known."""
    g = list(GROUP_FIELDS[group]) if group else []
    out: dict = {}
    for r in qs.values(*g, field).annotate(n=Count("id")).order_by():
        cells = out.setdefault(_key(r, group), {})
        code = r[field] if r[field] is not None else "not_known"
        cells[code] = cells.get(code, 0) + r["n"]
    return {k: dict(sorted(v.items())) for k, v in out.items()}


RISK_RANK = Case(When(risk_level="standard", then=1), When(risk_level="medium", then=2), When(risk_level="high", then=3),
                 default=None, output_field=IntegerField())
RISK_EXIT_RANK = Case(When(risk_level_exit="standard", then=1), When(risk_level_exit="medium", then=2),
                      When(risk_level_exit="high", then=3), default=None, output_field=IntegerField())


# Breakdowns over codes the standard fixes are counted in the main pass (one filtered count
# per code), so that a KPI report is three scans of the rows, not fourteen. A blank optional
# answer counts as not_known.
CODED = {  # table: (field, codes, over new referrals N or all rows R)
    "referrals_declined": ("referral_outcome", tuple(c for c in std.REFERRAL_OUTCOMES if c.startswith("declined_")), "new"),
    "cases_closed_by_reason": ("closure_reason", (*std.CLOSURE_REASONS, "not_known"), "closed"),
    "by_gender": ("gender", std.GENDERS, "new"),
    "by_age_band": ("age_band", std.AGE_BANDS, "new"),
    "by_ethnic_group": ("ethnic_group", std.ETHNIC_GROUPS, "new"),
    "by_disability": ("disability", std.YES_NO, "new"),
    "by_sexual_orientation": ("sexual_orientation", std.SEXUAL_ORIENTATIONS, "new"),
}
BITS = {  # table: (bit-set field, codes, over)
    "needs": ("needs", std.NEEDS, "new"),
    "onward_referrals": ("onward_referrals_in_period", std.ONWARD_REFERRALS, "all"),
}


def _coded_counts(over: dict[str, Q]) -> dict:
    counts = {}
    for table, (field, codes, among) in CODED.items():
        for i, code in enumerate(codes):
            match = Q(**{field: code}) | Q(**{f"{field}__isnull": True}) if code == "not_known" else Q(**{field: code})
            counts[f"t__{table}__{i}"] = Count("id", filter=over[among] & match)
    for table, (field, codes, among) in BITS.items():
        for i in range(len(codes)):
            counts[f"t__{table}__{i}"] = Count("id", filter=over[among] & Q(GreaterThan(F(field).bitand(1 << i), 0)))
    return counts


def _coded_tables(a: dict) -> dict[str, dict[str, int]]:
    out = {}
    for table, (_field, codes, _among) in (CODED | BITS).items():
        out[table] = {code: a[f"t__{table}__{i}"] for i, code in enumerate(codes) if a.get(f"t__{table}__{i}")}
    return out


def _in_period(field: str, periods: list[std.Period]) -> Q:
    """The row's date falls in the row's own period (several periods: each row against its own)."""
    if len(periods) == 1:
        p = periods[0]
        return Q(**{f"{field}__gte": p.first_day, f"{field}__lte": p.last_day})
    q = Q()
    for p in periods:
        q |= Q(period=str(p), **{f"{field}__gte": p.first_day, f"{field}__lte": p.last_day})
    return q


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


def compute_grouped(periods: list[std.Period], scope: Scope, by: str | None = None) -> dict:
    """Every KPI for each group (by period, provider or residence; None: one group), in a
    fixed number of grouped queries whatever the number of groups. Groups with no rows are
    absent; callers use `empty()` for them."""
    if by is None and len(periods) != 1:
        raise ValueError("Several periods need by='period'")
    r = _rows_in_periods(periods, scope)
    new = _in_period("referral_date", periods)
    closed = Q(closure_date__isnull=False) & _in_period("closure_date", periods)
    both_safety = closed & Q(safety_intake__isnull=False, safety_exit__isnull=False)
    both_wellbeing = closed & Q(wellbeing_intake__isnull=False, wellbeing_exit__isnull=False)
    assessed = (closed & Q(risk_level__in=["standard", "medium", "high"])
                & Q(risk_level_exit__in=["standard", "medium", "high"]))
    main = _grouped(
        r, by,
        cases_active=Count("id"),
        new_referrals=Count("id", filter=new),
        referrals_accepted=Count("id", filter=new & Q(referral_outcome="accepted")),
        engaged_new=Count("id", filter=new & Q(engaged="yes")),
        cases_closed=Count("id", filter=closed),
        completed=Count("id", filter=closed & Q(closure_reason="support_completed")),
        high_risk=Count("id", filter=new & Q(risk_level="high")),
        risk_assessed=Count("id", filter=new & ~Q(risk_level="not_assessed")),
        repeat_yes=Count("id", filter=new & Q(repeat_victim="yes")),
        repeat_known=Count("id", filter=new & ~Q(repeat_victim="not_known")),
        sessions=Coalesce(Sum("sessions_in_period"), 0),
        sanctuary=Coalesce(Sum("sanctuary_referrals_in_period"), 0),
        safety_n=Count("id", filter=both_safety),
        safety_up=Count("id", filter=both_safety & Q(safety_exit__gt=F("safety_intake"))),
        safety_change=Avg(F("safety_exit") - F("safety_intake"), filter=both_safety),
        wellbeing_n=Count("id", filter=both_wellbeing),
        wellbeing_up=Count("id", filter=both_wellbeing & Q(wellbeing_exit__gt=F("wellbeing_intake"))),
        wellbeing_change=Avg(F("wellbeing_exit") - F("wellbeing_intake"), filter=both_wellbeing),
        abuse_n=Count("id", filter=closed & Q(abuse_stopped_exit__in=["yes", "no"])),
        abuse_yes=Count("id", filter=closed & Q(abuse_stopped_exit="yes")),
        risk_n=Count("id", filter=assessed),
        risk_down=Count("id", filter=assessed & Q(LessThan(RISK_EXIT_RANK, RISK_RANK))),
        **_coded_counts({"new": new, "closed": closed, "all": Q()}),
    )
    aggs = {_key(row, by): row for row in main}
    if not aggs:
        return {}
    residence = _by(r.filter(new), "residence", by)
    return {key: _assemble(a, {**_coded_tables(a), "by_residence": residence.get(key, {})}) for key, a in aggs.items()}


def empty() -> dict:
    """The KPIs of a scope with no rows: counts 0, rates no data."""
    return _assemble({}, {})


def _assemble(a: dict, tables: dict) -> dict:
    def n(name):
        return int(a.get(name) or 0)

    def t(name):
        return tables.get(name, {})

    def mean(name):
        return float(a[name]) if a.get(name) is not None else None

    kpis = {
        "cases_active": n("cases_active"),
        "new_referrals": n("new_referrals"),
        "referrals_accepted": n("referrals_accepted"),
        "referrals_declined": t("referrals_declined"),
        "engagement_rate": _rate(n("engaged_new"), n("referrals_accepted")),
        "cases_closed": n("cases_closed"),
        "cases_closed_by_reason": t("cases_closed_by_reason"),
        "completion_rate": _rate(n("completed"), n("cases_closed")),
        "high_risk_share": _rate(n("high_risk"), n("risk_assessed")),
        "repeat_victim_share": _rate(n("repeat_yes"), n("repeat_known")),
        "by_gender": t("by_gender"),
        "by_age_band": t("by_age_band"),
        "by_ethnic_group": t("by_ethnic_group"),
        "by_disability": t("by_disability"),
        "by_sexual_orientation": t("by_sexual_orientation"),
        "by_residence": t("by_residence"),
        "needs": t("needs"),
        "sessions": n("sessions"),
        "sanctuary_referrals": n("sanctuary"),
        "onward_referrals": t("onward_referrals"),
        "safety_improved_rate": _rate(n("safety_up"), n("safety_n")),
        "safety_mean_change": mean("safety_change"),
        "wellbeing_improved_rate": _rate(n("wellbeing_up"), n("wellbeing_n")),
        "wellbeing_mean_change": mean("wellbeing_change"),
        "abuse_stopped_rate": _rate(n("abuse_yes"), n("abuse_n")),
        "risk_reduced_rate": _rate(n("risk_down"), n("risk_n")),
    }
    basis = {
        "engagement_rate": (n("engaged_new"), n("referrals_accepted")),
        "completion_rate": (n("completed"), n("cases_closed")),
        "high_risk_share": (n("high_risk"), n("risk_assessed")),
        "repeat_victim_share": (n("repeat_yes"), n("repeat_known")),
        "safety_improved_rate": (n("safety_up"), n("safety_n")),
        "safety_mean_change": (n("safety_n"), n("safety_n")),
        "wellbeing_improved_rate": (n("wellbeing_up"), n("wellbeing_n")),
        "wellbeing_mean_change": (n("wellbeing_n"), n("wellbeing_n")),
        "abuse_stopped_rate": (n("abuse_yes"), n("abuse_n")),
        "risk_reduced_rate": (n("risk_down"), n("risk_n")),
    }
    return {"kpis": kpis, "basis": basis}


def flat_rows(kpis: dict) -> list[list]:
    """The KPIs as rows of (kpi, code, value): a breakdown gives a row per code, anything else
    one row with no code. The CLI's csv and table formats and every KPI export use it."""
    rows: list[list] = []
    for key, value in kpis.items():
        if key in ("scope", "period"):
            continue
        if isinstance(value, dict):
            rows.extend([key, code, v] for code, v in value.items())
        else:
            rows.append([key, "", value])
    return rows


COUNT_KEYS = ("cases_active", "new_referrals", "referrals_accepted", "cases_closed", "sessions", "sanctuary_referrals")
TOTALLED = {"by_gender": "new_referrals", "by_age_band": "new_referrals", "by_ethnic_group": "new_referrals",
            "by_disability": "new_referrals", "by_sexual_orientation": "new_referrals", "by_residence": "new_referrals",
            "cases_closed_by_reason": "cases_closed"}


RATES = ("engagement_rate", "completion_rate", "high_risk_share", "repeat_victim_share", "safety_improved_rate",
         "wellbeing_improved_rate", "abuse_stopped_rate", "risk_reduced_rate")
MEANS = ("safety_mean_change", "wellbeing_mean_change")
BREAKDOWNS = ("referrals_declined", "cases_closed_by_reason", "by_gender", "by_age_band", "by_ethnic_group",
              "by_disability", "by_sexual_orientation", "by_residence", "needs", "onward_referrals")
AT_MOST = {"needs": "new_referrals", "onward_referrals": "cases_active"}  # each code counted at most once a person


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
    for name in RATES + MEANS:
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


FOLLOWUP_RATES = {"followup_reached_rate": ("followups_reached", "followups")}
FOLLOWUP_MEANS = ("followup_wellbeing_mean",)


def _add_followup_tables(t: Tables, s, k: dict, basis: dict) -> None:
    for name in FOLLOWUP_COUNT_KEYS:
        t.counts[(s, name)] = k[name]
    t.add_sum((s, "followups"), [(s, "followups_reached")], exact=False)
    for name, (num, den) in basis.items():
        num_key, den_key = ((s, FOLLOWUP_RATES[name][0]), (s, FOLLOWUP_RATES[name][1])) if name in FOLLOWUP_RATES \
            else ((s, "_num", name), (s, "_den", name))
        if num_key not in t.counts:
            t.hidden[num_key] = num
        if den_key not in t.counts:
            t.hidden[den_key] = den
        t.rates[(s, name)] = Rate(k[name], num_key, den_key, mean=name in FOLLOWUP_MEANS)


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
# (the quarters the follow-ups were made in). A rate with a denominator of 0 is None.
#
# | KPI | definition |
# | followups | count of F |
# | followups_reached | F with reached = yes |
# | followup_reached_rate | followups_reached ÷ followups |
# | sustained_safe_rate | reached with safe = yes ÷ reached with safe yes or no |
# | sustained_abuse_stopped_rate | reached with abuse_stopped = yes ÷ reached with abuse_stopped yes or no |
# | re_referral_rate | F with re_referred = yes ÷ F with re_referred yes or no |
# | followup_wellbeing_mean | mean wellbeing (1 to 10) of those reached who gave it |

FOLLOWUP_COUNT_KEYS = ("followups", "followups_reached")


def followup_rows(periods: list[std.Period], scope: Scope):
    from daboard.core.models import Council
    from daboard.returns.models import FollowUpRecord

    qs = FollowUpRecord.objects.filter(submission__is_current=True, period__in=[str(p) for p in periods])
    if scope.council:
        council = Council.objects.filter(gss_code=scope.council).first()
        if council is None:
            return qs.none()
        qs = qs.filter(council=council.duty_council)
    if scope.provider:
        qs = qs.filter(provider__slug=scope.provider)
    if scope.contract:
        qs = qs.filter(submission__contract__reference=scope.contract)
    return qs


FOLLOWUP_ARCHIVE = "*follow-ups"  # ArchivedKpis.contract_reference of a council's follow-up counts (no contract's)


def followup_counts(periods: list[std.Period], scope: Scope) -> dict[str, int]:
    """The counts behind the sustained-outcome KPIs, in one query over the rows still held."""
    reached = Q(reached="yes")
    # Aggregate names carry a prefix: an alias equal to a field name ("reached") would shadow it.
    a = followup_rows(periods, scope).aggregate(
        n_followups=Count("id"), n_reached=Count("id", filter=reached),
        n_safe_yes=Count("id", filter=reached & Q(safe="yes")),
        n_safe_known=Count("id", filter=reached & Q(safe__in=["yes", "no"])),
        n_stopped_yes=Count("id", filter=reached & Q(abuse_stopped="yes")),
        n_stopped_known=Count("id", filter=reached & Q(abuse_stopped__in=["yes", "no"])),
        n_rereferred_yes=Count("id", filter=Q(re_referred="yes")),
        n_rereferred_known=Count("id", filter=Q(re_referred__in=["yes", "no"])),
        n_wellbeing_n=Count("id", filter=reached & Q(wellbeing__isnull=False)),
        n_wellbeing_sum=Sum("wellbeing", filter=reached & Q(wellbeing__isnull=False)),
    )
    return {k[2:]: int(v or 0) for k, v in a.items()}


def followup_compute(periods: list[std.Period], scope: Scope) -> dict:
    """The sustained-outcome KPIs over the follow-ups made in these quarters, with the
    numerators and denominators behind each rate (for disclosure control). For a council, the
    counts retention archived for quarters whose rows it deleted are added back."""
    n = followup_counts(periods, scope)
    if scope.council and not scope.provider and not scope.contract:
        from .models import ArchivedKpis

        for archived in ArchivedKpis.objects.filter(council__gss_code=scope.council, contract_reference=FOLLOWUP_ARCHIVE,
                                                    period__in=[str(p) for p in periods]):
            for key, value in archived.result.get("counts", {}).items():
                n[key] = n.get(key, 0) + value
    return followup_kpis(n)


def followup_kpis(n: dict[str, int]) -> dict:
    """The sustained-outcome KPIs and the basis of each rate, from `followup_counts`."""
    kpis = {
        "followups": n["followups"],
        "followups_reached": n["reached"],
        "followup_reached_rate": _rate(n["reached"], n["followups"]),
        "sustained_safe_rate": _rate(n["safe_yes"], n["safe_known"]),
        "sustained_abuse_stopped_rate": _rate(n["stopped_yes"], n["stopped_known"]),
        "re_referral_rate": _rate(n["rereferred_yes"], n["rereferred_known"]),
        "followup_wellbeing_mean": _rate(n["wellbeing_sum"], n["wellbeing_n"]),
    }
    basis = {
        "followup_reached_rate": (n["reached"], n["followups"]),
        "sustained_safe_rate": (n["safe_yes"], n["safe_known"]),
        "sustained_abuse_stopped_rate": (n["stopped_yes"], n["stopped_known"]),
        "re_referral_rate": (n["rereferred_yes"], n["rereferred_known"]),
        "followup_wellbeing_mean": (n["wellbeing_n"], n["wellbeing_n"]),
    }
    return {"kpis": kpis, "basis": basis}
