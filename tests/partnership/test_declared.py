"""A partner's dataset declared as data, checked by the return validator's machinery: the
same reader, issue records and wording; every problem names row, column, value and what
would be valid; the parser knows no Django and is fuzzed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daboard.partnership import declared
from daboard.partnership.demo import CHECKS, FIELDS, QUARTERS, quarter_csv
from daboard.returns import validate as return_validator

DECLARATION = declared.parse(FIELDS, CHECKS)
HEADER = "age_band,gender,ethnic_group,single_assessments,assessments_with_domestic_abuse"


def csv(*lines: str) -> bytes:
    return ("\n".join((HEADER, *lines)) + "\n").encode()


def test_the_declaration_round_trips_through_json_and_the_form_words():
    again = declared.Declaration.from_json(DECLARATION.as_json())
    assert again == DECLARATION
    fields, checks = DECLARATION.as_lines()
    assert declared.parse(fields, checks) == DECLARATION
    assert [f.name for f in DECLARATION.dimensions] == ["age_band", "gender", "ethnic_group"]
    assert [f.name for f in DECLARATION.measures] == ["single_assessments", "assessments_with_domestic_abuse"]


def test_a_good_file_gives_typed_rows():
    result = declared.validate(csv("0_5,female,white,10,4", "6_11,male,white,8,3"), DECLARATION)
    assert result.ok and result.rows.to_dicts()[0] == {
        "age_band": "0_5", "gender": "female", "ethnic_group": "white", "single_assessments": 10,
        "assessments_with_domestic_abuse": 4}


@pytest.mark.parametrize(("line", "code", "column", "value", "says"), [
    ("0_5,female,white,10,14", "count-more-than", "assessments_with_domestic_abuse", "14", "single_assessments"),
    ("0_5,femail,white,10,4", "code-unknown", "gender", "femail", "female, male, other, not_known"),
    ("0_5,female,white,ten,4", "integer-format", "single_assessments", "ten", "0 to 5,000"),
    ("0_5,female,white,9000,4", "integer-range", "single_assessments", "9000", "0 to 5,000"),
    ("0_5,,white,10,4", "required", "gender", None, "one of: female"),
])
def test_one_mistake_is_named_by_row_column_value_and_what_would_be_valid(line, code, column, value, says):
    result = declared.validate(csv("6_11,male,white,8,3", line), DECLARATION)
    assert not result.ok and result.rows is None
    [issue] = result.errors
    assert (issue.code, issue.row, issue.column, issue.value) == (code, 3, column, value)
    assert says in issue.message
    assert issue.cell == f"{'ABCDE'[HEADER.split(',').index(column)]}3"


def test_the_same_combination_twice_is_refused_on_both_rows():
    result = declared.validate(csv("0_5,female,white,10,4", "0_5,female,white,2,1"), DECLARATION)
    assert {(i.code, i.row) for i in result.errors} == {("row-duplicate", 2), ("row-duplicate", 3)}


def test_header_problems_stop_the_checks_and_personal_data_has_its_own_message():
    result = declared.validate(b"name,age_band,gender\nA Person,0_5,female\n", DECLARATION)
    codes = [i.code for i in result.errors]
    assert codes[0] == "column-personal-data" and codes.count("column-missing") == 3
    assert "single_assessments" in declared.validate(b"foo\n1\n", DECLARATION).errors[0].message


def test_a_column_written_twice_is_named_as_a_duplicate():
    result = declared.validate(b"age_band,age_band,gender\n0_5,0_5,female\n", DECLARATION)
    assert ("column-duplicate", "age_band") in {(i.code, i.column) for i in result.errors}
    assert not any("duplicated" in (i.column or "") for i in result.errors)


def test_the_rules_share_the_returns_codes_and_machinery():
    """One engine: the checks run through returns.validate's _Checks with the dataset's rules,
    and every rule code the return also has means the same thing."""
    from daboard.returns.standard import v1

    shared = set(declared.RULES) & set(v1.RULES)
    assert {"required", "code-unknown", "integer-format", "integer-range", "column-missing"} <= shared
    assert all(declared.RULES[c].severity == v1.RULES[c].severity for c in shared)
    assert declared._Checks is return_validator._Checks and declared.read_table is return_validator.read_table


def test_declarations_with_mistakes_are_refused_with_the_line():
    with pytest.raises(declared.DeclarationError) as exc:
        declared.parse("age | code |\ncontacts | number\nBad Name | count", "a <= b")
    problems = " ".join(exc.value.problems)
    assert "line 1" in problems and "line 2" in problems and "line 3" in problems and "Checks, line 1" in problems


def test_the_demo_quarters_add_up_to_the_seeds():
    """Updates from Rutland County Council (28 June 2024): 86 in Q1 and Q2, 130 in Q3 and Q4,
    216 and 70 in the year; 31% in Q1, 34% in Q2, 32% overall."""
    totals = {}
    for period, (single, with_da) in QUARTERS.items():
        result = declared.validate(quarter_csv(single, with_da), DECLARATION)
        assert result.ok
        t = declared.totals(DECLARATION, result.rows.to_dicts())
        totals[period] = (t.counts["single_assessments"], t.counts["assessments_with_domestic_abuse"])
    q = list(totals.values())
    assert q[0][0] + q[1][0] == 86 and q[2][0] + q[3][0] == 130 and sum(s for s, _ in q) == 216
    assert sum(d for _, d in q) == 70
    assert round(100 * q[0][1] / q[0][0]) == 31 and round(100 * q[1][1] / q[1][0]) == 34 and round(100 * 70 / 216) == 32


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_random_bytes_end_in_issues_never_a_crash(data):
    result = declared.validate(data, DECLARATION)
    assert result.ok or result.errors


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.text(alphabet="0_5fmaleitw,\"x-9 ", max_size=8), min_size=5, max_size=5), max_size=8))
def test_random_cells_end_in_a_clear_answer(rows):
    data = csv(*(",".join(r) for r in rows))
    result = declared.validate(data, DECLARATION)
    assert result.ok or all(i.message for i in result.errors)
