"""Disclosure control of the wider picture: the council's own figure beside England and
every section registered with the dashboard and report publish no small count, and a
partner's dataset passes its board's policy on every page. The interval attacker against
partners' datasets (trend, breakdowns, totals, declared checks) and the reciprocal ledger's
balances is in tests/insights/test_attacker_tables.py."""

from __future__ import annotations

import pytest

from daboard.core.disclosure import SUPPRESSED


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
