"""A page's query count does not grow with the records behind it: each page is read with N
records and again with 2N (twice the return versions, contracts, providers, quarters and
case rows), and asks the database the same number of questions both times. An N+1 (a query
per provider, per quarter, per return) fails here."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daboard.commissioning.models import Contract
from daboard.returns import services
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db
PERIODS = [std.Period.parse(p) for p in ("2024-25-Q1", "2023-24-Q4", "2023-24-Q3", "2023-24-Q2")]


def _accept(contract, period, n_rows: int, tag: str):
    rows = [row(case_ref=f"{tag}{i}", referral_date=period.first_day.isoformat(),
                residence="E07000130" if i % 2 else "E07000129") for i in range(n_rows)]
    outcome = services.return_accept(acting_user=None, contract=contract, period=period, data=csv_of(rows),
                                     filename="r.csv", source="cli")
    assert outcome.accepted, [i.line() for i in outcome.result.errors]


def _add_records(contracts, periods, n_rows, tag):
    for c in contracts:
        for p in periods:
            _accept(c, p, n_rows, f"{tag}{c.pk}-")


def _queries(client, url, params=None) -> int:
    client.get(url, params or {})  # warm: the session and the caches of the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


PAGES = {
    "dashboard": (lambda gss: reverse("insights:dashboard", args=[gss]), {"period": "2024-25-Q1"}),
    "report": (lambda gss: reverse("insights:report", args=[gss, "2024-25-Q1"]), None),
    "needs": (lambda gss: reverse("insights:needs", args=[gss]), None),
    "impact": (lambda gss: reverse("insights:impact", args=[gss]), None),
}


@pytest.mark.parametrize("reader", ["analyst", "board_member", "commissioner"])
@pytest.mark.parametrize("page", list(PAGES))
def test_a_pages_query_count_is_the_same_with_twice_the_records(demo, make_user, signed_in, page, reader):
    contracts = list(Contract.objects.filter(council__gss_code="E10000018", returns_required=True)
                     .order_by("reference"))
    assert len(contracts) >= 4 and len({c.provider_id for c in contracts[:4]}) >= 2
    user = make_user(reader, **({"board": "leicestershire-and-rutland"} if reader == "board_member"
                                else {"council": "E10000018"}))
    client = signed_in(user)
    path, params = PAGES[page]
    url = path("E10000018")
    _add_records(contracts[:2], PERIODS[:2], 3, "a")
    at_n = _queries(client, url, params)
    # Twice as many: versions, contracts (and their providers), quarters and rows; a new
    # version of a return supersedes the old one as well.
    _add_records(contracts[2:4], PERIODS[:2], 3, "b")
    _add_records(contracts[:4], PERIODS[2:4], 3, "c")
    _add_records(contracts[:1], PERIODS[:1], 6, "d")
    at_2n = _queries(client, url, params)
    assert at_2n == at_n, f"{page} for a {reader}: {at_n} queries with N records, {at_2n} with 2N"
