"""The follow-up return: an optional return of its own under the quarterly standard's rules,
declared once (template, validator, API schema, docs), stored in versions, and its KPIs of
sustained outcomes on the dashboard and the board's report."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daboard.returns.standard import followup_v1 as fu
from daboard.returns.standard import v1 as std
from daboard.returns.validate import validate_followup

from .conftest import followup_csv, followup_row

PERIOD = std.Period.parse("2024-25-Q1")


def codes(result):
    return sorted({i.code for i in result.issues})


def test_a_good_file_passes_and_its_rows_are_typed():
    result = validate_followup(followup_csv([followup_row(), followup_row(case_ref="FRV-2", reached="no", safe="",
                                                                          abuse_stopped="", wellbeing="")]),
                               period=PERIOD)
    assert result.ok and result.rows.height == 2
    assert result.rows["wellbeing"].to_list() == [7, None]


@pytest.mark.parametrize(("changes", "code"), [
    ({"follow_up_date": "2023-10-01"}, "follow-up-before-closure"),
    ({"follow_up_date": "2024-07-01"}, "follow-up-after-period"),
    ({"follow_up_date": "2024-03-31", "closure_date": "2023-09-01"}, "follow-up-before-period"),
    ({"reached": "no"}, "answer-when-not-reached"),
    ({"reached": "maybe", "safe": "", "abuse_stopped": "", "wellbeing": ""}, "yes-no-unknown"),
    ({"months_after_closure": "30"}, "integer-range"),
    ({"wellbeing": "seven"}, "integer-format"),
    ({"case_ref": "bad ref!"}, "case-ref-format"),
    ({"follow_up_date": "next week"}, "date-format"),
    ({"re_referred": ""}, "required"),
])
def test_each_rule_names_its_row_and_column(changes, code):
    result = validate_followup(followup_csv([followup_row(**changes)]), period=PERIOD)
    assert not result.ok and code in codes(result)
    issue = next(i for i in result.issues if i.code == code)
    assert issue.row == 2 and issue.column and issue.message


def test_the_quarterly_standards_rules_apply_word_for_word():
    for code in fu.SHARED_RULES:
        assert fu.RULES[code] is std.RULES[code]
    personal = followup_csv([followup_row()]).replace(b"case_ref,", b"name,case_ref,", 1)
    assert codes(validate_followup(personal, period=PERIOD)) == ["column-personal-data"]
    dupes = followup_csv([followup_row(), followup_row()])
    assert codes(validate_followup(dupes, period=PERIOD)) == ["case-ref-duplicate"]


def test_an_early_follow_up_is_a_warning_not_an_error():
    result = validate_followup(followup_csv([followup_row(closure_date="2024-04-01", follow_up_date="2024-05-01")]),
                               period=PERIOD)
    assert result.ok and [w.code for w in result.warnings] == ["warn-follow-up-early"]


def test_the_template_and_docs_come_from_the_declaration():
    from openpyxl import load_workbook

    from daboard.returns.templates import template_bytes

    assert template_bytes("csv", standard=fu).decode("utf-8-sig").strip() == ",".join(c.name for c in fu.COLUMNS)
    wb = load_workbook(io.BytesIO(template_bytes("xlsx", standard=fu)))
    assert [c.value for c in wb["Return"][1]] == [c.name for c in fu.COLUMNS]
    assert wb["guidance"]["A1"].value == "Follow-up return, version 1"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_end_in_a_clear_error_never_a_crash(data):
    result = validate_followup(data, period=PERIOD)
    assert result.ok or result.errors


@settings(max_examples=80, deadline=None)
@given(st.sampled_from([c.name for c in fu.COLUMNS]), st.text(max_size=30))
def test_any_value_in_any_column_is_accepted_or_named_by_row_and_column(column, value):
    result = validate_followup(followup_csv([followup_row(**{column: value})]), period=PERIOD)
    for issue in result.errors:
        # a NUL byte makes the whole file unreadable as text: a file-level error
        assert ((issue.row in (1, 2, 3) and issue.column) or issue.code == "file-unreadable") and issue.message


@pytest.mark.django_db
def test_a_provider_sends_follow_ups_in_versions_and_the_same_file_twice_is_one_version(demo, make_user, signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from daboard.returns.models import FollowUpRecord, FollowUpSubmission

    client = signed_in(make_user("provider", organisation="freeva"))
    url = "/returns/LCC-DA-08/follow-ups/"
    assert client.get(url).status_code == 200
    data = followup_csv([followup_row(), followup_row(case_ref="FRV-2", reached="no", safe="", abuse_stopped="",
                                                      wellbeing="")])
    for _ in range(2):
        response = client.post(url, {"period": "2024-25-Q1", "file": SimpleUploadedFile("f.csv", data)})
        assert response.status_code == 302, response.content.decode()[:3000]
    assert FollowUpSubmission.objects.filter(contract__reference="LCC-DA-08").count() == 1
    bad = followup_csv([followup_row(reached="no")])
    response = client.post(url, {"period": "2024-25-Q1", "file": SimpleUploadedFile("f.csv", bad)})
    assert response.status_code == 200 and "An answer from a person not reached" in response.content.decode()
    assert FollowUpRecord.objects.count() == 2
    gate = signed_in(make_user("provider", organisation="gate"))
    assert gate.get(url).status_code == 404


@pytest.mark.django_db
def test_sustained_outcome_kpis_appear_on_the_dashboard_and_are_suppressed_for_members(demo, make_user, signed_in):
    from daboard.commissioning.models import Contract
    from daboard.insights.kpis import Scope, followup_compute
    from daboard.returns.services import followup_accept

    period = std.Period.parse("2026-27-Q2")
    rows = [followup_row(case_ref=f"FRV-{i}", closure_date="2026-01-10", follow_up_date="2026-07-20",
                         reached="yes" if i < 8 else "no", safe=("yes" if i < 6 else "no") if i < 8 else "",
                         abuse_stopped="yes" if i < 8 else "", wellbeing="7" if i < 8 else "",
                         re_referred="yes" if i == 0 else "no") for i in range(10)]
    outcome = followup_accept(acting_user=None, contract=Contract.objects.get(reference="LCC-DA-08"), period=period,
                              data=followup_csv(rows), filename="f.csv", source="cli")
    assert outcome.accepted, outcome.result.errors[:3]
    k = followup_compute(period.back(4), Scope(council="E10000018"))["kpis"]
    assert (k["followups"], k["followups_reached"], k["followup_reached_rate"]) == (10, 8, 0.8)
    assert (k["sustained_safe_rate"], k["sustained_abuse_stopped_rate"], k["re_referral_rate"]) == (0.75, 1.0, 0.1)
    assert k["followup_wellbeing_mean"] == 7.0
    officer = signed_in(make_user("commissioner", council="E10000018"))
    page = officer.get("/dashboard/E10000018/?period=2026-27-Q2").content.decode()
    assert 'id="sustained-outcomes"' in page and "80%" in page and "10%" in page
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    page = member.get("/dashboard/E10000018/?period=2026-27-Q2").content.decode()
    sustained = page[page.index('id="sustained-outcomes"'):]
    sustained = sustained[:sustained.index("</dl>")]
    assert "[c]" in sustained  # one re-referral: the rate on a numerator of 1 is suppressed
    assert "10%" not in sustained
    report = member.get("/dashboard/E10000018/report/2026-27-Q2/").content.decode()
    assert 'id="sustained-outcomes"' in report


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.data())
def test_the_boards_sustained_outcomes_show_no_small_count_and_no_rate_on_one(followups, data):
    """The disclosure attacker on the follow-up KPIs: whatever the counts, nothing a board
    member sees is a count from 1 to 4 or a rate or mean built on one."""
    from daboard.core.disclosure import SUPPRESSED, Policy
    from daboard.insights.kpis import followup_kpis, suppress

    reached = data.draw(st.integers(0, followups))
    safe_known = data.draw(st.integers(0, reached))
    stopped_known = data.draw(st.integers(0, reached))
    rereferred_known = data.draw(st.integers(0, followups))
    wellbeing_n = data.draw(st.integers(0, reached))
    n = {"followups": followups, "reached": reached, "safe_known": safe_known,
         "safe_yes": data.draw(st.integers(0, safe_known)), "stopped_known": stopped_known,
         "stopped_yes": data.draw(st.integers(0, stopped_known)), "rereferred_known": rereferred_known,
         "rereferred_yes": data.draw(st.integers(0, rereferred_known)), "wellbeing_n": wellbeing_n,
         "wellbeing_sum": data.draw(st.integers(wellbeing_n, 10 * wellbeing_n))}
    result = followup_kpis(n)
    shown = suppress(result, Policy())
    for key, value in shown.items():
        if isinstance(value, int):
            assert not 0 < value < 5, (key, value)
        if key in result["basis"] and value is not None and value != SUPPRESSED:
            num, den = result["basis"][key]
            assert not (0 < num < 5 or 0 < den < 5), (key, value, num, den)
