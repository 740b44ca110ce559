"""The statutory calendar, generated from the data rather than typed in.

For a council: the needs assessment's next review, the strategy's review, the annual return
to the ministry, reports to senior management and to scrutiny, contract extension decisions
and ends, quarterly returns due and overdue, and delivery-plan actions. For a board: its
meetings, papers deadlines, draft-minutes deadlines and board actions. Each item carries
the audience it concerns (tags such as ``commissioner:3``), a stable key (for reminders and
calendar UIDs) and a link to where it is done. An item leaves the calendar when the data
shows it done: a newer assessment, a return received, an option decided, an action closed,
or — for items nothing else records — a completion marked on the calendar page.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from daboard.core import clock
from daboard.core.models import Council

OVERDUE_LOOKBACK_DAYS = 400  # overdue items older than this are history, not work


@dataclass(frozen=True)
class Item:
    key: str
    kind: str
    title: str
    due: dt.date
    url: str
    audience: frozenset[str]
    council: str = ""
    completable: bool = False  # marked done on the calendar page

    def state(self, today: dt.date) -> str:
        return "overdue" if self.due < today else "due"


def _fy(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def _officers(council: Council, *, analysts: bool = True) -> frozenset[str]:
    tags = {f"commissioner:{council.pk}"}
    if analysts:
        tags.add(f"analyst:{council.pk}")
    return frozenset(tags)


def council_items(council: Council, today: dt.date, until: dt.date) -> list[Item]:
    """Every open item of a tier-1 council's calendar due by `until` (overdue ones included)."""
    from daboard.commissioning.queries import contract_alerts
    from daboard.insights.models import NeedsAssessment
    from daboard.returns.queries import completeness
    from daboard.returns.standard.v1 import Period

    from .models import CalendarCompletion, DeliveryAction, Rag, Strategy

    council = council.duty_council
    since = today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    items: list[Item] = []
    gss = council.gss_code
    done = set(CalendarCompletion.objects.filter(council=council).values_list("key", flat=True))

    latest = NeedsAssessment.objects.filter(council=council).order_by("-completed_year", "-pk").first()
    if latest and latest.next_review_due <= until:
        items.append(Item(f"needs-review:{gss}:{latest.pk}", "Needs assessment",
                          f"Review the needs assessment ({latest.title}, {latest.completed_year})",
                          latest.next_review_due, reverse("insights:needs", args=[gss]), _officers(council), council.name))
    for strategy in Strategy.objects.filter(council=council, status__in=["draft", "consulted"]).exclude(adoption_due=None):
        if strategy.adoption_due <= until:
            items.append(Item(f"strategy-adoption:{gss}:{strategy.pk}", "Strategy", f"Adopt the strategy: {strategy}",
                              strategy.adoption_due, reverse("strategy:detail", args=[strategy.pk]),
                              _officers(council, analysts=False), council.name))
    for strategy in Strategy.objects.filter(council=council).exclude(review_due=None):
        if strategy.review_due <= until and not council.strategies.filter(starts__gt=strategy.starts).exists():
            items.append(Item(f"strategy-review:{gss}:{strategy.pk}", "Strategy", f"Review the strategy: {strategy}",
                              strategy.review_due, reverse("strategy:detail", args=[strategy.pk]),
                              _officers(council, analysts=False), council.name))

    for year in (_fy(today) - 1, _fy(today)):
        due = dt.date(year + 1, council.annual_return_due_month,
                      min(council.annual_return_due_day, _cal.monthrange(year + 1, council.annual_return_due_month)[1]))
        label = f"{year}-{(year + 1) % 100:02d}"
        key = f"annual-return:{gss}:{label}"
        if key not in done and since <= due <= until:
            items.append(Item(key, "Annual return", f"Send the {label} annual return to the ministry", due,
                              reverse("insights:annual", args=[gss]), _officers(council), council.name, completable=True))
        for kind, per_year, what in (("smt", council.smt_reports_per_year, "Report to the senior management team"),
                                     ("scrutiny", council.scrutiny_reports_per_year, "Report to scrutiny")):
            for n in range(per_year):
                month = 3 + 12 * (n + 1) // per_year  # months after March: evenly through the year
                due = _month_end(year + (month - 1) // 12, (month - 1) % 12 + 1)
                key = f"{kind}:{gss}:{label}:{n + 1}"
                if key not in done and since <= due <= until:
                    items.append(Item(key, "Reporting", f"{what} ({label}, {n + 1} of {per_year})", due,
                                      reverse("strategy:calendar", args=[gss]), _officers(council, analysts=False),
                                      council.name, completable=True))

    for alert in contract_alerts(council, today, days=max(0, (until - today).days)):
        items.append(Item(f"contract:{alert.kind}:{alert.contract.reference}:{alert.due.isoformat()}", "Contract",
                          f"{alert.contract.reference} {alert.contract.provider.name}: {alert.label}", alert.due,
                          reverse("commissioning:contract-detail", args=[alert.contract.reference]),
                          _officers(council, analysts=False), council.name))

    periods = Period.of(today).back(8)
    contracts = council.contracts.filter(returns_required=True).select_related("council", "provider").prefetch_related("options")
    for row in completeness(contracts, periods, today):
        if row.state in ("due", "overdue", "not_yet_due") and row.due <= until and row.due >= since:
            items.append(Item(f"return:{row.contract.reference}:{row.period}", "Quarterly return",
                              f"{row.contract.reference} {row.contract.provider.name}: return for {row.period}", row.due,
                              reverse("returns:contract", args=[row.contract.reference]),
                              _officers(council) | {f"provider:{row.contract.provider_id}"}, council.name))

    for action in DeliveryAction.objects.filter(strategy__council=council, due__isnull=False, due__lte=until).exclude(
            rag=Rag.DONE).select_related("strategy"):
        audience = set(_officers(council, analysts=False))
        if action.owner_person_id:
            audience.add(f"person:{action.owner_person_id}")
        items.append(Item(f"delivery:{action.pk}", "Delivery plan", action.title, action.due,
                          reverse("strategy:detail", args=[action.strategy_id]) + f"#action-{action.pk}",
                          frozenset(audience), council.name))
    return items


def board_items(board, today: dt.date, until: dt.date) -> list[Item]:
    """Meetings, papers and minutes deadlines, and open board actions of one board."""
    from daboard.board.models import NOT_MEETING, Action, ActionStatus, MeetingStatus

    items: list[Item] = []
    since = today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS)
    members = frozenset({f"board:{board.pk}", f"clerk:{board.pk}"})
    clerks = frozenset({f"clerk:{board.pk}"})
    name = board.short_name or board.name
    for m in board.meetings.exclude(status__in=NOT_MEETING).filter(date__gte=since, date__lte=until + dt.timedelta(days=31)):
        url = reverse("board:meeting-detail", args=[m.pk])
        if today <= m.date <= until:
            items.append(Item(f"meeting:{m.pk}", "Board meeting", f"{name} meets", m.date, url, members))
        if not m.agenda_published_at and m.date >= today and m.papers_due <= until:
            items.append(Item(f"papers:{m.pk}", "Papers deadline", f"Publish the agenda pack for {name}, {m.date:%-d %B}",
                              m.papers_due, url, clerks))
        if m.status in (MeetingStatus.HELD, MeetingStatus.AGENDA_PUBLISHED) and not m.minutes_circulated_at \
                and m.date < today and m.minutes_due <= until:
            items.append(Item(f"minutes:{m.pk}", "Minutes deadline", f"Circulate the draft minutes of {name}, {m.date:%-d %B}",
                              m.minutes_due, url, clerks))
    for a in Action.objects.filter(board=board, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]).select_related("meeting"):
        due = a.effective_due()
        if due and due <= until:  # an open action stays on the calendar however late
            audience = {f"clerk:{board.pk}"} | ({f"person:{a.owner_id}"} if a.owner_id else set())
            items.append(Item(f"action:{a.pk}", "Board action", a.text, due, reverse("board:action-detail", args=[a.pk]),
                              frozenset(audience)))
    return items


def tags_of(user) -> set[str]:
    from daboard.core.permissions import principal

    p = principal(user)
    tags = {f"commissioner:{c}" for c in p.commissioner_councils} | {f"analyst:{c}" for c in p.analyst_councils}
    tags |= {f"provider:{o}" for o in p.provider_organisations}
    tags |= {f"board:{b}" for b in p.member_boards} | {f"clerk:{b}" for b in p.secretariat_boards}
    if getattr(user, "person_id", None):
        tags.add(f"person:{user.person_id}")
    return tags


def user_items(user, today: dt.date, *, days: int = 30) -> list[Item]:
    """The items that concern this user: overdue, and due in the next `days` days."""
    from daboard.commissioning.models import Contract
    from daboard.core.models import Board
    from daboard.core.permissions import principal, visible_boards

    p = principal(user)
    if p.user_id is None:
        return []
    until = today + dt.timedelta(days=days)
    tags = tags_of(user)
    council_ids = set(p.council_ids)
    if p.provider_organisations:
        council_ids |= set(Contract.objects.filter(provider__in=p.provider_organisations, returns_required=True)
                           .values_list("council_id", flat=True))
    boards = set(p.board_ids)
    if getattr(user, "person_id", None):
        boards |= set(visible_boards(user).values_list("pk", flat=True))
    items: list[Item] = []
    for council in Council.objects.filter(pk__in=council_ids):
        if council.is_tier_one:
            items += council_items(council, today, until)
    for board in Board.objects.filter(pk__in=boards):
        items += board_items(board, today, until)
    seen: set[str] = set()
    mine = []
    for item in sorted(items, key=lambda i: (i.due, i.kind, i.title)):
        if item.key not in seen and item.audience & tags:
            seen.add(item.key)
            mine.append(item)
    return mine


def ical_bytes(items: list[Item], name: str, base_url: str) -> bytes:
    """The items as all-day events of an iCalendar feed."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//daboard//Statutory calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = clock.now().replace(microsecond=0)
    for item in items:
        event = Event()
        event.add("uid", f"{item.key}@daboard")
        event.add("summary", f"{item.kind}: {item.title}")
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("url", base_url + item.url)
        cal.add_component(event)
    return cal.to_ical()
