"""Every figure the demo loads for the money is held to the seed's words: each record names
the seed file and line the figure is printed on, and this test reads that line and finds the
figure there (src/daboard/demo/seeds/ holds the five seed files as published)."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

import daboard
from daboard.commissioning.models import (
    Allocation,
    Commitment,
    Contract,
    DistrictPlan,
    Lot,
    Post,
    PostEvent,
    SpendPlanLine,
)
from daboard.commissioning.queries import money_view
from daboard.core.models import Council

pytestmark = pytest.mark.django_db

SEEDS = Path(daboard.__file__).parent / "demo" / "seeds"


def seed_text(ref: str) -> str:
    """The text of the lines a reference like 001_d13b286a6b554f96.txt:512 (or :258-260) names."""
    name, lines = ref.split(":")
    first, _, last = lines.partition("-")
    text = (SEEDS / name).read_text(encoding="utf-8").splitlines()
    return "\n".join(text[int(first) - 1:int(last or first)])


def printed_amounts(text: str) -> set[Decimal]:
    """Every pound figure in the text as printed: £1,127,205, £ 145,581, and Rutland's £63.000
    (a point for the thousands)."""
    out = set()
    for m in re.finditer(r"£\s?(\d{1,3}(?:[,.]\d{3})+|\d+)", text):
        out.add(Decimal(re.sub(r"[,.]", "", m.group(1))))
    return out


def test_the_seed_files_are_the_published_ones():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == [
        "000_0f8b2944ca6024ef.txt", "001_d13b286a6b554f96.txt", "002_803c05443b2efa39.txt",
        "003_fdfd155820581acb.txt", "004_fa39ce6d447a1e43.txt"]
    assert "£1,174,689" in seed_text("002_803c05443b2efa39.txt:203")


@pytest.mark.parametrize("model, field", [
    (Allocation, "amount"), (SpendPlanLine, "cost"), (Contract, "total_value"), (Lot, "budget"), (Post, "cost")])
def test_every_loaded_figure_is_printed_on_its_seed_line(demo, model, field):
    records = list(model.objects.all())
    assert records
    for r in records:
        value = getattr(r, field)
        if value is None:
            continue
        assert r.seed_ref, f"{model.__name__} {r} names no seed line"
        assert value in printed_amounts(seed_text(r.seed_ref)), (model.__name__, str(r), r.seed_ref)


def test_every_ledger_line_is_printed_on_its_seed_line_or_is_a_contract_less_its_plan_line(demo):
    lines = list(Commitment.objects.select_related("contract", "plan_line"))
    assert len(lines) > 20
    for c in lines:
        assert c.seed_ref and c.source, c
        printed = printed_amounts(seed_text(c.seed_ref))
        if c.kind == "contract" and c.start_date and c.contract.start_date != c.start_date:
            # The rest of a contract whose first term was a line of the year 1 plan.
            plan_line = Commitment.objects.get(kind="plan_line", contract=c.contract).plan_line
            assert c.contract.total_value in printed
            assert c.amount == c.contract.total_value - plan_line.cost
            assert plan_line.cost in printed_amounts(seed_text(plan_line.seed_ref))
        else:
            assert c.amount in printed, (c.title, c.seed_ref)


def test_the_ledger_has_every_commitment_the_seeds_give(demo):
    leics = Council.objects.get(gss_code="E10000018")
    kinds = {}
    for c in Commitment.objects.filter(council=leics):
        kinds[c.kind] = kinds.get(c.kind, Decimal(0)) + c.amount
    assert kinds["plan_line"] == Decimal("1163970")  # the year 1 spend plan's total
    assert kinds["lot_award"] == Decimal("250000")  # the three safe accommodation lots
    assert kinds["post"] == Decimal("830000")  # the council's own domestic abuse team (estimated)
    assert kinds["purchase"] == Decimal("4400")  # the SafeLives review
    team = Commitment.objects.get(kind="post", council=leics)
    assert team.approximate and team.financial_year == "2022-23"
    assert "estimated £830,000" in seed_text(team.seed_ref)
    # Every contract is on the ledger: through its plan line, its own line, or both.
    assert set(Contract.objects.filter(council=leics).values_list("reference", flat=True)) == set(
        Commitment.objects.filter(council=leics).exclude(contract=None).values_list("contract__reference", flat=True))


def test_rutlands_money_is_loaded_as_its_report_words_it(demo):
    rutland = Council.objects.get(gss_code="E06000017")
    lines = {c.title: c for c in Commitment.objects.filter(council=rutland)}
    assert {t: (c.kind, c.amount, c.financial_year) for t, c in lines.items()} == {
        "Domestic abuse support services (LWA)": ("contract", Decimal("58000"), "2024-25"),
        "Contribution to MARAC": ("grant", Decimal("2500"), "2024-25"),
        "Domestic Abuse Project lead (18.5 hours, part time)": ("post", Decimal("31410"), ""),
    }
    assert "£58.000 is spent on commissioning LWA services" in seed_text(lines["Domestic abuse support services (LWA)"].seed_ref)
    assert "£2.500 is spent on MARAC" in seed_text(lines["Contribution to MARAC"].seed_ref)
    assert "£31.410 was spent" in seed_text(lines["Domestic Abuse Project lead (18.5 hours, part time)"].seed_ref)
    view = money_view(rutland)
    rows = {r.year: r for r in view["rows"]}
    assert rows["2024-25"].allocated == Decimal("103935") and rows["2024-25"].committed == Decimal("60500")
    assert rows[""].allocated is None and rows[""].committed == Decimal("31410")  # year not in the papers


def test_posts_and_their_history_are_the_seeds_words(demo):
    vacancies = Post.objects.get(title="Support and Intervention Workers and Engagement Workers")
    assert (vacancies.positions, vacancies.status, vacancies.interview_date) == (5, "interview", dt.date(2022, 12, 15))
    assert "five vacancies across two service areas" in seed_text(vacancies.history.last().seed_ref)
    assert "15th December 2022" in seed_text(vacancies.history.last().seed_ref)
    lgbt = Post.objects.get(title__contains="LGBT+")
    assert lgbt.status == "offered" and "recruited but was not yet in post" in seed_text(lgbt.history.last().seed_ref)
    lead = Post.objects.get(title="Domestic Abuse Project lead")
    assert lead.hours == Decimal("18.5") and "18.5hrs part time" in seed_text(lead.history.first().seed_ref)
    assert [e.as_printed for e in lead.history.all()] == ["2023/2024", "December 2023", "February 2024"]
    for event in PostEvent.objects.all():
        assert event.seed_ref and (event.on is None or event.as_printed == ""), event
        if event.as_printed:
            assert event.as_printed in seed_text(event.seed_ref)


def test_district_plans_say_only_what_the_seeds_say(demo):
    plans = DistrictPlan.objects.all()
    assert plans.count() == Council.objects.get(gss_code="E10000018").districts.count() > 0
    for plan in plans:
        assert "domestic abuse housing officers" in seed_text(plan.seed_ref)
        assert "£33,000" in seed_text(plan.seed_ref)
        assert (plan.spent_on, plan.outcomes, plan.amount_spent, plan.people_helped) == ("", "", None, None)
