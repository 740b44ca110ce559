"""KPI aggregates, built once when a return version is accepted.

Returns are immutable versions, so each version's contribution to every KPI is computed
once, at import, in polars, from the validated frame: one row per residence code holding
every count and sum the KPIs are made of (MEASURES). A KPI for any scope and period is
those rows summed over the current versions in scope (insights.kpis). Every measure is a
count or a sum, so they add across submissions and residence codes exactly; a mean is a
sum and a count, divided only after summing.

The case rows stay the source of truth: `aggregates_rebuild()` (the command `daboard report
rebuild-aggregates`) recomputes every version's aggregates from its stored rows with the
database's own grouped query, an independent implementation, and tests hold the two equal.
"""

from __future__ import annotations

import polars as pl
from django.db import transaction
from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.lookups import GreaterThan, LessThan

from daboard.returns.standard import CURRENT as std

# Breakdowns over codes the standard fixes. A blank optional answer counts as not_known.
CODED = {  # table: (field, codes, over new referrals N, closed cases or all rows R)
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
ASSESSED = ("standard", "medium", "high")
RANK = {"standard": 1, "medium": 2, "high": 3}

SCALARS = ("cases_active", "new_referrals", "referrals_accepted", "engaged_new", "cases_closed", "completed",
           "high_risk", "risk_assessed", "repeat_yes", "repeat_known", "sessions", "sanctuary", "safety_n",
           "safety_up", "safety_sum", "wellbeing_n", "wellbeing_up", "wellbeing_sum", "abuse_n", "abuse_yes",
           "risk_n", "risk_down")


def table_key(table: str, code: str) -> str:
    return f"{table}.{code}"


MEASURES = (*SCALARS, *(table_key(t, c) for t, (_f, codes, _o) in (CODED | BITS).items() for c in codes))
"""Every count or sum stored per submission and residence code."""

# The columns of the case rows the measures read.
COLUMNS = ("residence", "referral_date", "referral_outcome", "engaged", "closure_date", "closure_reason", "risk_level",
           "repeat_victim", "sessions_in_period", "sanctuary_referrals_in_period", "safety_intake", "safety_exit",
           "wellbeing_intake", "wellbeing_exit", "abuse_stopped_exit", "risk_level_exit", "gender", "age_band",
           "ethnic_group", "disability", "sexual_orientation", "needs", "onward_referrals_in_period")


# --- polars: from the validated frame, at import -------------------------------------------

def _polars_measures(period: std.Period) -> list[pl.Expr]:
    c = pl.col
    new = c("referral_date").is_between(period.first_day, period.last_day)
    closed = c("closure_date").is_not_null() & c("closure_date").is_between(period.first_day, period.last_day)
    both_safety = closed & c("safety_intake").is_not_null() & c("safety_exit").is_not_null()
    both_wellbeing = closed & c("wellbeing_intake").is_not_null() & c("wellbeing_exit").is_not_null()
    assessed = closed & c("risk_level").is_in(ASSESSED) & c("risk_level_exit").is_in(ASSESSED)
    over = {"new": new, "closed": closed, "all": pl.lit(True)}

    def count(mask: pl.Expr, name: str) -> pl.Expr:
        return mask.fill_null(False).sum().cast(pl.Int64).alias(name)

    def total(value: pl.Expr, mask: pl.Expr, name: str) -> pl.Expr:
        return pl.when(mask.fill_null(False)).then(value).otherwise(0).sum().cast(pl.Int64).alias(name)

    rank = {f: c(f).replace_strict(RANK, default=None, return_dtype=pl.Int8) for f in ("risk_level", "risk_level_exit")}
    exprs = [
        pl.len().cast(pl.Int64).alias("cases_active"),
        count(new, "new_referrals"),
        count(new & (c("referral_outcome") == "accepted"), "referrals_accepted"),
        count(new & (c("engaged") == "yes"), "engaged_new"),
        count(closed, "cases_closed"),
        count(closed & (c("closure_reason") == "support_completed"), "completed"),
        count(new & (c("risk_level") == "high"), "high_risk"),
        count(new & (c("risk_level") != "not_assessed"), "risk_assessed"),
        count(new & (c("repeat_victim") == "yes"), "repeat_yes"),
        count(new & (c("repeat_victim") != "not_known"), "repeat_known"),
        c("sessions_in_period").sum().cast(pl.Int64).alias("sessions"),
        c("sanctuary_referrals_in_period").sum().cast(pl.Int64).alias("sanctuary"),
        count(both_safety, "safety_n"),
        count(both_safety & (c("safety_exit") > c("safety_intake")), "safety_up"),
        total(c("safety_exit").cast(pl.Int64) - c("safety_intake"), both_safety, "safety_sum"),
        count(both_wellbeing, "wellbeing_n"),
        count(both_wellbeing & (c("wellbeing_exit") > c("wellbeing_intake")), "wellbeing_up"),
        total(c("wellbeing_exit").cast(pl.Int64) - c("wellbeing_intake"), both_wellbeing, "wellbeing_sum"),
        count(closed & c("abuse_stopped_exit").is_in(["yes", "no"]), "abuse_n"),
        count(closed & (c("abuse_stopped_exit") == "yes"), "abuse_yes"),
        count(assessed, "risk_n"),
        count(assessed & (rank["risk_level_exit"] < rank["risk_level"]), "risk_down"),
    ]
    for table, (field, codes, among) in CODED.items():
        for code in codes:
            match = (c(field) == code) | c(field).is_null() if code == "not_known" else c(field) == code
            exprs.append(count(over[among] & match, table_key(table, code)))
    for table, (field, codes, among) in BITS.items():
        for i, code in enumerate(codes):
            exprs.append(count(over[among] & ((c(field).cast(pl.Int64) & (1 << i)) > 0), table_key(table, code)))
    return exprs


def from_frame(rows: pl.DataFrame | pl.LazyFrame, period: std.Period) -> dict[str, dict[str, int]]:
    """Residence code to measures (zeros left out), from case rows as validated."""
    lazy = rows.lazy().select(COLUMNS).with_columns(pl.col("residence").fill_null(""))
    frame = lazy.group_by("residence").agg(_polars_measures(period)).collect()
    out = {}
    for record in frame.iter_rows(named=True):
        residence = record.pop("residence")
        out[residence] = {k: int(v) for k, v in record.items() if v}
    return out


# --- the database: from the stored case rows (rebuild) ---------------------------------------

def _orm_measures(period: std.Period) -> dict:
    from django.db.models import Case, When

    def rank(field):
        return Case(*(When(**{field: code}, then=n) for code, n in RANK.items()), default=None,
                    output_field=IntegerField())

    new = Q(referral_date__gte=period.first_day, referral_date__lte=period.last_day)
    closed = Q(closure_date__isnull=False, closure_date__gte=period.first_day, closure_date__lte=period.last_day)
    both_safety = closed & Q(safety_intake__isnull=False, safety_exit__isnull=False)
    both_wellbeing = closed & Q(wellbeing_intake__isnull=False, wellbeing_exit__isnull=False)
    assessed = closed & Q(risk_level__in=ASSESSED) & Q(risk_level_exit__in=ASSESSED)
    over = {"new": new, "closed": closed, "all": Q()}
    m = {
        "cases_active": Count("id"),
        "new_referrals": Count("id", filter=new),
        "referrals_accepted": Count("id", filter=new & Q(referral_outcome="accepted")),
        "engaged_new": Count("id", filter=new & Q(engaged="yes")),
        "cases_closed": Count("id", filter=closed),
        "completed": Count("id", filter=closed & Q(closure_reason="support_completed")),
        "high_risk": Count("id", filter=new & Q(risk_level="high")),
        "risk_assessed": Count("id", filter=new & ~Q(risk_level="not_assessed")),
        "repeat_yes": Count("id", filter=new & Q(repeat_victim="yes")),
        "repeat_known": Count("id", filter=new & ~Q(repeat_victim="not_known")),
        "sessions": Sum("sessions_in_period"),
        "sanctuary": Sum("sanctuary_referrals_in_period"),
        "safety_n": Count("id", filter=both_safety),
        "safety_up": Count("id", filter=both_safety & Q(safety_exit__gt=F("safety_intake"))),
        "safety_sum": Sum(F("safety_exit") - F("safety_intake"), filter=both_safety, output_field=IntegerField()),
        "wellbeing_n": Count("id", filter=both_wellbeing),
        "wellbeing_up": Count("id", filter=both_wellbeing & Q(wellbeing_exit__gt=F("wellbeing_intake"))),
        "wellbeing_sum": Sum(F("wellbeing_exit") - F("wellbeing_intake"), filter=both_wellbeing,
                             output_field=IntegerField()),
        "abuse_n": Count("id", filter=closed & Q(abuse_stopped_exit__in=["yes", "no"])),
        "abuse_yes": Count("id", filter=closed & Q(abuse_stopped_exit="yes")),
        "risk_n": Count("id", filter=assessed),
        "risk_down": Count("id", filter=assessed & Q(LessThan(rank("risk_level_exit"), rank("risk_level")))),
    }
    for table, (field, codes, among) in CODED.items():
        for code in codes:
            match = Q(**{field: code}) | Q(**{f"{field}__isnull": True}) if code == "not_known" else Q(**{field: code})
            m[table_key(table, code)] = Count("id", filter=over[among] & match)
    for table, (field, codes, among) in BITS.items():
        for i, code in enumerate(codes):
            m[table_key(table, code)] = Count("id", filter=over[among] & Q(GreaterThan(F(field).bitand(1 << i), 0)))
    return m


def from_case_rows(submission_ids: list[int], period: std.Period) -> dict[int, dict[str, dict[str, int]]]:
    """Submission to residence code to measures, from the stored case rows of submissions of
    one period: one grouped query in the database."""
    from daboard.returns.models import CaseRecord

    measures = _orm_measures(period)
    aliases = {f"m{i}": name for i, name in enumerate(measures)}  # dots are not allowed in aliases
    qs = (CaseRecord.objects.filter(submission_id__in=submission_ids, period=str(period))
          .values("submission_id", "residence")
          .annotate(**{alias: measures[name] for alias, name in aliases.items()}).order_by())
    out: dict[int, dict[str, dict[str, int]]] = {}
    for r in qs.iterator(chunk_size=2000):
        values = {name: int(r[alias]) for alias, name in aliases.items() if r[alias]}
        out.setdefault(r["submission_id"], {})[r["residence"] or ""] = values
    return out


# --- storing ---------------------------------------------------------------------------------

def store(submission, by_residence: dict[str, dict[str, int]]) -> None:
    """Replace a submission's aggregates (inside the caller's transaction)."""
    from .models import SubmissionAggregate

    contract = submission.contract
    SubmissionAggregate.objects.filter(submission=submission).delete()
    SubmissionAggregate.objects.bulk_create([
        SubmissionAggregate(submission=submission, period=submission.period, council_id=contract.council_id,
                            provider_id=contract.provider_id, contract_id=contract.pk, residence=residence,
                            measures=measures)
        for residence, measures in sorted(by_residence.items())])


def build_at_import(submission, rows: pl.DataFrame) -> None:
    """At import: the accepted version's aggregates from its validated rows."""
    store(submission, from_frame(rows, std.Period.parse(submission.period)))


def aggregates_rebuild(*, acting_user=None, periods: list[str] | None = None) -> int:
    """Every aggregate (of the given periods, else all) recomputed from the case rows, in
    transactions of up to 500 versions. Versions whose rows retention deleted keep theirs:
    they are the archive. Returns how many versions were rebuilt."""
    from daboard.core.audit import audit_record
    from daboard.returns.models import ReturnSubmission

    qs = ReturnSubmission.objects.filter(rows_purged_at__isnull=True).select_related("contract")
    if periods:
        qs = qs.filter(period__in=periods)
    by_period: dict[str, list] = {}
    for s in qs:
        by_period.setdefault(s.period, []).append(s)
    done = 0
    for period, subs in sorted(by_period.items()):
        for start in range(0, len(subs), 500):
            batch = subs[start:start + 500]
            with transaction.atomic():
                computed = from_case_rows([s.pk for s in batch], std.Period.parse(period))
                for s in batch:
                    store(s, computed.get(s.pk, {}))
            done += len(batch)
    audit_record(actor=acting_user, action="insights.aggregates_rebuilt",
                 detail={"versions": done, "periods": sorted(by_period)[:200]})
    return done
