"""The statutory calendar: each kind of item appears, turns overdue, and leaves when the
record shows it done; reminders go once; each user's feed."""

import datetime as dt

import pytest
from django.urls import reverse

from daboard.core import clock
from daboard.core.models import Council
from daboard.strategy.calendar import council_items, user_items
from tests.board.conftest import board_lr, new_meeting  # noqa: F401 (fixtures)
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)


def keys(items, prefix):
    return [i for i in items if i.key.startswith(prefix)]


def items_of(gss, today=TODAY, days=366):
    return council_items(Council.objects.get(gss_code=gss), today, today + dt.timedelta(days=days))


def test_the_needs_assessment_review_appears_turns_overdue_and_leaves_when_a_new_one_is_recorded(demo):
    from daboard.insights.models import NeedsAssessment

    # Rutland's update is due by 31/10/2024 (002:493); Leicestershire's papers give no review date.
    rutland = Council.objects.get(gss_code="E06000017")
    [item] = keys(items_of("E06000017", today=dt.date(2024, 10, 1)), "needs-review:")
    assert item.due == dt.date(2024, 10, 31) and item.state(dt.date(2024, 10, 1)) == "due"
    assert item.state(TODAY) == "overdue" and item.url == reverse("insights:needs", args=["E06000017"])
    assert keys(items_of("E06000017"), "needs-review:") == [item]  # overdue for years: still there
    assert keys(items_of("E10000018"), "needs-review:") == []
    NeedsAssessment.objects.create(council=rutland, title="Refresh", completed_year=2026, next_review_due=dt.date(2029, 3, 31))
    assert keys(items_of("E06000017"), "needs-review:") == []


def test_the_strategy_review_appears_and_leaves_when_a_new_strategy_is_added(demo):
    from daboard.strategy.models import Strategy

    [item] = keys(items_of("E06000017"), "strategy-review:")
    assert item.due == dt.date(2024, 10, 31) and item.state(TODAY) == "overdue"
    Strategy.objects.create(council=Council.objects.get(gss_code="E06000017"), title="Rutland DA Strategy", starts=2025,
                            ends=2028, status="draft", review_due=dt.date(2028, 3, 31))
    assert keys(items_of("E06000017"), "strategy-review:") == []


def test_the_annual_return_and_reports_to_senior_management_and_scrutiny_leave_when_marked_done(
        demo, make_user, signed_in):
    items = items_of("E06000016", today=dt.date(2026, 6, 1), days=400)
    annual = keys(items, "annual-return:E06000016:2025-26")
    assert annual and annual[0].due == dt.date(2026, 6, 30)  # the ministry's 30 June, a council setting
    assert len(keys(items, "smt:E06000016:2026-27")) == 2 and len(keys(items, "scrutiny:E06000016:2026-27")) == 1
    assert keys(items, "smt:E10000018") == []  # Leicestershire reports to no SMT in daboard's records
    client = signed_in(make_user("commissioner", council="E06000016"))
    key = keys(items_of("E06000016"), "annual-return:E06000016:2025-26")[0].key
    response = client.post(reverse("strategy:calendar-done", args=["E06000016"]), {"key": key})
    assert response.status_code == 302
    assert keys(items_of("E06000016"), "annual-return:E06000016:2025-26") == []
    html = client.post(reverse("strategy:calendar-done", args=["E06000016"]), {"key": "nonsense"}, follow=True)
    assert "cannot be marked done here" in html.content.decode()
    member = signed_in(make_user("board_member", board="leicester"))
    assert member.post(reverse("strategy:calendar-done", args=["E06000016"]), {"key": key}).status_code == 404


def test_an_extension_decision_appears_and_leaves_once_decided(demo):
    from daboard.commissioning.models import ExtensionOption

    option = ExtensionOption.objects.get(contract__reference="LCC-DA-08", order=2)
    day = option.decision_due - dt.timedelta(days=10)
    [item] = keys(items_of("E10000018", today=day, days=30), "contract:extension_decision:LCC-DA-08")
    assert item.due == option.decision_due and item.url == reverse("commissioning:contract-detail", args=["LCC-DA-08"])
    assert item.state(option.decision_due + dt.timedelta(days=1)) == "overdue"
    option.exercised = False
    option.save()
    assert keys(items_of("E10000018", today=day, days=30), "contract:extension_decision:LCC-DA-08") == []


def test_a_quarterly_return_appears_turns_overdue_and_leaves_when_received(demo):
    from daboard.commissioning.models import Contract
    from daboard.returns import services
    from daboard.returns.standard import v1 as std
    from tests.returns.conftest import csv_of, row

    contract = Contract.objects.get(reference="RCC-DA-01")  # Rutland's 2024-25 commitment
    day = dt.date(2024, 7, 10)
    [item] = keys(items_of("E06000017", today=day, days=30), "return:RCC-DA-01:2024-25-Q1")
    assert item.due == dt.date(2024, 7, 20) and item.state(day) == "due" and item.state(dt.date(2024, 7, 21)) == "overdue"
    assert f"provider:{contract.provider_id}" in item.audience
    outcome = services.return_accept(acting_user=None, contract=contract, period=std.Period.parse("2024-25-Q1"),
                                     data=csv_of([row(residence="not_known")]), filename="q1.csv", source="cli")
    assert outcome.accepted, [i.line() for i in outcome.result.errors]
    assert keys(items_of("E06000017", today=day, days=30), "return:RCC-DA-01:2024-25-Q1") == []


def test_a_delivery_plan_action_appears_and_leaves_when_progress_says_complete(demo, make_user, signed_in):
    from daboard.strategy.models import DeliveryAction

    action = DeliveryAction.objects.get(title="Training plan to be progressed")
    [item] = keys(items_of("E06000017"), f"delivery:{action.pk}")
    assert item.state(TODAY) == "overdue" and item.due == dt.date(2024, 7, 31)
    client = signed_in(make_user("commissioner", council="E06000017"))
    url = reverse("strategy:progress-new", args=[action.strategy_id, action.pk])
    html = client.post(url, {"date": "2026-11-20", "rag": "done", "text": ""}).content.decode()
    assert "Say what has happened" in html
    assert client.post(url, {"date": "2026-11-20", "rag": "done", "text": "Plan agreed."}).status_code == 302
    action.refresh_from_db()
    assert action.rag == "done" and action.completed_on == dt.date(2026, 11, 20)
    assert keys(items_of("E06000017"), f"delivery:{action.pk}") == []


def test_board_meetings_papers_and_minutes_deadlines_and_actions(new_meeting, make_user):  # noqa: F811
    from daboard.board import services
    from daboard.board.models import Meeting
    from daboard.strategy.calendar import board_items

    today = clock.today()
    from daboard.board.working_days import working_day_on_or_after

    meeting = new_meeting(working_day_on_or_after(today + dt.timedelta(days=20)))
    board = meeting.board
    found = {i.key.split(":")[0] for i in board_items(board, today, today + dt.timedelta(days=30)) if
             i.key.endswith(f":{meeting.pk}")}
    assert found == {"meeting", "papers"}
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=meeting)
    publish_pack(acting_user=new_meeting.clerk, meeting=meeting)
    found = {i.key.split(":")[0] for i in board_items(board, today, today + dt.timedelta(days=30)) if
             i.key.endswith(f":{meeting.pk}")}
    assert found == {"meeting"}
    Meeting.objects.filter(pk=meeting.pk).update(status="held", date=today - dt.timedelta(days=20))
    minutes = [i for i in board_items(board, today, today + dt.timedelta(days=30)) if i.key == f"minutes:{meeting.pk}"]
    assert minutes and minutes[0].state(today) == "overdue"


def test_each_role_sees_the_items_that_concern_it(demo_with_returns, make_user):
    today = clock.today()
    commissioner = make_user("commissioner", council="E10000018")
    provider = make_user("provider", organisation="freeva")
    member = make_user("board_member", board="leicestershire-and-rutland")
    c = {i.key.split(":")[0] for i in user_items(commissioner, today)}
    # Returns, and the council's own duties (extension decisions, the annual return); Leicestershire's
    # papers give no needs-review date.
    assert "return" in c and c & {"contract", "annual-return"}
    p = user_items(provider, today)
    assert p and all(i.key.startswith("return:") and "Freeva" in i.title for i in p)
    assert not [i for i in user_items(member, today) if i.key.startswith(("return:", "needs-review", "contract:"))]


def test_reminders_are_sent_once_per_item_and_not_to_those_who_opted_out(demo_with_returns, make_user, mailoutbox,
                                                                         django_capture_on_commit_callbacks):
    from django.core.management import call_command

    on = make_user("provider", organisation="freeva")
    off = make_user("provider", organisation="freeva")
    off.reminders_enabled = False
    off.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reminders", "send", "--date", clock.today().isoformat())
    mine = [m for m in mailoutbox if on.email in m.to]
    assert len(mine) == 1 and "OVERDUE" in mine[0].body and "Freeva" in mine[0].body
    assert not [m for m in mailoutbox if off.email in m.to]
    before = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reminders", "send", "--date", clock.today().isoformat())
    assert len(mailoutbox) == before  # nothing new: each item once


def test_a_user_can_turn_reminders_off(demo, make_user, signed_in):
    user = make_user("board_member", board="leicestershire-and-rutland")
    client = signed_in(user)
    assert client.post(reverse("core:account"), {"save_preferences": "1"}).status_code == 302  # box unticked
    user.refresh_from_db()
    assert user.reminders_enabled is False


def test_each_user_has_a_calendar_feed_of_their_items(demo_with_returns, make_user, client):
    from daboard.strategy.views import feed_token

    provider = make_user("provider", organisation="freeva")
    body = client.get(reverse("strategy:user-feed", args=[feed_token(provider)])).content.decode()
    assert "BEGIN:VCALENDAR" in body and "Quarterly return: LCC-DA-08-2 Freeva" in body
    assert client.get(reverse("strategy:user-feed", args=["forged"])).status_code == 404


def test_the_boards_deadlines_cost_the_same_queries_for_twice_as_many_meetings(new_meeting, make_user):  # noqa: F811
    """The calendar reads every meeting's terms of reference at once, not once a meeting."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daboard.board.working_days import working_day_on_or_after
    from daboard.strategy.calendar import board_items

    today = clock.today()
    days = [working_day_on_or_after(today + dt.timedelta(days=10 + 7 * n)) for n in range(8)]
    board = new_meeting(days[0]).board
    for day in days[1:4]:
        new_meeting(day)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            board_items(board, today, today + dt.timedelta(days=90))
        return len(queries)

    at_n = count()
    for day in days[4:]:
        new_meeting(day)
    assert count() == at_n
