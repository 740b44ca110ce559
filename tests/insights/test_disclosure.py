"""Disclosure control: no published count from 1 to 4, and no suppressed cell recoverable."""

from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.core.disclosure import SUPPRESSED, Policy

tables = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), st.integers(0, 60), min_size=1)


@settings(deadline=None)
@given(tables)
def test_no_published_count_is_between_one_and_four(cells):
    out = Policy().table(cells)
    assert all(v == SUPPRESSED or v == 0 or v >= 5 for v in out.values())


@settings(deadline=None)
@given(tables)
def test_no_suppressed_cell_can_be_worked_out_from_the_total(cells):
    policy = Policy()
    out = policy.table(cells)
    hidden = [k for k, v in out.items() if v == SUPPRESSED]
    if policy.count(sum(cells.values())) == SUPPRESSED:
        return  # the total is itself shown as [c]: nothing to subtract from
    assert len(hidden) != 1
    if len(hidden) >= 2:
        # the hidden cells' sum is known from the total; each one alone is not, unless all
        # but one of them are zero — which the rule never suppresses.
        assert all(cells[k] > 0 for k in hidden)


def test_zero_stays_zero_and_large_counts_pass():
    assert Policy().table({"a": 0, "b": 12, "c": 30}) == {"a": 0, "b": 12, "c": 30}


def test_one_small_cell_takes_the_next_smallest_with_it():
    assert Policy().table({"a": 2, "b": 9, "c": 30}) == {"a": SUPPRESSED, "b": SUPPRESSED, "c": 30}


def test_rates_on_small_numerators_or_denominators_are_suppressed():
    p = Policy()
    assert p.rate(0.5, 2, 10) == SUPPRESSED and p.rate(0.5, 10, 4) == SUPPRESSED and p.rate(0.5, 10, 20) == 0.5
    assert p.rate(None, 0, 0) is None


def test_the_threshold_is_a_per_council_setting_and_nhs_rounds():
    assert Policy(threshold=10).count(7) == SUPPRESSED
    nhs = Policy(method="nhs")
    assert nhs.count(7) == SUPPRESSED and nhs.count(12) == 10 and nhs.count(13) == 15 and nhs.count(0) == 0


def test_rates_are_rounded_and_withheld_when_few_people_did_not_have_the_outcome():
    p = Policy()
    assert p.rate(6 / 7, 6, 7) == SUPPRESSED  # 6 of 7: one person did not
    assert p.rate(60 / 70, 60, 70) == 0.86 and p.mean(1.4912, 20) == 1.5


def test_linked_tables_a_district_minus_its_providers_gives_nothing_back():
    from daboard.core.disclosure import Tables, audit, protect

    t = Tables()
    t.counts.update({"district": 40, "freeva": 3, "lwa": 20, "wall": 17, "county": 200, "other": 160})
    t.add_sum("district", ["freeva", "lwa", "wall"])
    t.add_sum("county", ["district", "other"])
    shown = protect(t, Policy())
    hidden = [k for k, v in shown.items() if v == SUPPRESSED]
    assert shown["freeva"] == SUPPRESSED and len(hidden) >= 2
    assert not audit(shown, t.sums)
    # Primary suppression alone is worked out by subtraction.
    naive = {k: Policy().count(v) for k, v in t.counts.items()}
    assert [leak.key for leak in audit(naive, t.sums)] == ["freeva"]


def test_a_withheld_pair_that_adds_up_to_less_than_five_takes_a_third_cell():
    out = Policy().table({"a": 2, "b": 2, "c": 30, "d": 40})
    assert out["a"] == out["b"] == out["c"] == SUPPRESSED and out["d"] == 40


def test_figures_published_elsewhere_are_kept_and_protection_is_repeatable():
    from daboard.core.disclosure import Tables, protect

    t = Tables()
    t.counts.update({"total": 30, "x": 2, "y": 12, "z": 16})
    t.add_sum("total", ["x", "y", "z"])
    t.fixed["y"] = 12  # shown on another page already
    shown = protect(t, Policy())
    assert shown["y"] == 12 and shown["x"] == shown["z"] == SUPPRESSED
    assert protect(t, Policy()) == shown


def _grid(values: list[int], columns: int):
    """A table of counts with row and column totals and a grand total, as linked tables."""
    from daboard.core.disclosure import Tables

    t = Tables()
    rows = [values[i:i + columns] for i in range(0, len(values) - columns + 1, columns)]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.counts[(i, j)] = v
        t.counts[(i, "all")] = sum(row)
        t.add_sum((i, "all"), [(i, j) for j in range(columns)])
    for j in range(columns):
        t.counts[("all", j)] = sum(row[j] for row in rows)
        t.add_sum(("all", j), [(i, j) for i in range(len(rows))])
    t.counts[("all", "all")] = sum(values[:len(rows) * columns])
    t.add_sum(("all", "all"), [(i, "all") for i in range(len(rows))])
    t.add_sum(("all", "all"), [("all", j) for j in range(columns)])
    return t


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([0, 1, 2, 3, 4, 6, 9, 15, 30]), min_size=12, max_size=30))
def test_the_least_loss_choice_withholds_no_more_than_the_greedy_one_and_leaves_nothing_to_work_out(values):
    from daboard.core import disclosure

    policy = Policy()
    t = _grid(values, 4)
    shown = disclosure.protect(t, policy)
    published = {k: shown[k] for k in t.counts}
    assert not disclosure.audit(published, t.sums, policy=policy)
    original = disclosure.least_loss
    disclosure.least_loss = lambda *a: (set(), set())
    try:
        greedy = disclosure.protect(t, policy)
    finally:
        disclosure.least_loss = original
    assert sum(v == SUPPRESSED for v in shown.values()) <= sum(v == SUPPRESSED for v in greedy.values())
