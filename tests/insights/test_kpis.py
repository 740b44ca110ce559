"""Every KPI on hand-built data, answers worked out here; the CLI's JSON contract."""

import io
import json

import pytest
from django.core.management import call_command

from daboard.commissioning.models import Contract
from daboard.insights.kpis import Scope, report
from daboard.returns import services
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db
Q1 = std.Period.parse("2024-25-Q1")

KEYS = {"cases_active", "new_referrals", "referrals_accepted", "referrals_declined", "engagement_rate", "cases_closed",
        "cases_closed_by_reason", "completion_rate", "high_risk_share", "repeat_victim_share", "by_gender",
        "by_age_band", "by_ethnic_group", "by_disability", "by_sexual_orientation", "by_residence", "needs", "sessions",
        "sanctuary_referrals", "onward_referrals", "safety_improved_rate", "safety_mean_change",
        "wellbeing_improved_rate", "wellbeing_mean_change", "abuse_stopped_rate", "risk_reduced_rate"}

# Six cases. A-E referred in Q1 (new); F referred before the quarter.
ROWS = [
    # A: accepted, engaged, high risk, repeat yes, closed completed; safety 3->7, wellbeing 4->4; risk high->medium; abuse stopped yes
    row(case_ref="A", gender="female", risk_level="high", repeat_victim="yes", sessions_in_period="5",
        needs="safety;housing", onward_referrals_in_period="housing;police", closure_date="2024-06-10",
        closure_reason="support_completed", safety_intake="3", safety_exit="7", wellbeing_intake="4",
        wellbeing_exit="4", risk_level_exit="medium", abuse_stopped_exit="yes", sexual_orientation=""),
    # B: accepted, not engaged, medium risk, repeat no, open; disability not_known
    row(case_ref="B", gender="male", risk_level="medium", repeat_victim="no", engaged="no", sessions_in_period="0",
        needs="housing", onward_referrals_in_period="", disability="not_known", residence="E07000130"),
    # C: declined no capacity, not_assessed risk, repeat not_known, not engaged
    row(case_ref="C", referral_outcome="declined_no_capacity", engaged="no", sessions_in_period="0",
        risk_level="not_assessed", repeat_victim="not_known", needs="", onward_referrals_in_period="",
        age_band="45_54", ethnicity="asian_indian"),
    # D: declined out of area, high risk, closed disengaged; safety 5->4; abuse no; risk high->high
    row(case_ref="D", referral_outcome="declined_out_of_area", engaged="no", sessions_in_period="0", risk_level="high",
        closure_date="2024-05-01", closure_reason="disengaged", safety_intake="5", safety_exit="4",
        abuse_stopped_exit="no", risk_level_exit="high", needs="", onward_referrals_in_period=""),
    # E: accepted, engaged, standard risk, open, sanctuary referral 2
    row(case_ref="E", risk_level="standard", sanctuary_referrals_in_period="2", sessions_in_period="3",
        needs="safety", onward_referrals_in_period="", ethnicity="mixed_other"),
    # F: referred last quarter, closed completed in Q1; wellbeing 2->6; risk not assessed at exit
    row(case_ref="F", referral_date="2024-02-20", closure_date="2024-04-15", closure_reason="support_completed",
        wellbeing_intake="2", wellbeing_exit="6", sessions_in_period="4", risk_level_exit="not_assessed",
        onward_referrals_in_period="police"),
]


@pytest.fixture
def loaded(demo):
    contract = Contract.objects.get(reference="LCC-DA-08")
    outcome = services.return_accept(acting_user=None, contract=contract, period=Q1, data=csv_of(ROWS),
                                     filename="q1.csv", source="cli")
    assert outcome.accepted, [i.line() for i in outcome.result.errors]
    return contract


def test_every_kpi_on_hand_built_data(loaded):
    k = report(Q1, Scope(council="E10000018"))
    assert set(k) == KEYS | {"scope", "period"}
    assert k["cases_active"] == 6 and k["new_referrals"] == 5
    assert k["referrals_accepted"] == 3  # A, B, E
    assert k["referrals_declined"] == {"declined_no_capacity": 1, "declined_out_of_area": 1}
    assert k["engagement_rate"] == pytest.approx(2 / 3)  # N engaged (A, E) / N accepted (A, B, E)
    assert k["cases_closed"] == 3 and k["cases_closed_by_reason"] == {"support_completed": 2, "disengaged": 1}
    assert k["completion_rate"] == pytest.approx(2 / 3)
    assert k["high_risk_share"] == pytest.approx(2 / 4)  # A, D high of A, B, D, E assessed
    assert k["repeat_victim_share"] == pytest.approx(3 / 4)  # A, D, E yes (base row) of A, B, D, E; C not_known
    assert k["by_gender"] == {"female": 4, "male": 1}
    assert k["by_age_band"] == {"25_34": 4, "45_54": 1}
    assert k["by_ethnic_group"] == {"white": 3, "asian": 1, "mixed": 1}
    assert k["by_disability"] == {"no": 4, "not_known": 1}
    assert k["by_sexual_orientation"] == {"heterosexual": 4, "not_known": 1}  # A blank counts as not_known
    assert k["by_residence"] == {"E07000129": 4, "E07000130": 1}
    assert k["needs"] == {"safety": 2, "housing": 2}
    assert k["sessions"] == 5 + 0 + 0 + 0 + 3 + 4
    assert k["sanctuary_referrals"] == 2
    assert k["onward_referrals"] == {"housing": 1, "police": 2}  # over R: A and F
    assert k["safety_improved_rate"] == pytest.approx(1 / 2)  # A up, D down
    assert k["safety_mean_change"] == pytest.approx((4 + -1) / 2)
    assert k["wellbeing_improved_rate"] == pytest.approx(1 / 2)  # A same, F up
    assert k["wellbeing_mean_change"] == pytest.approx((0 + 4) / 2)
    assert k["abuse_stopped_rate"] == pytest.approx(1 / 2)  # A yes, D no
    assert k["risk_reduced_rate"] == pytest.approx(1 / 2)  # A high->medium, D high->high; F not assessed


def test_rates_with_no_denominator_are_no_data_not_zero(demo):
    k = report(Q1, Scope(council="E10000018"))
    assert k["cases_active"] == 0 and k["sessions"] == 0 and k["by_gender"] == {}
    for key in ("engagement_rate", "completion_rate", "high_risk_share", "repeat_victim_share", "safety_improved_rate",
                "safety_mean_change", "wellbeing_improved_rate", "wellbeing_mean_change", "abuse_stopped_rate",
                "risk_reduced_rate"):
        assert k[key] is None, key


def test_only_the_current_version_counts(loaded):
    services.return_accept(acting_user=None, contract=loaded, period=Q1, data=csv_of([ROWS[0]]), filename="v2.csv",
                           source="cli")
    assert report(Q1, Scope(council="E10000018"))["cases_active"] == 1


def test_scopes_by_provider_contract_and_district(loaded):
    assert report(Q1, Scope(provider="freeva"))["cases_active"] == 6
    assert report(Q1, Scope(provider="wall"))["cases_active"] == 0
    assert report(Q1, Scope(contract="LCC-DA-08"))["cases_active"] == 6
    district = report(Q1, Scope(council="E07000130"))
    assert district["cases_active"] == 1 and district["by_gender"] == {"male": 1}
    assert report(Q1, Scope(council="E06000016"))["cases_active"] == 0


def test_the_cli_prints_the_standards_json_and_the_same_figures(loaded):
    out = io.StringIO()
    call_command("report", "kpis", "--period", "2024-25-Q1", "--council", "E10000018", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == KEYS | {"scope", "period"}
    assert data["period"] == "2024-25-Q1" and data["scope"]["council"] == "E10000018"
    assert data == json.loads(json.dumps(report(Q1, Scope(council="E10000018"))))
    assert isinstance(data["cases_active"], int) and isinstance(data["engagement_rate"], float)


def test_the_cli_suppresses_small_numbers_on_request(loaded):
    out = io.StringIO()
    call_command("report", "kpis", "--period", "2024-25-Q1", "--contract", "LCC-DA-08", "--suppress", "--format", "json",
                 stdout=out)
    data = json.loads(out.getvalue())
    # Six people. By gender 4 and 1 are both [c]; with the 5 new referrals shown, each would
    # be known to be 1 to 4, so the total goes too, and with it (by the same reasoning over
    # ethnic group, 3+1+1 out of at most 6) the 6 cases: nothing about six people is shown
    # but the sessions, which count sessions, not people.
    assert data["cases_active"] == "[c]" and data["new_referrals"] == "[c]"
    assert data["referrals_accepted"] == "[c]" and data["engagement_rate"] == "[c]"
    assert data["by_gender"] == {"female": "[c]", "male": "[c]"}
    assert data["sessions"] == 12


def test_the_cli_csv_and_table_formats(loaded):
    out = io.StringIO()
    call_command("report", "kpis", "--period", "2024-25-Q1", "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "kpi,code,value" and "by_gender,female,4" in lines and "cases_active,,6" in lines
    out = io.StringIO()
    call_command("report", "kpis", "--period", "2024-25-Q1", "--format", "table", stdout=out)
    assert "cases_active" in out.getvalue()


@pytest.mark.parametrize("args", [["--period", "2024-Q1"], ["--period", "2024-25-Q1", "--council", "E99999999"],
                                  ["--period", "2024-25-Q1", "--provider", "nobody"]])
def test_cli_usage_errors(db, args):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as info:
        call_command("report", "kpis", *args)
    assert info.value.returncode == 2


def test_grouped_figures_equal_the_figures_computed_one_scope_at_a_time(loaded):
    """The dashboard asks once per dimension; each group must match a separate computation."""
    from daboard.insights.kpis import compute, compute_grouped, empty

    scope = Scope(council="E10000018")
    prev = Q1.previous()
    by_period = compute_grouped([prev, Q1], scope, by="period")
    assert by_period[str(Q1)] == compute(Q1, scope)
    assert by_period.get(str(prev), empty()) == compute(prev, scope) == empty()
    by_provider = compute_grouped([Q1], scope, by="provider")
    for slug, result in by_provider.items():
        assert result == compute(Q1, Scope(council="E10000018", provider=slug))
    by_residence = compute_grouped([Q1], scope, by="residence")
    assert by_residence["E07000130"] == compute(Q1, Scope(council="E07000130"))


def test_no_data_gives_zero_counts_and_no_rates_not_zero_percent(demo):
    from daboard.insights.kpis import compute

    k = compute(Q1, Scope(council="E10000018"))["kpis"]
    assert k["cases_active"] == 0 and k["by_gender"] == {} and k["engagement_rate"] is None
    assert k["safety_mean_change"] is None and k["risk_reduced_rate"] is None
