"""The attacker in the suite (tests/insights/attacker.py): on the demo and on councils
with many small counts, no withheld figure can be worked out, or narrowed to 1 to 4, from
everything a board member can read; and it does find the leaks of disclosure control
applied one table at a time."""

import io

import pytest

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.models import Board, Council
from daboard.returns import services
from daboard.returns.models import ReturnSubmission
from daboard.returns.queries import period_allowed
from daboard.returns.standard import v1 as std
from daboard.returns.synthetic import synthesize

from .attacker import attack

pytestmark = [pytest.mark.django_db, pytest.mark.slow]
QUARTERS = [std.Period.parse(p) for p in ("2024-25-Q1", "2024-25-Q2", "2024-25-Q3")]


def member_of(council, make_user, signed_in):
    board = Board.objects.filter(lead_council=council).first() or council.boards.first()
    return signed_in(make_user("board_member", board=board.slug))


def small_council(gss: str, rows: int, quarters=QUARTERS):
    """Every contract of the council sends a return of a few people for each quarter it ran in."""
    council = Council.objects.get(gss_code=gss)
    for i, contract in enumerate(Contract.objects.filter(council=council, returns_required=True).order_by("reference")):
        for q in quarters:
            if not period_allowed(contract, q, clock.today()):
                continue
            buf = io.BytesIO()
            synthesize(contract, q, rows=rows + 3 * (i % 3), seed=7 + i).write_csv(buf, null_value="")
            outcome = services.return_accept(acting_user=None, contract=contract, period=q, data=buf.getvalue(),
                                             filename="small.csv", source="cli")
            assert outcome.accepted
    return council


def report(found) -> str:
    return f"{len(found)} withheld figures found out, among them:\n" + "\n".join(
        f"{f.var} is {f.low}..{f.high}, from {f.view}" for f in found[:20])


def test_nothing_withheld_can_be_worked_out_in_a_council_of_small_counts(demo, make_user, signed_in):
    council = small_council("E10000018", rows=9, quarters=QUARTERS[:2])
    found, withheld, figures = attack(member_of(council, make_user, signed_in), [council])
    assert withheld and not found, report(found)


@pytest.mark.parametrize("method,threshold", [("nhs", 5), ("standard", 7)])
def test_the_nhs_method_and_another_threshold_hold_too(demo, make_user, signed_in, method, threshold):
    council = Council.objects.get(gss_code="E10000018")
    council.disclosure_method, council.disclosure_threshold = method, threshold
    council.save()
    small_council("E10000018", rows=12, quarters=QUARTERS[:1])
    found, withheld, _ = attack(member_of(council, make_user, signed_in), [council])
    assert withheld and not found, report(found)


def test_nothing_withheld_can_be_worked_out_on_the_demo(demo_with_returns, make_user, signed_in):
    councils = list(Council.objects.filter(pk__in=ReturnSubmission.objects.filter(is_current=True)
                                           .values("contract__council")).order_by("gss_code"))
    assert councils
    found, withheld, figures = attack(member_of(councils[0], make_user, signed_in), councils)
    print(f"demo: {withheld} of {figures} figures withheld ({withheld / figures:.1%})")
    assert not found, report(found)


def test_the_attacker_finds_what_one_table_at_a_time_leaves(demo, make_user, signed_in, monkeypatch):
    """Disclosure control as it was: each breakdown on its own against its total, the
    providers and districts with primary suppression only."""
    from daboard.core import disclosure
    from daboard.insights import kpis, release

    def one_table_at_a_time(council, raw):
        t = disclosure.Tables()
        for gss, result in raw["kpis"].items():
            kpis.add_tables(t, gss, result)
        for gss, rows in raw["providers"].items():
            for slug, result in rows.items():
                release._row_tables(t, gss, slug, result)
        return t

    monkeypatch.setattr(release, "describe", one_table_at_a_time)
    monkeypatch.setattr(disclosure, "audit", lambda *a, **k: [])
    release._CACHE.clear()
    council = small_council("E10000018", rows=9, quarters=QUARTERS[:1])
    found, _, _ = attack(member_of(council, make_user, signed_in), [council], cli=False)
    release._CACHE.clear()
    assert found
    assert any(f.var[2] == "provider" or f.var[0] != "E10000018" for f in found), report(found)


def protect_as_it_was(tables, policy):
    """Disclosure control as it was when issue 14 was filed: every count of 1 to 4 withheld;
    in a breakdown whose total is published, exactly one "[c]" takes the next smallest cell
    with it (repeated); the providers' rows and the districts with the small counts only; a
    rate withheld only on a small numerator or denominator."""
    from daboard.core.disclosure import SUPPRESSED

    out = {k: policy.count(v) for k, v in tables.counts.items()}
    for s in tables.sums:
        if not s.exact or len(s.parts) < 2 or any(p[1] == "provider" for p in s.parts):
            continue
        while sum(out[p] == SUPPRESSED for p in s.parts) == 1:
            rest = [(tables.counts[p], p) for p in s.parts if out[p] != SUPPRESSED and tables.counts[p] > 0]
            if not rest:
                break
            out[min(rest)[1]] = SUPPRESSED
    for k, r in tables.rates.items():
        num, den = (tables.counts.get(x, tables.hidden.get(x)) for x in (r.num, r.den))
        out[k] = policy.mean(r.value, den) if r.mean else policy.rate(r.value, num, den)
    return out


def test_board_members_see_fewer_figures_withheld_than_before_the_engine(demo_with_returns):
    """On the demo's latest eight quarters of Leicestershire, the share of figures a board
    member reads that are withheld is lower than under disclosure control as it was (which
    also left figures that could be worked out), and no headline total is withheld."""
    from daboard.core.disclosure import SUPPRESSED, Policy, protect
    from daboard.insights import release

    council = Council.objects.get(gss_code="E10000018")
    policy = Policy.for_council(council)
    latest = max(ReturnSubmission.objects.filter(contract__council=council, is_current=True)
                 .values_list("period", flat=True))
    now = before = figures_now = figures_before = 0
    for raw in release.raw_quarters(council, std.Period.parse(latest).back(8)).values():
        tables = release.describe(council, raw)
        shown = protect(tables, policy)
        figures_now += len(shown)
        now += sum(v == SUPPRESSED for v in shown.values())
        assert all(shown[(gss, "new_referrals")] != SUPPRESSED for gss in raw["kpis"]
                   if raw["kpis"][gss]["kpis"]["new_referrals"] >= 50), "a headline total was withheld"
        # The pages as they were also showed each district's providers' rates.
        for gss, rows in raw["providers"].items():
            for slug, result in rows.items():
                release._row_tables(tables, gss, slug, result)
        old = protect_as_it_was(tables, policy)
        figures_before += len(old)
        before += sum(v == SUPPRESSED for v in old.values())
    print(f"withheld: now {now} of {figures_now} ({now / figures_now:.1%}), "
          f"before {before} of {figures_before} ({before / figures_before:.1%})")
    assert now / figures_now < before / figures_before
