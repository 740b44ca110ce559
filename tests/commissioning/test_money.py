"""The money: spreading by days, the money view, alerts, lots, and the seed figures exactly."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from daboard.commissioning import services
from daboard.commissioning.models import Allocation, Contract, Lot, SpendPlan
from daboard.commissioning.queries import contract_alerts, money_view, spread_by_financial_year
from daboard.core.models import Council, Organisation

pytestmark = pytest.mark.django_db


def test_a_value_is_spread_pro_rata_by_days_across_financial_years():
    # 1 Jan 2024 to 31 Dec 2024: 91 days in 2023-24 (leap year), 275 days in 2024-25.
    parts = spread_by_financial_year(Decimal("36600"), dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert parts == {"2023-24": Decimal("9100.00"), "2024-25": Decimal("27500.00")}


def test_a_contract_inside_one_year_stays_in_that_year():
    assert spread_by_financial_year(Decimal("100"), dt.date(2024, 4, 1), dt.date(2025, 3, 31)) == {"2024-25": Decimal("100")}


@given(value=st.decimals(min_value=0, max_value=10_000_000, places=2),
       start=st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 1, 1)),
       days=st.integers(min_value=0, max_value=3000))
def test_the_parts_always_add_up_to_the_value_to_the_penny(value, start, days):
    parts = spread_by_financial_year(value, start, start + dt.timedelta(days=days))
    assert sum(parts.values()) == value
    assert all(p >= 0 for p in parts.values())


def test_every_seed_figure_is_loaded_exactly(demo):
    leics = Council.objects.get(gss_code="E10000018")
    amounts = dict(Allocation.objects.filter(council=leics).values_list("financial_year", "amount"))
    assert amounts == {"2021-22": Decimal("1127205"), "2022-23": Decimal("1130326"),
                       "2023-24": Decimal("1152936"), "2024-25": Decimal("1174689")}
    for district in leics.districts.all():
        rows = Allocation.objects.filter(council=district)
        assert rows.count() == 4 and all(a.amount == 33000 and a.approximate for a in rows)
    plan = SpendPlan.objects.get(council=leics, financial_year="2021-22")
    assert plan.lines.count() == 14 and plan.approved_by.reference == "18 March 2022, minute 6(b)"
    assert plan.lines.get(support_service="Children's support service").cost == Decimal("123550")
    values = dict(Contract.objects.filter(council=leics).values_list("reference", "total_value"))
    assert [int(values[f"LCC-DA-{i:02d}"]) for i in range(1, 12)] == [
        124864, 90000, 84000, 148000, 81000, 148000, 145581, 114816, 114816, 42982, 42982]
    runs_to = {c.reference: c.options.get(order=1).runs_to for c in Contract.objects.filter(options__order=1)}
    assert runs_to == {"LCC-DA-01": dt.date(2025, 6, 12), "LCC-DA-02": dt.date(2025, 7, 31),
                       "LCC-DA-03": dt.date(2025, 6, 30), "LCC-DA-05": dt.date(2025, 5, 30),
                       "LCC-DA-07": dt.date(2025, 6, 30), "LCC-DA-08": dt.date(2025, 8, 31),
                       "LCC-DA-09": dt.date(2025, 5, 31)}
    turning_point = Contract.objects.get(reference="LCC-DA-01")
    assert turning_point.provider.name == "Turning Point" and turning_point.initial_end == dt.date(2024, 6, 12)
    lots = {lot.number: lot for lot in Lot.objects.select_related("awarded_to")}
    assert (lots[1].budget, lots[1].awarded_to.name) == (Decimal("85000"), "Panahghar")
    assert (lots[2].budget, lots[2].bids_received, lots[2].route, lots[2].awarded_to.short_name) == (
        Decimal("35000"), 0, "direct", "WALL")
    assert "Finance Board" in lots[2].direct_award_approved_by
    assert (lots[3].budget, lots[3].awarded_to.short_name) == (Decimal("130000"), "WALL")
    assert Contract.objects.get(provider__name="SafeLives").total_value == Decimal("4400")
    rutland = Council.objects.get(gss_code="E06000017")
    assert sorted(Allocation.objects.filter(council=rutland).values_list("amount", flat=True)) == [
        Decimal("40935"), Decimal("63000")]
    lines = dict(SpendPlan.objects.get(council=rutland).lines.values_list("support_service", "cost"))
    assert lines == {"Commissioning LWA services": Decimal("58000"), "MARAC": Decimal("2500"),
                     "Part time domestic abuse project lead": Decimal("31410")}


def test_the_money_view_sets_allocated_against_committed_by_year(demo):
    view = money_view(Council.objects.get(gss_code="E10000018"))
    rows = {r.year: r for r in view["rows"]}
    assert rows["2024-25"].allocated == Decimal("1174689")
    total_committed = sum(r.committed for r in view["rows"])
    assert total_committed == sum(Contract.objects.filter(council__gss_code="E10000018").values_list("total_value", flat=True))
    assert rows["2023-24"].remaining == rows["2023-24"].allocated - rows["2023-24"].committed
    freeva = next(p for p in view["providers"] if p["provider"].name == "Freeva")
    assert freeva["contracts"] == 4 and freeva["total"] == Decimal("315596")


def test_extension_decisions_and_contract_ends_raise_alerts_ahead_of_time(demo):
    leics = Council.objects.get(gss_code="E10000018")
    # Option 2 of Turning Point is due on 12 June 2025 (when option 1 ends).
    alerts = contract_alerts(leics, dt.date(2025, 4, 1))
    kinds = {(a.contract.reference, a.kind) for a in alerts}
    assert ("LCC-DA-01", "extension_decision") in kinds
    assert ("LCC-DA-01", "extension_decision") not in {(a.contract.reference, a.kind)
                                                     for a in contract_alerts(leics, dt.date(2025, 1, 1))}
    assert ("LCC-DA-01", "extension_decision") in {(a.contract.reference, a.kind)
                                                 for a in contract_alerts(leics, dt.date(2025, 1, 1), days=200)}
    # Declined: the contract's end becomes the alert instead.
    option = Contract.objects.get(reference="LCC-DA-01").options.get(order=2)
    services.extension_decide(acting_user=None, option=option, take_up=False)
    kinds = {(a.contract.reference, a.kind) for a in contract_alerts(leics, dt.date(2025, 4, 1))}
    assert ("LCC-DA-01", "contract_end") in kinds and ("LCC-DA-01", "extension_decision") not in kinds


def test_options_are_decided_in_order(demo, make_user):
    org = Organisation.objects.get(name="Freeva")
    contract = services.contract_create(acting_user=None, option_months=[12, 12], contract=Contract(
        reference="T-1", council=Council.objects.get(gss_code="E10000018"), service="Test", provider=org,
        start_date=dt.date(2030, 4, 1), initial_term_months=24, total_value=Decimal("1000")))
    first, second = contract.options.order_by("order")
    assert (first.runs_to, second.runs_to) == (dt.date(2033, 3, 31), dt.date(2034, 3, 31))
    assert first.decision_due == dt.date(2032, 3, 31) and second.decision_due == dt.date(2033, 3, 31)
    with pytest.raises(ValidationError, match="earlier extension option first"):
        services.extension_decide(acting_user=None, option=second, take_up=True)
    services.extension_decide(acting_user=None, option=first, take_up=True)
    contract.refresh_from_db()
    assert contract.status == "extended" and contract.current_end() == dt.date(2033, 3, 31)
    assert contract.maximum_end() == dt.date(2034, 3, 31)


def test_a_lot_with_no_bids_is_a_direct_award_that_someone_approved(demo):
    lot = Lot.objects.get(number=2)
    wall = Organisation.objects.get(short_name="WALL")
    with pytest.raises(ValidationError, match="no bids cannot be awarded after competition"):
        services.lot_award(acting_user=None, lot=lot, route="competition", awarded_to=wall, bids_received=0)
    with pytest.raises(ValidationError, match="who approved the direct award"):
        services.lot_award(acting_user=None, lot=lot, route="direct", awarded_to=wall, bids_received=0)
    services.lot_award(acting_user=None, lot=lot, route="direct", awarded_to=wall, bids_received=0,
                       approved_by="the Finance Board at Leicestershire County Council", reason="No bids")
    lot.refresh_from_db()
    assert lot.route == "direct" and lot.awarded_to == wall


def test_a_contract_without_dates_needs_the_year_it_counts_against(demo):
    contract = Contract(reference="T-2", council=Council.objects.get(gss_code="E10000018"), service="x",
                        provider=Organisation.objects.get(name="SafeLives"), total_value=Decimal("10"))
    with pytest.raises(ValidationError, match="which financial year"):
        contract.full_clean()


def test_one_derived_status_is_shown_by_the_register_the_contract_page_and_the_exports(demo, make_user, signed_in):
    """Found by a new user: Turning Point's contract was "Ended" in the register and
    "Extended" on its page. Both now show Contract.status_on(today)."""
    from django.urls import reverse

    from daboard.commissioning.queries import register_rows

    client = signed_in(make_user("commissioner", council="E10000018"))
    register = client.get(reverse("commissioning:contract-list")).content.decode()
    today = dt.date(2026, 11, 29)
    turning_point = Contract.objects.get(reference="LCC-DA-01")
    # Option 1 (to 12 June 2025) was taken up; option 2 was never decided: the term has run out.
    assert turning_point.status_on(today) == "ended"
    assert turning_point.status_on(dt.date(2025, 1, 1)) == "extended"
    assert turning_point.status_on(dt.date(2023, 1, 1)) == "live"
    for contract in Contract.objects.filter(council__gss_code="E10000018"):
        page = client.get(reverse("commissioning:contract-detail", args=[contract.reference])).content.decode()
        label = contract.current_status_label
        assert f">{label}</strong>" in page
        row = register[register.index(f">{contract.reference}</a>"):]
        row = row[:row.index("</tr>")]
        assert f">{label}</strong>" in row
        assert register_rows([contract])[0][11] == label
    assert "Decision on option 2 overdue" in client.get(
        reverse("commissioning:contract-detail", args=["LCC-DA-01"])).content.decode()


def test_an_undecided_extension_decision_stays_overdue_after_the_term_has_run_out(demo):
    from daboard.strategy.calendar import council_items

    leics = Council.objects.get(gss_code="E10000018")
    today = dt.date(2030, 1, 1)  # years after every demo contract's term
    alerts = {(a.contract.reference, a.kind) for a in contract_alerts(leics, today)}
    undecided = {c.reference for c in Contract.objects.filter(council=leics, options__isnull=False,
                                                              options__exercised__isnull=True)}
    assert undecided and {(ref, "extension_decision") for ref in undecided} <= alerts
    keys = {i.key for i in council_items(leics, today, today + dt.timedelta(days=30))}
    for ref in undecided:
        option = Contract.objects.get(reference=ref).options.get(exercised__isnull=True)
        assert f"contract:extension_decision:{ref}:{option.decision_due.isoformat()}" in keys
    # Recorded: it leaves the calendar.
    option = Contract.objects.get(reference="LCC-DA-01").options.get(order=2)
    services.extension_decide(acting_user=None, option=option, take_up=False)
    keys = {i.key for i in council_items(leics, today, today + dt.timedelta(days=30))}
    assert not any(k.startswith("contract:extension_decision:LCC-DA-01:") for k in keys)
