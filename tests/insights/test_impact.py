"""The impact of the funding: cost beside people supported and outcomes for each service and
year, worked out by hand on a few returns, and what the board sees after disclosure control."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse

from daboard.commissioning.models import Contract
from daboard.commissioning.queries import contract_years
from daboard.core.disclosure import SUPPRESSED
from daboard.core.models import Council
from daboard.insights.impact import impact, impact_context
from daboard.returns import services
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db

CLOSED = {"closure_date": "2024-06-20", "closure_reason": "support_completed", "safety_exit": "5",
          "wellbeing_exit": "5", "risk_level_exit": "medium", "abuse_stopped_exit": "yes", "move_on": "social_housing"}
RETURNS = {
    # Freeva's helpline: 8 people supported in the year, 6 of them completed and felt safer.
    ("LCC-DA-08", "2024-25-Q1"): [row(case_ref=f"A{i}", **(CLOSED if i <= 6 else {})) for i in range(1, 8)],
    ("LCC-DA-08", "2024-25-Q2"): [row(case_ref="A7"), row(case_ref="A8", referral_date="2024-07-05")],
    # Freeva's BAME adviser: 2 people (a small number), one declined.
    ("LCC-DA-09", "2024-25-Q1"): [row(case_ref="B1"), row(case_ref="B2"),
                                  row(case_ref="B3", referral_outcome="declined_no_capacity", engaged="no",
                                      sessions_in_period="0", session_types="")],
    # GATE: 6 people, none closed yet.
    ("LCC-DA-02", "2024-25-Q1"): [row(case_ref=f"G{i}") for i in range(1, 7)],
}


@pytest.fixture
def returns(demo):
    for (ref, period), rows in RETURNS.items():
        outcome = services.return_accept(acting_user=None, contract=Contract.objects.get(reference=ref),
                                         period=std.Period.parse(period), data=csv_of(rows), filename="r.csv",
                                         source="cli")
        assert outcome.accepted, [i.line() for i in outcome.result.errors]
    return Council.objects.get(gss_code="E10000018")


def test_cost_is_set_beside_people_and_outcomes_for_each_service(returns):
    [year] = impact(returns)
    assert year["year"] == "2024-25"
    s = {x["reference"]: x for x in year["services"]}
    cost = contract_years(Contract.objects.get(reference="LCC-DA-08"))["2024-25"]
    assert (s["LCC-DA-08"]["cost"], s["LCC-DA-08"]["people"], s["LCC-DA-08"]["outcomes"], s["LCC-DA-08"]["safer"]) == (
        cost, 8, 6, 6)
    assert s["LCC-DA-08"]["per_person"] == (cost / 8).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert s["LCC-DA-08"]["per_outcome"] == (cost / 6).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert s["LCC-DA-09"]["people"] == 2 and s["LCC-DA-02"]["people"] == 6 and s["LCC-DA-02"]["per_outcome"] is None
    # Every service running in the year has its cost, returns or not.
    assert s["LCC-DA-07"]["people"] == 0 and s["LCC-DA-07"]["cost"] > 0 and s["LCC-DA-07"]["per_person"] is None
    assert year["total"]["people"] == 16 and year["total"]["cost"] == sum(x["cost"] for x in year["services"])


def test_the_board_sees_it_under_disclosure_control(returns):
    [year] = impact_context(returns, today=dt.date(2026, 11, 29))["years"]
    s = {x["reference"]: x for x in year["services"]}
    assert s["LCC-DA-09"]["people"] == SUPPRESSED and s["LCC-DA-09"]["per_person"] == SUPPRESSED
    # Secondary: the next smallest count goes too, so the small one cannot be worked out from the total.
    assert s["LCC-DA-02"]["people"] == SUPPRESSED and s["LCC-DA-02"]["per_person"] == SUPPRESSED
    assert s["LCC-DA-08"]["people"] == 8 and s["LCC-DA-08"]["per_person"] not in (None, SUPPRESSED)
    assert s["LCC-DA-08"]["outcomes"] == 6 and year["total"]["people"] == 16
    assert all(x["cost"] == y["cost"] for x, y in zip(year["services"], impact(returns)[0]["services"], strict=True))


def test_board_members_read_it_as_page_and_pdf_and_the_commissioner_puts_it_on_an_agenda(returns, make_user,
                                                                                       signed_in):
    from daboard.board.models import Meeting
    from daboard.core.models import Board

    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    page = member.get(reverse("insights:impact", args=["E10000018"])).content.decode()
    assert "Domestic Abuse Support for Male Victims - Helpline Worker" in page and SUPPRESSED in page
    assert "A1" not in page.split("<main", 1)[1].replace("LCC-DA-", "")
    assert member.get(reverse("insights:impact-pdf", args=["E10000018"])).content.startswith(b"%PDF-")
    assert member.post(reverse("insights:impact", args=["E10000018"]), {"meeting": 1}).status_code == 404
    provider = signed_in(make_user("provider", organisation="freeva"))
    assert provider.get(reverse("insights:impact", args=["E10000018"])).status_code == 404
    board = Board.objects.get(slug="leicestershire-and-rutland")
    meeting = Meeting.objects.create(board=board, title=board.name, date=dt.date(2031, 3, 21))
    commissioner = signed_in(make_user("commissioner", council="E10000018"))
    response = commissioner.post(reverse("insights:impact", args=["E10000018"]), {"meeting": meeting.pk})
    assert response.status_code == 302
    assert meeting.items.get(title="Impact of the funding: Leicestershire").papers.get().pages >= 1
    rows = commissioner.get(reverse("insights:impact", args=["E10000018"]), {"format": "csv"}).content.decode("utf-8-sig")
    assert "LCC-DA-08" in rows and SUPPRESSED in rows


def test_under_rounding_the_cost_per_person_does_not_give_the_exact_count_away(returns):
    # The NHS method: 8 to 12 people show as 10. Cost is public, so a cost per person worked
    # out from the exact count would let anyone divide it back to the exact number.
    Council.objects.filter(pk=returns.pk).update(disclosure_method="nhs")
    exact = {x["reference"]: x for x in impact(returns)[0]["services"]}
    assert exact["LCC-DA-08"]["people"] == 8
    [year] = impact_context(Council.objects.get(pk=returns.pk), today=dt.date(2026, 11, 29))["years"]
    s = {x["reference"]: x for x in year["services"]}
    shown = s["LCC-DA-08"]
    assert shown["people"] == 10
    assert shown["per_person"] == (shown["cost"] / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert shown["per_person"] != exact["LCC-DA-08"]["per_person"]
    for line in [*year["services"], year["total"]]:
        for per, key in (("per_person", "people"), ("per_outcome", "outcomes")):
            if isinstance(line[key], int) and line[key]:
                assert line[per] == (line["cost"] / line[key]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
