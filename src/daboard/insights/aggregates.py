"""KPI aggregates, built once when a return version is accepted.

Returns are immutable versions, so each version's contribution to every KPI is computed
once, at import, in polars, from the validated frame: one row per residence code holding
every count and sum the KPIs are made of (MEASURES, the measures of the KPI registry,
insights.registry). A KPI for any scope and period is
those rows summed over the current versions in scope (insights.kpis). Every measure is a
count or a sum, so they add across submissions and residence codes exactly; a mean is a
sum and a count, divided only after summing.

The case rows stay the source of truth: `aggregates_rebuild()` (the command `daboard report
rebuild-aggregates`) recomputes every version's aggregates from its stored rows with the
database's own grouped query: the same declarations compiled to SQL instead of polars, an
independent evaluation, and tests hold the two equal.
"""

from __future__ import annotations

import polars as pl
from django.db import transaction

from daboard.returns.standard import CURRENT as std

from .audit_actions import InsightsAudit
from .registry import KPIS, measures_of


def table_key(table: str, code: str) -> str:
    """The measure name of one code of a breakdown (registry.Kpi.cell)."""
    return f"{table}.{code}"


MEASURE_DECLARATIONS = measures_of(KPIS)
MEASURES = tuple(m.name for m in MEASURE_DECLARATIONS)
"""Every count or sum stored per submission and residence code, from the KPI registry."""

# The columns of the case rows the measures read.
COLUMNS = ("residence", "referral_date", "referral_outcome", "engaged", "closure_date", "closure_reason", "risk_level",
           "repeat_victim", "sessions_in_period", "sanctuary_referrals_in_period", "safety_intake", "safety_exit",
           "wellbeing_intake", "wellbeing_exit", "abuse_stopped_exit", "risk_level_exit", "gender", "age_band",
           "ethnic_group", "disability", "sexual_orientation", "needs", "onward_referrals_in_period")


# --- polars: from the validated frame, at import -------------------------------------------

def _polars_measures(period: std.Period) -> list[pl.Expr]:
    return [m.pl(period) for m in MEASURE_DECLARATIONS]


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
    return {m.name: m.orm(period) for m in MEASURE_DECLARATIONS}


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
    from daboard.core.audit import audit_event
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
    audit_event(actor=acting_user, action=InsightsAudit.INSIGHTS_AGGREGATES_REBUILT,
                 detail={"versions": done, "periods": sorted(by_period)[:200]})
    return done
