"""The KPI registry: one declaration per KPI, from which the disclosure classes, the
aggregates (polars at import, SQL on rebuild), the assembly and the exports' labels follow."""

import polars as pl
import pytest

from daboard.insights import kpis, registry
from daboard.insights.aggregates import MEASURES
from daboard.returns.standard import v1 as std
from tests.insights.test_kpis import KEYS

Q1 = std.Period.parse("2024-25-Q1")


def test_the_registry_declares_exactly_the_standards_kpis_in_its_order():
    assert {k.key for k in registry.KPIS} == KEYS
    assert list(kpis.empty()["kpis"]) == [k.key for k in registry.KPIS]


def test_the_disclosure_classes_other_code_reads_come_from_the_declarations():
    assert kpis.COUNT_KEYS == ("cases_active", "new_referrals", "referrals_accepted", "cases_closed", "sessions",
                               "sanctuary_referrals")
    assert kpis.AT_MOST == {"needs": "new_referrals", "onward_referrals": "cases_active"}
    assert kpis.TOTALLED == {"cases_closed_by_reason": "cases_closed", "by_gender": "new_referrals",
                             "by_age_band": "new_referrals", "by_ethnic_group": "new_referrals",
                             "by_disability": "new_referrals", "by_sexual_orientation": "new_referrals",
                             "by_residence": "new_referrals"}
    assert set(kpis.BREAKDOWNS) == {*kpis.TOTALLED, *kpis.AT_MOST, "referrals_declined"}
    assert set(kpis.MEANS) == {"safety_mean_change", "wellbeing_mean_change", "followup_wellbeing_mean"}
    assert "engagement_rate" in kpis.RATES and "re_referral_rate" in kpis.RATES
    assert kpis.FOLLOWUP_COUNT_KEYS == ("followups", "followups_reached")
    every = {*kpis.COUNT_KEYS, *kpis.FOLLOWUP_COUNT_KEYS, *kpis.RATES, *kpis.MEANS, *kpis.BREAKDOWNS}
    assert every == {k.key for k in (*registry.KPIS, *registry.FOLLOWUP_KPIS)}


def test_every_stored_measure_is_one_a_kpi_is_made_of():
    assert "needs.housing" in MEASURES and "by_gender.female" in MEASURES and "safety_sum" in MEASURES
    assert len(MEASURES) == len(set(MEASURES))


def test_a_declaration_that_cannot_be_right_fails_at_once():
    bad = registry.Kpi("x", "X", "rate", registry.new_referrals)
    with pytest.raises(ValueError, match="x: a rate needs a denominator"):
        registry._check((bad,))
    clash = registry.Kpi("y", "Y", "count", registry.Measure("new_referrals", registry.ALL))
    with pytest.raises(ValueError, match="new_referrals is declared twice"):
        registry._check((registry.KPIS[1], clash))
    with pytest.raises(ValueError, match="is not a count KPI"):
        registry._check((registry.Kpi("z", "Z", "table", field="gender", codes=("female",), among=registry.NEW,
                                      totalled="nothing"),))


def test_a_condition_compiles_to_the_same_answer_in_polars_as_declared():
    frame = pl.DataFrame({"risk_level": ["high", "medium", None], "risk_level_exit": ["medium", "high", "standard"],
                          "needs": [0b11, 0b10, None]})
    below = registry.RankedBelow("risk_level_exit", "risk_level").pl(Q1).fill_null(False)
    assert frame.select(below.alias("m"))["m"].to_list() == [True, False, False]
    has = registry.Has("needs", 0).pl(Q1).fill_null(False)
    assert frame.select(has.alias("m"))["m"].to_list() == [True, False, False]
    not_known = registry.Is("risk_level", "not_known").pl(Q1).fill_null(False)
    assert frame.select(not_known.alias("m"))["m"].to_list() == [False, False, True]


def test_exports_carry_each_kpis_label():
    rows = kpis.flat_rows({"scope": {}, "cases_active": 3, "by_gender": {"female": 2}}, labelled=True)
    assert rows == [["cases_active", "", 3, "People supported"], ["by_gender", "female", 2, "Gender"]]
