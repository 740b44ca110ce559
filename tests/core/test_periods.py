"""One place for periods: the financial year (April to March, written 2024-25), its
quarters, and the municipal year (from May, written 2024/25)."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daboard.core import periods
from daboard.core.periods import Period

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.mark.parametrize(("day", "year"), [
    (dt.date(2024, 3, 31), "2023-24"), (dt.date(2024, 4, 1), "2024-25"), (dt.date(2099, 12, 31), "2099-00"),
    (dt.date(2025, 1, 15), "2024-25"),
])
def test_a_day_belongs_to_the_financial_year_that_began_on_the_1_april_before_it(day, year):
    assert periods.financial_year_of(day) == year


@given(DAYS)
def test_every_day_lies_within_its_financial_year_and_its_quarter(day):
    first, last = periods.financial_year_bounds(periods.financial_year_of(day))
    assert first <= day <= last and (last - first).days in (364, 365)
    quarter = Period.of(day)
    assert quarter.first_day <= day <= quarter.last_day
    assert quarter.financial_year == periods.financial_year_of(day)
    assert str(quarter) in [str(p) for p in periods.financial_year_periods(quarter.financial_year)]


def test_a_financial_year_must_be_two_following_years_within_the_century():
    assert periods.financial_year_ok("2024-25")
    assert not periods.financial_year_ok("2024-26")
    assert not periods.financial_year_ok("1999-00")
    assert not periods.financial_year_ok("2099-00")  # it would end outside the century
    assert not periods.financial_year_ok("2024/25")
    assert periods.financial_year_well_formed("2099-00")


def test_the_last_years_are_listed_newest_first():
    assert periods.financial_years_back(dt.date(2026, 11, 29), 3) == ["2026-27", "2025-26", "2024-25"]


def test_the_municipal_year_begins_on_1_may():
    assert periods.municipal_year_label(dt.date(2024, 4, 30)) == "2023/24"
    assert periods.municipal_year_label(dt.date(2024, 5, 1)) == "2024/25"
    assert periods.municipal_year_well_formed("2025/26") and not periods.municipal_year_well_formed("2025/27")


def test_the_return_standard_uses_the_same_quarter():
    from daboard.returns import standard

    assert standard.for_period(Period(2024, 3)).Period is Period
    assert standard.for_period("2024-25-Q3") is standard.CURRENT


def _financial_year_fields():
    from django.apps import apps

    from daboard.core.models import FINANCIAL_YEAR_VALIDATORS

    return [(model, field) for model in apps.get_models() for field in model._meta.fields
            if field.validators and all(v in field.validators for v in FINANCIAL_YEAR_VALIDATORS)]


@pytest.mark.parametrize(("written", "message"), [
    ("2024/25", "Write the financial year like 2024-25."),
    ("2024-2025", "Write the financial year like 2024-25."),  # not "at most 7 characters"
    ("\u0662\u0660\u0662\u0664-\u0662\u0665", "Write the financial year like 2024-25."),  # digits, but not ASCII ones
    ("2024-26", "The two years must follow each other, like 2024-25."),
    ("1999-01", "The two years must follow each other, like 2024-25."),
    ("1999-00", "Enter a financial year between 2000 and 2099, like 2024-25."),
    ("2099-00", "Enter a financial year between 2000 and 2099, like 2024-25."),
])
def test_a_mistyped_financial_year_gets_one_message_on_every_field_that_holds_one(written, message):
    from django.core.exceptions import ValidationError

    fields = _financial_year_fields()
    assert {f"{m.__name__}.{f.name}" for m, f in fields} >= {
        "Allocation.financial_year", "SpendPlan.financial_year", "Commitment.financial_year",
        "Contract.commitment_year", "DistrictPlan.financial_year", "KpiTarget.year", "PublishedImport.year"}
    for model, field in fields:
        with pytest.raises(ValidationError) as refused:
            field.run_validators(written)
        assert refused.value.messages == [message], f"{model.__name__}.{field.name}"
        # Its form field leaves the year to these checks (no "at most 7 characters" of its own).
        assert field.formfield().max_length is None, f"the form field of {model.__name__}.{field.name}"
    for _model, field in fields:
        field.run_validators("2024-25")
