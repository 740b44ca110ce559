"""The KPIs of the monitoring-return standard, computed in the database.

R is the rows of the current version of every return in scope for the period; N the rows
of R referred in the period. A rate whose denominator is 0 is None ("no data"). In every
breakdown a blank optional value counts as not_known.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan, LessThan

from daboard.core.disclosure import Policy
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
    from daboard.core.models import Council

    qs = CaseRecord.objects.filter(period=str(period), submission__is_current=True)
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


def _bits(qs: QuerySet, field: str, codes: tuple[str, ...]) -> dict[str, int]:
    """Count of rows having each code of a ;-list (stored as a bit set), in one query."""
    agg = qs.aggregate(**{
        f"c{i}": Coalesce(Sum(Case(When(GreaterThan(F(field).bitand(1 << i), 0), then=Value(1)), default=Value(0),
                                   output_field=IntegerField())), 0)
        for i in range(len(codes))})
    return {code: agg[f"c{i}"] for i, code in enumerate(codes) if agg[f"c{i}"]}


def _by(qs: QuerySet, field: str) -> dict[str, int]:
    rows = qs.values(field).annotate(n=Count("id")).order_by()
    out: dict[str, int] = {}
    for r in rows:
        key = r[field] if r[field] is not None else "not_known"
        out[key] = out.get(key, 0) + r["n"]
    return dict(sorted(out.items()))


RISK_RANK = Case(When(risk_level="standard", then=1), When(risk_level="medium", then=2), When(risk_level="high", then=3),
                 default=None, output_field=IntegerField())
RISK_EXIT_RANK = Case(When(risk_level_exit="standard", then=1), When(risk_level_exit="medium", then=2),
                      When(risk_level_exit="high", then=3), default=None, output_field=IntegerField())


def compute(period: std.Period, scope: Scope) -> dict:
    """Every KPI, unsuppressed, with the numerators and denominators behind each rate."""
    first, last = period.first_day, period.last_day
    r = rows_in_scope(period, scope)
    new = Q(referral_date__gte=first, referral_date__lte=last)
    closed = Q(closure_date__isnull=False, closure_date__gte=first, closure_date__lte=last)
    both_safety = closed & Q(safety_intake__isnull=False, safety_exit__isnull=False)
    both_wellbeing = closed & Q(wellbeing_intake__isnull=False, wellbeing_exit__isnull=False)
    assessed = (closed & Q(risk_level__in=["standard", "medium", "high"])
                & Q(risk_level_exit__in=["standard", "medium", "high"]))
    a = r.aggregate(
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
    )
    a["risk_down"] = r.filter(assessed).alias(before=RISK_RANK, after=RISK_EXIT_RANK).filter(
        LessThan(F("after"), F("before"))).count()
    n_rows = r.filter(new)
    closed_rows = r.filter(closed)
    declined = {k: v for k, v in _by(n_rows.filter(referral_outcome__startswith="declined_"), "referral_outcome").items()}
    kpis = {
        "cases_active": a["cases_active"],
        "new_referrals": a["new_referrals"],
        "referrals_accepted": a["referrals_accepted"],
        "referrals_declined": declined,
        "engagement_rate": _rate(a["engaged_new"], a["referrals_accepted"]),
        "cases_closed": a["cases_closed"],
        "cases_closed_by_reason": _by(closed_rows, "closure_reason"),
        "completion_rate": _rate(a["completed"], a["cases_closed"]),
        "high_risk_share": _rate(a["high_risk"], a["risk_assessed"]),
        "repeat_victim_share": _rate(a["repeat_yes"], a["repeat_known"]),
        "by_gender": _by(n_rows, "gender"),
        "by_age_band": _by(n_rows, "age_band"),
        "by_ethnic_group": _by(n_rows, "ethnic_group"),
        "by_disability": _by(n_rows, "disability"),
        "by_sexual_orientation": _by(n_rows, "sexual_orientation"),
        "by_residence": _by(n_rows, "residence"),
        "needs": _bits(n_rows, "needs", std.NEEDS),
        "sessions": int(a["sessions"]),
        "sanctuary_referrals": int(a["sanctuary"]),
        "onward_referrals": _bits(r, "onward_referrals_in_period", std.ONWARD_REFERRALS),
        "safety_improved_rate": _rate(a["safety_up"], a["safety_n"]),
        "safety_mean_change": float(a["safety_change"]) if a["safety_change"] is not None else None,
        "wellbeing_improved_rate": _rate(a["wellbeing_up"], a["wellbeing_n"]),
        "wellbeing_mean_change": float(a["wellbeing_change"]) if a["wellbeing_change"] is not None else None,
        "abuse_stopped_rate": _rate(a["abuse_yes"], a["abuse_n"]),
        "risk_reduced_rate": _rate(a["risk_down"], a["risk_n"]),
    }
    basis = {
        "engagement_rate": (a["engaged_new"], a["referrals_accepted"]),
        "completion_rate": (a["completed"], a["cases_closed"]),
        "high_risk_share": (a["high_risk"], a["risk_assessed"]),
        "repeat_victim_share": (a["repeat_yes"], a["repeat_known"]),
        "safety_improved_rate": (a["safety_up"], a["safety_n"]),
        "safety_mean_change": (a["safety_n"], a["safety_n"]),
        "wellbeing_improved_rate": (a["wellbeing_up"], a["wellbeing_n"]),
        "wellbeing_mean_change": (a["wellbeing_n"], a["wellbeing_n"]),
        "abuse_stopped_rate": (a["abuse_yes"], a["abuse_n"]),
        "risk_reduced_rate": (a["risk_down"], a["risk_n"]),
    }
    return {"kpis": kpis, "basis": basis}


COUNT_KEYS = ("cases_active", "new_referrals", "referrals_accepted", "cases_closed", "sessions", "sanctuary_referrals")
TOTALLED = {"by_gender": "new_referrals", "by_age_band": "new_referrals", "by_ethnic_group": "new_referrals",
            "by_disability": "new_referrals", "by_sexual_orientation": "new_referrals", "by_residence": "new_referrals",
            "cases_closed_by_reason": "cases_closed"}


def suppress(result: dict, policy: Policy) -> dict:
    """The KPIs as a board member may see them."""
    k, basis = result["kpis"], result["basis"]
    out: dict = {}
    for key, value in k.items():
        if key in COUNT_KEYS:
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
