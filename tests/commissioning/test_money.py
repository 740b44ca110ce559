"""The money: spreading by days, the money view, alerts, lots, and the seed figures exactly."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from daboard.commissioning import services
from daboard.commissioning.models import (
    Allocation,
    Commitment,
    Contract,
    Lot,
    SpendPlan,
    financial_year_bounds,
)
from daboard.commissioning.queries import (
    commitment_years,
    contract_alerts,
    money_view,
    spread_by_financial_year,
)
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
    end = start + dt.timedelta(days=days)
    parts = spread_by_financial_year(value, start, end)
    assert sum(parts.values()) == value
    assert all(p >= 0 and p == p.quantize(Decimal("0.01")) for p in parts.values())
    # Largest remainder: no part is more than a penny from its exact share by days.
    total_days = days + 1
    for year, part in parts.items():
        first, last = financial_year_bounds(year)
        share = value * ((min(last, end) - max(first, start)).days + 1) / total_days
        assert abs(part - share) < Decimal("0.01")


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


def test_the_money_view_sets_allocated_against_every_commitment_by_year(demo):
    leics = Council.objects.get(gss_code="E10000018")
    view = money_view(leics)
    rows = {r.year: r for r in view["rows"]}
    assert rows["2024-25"].allocated == Decimal("1174689")
    # 2021-22: the approved year 1 spend plan is committed (it is more than the year's allocation).
    assert rows["2021-22"].committed == Decimal("1163970") and rows["2021-22"].remaining == Decimal("-36765")
    # 2022-23 holds the council's own domestic abuse team, estimated at £830,000.
    assert rows["2022-23"].committed > Decimal("830000")
    # No allocation is recorded for 2025-26: unknown, not zero, so not "over-committed".
    assert rows["2025-26"].allocated is None and rows["2025-26"].remaining is None
    assert not rows["2025-26"].over_committed and rows["2025-26"].committed > 0
    # The lots' year is not in the papers: their £250,000 is shown apart, not dropped.
    assert rows[""].committed == Decimal("250000") and rows[""].label == "Year not in the published papers"
    assert sum(r.committed for r in view["rows"]) == sum(Commitment.objects.filter(council=leics)
                                                         .values_list("amount", flat=True))
    assert view["totals"]["remaining"] is None and not view["totals"]["all_known"]
    freeva = next(p for p in view["payees"] if p["name"] == "Freeva")
    assert freeva["total"] == Decimal("315596")  # its four contracts' total values, neither more nor less


def test_the_money_view_for_rutland_shows_its_seed_figures(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E06000017"))
    page = client.get(reverse("commissioning:money", args=["E06000017"])).content.decode()
    for figure in ("£63,000", "£40,935", "£58,000", "£2,500", "£31,410", "£103,935",
                   "Year not in the published papers", "Domestic Abuse Project lead"):
        assert figure in page, figure


def test_a_new_contract_is_on_the_ledger_and_follows_its_extension(demo):
    leics = Council.objects.get(gss_code="E10000018")
    contract = services.contract_create(acting_user=None, option_months=[12], contract=Contract(
        reference="T-9", council=leics, service="Test", provider=Organisation.objects.get(name="Freeva"),
        start_date=dt.date(2030, 4, 1), initial_term_months=12, total_value=Decimal("2000")))
    line = Commitment.objects.get(contract=contract)
    assert (line.kind, line.amount, line.end_date) == ("contract", Decimal("2000"), dt.date(2031, 3, 31))
    services.extension_decide(acting_user=None, option=contract.options.get(), take_up=True)
    line.refresh_from_db()
    assert line.end_date == dt.date(2032, 3, 31)
    # 365 days in 2030-31, 366 in 2031-32 (29 February 2032)
    assert commitment_years(line) == {"2030-31": Decimal("998.63"), "2031-32": Decimal("1001.37")}


def test_an_undated_commitment_without_a_year_is_shown_apart_and_bad_ones_are_refused(demo):
    leics = Council.objects.get(gss_code="E10000018")
    c = Commitment(council=leics, kind="grant", title="x", amount=Decimal("10"))
    assert commitment_years(c) == {"": Decimal("10")}
    with pytest.raises(ValidationError, match="start and the end date"):
        services.commitment_save(acting_user=None, commitment=Commitment(
            council=leics, kind="grant", title="x", amount=Decimal("10"), start_date=dt.date(2030, 1, 1)))
    with pytest.raises(ValidationError, match="on or after the start"):
        services.commitment_save(acting_user=None, commitment=Commitment(
            council=leics, kind="grant", title="x", amount=Decimal("10"), start_date=dt.date(2030, 1, 2),
            end_date=dt.date(2030, 1, 1)))
    with pytest.raises(ValidationError, match="not both"):
        services.commitment_save(acting_user=None, commitment=Commitment(
            council=leics, kind="grant", title="x", amount=Decimal("10"), start_date=dt.date(2030, 1, 1),
            end_date=dt.date(2030, 2, 1), financial_year="2029-30"))
    assert not Commitment.objects.filter(title="x").exists()


def test_a_commitment_dated_to_the_year_9999_is_refused_and_the_money_view_still_opens(demo, make_user, signed_in):
    # A typing slip (9999 for 2029) or a hostile officer once made the money view and its
    # board paper answer 500 for everyone: the year after 9999-00 cannot be a date.
    client = signed_in(make_user("commissioner", council="E10000018"))
    url = reverse("commissioning:commitment-new", args=["E10000018"])
    for dates in ({"start_date": "2021-04-01", "end_date": "9999-12-31"},
                  {"start_date": "0001-01-01", "end_date": "2021-12-31"},
                  {"financial_year": "9999-00"}, {"financial_year": "1066-67"}):
        response = client.post(url, {"kind": "grant", "title": "far", "amount": "1000", **dates})
        assert response.status_code == 200 and "2099" in response.content.decode(), dates
    assert not Commitment.objects.filter(title="far").exists()
    assert client.get(reverse("commissioning:money", args=["E10000018"])).status_code == 200
    leics, freeva = Council.objects.get(gss_code="E10000018"), Organisation.objects.get(slug="freeva")
    with pytest.raises(ValidationError, match="must end by 2099"):
        services.contract_create(acting_user=None, option_months=[], contract=Contract(
            reference="FAR-1", council=leics, service="far", provider=freeva, start_date=dt.date(2024, 4, 1),
            initial_term_months=32767, total_value=Decimal("1")))
    # Every date and year of the money and the wider picture has the same bounds.
    from django.apps import apps
    from django.db import models

    for app in ("commissioning", "partnership"):
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
                    with pytest.raises(ValidationError):
                        field.run_validators(dt.date(9999, 12, 31))
                    with pytest.raises(ValidationError):
                        field.run_validators(dt.date(1, 1, 1))
                elif field.name in ("financial_year", "year") and isinstance(field, models.CharField):
                    with pytest.raises(ValidationError):
                        field.run_validators("9999-00")


def test_a_district_plan_for_a_year_outside_the_century_is_not_found(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E10000018"))
    for year in ("9999-00", "1999-00", "2021-23"):
        url = reverse("commissioning:district-plan", args=["E10000018", "E07000129", year])
        assert client.get(url).status_code == 404
        assert client.post(url, {"amount_spent": "1"}).status_code == 404


def test_a_services_refusal_of_a_field_the_form_does_not_show_reaches_the_form_not_a_500():
    from django import forms

    from daboard.core.forms import errors_to_form

    class One(forms.Form):
        name = forms.CharField()

    form = One({"name": "x"})
    assert form.is_valid()
    errors_to_form(form, ValidationError({"name": "Bad name", "financial_year": "Bad year"}))
    errors_to_form(form, ValidationError("Something else"))
    assert form.errors["name"] == ["Bad name"] and form.non_field_errors() == ["Bad year", "Something else"]


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


def test_a_lot_award_and_a_line_of_an_approved_plan_go_on_the_ledger(demo):
    from daboard.commissioning.models import ProcurementExercise, SpendPlanLine

    leics = Council.objects.get(gss_code="E10000018")
    exercise = ProcurementExercise.objects.create(council=leics, title="Dispersed units", status="live")
    lot = Lot.objects.create(exercise=exercise, number=1, title="North", budget=Decimal("40000"))
    assert not lot.commitments.exists()
    panahghar = Organisation.objects.get(name="Panahghar")
    services.lot_award(acting_user=None, lot=lot, route="competition", awarded_to=panahghar, bids_received=2)
    line = lot.commitments.get()
    assert (line.kind, line.amount, line.payee, line.financial_year) == ("lot_award", Decimal("40000"), panahghar, "")
    services.lot_award(acting_user=None, lot=lot, route="not_awarded")
    assert not lot.commitments.exists()
    plan = SpendPlan.objects.get(council=leics, financial_year="2021-22")
    line = services.spend_plan_line_add(acting_user=None, line=SpendPlanLine(
        plan=plan, support_service="Sanctuary scheme", cost=Decimal("1000")))
    assert Commitment.objects.get(plan_line=line).financial_year == "2021-22"
    assert money_view(leics)["rows"][0].committed == Decimal("1164970")


def test_a_contracts_page_shows_its_ledger_lines_to_officers_not_to_its_provider(demo, make_user, signed_in):
    url = reverse("commissioning:contract-detail", args=["LCC-DA-01"])
    page = signed_in(make_user("analyst", council="E10000018")).get(url).content.decode()
    assert "On the money ledger" in page and "£88,234" in page and "£36,630" in page
    page = signed_in(make_user("provider", organisation="freeva")).get(
        reverse("commissioning:contract-detail", args=["LCC-DA-08"])).content.decode()
    assert "On the money ledger" not in page


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
