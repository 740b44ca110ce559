"""The interval attacker (tests/disclosure_attack.py) against everything a board member sees
under disclosure control outside a council's quarter: what survivors said, a partner's
dataset, the housing reciprocal balances and the impact of the funding. Fed random tables
full of small counts (and under the NHS method), no withheld count can be worked out, or
narrowed to 1 to threshold-1, from what is shown beside it and what anyone knows links
them. Disclosure control one table at a time with primary suppression only is found out."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.core.disclosure import Policy
from daboard.insights.impact import suppress as impact_suppress
from daboard.partnership import declared
from daboard.partnership.queries import balance_rows, breakdown_tables, totals
from daboard.voice import questions as q
from daboard.voice.queries import suppress_counts
from tests.disclosure_attack import Figures, found_out

METHODS = st.sampled_from([("standard", 5), ("standard", 7), ("nhs", 5)])


def figures_for(policy: Policy) -> Figures:
    return Figures(threshold=policy.threshold, rounded=policy.method == "nhs")


# --- What survivors said --------------------------------------------------------------------

answers = st.fixed_dictionaries({
    "felt_safer": st.sampled_from(["", *q.FELT_SAFER.codes]),
    "wellbeing": st.sampled_from(["", *q.WELLBEING.codes]),
    "helped": st.sets(st.sampled_from(q.HELPED.codes), max_size=3),
    "missing": st.sets(st.sampled_from(q.MISSING.codes), max_size=3),
})


def feedback_raw(responses: list[dict]) -> dict:
    raw = {"total": len(responses)}
    for question in q.QUESTIONS:
        raw[question.name] = {code: sum(1 for r in responses if (code in r[question.name] if question.multiple
                                                                 else r[question.name] == code))
                              for code in question.codes}
    return raw


def attack_feedback(shown: dict, policy: Policy) -> list:
    f = figures_for(policy)
    f.see("total", shown["total"])
    for question in q.QUESTIONS:
        for code, v in shown[question.name].items():
            f.see((question.name, code), v)
        cells = [(question.name, code) for code in question.codes]
        if question.multiple:  # each answer at most once a person
            for cell in cells:
                f.at_most("total", cell)
        else:  # one answer a person, or none
            f.le.append(({**dict.fromkeys(cells, 1), "total": -1}, 0.0))
    return found_out(f)


@settings(max_examples=150, deadline=None)
@given(st.lists(answers, max_size=25), METHODS)
def test_nothing_survivors_said_can_be_worked_out(responses, method):
    policy = Policy(method[1], method[0])
    found = attack_feedback(suppress_counts(feedback_raw(responses), policy), policy)
    assert not found, found


# --- A partner's dataset --------------------------------------------------------------------

DECLARATION = declared.parse("age_band | code | a, b, c, d\ngender | code | f, m\ncontacts | count\n"
                             "with_da | count", "with_da <= contacts")
dataset_rows = st.lists(st.fixed_dictionaries({
    "age_band": st.sampled_from(["a", "b", "c", "d"]), "gender": st.sampled_from(["f", "m"]),
    "contacts": st.integers(0, 12), "with_da": st.integers(0, 12)}).map(
        lambda r: {**r, "with_da": min(r["with_da"], r["contacts"])}), max_size=10)


def attack_dataset(tables: list, trend_latest: list, policy: Policy) -> list:
    f = figures_for(policy)
    names = [m.name for m in DECLARATION.measures]
    for name, v in zip(names, trend_latest, strict=True):
        f.see(("total", name), v)
    for dimension, rows, shown_totals in tables:
        for name, v in zip(names, shown_totals, strict=True):
            f.see(("total", name), v)
        for code, cells in rows:
            for name, v in zip(names, cells, strict=True):
                f.see((dimension.name, code, name), v)
        for name in names:
            f.total(("total", name), [(dimension.name, code, name) for code in dimension.codes])
        for code in dimension.codes:  # the declared check: with_da <= contacts, in every cell
            f.at_most((dimension.name, code, "contacts"), (dimension.name, code, "with_da"))
    f.at_most(("total", "contacts"), ("total", "with_da"))
    return found_out(f)


@settings(max_examples=150, deadline=None)
@given(dataset_rows, METHODS)
def test_nothing_withheld_in_a_partners_dataset_can_be_worked_out(rows, method):
    policy = Policy(method[1], method[0])
    tables = breakdown_tables(DECLARATION, rows, unsuppressed=False, policy=policy)
    # The trend shows the quarter's totals too; unprotected, they are what a page showed before.
    t = totals(DECLARATION, rows)
    assert all(shown in (t.counts[m.name], policy.count(t.counts[m.name]), "[c]")
               for m, shown in zip(DECLARATION.measures, tables[0][2], strict=True))
    found = attack_dataset(tables, tables[0][2], policy)
    assert not found, found


# --- The housing reciprocal ledger ----------------------------------------------------------

moves_strategy = st.lists(st.tuples(st.sampled_from("ABCDE"), st.sampled_from("ABCDE")).filter(
    lambda m: m[0] != m[1]), max_size=30)


@settings(max_examples=150, deadline=None)
@given(moves_strategy, METHODS)
def test_no_reciprocal_balance_gives_a_small_count_away(moves, method):
    policy = Policy(method[1], method[0])
    rows = balance_rows(moves, unsuppressed=False, policy=policy)
    f = figures_for(policy)
    # The number of moves is not shown to the board, but both columns add up to it.
    for r in rows:
        p = str(r["partner"])
        f.see((p, "given"), r["given"]), f.see((p, "received"), r["received"])
        if r["balance"] != "[c]":
            f.eq.append({(p, "given"): 1, (p, "received"): -1, (p, "balance"): -1})
            f.see((p, "balance"), r["balance"])
    for column in ("given", "received"):
        f.total("moves", [(str(r["partner"]), column) for r in rows])
    found = found_out(f)
    assert not found, found


# --- The impact of the funding --------------------------------------------------------------

services_strategy = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12), st.integers(0, 12),
                                       st.integers(5_000, 400_000)), min_size=1, max_size=8)


def impact_years(services) -> list[dict]:
    rows = []
    for i, (people, outcomes, safer, cost) in enumerate(services):
        cost = Decimal(cost)
        rows.append({"reference": f"S{i}", "service": "s", "provider": "p", "cost": cost, "people": people,
                     "outcomes": outcomes, "safer": safer,
                     "per_person": (cost / people).quantize(Decimal(1)) if people else None,
                     "per_outcome": (cost / outcomes).quantize(Decimal(1)) if outcomes else None})
    total = {k: sum(r[k] for r in rows) for k in ("people", "outcomes", "safer")}
    cost = sum((r["cost"] for r in rows), Decimal(0))
    return [{"year": "2024-25", "services": rows, "total": {"cost": cost, **total, "per_person": None,
                                                             "per_outcome": None}}]


@settings(max_examples=150, deadline=None)
@given(services_strategy, METHODS)
def test_no_cost_per_person_or_total_gives_a_small_count_away(services, method):
    policy = Policy(method[1], method[0])
    [year] = impact_suppress(impact_years(services), policy)
    f = figures_for(policy)
    for line in [*year["services"], {**year["total"], "reference": "total"}]:
        ref = line["reference"]
        for key in ("people", "outcomes", "safer"):
            f.see((ref, key), line[key])
        for per, key in (("per_person", "people"), ("per_outcome", "outcomes")):
            # Cost is public: cost / a quotient narrows the count it was divided by (under the
            # NHS method that is the rounded count as shown, which tells nothing more).
            if isinstance(line[per], Decimal) and not f.rounded:
                f.quotient((ref, key), float(line["cost"]), float(line[per]))
    for key in ("people", "outcomes", "safer"):
        f.total(("total", key), [(s["reference"], key) for s in year["services"]])
    found = found_out(f)
    assert not found, found


# --- And it does find leaks -----------------------------------------------------------------

def test_the_attacker_finds_a_count_left_alone_beside_its_total():
    policy = Policy()
    raw = feedback_raw([{"felt_safer": "yes", "wellbeing": "", "helped": set(), "missing": set()}] * 9
                       + [{"felt_safer": "no", "wellbeing": "", "helped": set(), "missing": set()}] * 2)
    primary_only = {"total": raw["total"], **{question.name: {c: policy.count(v) for c, v in raw[question.name].items()}
                                                for question in q.QUESTIONS}}
    found = attack_feedback(primary_only, policy)
    assert [x.var for x in found] == [("felt_safer", "no")]
    assert not attack_feedback(suppress_counts(raw, policy), policy)
