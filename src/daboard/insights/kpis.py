"""The KPIs of the monitoring-return standard, from the aggregates built at import
(insights.aggregates): every count and sum behind a KPI, stored per return version and
residence code, summed here over the current versions in scope. No page, export, report or
API call reads the case rows for a KPI.

R is the rows of the current version of every return in scope for the period; N the rows
of R referred in the period. A rate whose denominator is 0 is None ("no data"). In every
breakdown a blank optional value counts as not_known.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from daboard.core.disclosure import Policy
from daboard.returns.models import CaseRecord
from daboard.returns.standard import CURRENT as std

from .aggregates import BITS, CODED, table_key


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


GROUP_FIELDS = {"period": "period", "provider": "provider__slug", "residence": "residence"}


def _aggregates_in_periods(periods: list[std.Period], scope: Scope):
    """The aggregate rows (insights.aggregates) of the current version of every return in
    scope for the periods: a few hundred small rows where R is millions of case rows."""
    from daboard.core.models import Council

    from .models import SubmissionAggregate

    names = [str(p) for p in periods]
    qs = SubmissionAggregate.objects.filter(submission__is_current=True)
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
        qs = qs.filter(contract__reference=scope.contract)
    return qs


def _coded_tables(a: dict) -> dict[str, dict[str, int]]:
    out = {}
    for table, (_field, codes, _among) in (CODED | BITS).items():
        out[table] = {code: a[table_key(table, code)] for code in codes if a.get(table_key(table, code))}
    return out


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
    """Every KPI for each group (by period, provider or residence; None: one group), from
    the aggregates stored at import summed over the current versions in scope: one query
    whatever the number of groups. Groups with no rows are absent; callers use `empty()`
    for them."""
    if by is None and len(periods) != 1:
        raise ValueError("Several periods need by='period'")
    key_field = GROUP_FIELDS[by] if by else None
    fields = ["residence", "measures"] + ([key_field] if key_field and key_field != "residence" else [])
    sums: dict = {}
    residence: dict = {}
    for r in _aggregates_in_periods(periods, scope).values(*fields).iterator(chunk_size=2000):
        key = r[key_field] if key_field else None
        totals = sums.setdefault(key, {})
        for name, value in r["measures"].items():
            totals[name] = totals.get(name, 0) + value
        referred = r["measures"].get("new_referrals", 0)
        if referred:  # by_residence: new referrals by residence; blank counts as not_known
            cells = residence.setdefault(key, {})
            code = r["residence"] or "not_known"
            cells[code] = cells.get(code, 0) + referred
    if by is None and not sums:
        sums[None] = {}
    return {key: _assemble(_means(a), {**_coded_tables(a), "by_residence": dict(sorted(residence.get(key, {}).items()))})
            for key, a in sums.items()}


def _means(a: dict) -> dict:
    """Means from their sums and counts, divided only after summing."""
    for name in ("safety", "wellbeing"):
        n = a.get(f"{name}_n", 0)
        a[f"{name}_change"] = a.get(f"{name}_sum", 0) / n if n else None
    return a


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


def suppress(result: dict, policy: Policy) -> dict:
    """The KPIs (the quarterly return's, or the follow-ups') as a board member may see them."""
    k, basis = result["kpis"], result["basis"]
    out: dict = {}
    for key, value in k.items():
        if key in COUNT_KEYS or key in FOLLOWUP_COUNT_KEYS:
            out[key] = policy.count(value)
        elif key in basis:
            out[key] = policy.rate(value, *basis[key])
        elif isinstance(value, dict):
            out[key] = policy.table(value, has_total=key in TOTALLED)
        else:
            out[key] = value
    return out


def report(period: std.Period, scope: Scope, *, suppressed: bool = False, policy: Policy | None = None) -> dict:
    """The JSON object of the standard: every KPI key, plus `scope` and `period`."""
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
