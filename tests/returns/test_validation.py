"""Each rule of the standard rejects its bad value and names the right row and column."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from daboard.returns.standard import v1 as std

from .conftest import BASE, csv_of, row

# (rule, column, bad value or a change to the row) — the bad row is always row 3.
CASES = [
    ("required", "referral_source", {"referral_source": ""}),
    ("case-ref-format", "case_ref", {"case_ref": "AB 12"}),
    ("case-ref-format", "case_ref", {"case_ref": "X" * 65}),
    ("date-format", "referral_date", {"referral_date": "2024-13-01"}),
    ("date-format", "referral_date", {"referral_date": "1 April 2024"}),
    ("referral-date-after-period", "referral_date", {"referral_date": "2024-07-01"}),
    ("referral-date-too-early", "referral_date", {"referral_date": "1999-12-31"}),
    ("code-unknown", "referral_source", {"referral_source": "Police"}),
    ("code-unknown", "referral_outcome", {"referral_outcome": "declined"}),
    ("yes-no-unknown", "engaged", {"engaged": "maybe"}),
    ("code-unknown", "age_band", {"age_band": "18-24"}),
    ("code-unknown", "gender", {"gender": "f"}),
    ("yes-no-unknown", "transgender", {"transgender": "2"}),
    ("code-unknown", "sexual_orientation", {"sexual_orientation": "straight"}),
    ("code-unknown", "ethnicity", {"ethnicity": "white"}),
    ("yes-no-unknown", "disability", {"disability": "unknown"}),
    ("residence-unknown", "residence", {"residence": "E06000016"}),
    ("code-unknown", "risk_level", {"risk_level": "very_high"}),
    ("yes-no-unknown", "repeat_victim", {"repeat_victim": "true"}),
    ("yes-no-unknown", "child_victim", {"child_victim": "0"}),
    ("integer-range", "children_in_household", {"children_in_household": "21"}),
    ("integer-range", "children_in_household", {"children_in_household": "-1"}),
    ("integer-format", "children_in_household", {"children_in_household": "two"}),
    ("integer-format", "children_in_household", {"children_in_household": "2.5"}),
    ("list-code-unknown", "vulnerabilities", {"vulnerabilities": "mental_health;drugs"}),
    ("list-code-unknown", "needs", {"needs": "safety,housing"}),
    ("code-unknown", "support_setting", {"support_setting": "hostel"}),
    ("integer-range", "sessions_in_period", {"sessions_in_period": "501"}),
    ("list-code-unknown", "session_types", {"session_types": "phone"}),
    ("integer-range", "sanctuary_referrals_in_period", {"sanctuary_referrals_in_period": "21"}),
    ("list-code-unknown", "onward_referrals_in_period", {"onward_referrals_in_period": "gp"}),
    ("date-format", "closure_date", {"closure_date": "31/02/2024", "closure_reason": "other"}),
    ("closure-before-referral", "closure_date", {"referral_date": "2024-05-10", "closure_date": "2024-05-01", "closure_reason": "other"}),
    ("closure-after-period", "closure_date", {"closure_date": "2024-07-01", "closure_reason": "other"}),
    ("closure-before-period", "closure_date", {"referral_date": "2024-01-02", "closure_date": "2024-03-31", "closure_reason": "other"}),
    ("closure-reason-required", "closure_reason", {"closure_date": "2024-06-01"}),
    ("code-unknown", "closure_reason", {"closure_date": "2024-06-01", "closure_reason": "finished"}),
    ("integer-range", "safety_intake", {"safety_intake": "0"}),
    ("integer-range", "safety_exit", {"closure_date": "2024-06-01", "closure_reason": "other", "safety_exit": "11"}),
    ("exit-on-open-case", "safety_exit", {"safety_exit": "7"}),
    ("integer-range", "wellbeing_intake", {"wellbeing_intake": "11"}),
    ("exit-on-open-case", "wellbeing_exit", {"wellbeing_exit": "7"}),
    ("exit-on-open-case", "risk_level_exit", {"risk_level_exit": "standard"}),
    ("code-unknown", "risk_level_exit", {"closure_date": "2024-06-01", "closure_reason": "other", "risk_level_exit": "low"}),
    ("exit-on-open-case", "abuse_stopped_exit", {"abuse_stopped_exit": "yes"}),
    ("yes-no-unknown", "abuse_stopped_exit", {"closure_date": "2024-06-01", "closure_reason": "other", "abuse_stopped_exit": "maybe"}),
    ("exit-on-open-case", "move_on", {"move_on": "social_housing"}),
    ("code-unknown", "move_on", {"closure_date": "2024-06-01", "closure_reason": "other", "move_on": "council_house"}),
]


def test_the_base_row_is_valid(check):
    result = check(csv_of([row()]))
    assert result.ok, [i.line() for i in result.issues]
    assert result.rows.height == 1


@pytest.mark.parametrize(("code", "column", "change"), CASES, ids=[f"{c[0]}:{c[1]}" for c in CASES])
def test_each_rule_rejects_its_bad_value_and_names_row_and_column(check, code, column, change):
    result = check(csv_of([row(), row(**{"case_ref": "FRV-0002", **change})]))
    assert not result.ok
    hits = [i for i in result.errors if i.code == code and i.column == column]
    assert hits, [i.line() for i in result.errors]
    issue = hits[0]
    assert issue.row == 3  # header is row 1, the good row is row 2
    assert issue.line().startswith(f"row 3, column {column}: ")
    assert issue.cell == f"{_letter(list(BASE).index(column) + 1)}3"
    if code not in ("required", "closure-reason-required"):  # these name an empty cell
        # the value named is the bad cell (or, in a list, the bad item within it)
        assert issue.value and issue.value in str(change[column]) and issue.value in issue.message


def _letter(n):
    from daboard.returns.validate import column_letter

    return column_letter(n)


def test_a_duplicate_case_ref_is_named_on_every_row_it_appears(check):
    result = check(csv_of([row(), row(), row(case_ref="OTHER")]))
    rows = sorted(i.row for i in result.errors if i.code == "case-ref-duplicate")
    assert rows == [2, 3]


def test_yes_no_accepts_any_case_and_y_n(check):
    result = check(csv_of([row(engaged="YES", disability="n", repeat_victim="Not_Known", child_victim="N")]))
    assert result.ok
    assert result.rows.row(0, named=True)["engaged"] == "yes"
    assert result.rows.row(0, named=True)["disability"] == "no"


def test_dates_may_be_written_day_first(check):
    result = check(csv_of([row(referral_date="02/04/2024")]))
    assert result.ok and str(result.rows["referral_date"][0]) == "2024-04-02"


def test_optional_columns_may_be_left_out(check):
    required = list(std.REQUIRED)
    result = check(csv_of([row()], columns=required))
    assert result.ok, [i.line() for i in result.issues]


def test_columns_may_come_in_any_order(check):
    result = check(csv_of([row()], columns=list(reversed(list(BASE)))))
    assert result.ok


def test_a_missing_required_column_and_an_unknown_one_are_named(check):
    columns = [c for c in BASE if c != "gender"] + ["favourite_colour"]
    result = check(csv_of([row()], columns=columns))
    codes = {(i.code, i.column) for i in result.errors}
    assert ("column-missing", "gender") in codes and ("column-unknown", "favourite_colour") in codes


def test_a_column_written_twice_is_named_as_a_duplicate_not_as_an_unknown_column(check):
    """polars renames the second (`age_band_duplicated_0`); the user wrote `age_band` twice."""
    header = ",".join([*BASE, "age_band"]).encode()
    result = check(header + b"\n" + csv_of([row()]).split(b"\n", 1)[1].rstrip(b"\n") + b",0_5\n")
    issues = [(i.code, i.column, i.row) for i in result.errors]
    assert issues == [("column-duplicate", "age_band", 1)], issues
    assert "duplicated" not in " ".join(i.message for i in result.errors)


@pytest.mark.parametrize("column", ["name", "Postcode", "date_of_birth", "nhs_number", "email", "notes"])
def test_a_personal_data_column_gets_its_own_message(check, column):
    result = check(csv_of([row()], columns=[*BASE, column]))
    issue = next(i for i in result.errors if i.column == column)
    assert issue.code == "column-personal-data" and "personal data" in issue.message


def test_every_error_in_the_file_is_reported_at_once(check):
    rows = [row(case_ref=f"C{i}", gender="x" if i % 2 else "female", residence="nowhere" if i % 3 == 0 else "E07000129")
            for i in range(30)]
    result = check(csv_of(rows))
    assert len([i for i in result.errors if i.code == "code-unknown"]) == 15
    assert len([i for i in result.errors if i.code == "residence-unknown"]) == 10


@pytest.mark.parametrize(("change", "code"), [
    ({"engaged": "no", "sessions_in_period": "3"}, "warn-not-engaged-with-sessions"),
    ({"age_band": "16_17", "child_victim": "no"}, "warn-young-not-child-victim"),
    ({"referral_outcome": "declined_no_capacity", "sessions_in_period": "1"}, "warn-not-accepted-with-sessions"),
    ({"closure_date": "2024-06-01", "closure_reason": "support_completed"}, "warn-closed-engaged-no-exit-scores"),
])
def test_warnings_are_reported_but_do_not_block(check, change, code):
    result = check(csv_of([row(**change)]))
    assert result.ok
    assert [w.code for w in result.warnings] == [code] and result.warnings[0].row == 2


def test_a_closed_engaged_case_with_exit_scores_has_no_warning(check):
    result = check(csv_of([row(closure_date="2024-06-01", closure_reason="support_completed", safety_exit="8")]))
    assert result.ok and not result.warnings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_each_accepted_encoding_gives_the_same_rows(check, encoding):
    rows = [row(), row(case_ref="FRV-0002", referral_date="15/05/2024", needs="")]
    baseline = check(csv_of(rows)).rows
    result = check(csv_of(rows, encoding=encoding))
    assert result.ok and result.rows.equals(baseline)


def test_an_xlsx_return_gives_the_same_rows_as_the_csv(check):
    import datetime as dt
    import io

    from openpyxl import Workbook

    rows = [row(), row(case_ref="FRV-0002", closure_date="2024-06-01", closure_reason="disengaged")]
    wb = Workbook()
    ws = wb.active
    ws.append(list(BASE))
    for r in rows:
        values = []
        for c in BASE:
            v = r[c]
            if c in ("referral_date", "closure_date") and v:
                v = dt.date.fromisoformat(v)  # real date cells
            elif c in ("children_in_household", "sessions_in_period", "safety_intake", "wellbeing_intake",
                       "sanctuary_referrals_in_period") and v:
                v = int(v)
            values.append(None if v == "" else v)
        ws.append(values)
    buf = io.BytesIO()
    wb.save(buf)
    from_xlsx = check(buf.getvalue())
    assert from_xlsx.ok, [i.line() for i in from_xlsx.issues]
    assert from_xlsx.rows.equals(check(csv_of(rows)).rows)


@pytest.mark.parametrize(("data", "code"), [
    (b"", "file-empty"),
    (b"\xef\xbb\xbf", "file-empty"),
    (b"case_ref\n", "file-empty"),
    (b"\x00\x01\x02binary\xff\xfe", "file-unreadable"),
    (b"PK\x03\x04garbage", "file-unreadable"),
    (b"%PDF-1.7 not a return", "file-empty"),
    (b"%PDF-1.7\n1 0 obj << >>\n", "column-unknown"),
])
def test_empty_and_unreadable_files_get_a_clear_file_level_error(check, data, code):
    result = check(data)
    assert not result.ok and result.errors[0].code == code


def test_a_file_over_the_size_limit_is_refused_before_reading():
    from daboard.returns.validate import validate

    result = validate(b"x" * 2000, period=std.Period.parse("2024-25-Q1"), residence_codes=set(), max_bytes=1000)
    assert result.errors[0].code == "file-too-large"


def test_a_macro_enabled_workbook_is_refused(check):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/vbaProject.bin", b"macro")
    result = check(buf.getvalue())
    assert result.errors[0].code == "file-unreadable" and "macros" in result.errors[0].message


def test_an_xml_entity_attack_is_refused(check):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><workbook/>')
        z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    result = check(buf.getvalue())
    assert result.errors[0].code == "file-unreadable" and "entity" in result.errors[0].message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=4000))
# The input hypothesis found that crashed this test (issue 12), kept as a fixed example,
# and two of the same kind found by hand (issue 15):
@example(b"\x01\n,\x91")  # Windows-1252 with a ragged row: polars raised outside any guard
@example(b"a\n\x91\"")  # Windows-1252 with an unterminated quote
@example(b"PK\x03\x04" + b"\x00" * 40)  # a zip with nothing after its first header
def test_random_bytes_end_in_a_clear_error_never_a_crash(check, data):
    result = check(data)
    if not result.ok:
        assert all(i.message for i in result.errors)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(list(BASE)), value=st.text(max_size=40))
def test_any_value_in_any_column_is_accepted_or_named_by_row_and_column(check, column, value):
    result = check(csv_of([row(), row(**{"case_ref": "FRV-0002", column: value})]))
    for issue in result.errors:
        # a NUL byte makes the whole file unreadable as text: a file-level error
        assert (issue.row in (1, 2, 3) or issue.code == "file-unreadable") and issue.message


def test_periods_parse_and_know_their_days():
    p = std.Period.parse("2024-25-Q4")
    assert (p.first_day.isoformat(), p.last_day.isoformat()) == ("2025-01-01", "2025-03-31")
    assert str(p.next()) == "2025-26-Q1" and str(std.Period.parse("2025-26-Q1").previous()) == "2024-25-Q4"
    assert p.due_date(20).isoformat() == "2025-04-20"
    assert [str(q) for q in std.Period.parse("2025-26-Q2").back(3)] == ["2024-25-Q4", "2025-26-Q1", "2025-26-Q2"]
    for bad in ("2024-26-Q1", "2024-25-Q5", "2024Q1", ""):
        with pytest.raises(ValueError, match="Write it like 2024-25-Q1"):
            std.Period.parse(bad)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_file_given_by_path_reads_as_its_bytes_would(check, tmp_path, encoding):
    from pathlib import Path

    data = csv_of([row(), row(case_ref="FRV-0002", needs="")], encoding=encoding)
    path = Path(tmp_path) / "return.csv"
    path.write_bytes(data)
    assert check(path).rows.equals(check(data).rows)


# --- Hostile files: one clear file-level error, never a crash (issue 15) -------------------

from . import hostile  # noqa: E402


@pytest.mark.parametrize("name", sorted(hostile.ALL))
def test_a_damaged_or_hostile_file_gets_one_clear_file_level_error(check, name):
    result = check(hostile.ALL[name]())
    assert [i.code for i in result.errors] == ["file-unreadable"], [i.line() for i in result.errors]
    assert result.file_error is result.errors[0] and "The file cannot be read: it " in result.errors[0].message


def test_an_xlsx_is_checked_by_what_it_really_unpacks_to_not_what_it_declares(check):
    data = hostile.xlsx_lying_sizes(expanded=200 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    result = check(data)
    assert result.errors[0].code == "file-unreadable" and "zip bomb" in result.errors[0].message


@pytest.mark.parametrize(("sheet", "words"), [
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>case_ref</t></is></c></row>'
     '<row r="1048576"><c r="AF1048576"><v>1</v></c></row>', "1,048,576 rows by 32 columns"),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>case_ref</t></is></c></row>'
     '<row r="100000"><c r="XFD100000"><v>1</v></c></row>', "column XFD"),
    ('<row><c r="A1" t="inlineStr"><is><t>case_ref</t></is></c></row><row><c foo=">" r="ZZZ1"><v>1</v></c></row>',
     "as far right as column"),
])
def test_an_xlsx_whose_sheet_spans_a_huge_grid_is_refused_before_it_is_read(check, sheet, words):
    """One cell far down or far right makes the reader fill in the whole grid (gigabytes, or
    a crash of the process): refused from the sheet's XML as it is unpacked."""
    result = check(hostile.xlsx_with_sheet(sheet))
    assert result.errors[0].code == "file-unreadable" and words in result.errors[0].message


@pytest.mark.parametrize(("data", "words"), [
    (b",".join(b"c%d" % i for i in range(5000)) + b"\n", "more than 200 columns"),
    (b"case_ref\n" + b"\n" * 100_000, "blank or nearly blank"),
])
def test_a_csv_that_would_cost_far_more_memory_than_its_size_is_refused_before_parsing(check, data, words):
    result = check(data)
    assert result.errors[0].code == "file-unreadable" and words in result.errors[0].message


def test_a_list_cell_of_a_million_separators_is_one_issue_found_fast(check):
    import time

    started = time.monotonic()
    result = check(hostile.list_cell_bomb())
    assert time.monotonic() - started < 5
    assert [(i.code, i.row, i.value) for i in result.errors] == [("list-code-unknown", 2, "x")]


def test_issues_are_capped_per_rule_and_the_rest_counted(check):
    from daboard.returns.validate import ISSUES_PER_RULE

    rows = [row(case_ref=f"C{i}", gender="x", residence="nowhere") for i in range(ISSUES_PER_RULE + 150)]
    result = check(csv_of(rows))
    by_rule = {code: sum(1 for i in result.errors if i.code == code) for code in ("code-unknown", "residence-unknown")}
    assert by_rule == {"code-unknown": ISSUES_PER_RULE, "residence-unknown": ISSUES_PER_RULE}
    assert result.counts["code-unknown"] == result.counts["residence-unknown"] == ISSUES_PER_RULE + 150
    assert result.error_count == 2 * (ISSUES_PER_RULE + 150)
    assert [i.row for i in result.errors if i.code == "code-unknown"][:3] == [2, 3, 4]  # the first rows, in order
    assert any("and 150 more" in line for line in result.omitted_lines())


def test_a_long_value_is_quoted_back_cut_short(check):
    from daboard.returns.validate import MAX_VALUE_CHARS

    result = check(csv_of([row(gender="w" * 100_000)]))
    issue = result.errors[0]
    assert len(issue.value) == MAX_VALUE_CHARS + 1 and len(issue.message) < 500


def test_a_closure_reason_on_a_case_with_no_closure_date_is_an_error(check):
    result = check(csv_of([row(closure_reason="support_completed")]))
    assert [(i.code, i.column, i.row) for i in result.errors] == [
        ("closure-reason-without-date", "closure_reason", 2)]
    assert "no closure_date" in result.errors[0].message
    assert std.BY_NAME["closure_reason"].closed_only  # declared once, in the standard


@pytest.mark.slow
def test_a_5_mb_hostile_upload_stays_under_500_mb_of_memory_and_a_small_report(tmp_path):
    """Each hostile file of about 5 MB, validated in a fresh process: peak memory (of the
    whole process, Django and polars included) under 500 MB, the error report under 2 MB."""
    import json
    import os
    import subprocess
    import sys

    mb = 5 * 1024 * 1024
    header = ",".join(BASE).encode() + b"\n"
    files = {
        "list-bomb": csv_of([row(needs=";x" * (mb // 2))]),
        "many-bad-rows": csv_of([row(case_ref=f"C{i}", gender="x" * 20, needs="y;" * 10) for i in range(mb // 300)]),
        "commas": header + (b"," * 31 + b"\n") * (mb // 33),
        "blank-lines": header + b"\n" * mb,
        "huge-cell": csv_of([row(case_ref="A" * mb)]),
        "wide-header": b"a," * (mb // 2) + b"\n",
        "xlsx-lying-sizes": hostile.xlsx_lying_sizes(),
        "xlsx-far-corner": hostile.xlsx_with_sheet(
            '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="AF1048576"><v>1</v></c></row>'),
        **{name: make() for name, make in hostile.ALL.items()},
    }
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "daboard.settings.test"}
    for name, data in files.items():
        path = tmp_path / name
        path.write_bytes(data)
        done = subprocess.run([sys.executable, "-m", "tests.returns.memory_probe", str(path), str(tmp_path / "report")],
                              capture_output=True, text=True, env=env, timeout=120, cwd=os.getcwd())
        assert done.returncode == 0, (name, done.stderr[-2000:])
        probe = json.loads(done.stdout.strip().splitlines()[-1])
        assert not probe["ok"], name
        assert probe["peak_mb"] < 500, (name, probe)
        assert probe["report_bytes"] < 2 * 1024 * 1024, (name, probe)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=st.lists(st.dictionaries(st.sampled_from(list(BASE)), st.sampled_from(
    ["", " ", "x", "yes", "no", "0", "7", "11", "-1", "2024-05-01", "01/05/2024", "2031-01-01", "female", "male",
     "E07000129", "E99999999", "refuge;housing", "16-17", "FRV-0009", " FRV-0001 ", "é"]), max_size=4),
    min_size=1, max_size=12))
def test_a_small_return_and_a_large_one_are_checked_by_the_same_rules_with_the_same_results(monkeypatch, changes):
    """A small return is checked row by row and a large one by its columns' distinct values
    (returns.validate.SMALL_FILE_ROWS): the same file gives the same problems, counts and
    stored values either way."""
    from daboard.returns import validate as v

    data = csv_of([row(**{"case_ref": f"FRV-{i:04d}", **change}) for i, change in enumerate(changes)])
    results = []
    monkeypatch.setattr(v, "SMALL_FILE_BYTES", 10**12)
    for threshold in (10**9, 0):  # every file row by row; every file by distinct values
        monkeypatch.setattr(v, "SMALL_FILE_ROWS", threshold)
        results.append(v.validate(data, period=std.Period.parse("2024-25-Q1"), residence_codes={"E07000129"}))
    by_rows, by_values = results
    assert [(i.code, i.row, i.column, i.value, i.message) for i in by_rows.issues] == \
        [(i.code, i.row, i.column, i.value, i.message) for i in by_values.issues]
    assert by_rows.counts == by_values.counts
    assert (by_rows.rows is None) == (by_values.rows is None)
    if by_rows.rows is not None:
        assert by_rows.rows.equals(by_values.rows)
