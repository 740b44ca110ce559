"""The disclosure attacker, for everything of the wider picture that leaves the
commissioner: partners' datasets (trend, breakdowns and totals), the reciprocal ledger's
balances, the council's own figure beside England, and every section registered with the
dashboard and report. Fed random tables, no count from 1 to 4 is published and no
suppressed cell can be worked out by subtraction."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.core.disclosure import SUPPRESSED, Policy
from daboard.partnership import declared
from daboard.partnership.queries import balance_rows, breakdown_tables

DECLARATION = declared.parse("age_band | code | a, b, c, d\ngender | code | f, m\ncontacts | count\n"
                             "with_da | count", "with_da <= contacts")
rows_strategy = st.lists(st.fixed_dictionaries({
    "age_band": st.sampled_from(["a", "b", "c", "d"]), "gender": st.sampled_from(["f", "m"]),
    "contacts": st.integers(0, 40), "with_da": st.integers(0, 40)}), max_size=8)


def _assert_safe(cells: list, total, policy: Policy):
    shown = [c for c in cells if c != SUPPRESSED]
    assert all(c == 0 or c >= policy.threshold for c in shown if isinstance(c, int))
    assert total == SUPPRESSED or total == 0 or total >= policy.threshold
    hidden = [c for c in cells if c == SUPPRESSED]
    if isinstance(total, int):
        assert len(hidden) != 1, "one suppressed cell beside a published total can be worked out"


@settings(max_examples=200, deadline=None)
@given(rows_strategy, st.sampled_from(["standard", "nhs"]))
def test_no_breakdown_of_a_partners_dataset_discloses_a_small_count(rows, method):
    policy = Policy(5, method)
    for _dimension, table, totals in breakdown_tables(DECLARATION, rows, unsuppressed=False, policy=policy):
        for i in range(len(DECLARATION.measures)):
            _assert_safe([cells[i] for _code, cells in table], totals[i], policy)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCDE"), st.sampled_from("ABCDE")).filter(lambda m: m[0] != m[1]),
                max_size=30))
def test_no_balance_of_the_reciprocal_ledger_discloses_a_small_count(moves):
    policy = Policy()
    rows = balance_rows(moves, unsuppressed=False, policy=policy)
    total = len(moves)  # both columns sum to it, and anyone can count the moves
    for column in ("given", "received"):
        _assert_safe([r[column] for r in rows], policy.count(total) if total else 0, policy)
    for r in rows:
        if SUPPRESSED in (r["given"], r["received"]):
            assert r["balance"] == SUPPRESSED


@pytest.mark.django_db
def test_every_registered_section_seen_by_the_board_publishes_no_small_count(demo, monkeypatch):
    """Generated from the registry: a new section is attacked too. The council's own counts
    are forced small; nothing counted from them may reach the board."""
    from daboard.core.models import Council
    from daboard.core.periods import Period
    from daboard.insights import sections
    from daboard.insights.queries import view_for
    from daboard.partnership import queries
    from daboard.partnership.models import DatasetSubmission, PartnerDataset

    monkeypatch.setattr(queries, "own_supported", lambda council, years: dict.fromkeys(years, 2))
    ds = PartnerDataset.objects.first()
    DatasetSubmission.objects.create(dataset=ds, period="2024-25-Q1", version=1, is_current=True, row_count=1,
                                     sha256="x", source="file", rows=[{
                                         "age_band": "0_5", "gender": "female", "ethnic_group": "white",
                                         "single_assessments": 3, "assessments_with_domestic_abuse": 1}])
    council = Council.objects.get(gss_code="E10000018")
    view = view_for(council, unsuppressed=False)
    figures = {"k": {}}
    built = sections.build(council, Period.parse("2024-25-Q1"), view, today=Period.parse("2024-25-Q1").last_day,
                           where="report", figures=figures)
    assert {s.key for s, _ in built} >= {"comparison", "partner-data"}
    own = [line for s, data in built if s.key == "comparison" for line in data["lines"] if line.kind == "council"]
    assert own and all(v in (None, SUPPRESSED) for line in own for v in [*line.values.values(), *line.rates.values()])
    for s, data in built:
        for name, (_header, rows) in data.get("tables", {}).items():
            if name == "Comparison":
                continue  # England's and published figures are public; the council's line is checked above
            for row in rows:
                assert not any(isinstance(v, int) and 0 < v < 5 for v in row[1:]), (s.key, name, row)


@pytest.mark.django_db
def test_a_partners_dataset_is_shown_under_its_boards_policy_on_every_page(demo, monkeypatch):
    """A dataset belongs to its board: the same quarter on the dataset's page and on the
    dashboard of each council the board covers passes one policy (the board's lead
    council's), so no council's own setting can show a cell another page hides, and no two
    suppression patterns of one table can be set side by side."""
    from daboard.core.models import Council
    from daboard.core.periods import Period
    from daboard.insights import sections
    from daboard.insights.queries import view_for
    from daboard.partnership import queries
    from daboard.partnership.models import DatasetSubmission, PartnerDataset

    ds = PartnerDataset.objects.first()
    DatasetSubmission.objects.create(dataset=ds, period="2024-25-Q1", version=1, is_current=True, row_count=1,
                                     sha256="x", source="file", rows=[{
                                         "age_band": "0_5", "gender": "female", "ethnic_group": "white",
                                         "single_assessments": 7, "assessments_with_domestic_abuse": 0}])
    period = Period.parse("2024-25-Q1")
    assert ds.board.lead_council.gss_code == "E10000018"
    # The lead council shows nothing under 10; Rutland's own setting (5) would show the 7.
    Council.objects.filter(gss_code="E10000018").update(disclosure_threshold=10)
    ds = PartnerDataset.objects.get(pk=ds.pk)  # read the board's council afresh
    page = queries.dataset_figures(ds, period, unsuppressed=False)
    assert page["trend"][-1][1][0] == SUPPRESSED
    for gss in ("E06000017", "E10000018"):
        council = Council.objects.get(gss_code=gss)
        built = dict((s.key, data) for s, data in sections.build(
            council, period, view_for(council, unsuppressed=False), today=period.last_day, where="report",
            figures={"k": {}}))
        [shown] = [d for d in built["partner-data"]["datasets"] if d["dataset"] == ds]
        assert shown["trend"] == page["trend"] and shown["breakdowns"] == page["breakdowns"], gss
