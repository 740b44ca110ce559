"""The aggregates built at import (polars, from the validated frame) equal the aggregates
rebuilt from the stored case rows (the database's grouped query), on the demo's returns and
on random returns; the KPIs read from them follow versions, scopes and retention."""

import datetime as dt

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daboard.commissioning.models import Contract
from daboard.insights import aggregates
from daboard.insights.kpis import Scope, compute, report
from daboard.insights.models import SubmissionAggregate
from daboard.returns import services
from daboard.returns.models import CaseRecord, ReturnSubmission
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db
Q1 = std.Period.parse("2024-25-Q1")


def snapshot() -> dict:
    return {(a.submission_id, a.residence): (a.period, a.council_id, a.provider_id, a.contract_id, a.measures)
            for a in SubmissionAggregate.objects.all()}


def test_rebuilt_equals_incremental_on_the_demo(demo_with_returns):
    incremental = snapshot()
    assert len({s for s, _r in incremental}) == ReturnSubmission.objects.filter(row_count__gt=0).count() > 10
    SubmissionAggregate.objects.all().delete()
    call_command("report", "rebuild-aggregates", stdout=__import__("io").StringIO())
    assert snapshot() == incremental


def _day(first: dt.date, last: dt.date):
    return st.integers(0, (last - first).days).map(lambda n: first + dt.timedelta(days=n))


@st.composite
def case(draw, n: int):
    referral = draw(_day(dt.date(2023, 10, 1), Q1.last_day))
    closed = draw(st.booleans())
    closure = draw(_day(max(referral, Q1.first_day), Q1.last_day)) if closed else None
    blank_or = lambda s: st.one_of(st.just(""), s)  # noqa: E731
    ints = st.integers(1, 10).map(str)
    subset = lambda codes: st.lists(st.sampled_from(codes), unique=True, max_size=4).map(";".join)  # noqa: E731
    return row(
        case_ref=f"H{n}", referral_date=referral.isoformat(),
        referral_outcome=draw(st.sampled_from(std.REFERRAL_OUTCOMES)), engaged=draw(st.sampled_from(std.YES_NO)),
        age_band=draw(st.sampled_from(std.AGE_BANDS)), gender=draw(st.sampled_from(std.GENDERS)),
        sexual_orientation=draw(blank_or(st.sampled_from(std.SEXUAL_ORIENTATIONS))),
        ethnicity=draw(st.sampled_from(sorted(std.ETHNICITY_GROUPS))), disability=draw(st.sampled_from(std.YES_NO)),
        residence=draw(st.sampled_from(["E07000129", "E07000130", "E07000134", "out_of_area", "not_known"])),
        risk_level=draw(st.sampled_from(std.RISK_LEVELS)), repeat_victim=draw(st.sampled_from(std.YES_NO)),
        needs=draw(subset(std.NEEDS)), onward_referrals_in_period=draw(subset(std.ONWARD_REFERRALS)),
        sessions_in_period=str(draw(st.integers(0, 30))), sanctuary_referrals_in_period=str(draw(st.integers(0, 3))),
        safety_intake=draw(blank_or(ints)), wellbeing_intake=draw(blank_or(ints)),
        closure_date=closure.isoformat() if closed else "",
        closure_reason=draw(st.sampled_from(std.CLOSURE_REASONS)) if closed else "",
        safety_exit=draw(blank_or(ints)) if closed else "", wellbeing_exit=draw(blank_or(ints)) if closed else "",
        risk_level_exit=draw(blank_or(st.sampled_from(std.RISK_LEVELS))) if closed else "",
        abuse_stopped_exit=draw(blank_or(st.sampled_from(std.YES_NO))) if closed else "",
    )


@st.composite
def cases(draw):
    n = draw(st.integers(1, 40))
    return [draw(case(i)) for i in range(n)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=cases())
def test_aggregates_at_import_equal_the_case_rows_on_random_returns(demo, rows):
    contract = Contract.objects.get(reference="LCC-DA-08")
    outcome = services.return_accept(acting_user=None, contract=contract, period=Q1, data=csv_of(rows),
                                     filename="r.csv", source="cli")
    assert outcome.accepted, [i.line() for i in outcome.result.errors]
    sub = outcome.submission
    stored = {a.residence: a.measures for a in SubmissionAggregate.objects.filter(submission=sub)}
    assert stored == aggregates.from_case_rows([sub.pk], Q1)[sub.pk]
    assert sum(m["cases_active"] for m in stored.values()) == len(rows) == CaseRecord.objects.filter(
        submission=sub).count()
    k = report(Q1, Scope(contract="LCC-DA-08"))
    new = [r for r in rows if r["referral_date"] >= Q1.first_day.isoformat()]
    assert k["new_referrals"] == len(new)
    assert k["sessions"] == sum(int(r["sessions_in_period"]) for r in rows)
    assert k["by_sexual_orientation"].get("not_known", 0) == sum(
        1 for r in new if r["sexual_orientation"] in ("", "not_known"))
    district = report(Q1, Scope(council="E07000130"))
    assert district["cases_active"] == sum(1 for r in rows if r["residence"] == "E07000130")
    assert district["by_residence"] == ({"E07000130": n} if (n := sum(1 for r in new if r["residence"] == "E07000130"))
                                        else {})
    closed = [r for r in rows if r["closure_date"]]
    assert k["completion_rate"] == (pytest.approx(sum(r["closure_reason"] == "support_completed" for r in closed)
                                                  / len(closed)) if closed else None)
    both = [r for r in rows if r["closure_date"] and r["safety_intake"] and r["safety_exit"]]
    mean = sum(int(r["safety_exit"]) - int(r["safety_intake"]) for r in both) / len(both) if both else None
    assert k["safety_mean_change"] == (pytest.approx(mean) if both else None)


def test_superseding_swaps_the_aggregates_in_use_and_a_version_back_counts_again(demo):
    contract = Contract.objects.get(reference="LCC-DA-08")
    first = services.return_accept(acting_user=None, contract=contract, period=Q1,
                                   data=csv_of([row(case_ref="A"), row(case_ref="B")]), filename="1.csv",
                                   source="cli").submission
    assert report(Q1, Scope(contract="LCC-DA-08"))["cases_active"] == 2
    services.return_accept(acting_user=None, contract=contract, period=Q1, data=csv_of([row(case_ref="A")]),
                           filename="2.csv", source="cli")
    assert report(Q1, Scope(contract="LCC-DA-08"))["cases_active"] == 1
    assert SubmissionAggregate.objects.filter(submission=first).exists()  # kept with its version


def test_retention_keeps_every_scope_answerable(demo):
    """After retention deletes a quarter's case rows the aggregates stay: council, contract,
    provider and district figures are unchanged."""
    from daboard.core import clock, retention

    contract = Contract.objects.get(reference="LCC-DA-08")
    rows = [row(case_ref="A"), row(case_ref="B", residence="E07000130", gender="male")]
    services.return_accept(acting_user=None, contract=contract, period=Q1, data=csv_of(rows), filename="q1.csv",
                           source="cli")
    scopes = [Scope(council="E10000018"), Scope(contract="LCC-DA-08"), Scope(provider="freeva"),
              Scope(council="E07000130")]
    before = [compute(Q1, s) for s in scopes]
    retention.run(today=retention.years_after(clock.today(), 8), dry_run=False)
    assert not CaseRecord.objects.filter(period=str(Q1)).exists()
    assert [compute(Q1, s) for s in scopes] == before
    assert before[3]["kpis"]["by_gender"] == {"male": 1}
    call_command("report", "rebuild-aggregates", stdout=__import__("io").StringIO())  # purged versions keep theirs
    assert [compute(Q1, s) for s in scopes] == before
