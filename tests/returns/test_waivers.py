"""A return that never arrived stays overdue, however old, until it arrives or the
commissioner waives it (issue 12)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.models import AuditEntry, Council
from daboard.returns import services
from daboard.returns.models import ReturnWaiver
from daboard.returns.queries import completeness, contract_periods, outstanding
from daboard.returns.standard import v1 as std
from daboard.strategy.calendar import council_items

from .conftest import csv_of, row

pytestmark = pytest.mark.django_db
LEICS = "E10000018"


@pytest.fixture
def contract(demo):
    return Contract.objects.select_related("council", "provider").get(reference="LCC-DA-08")  # Freeva helpline


@pytest.fixture
def commissioner(make_user):
    return make_user("commissioner", council=LEICS)


def return_items(today=None):
    today = today or clock.today()
    return {i.key: i for i in council_items(Council.objects.get(gss_code=LEICS), today, today)
            if i.kind == "Quarterly return"}


def test_a_return_missing_since_the_contracts_first_quarter_is_still_overdue_years_later(contract):
    first = std.Period.of(contract.start_date)
    today = clock.today()
    assert first.due_date() < today - dt.timedelta(days=3 * 365)  # far older than any fixed look-back
    items = return_items()
    assert f"return:LCC-DA-08:{first}" in items
    assert items[f"return:LCC-DA-08:{first}"].state(today) == "overdue"
    # every quarter from its start to its end, none after the contract ended
    ran = contract_periods(contract, today)
    assert ran[0] == first and ran[-1] == std.Period.of(contract.current_end())
    assert {k for k in items if k.startswith("return:LCC-DA-08:")} == {f"return:LCC-DA-08:{p}" for p in ran}


def test_the_returns_still_owed_are_found_in_one_query_however_many_contracts_and_years(
        demo, django_assert_num_queries):
    contracts = list(Contract.objects.filter(council__gss_code=LEICS, returns_required=True)
                     .select_related("council__parent", "provider").prefetch_related("options"))
    assert len(contracts) > 5
    with django_assert_num_queries(1):
        rows = outstanding(contracts, clock.today())
    assert len({r.contract.pk for r in rows}) == len(contracts)


def test_a_commissioner_waives_an_overdue_return_and_it_leaves_the_calendar_home_and_returns_pages(
        contract, commissioner, signed_in):
    period = std.Period.of(contract.start_date)
    key = f"return:LCC-DA-08:{period}"
    client = signed_in(commissioner)
    assert f"LCC-DA-08 Freeva: return for {period}" in client.get(reverse("core:home")).content.decode()
    url = reverse("returns:waive", args=[contract.reference, str(period)])
    page = client.get(url).content.decode()
    assert "Waive the return for" in page and "Overdue" in page

    response = client.post(url, {"reason": "The helpline was closed this quarter while the post was vacant."})

    assert response.status_code == 302
    assert key not in return_items()
    assert f"LCC-DA-08 Freeva: return for {period}" not in client.get(reverse("core:home")).content.decode()
    status = client.get(reverse("returns:contract", args=[contract.reference])).content.decode()
    assert "Waived" in status and "while the post was vacant" in status
    entry = AuditEntry.objects.get(action="return.waived")
    assert entry.actor_id == commissioner.pk and entry.detail["period"] == str(period)
    assert ReturnWaiver.objects.get(contract=contract, period=str(period)).waived_by == commissioner
    # the next quarter is still owed
    assert f"return:LCC-DA-08:{period.next()}" in return_items()


def test_a_waiver_without_a_reason_is_refused_and_changes_nothing(contract, commissioner, signed_in):
    period = std.Period.of(contract.start_date)
    response = signed_in(commissioner).post(reverse("returns:waive", args=[contract.reference, str(period)]),
                                            {"reason": "   "})
    assert response.status_code == 200
    assert "Say why this return need not arrive" in response.content.decode()
    assert not ReturnWaiver.objects.exists() and f"return:LCC-DA-08:{period}" in return_items()


def test_a_provider_cannot_waive_its_own_return_nor_a_commissioner_of_another_council(
        contract, make_user, signed_in):
    period = std.Period.of(contract.start_date)
    url = reverse("returns:waive", args=[contract.reference, str(period)])
    for user in (make_user("provider", organisation="freeva"), make_user("commissioner", council="E06000016"),
                 make_user("analyst", council=LEICS)):
        assert signed_in(user).post(url, {"reason": "not needed"}).status_code == 404
        with pytest.raises(PermissionDenied):
            services.return_waive(acting_user=user, contract=contract, period=period, reason="not needed")
    assert not ReturnWaiver.objects.exists()


def test_only_a_return_that_is_due_or_overdue_can_be_waived(contract, commissioner):
    received = std.Period.of(contract.start_date)
    services.return_accept(acting_user=None, contract=contract, period=received, source="cli", filename="r.csv",
                           data=csv_of([row(referral_date=received.first_day.isoformat())]))
    with pytest.raises(ValidationError, match="has arrived"):
        services.return_waive(acting_user=commissioner, contract=contract, period=received, reason="paused")
    with pytest.raises(ValidationError, match="has no return for"):
        services.return_waive(acting_user=commissioner, contract=contract, period=std.Period.of(clock.today()),
                              reason="paused")  # the contract ended before this quarter
    waived = received.next()
    services.return_waive(acting_user=commissioner, contract=contract, period=waived, reason="paused")
    with pytest.raises(ValidationError, match="already waived"):
        services.return_waive(acting_user=commissioner, contract=contract, period=waived, reason="again")
    assert ReturnWaiver.objects.count() == 1


def test_a_return_sent_after_its_waiver_counts_as_received(contract, commissioner):
    period = std.Period.of(contract.start_date)
    services.return_waive(acting_user=commissioner, contract=contract, period=period, reason="expected late")
    assert completeness([contract], [period], clock.today())[0].state == "waived"
    services.return_accept(acting_user=None, contract=contract, period=period, source="cli", filename="r.csv",
                           data=csv_of([row(referral_date=period.first_day.isoformat())]))
    assert completeness([contract], [period], clock.today())[0].state == "late"


def test_the_dashboard_counts_a_waived_return_as_waived_not_missing(contract, commissioner, signed_in):
    period = contract_periods(contract, clock.today())[-1]  # its last quarter: within the dashboard's twelve
    services.return_waive(acting_user=commissioner, contract=contract, period=period, reason="service paused")
    page = signed_in(commissioner).get(reverse("insights:dashboard", args=[LEICS]), {"period": str(period)})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Waived" in text and "1 waived" in text
