"""The statutory calendar, generated from the data rather than typed in.

For a council: the needs assessment's next review, the strategy's review, the annual return
to the ministry, reports to senior management and to scrutiny, contract extension decisions
and ends, open vacancies in funded posts, quarterly returns due and overdue, and
delivery-plan actions. For a board: its
meetings, papers deadlines, draft-minutes deadlines and board actions. Each item carries
the audience it concerns (tags such as ``commissioner:3``), a stable key (for reminders and
calendar UIDs) and a link to where it is done. An item leaves the calendar when the data
shows it done: a newer assessment, a return received, an option decided, an action closed,
or — for items nothing else records — a completion marked on the calendar page. An overdue
item stays on the calendar, however old, until it is done or waived: work is never dropped
for its age.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from icalendar import Calendar, Event

from daboard.board.models import NOT_MEETING, Action, ActionStatus, MeetingStatus
from daboard.board.queries.meetings import meeting_deadlines
from daboard.commissioning.models import Contract
from daboard.commissioning.queries import contract_alerts, open_posts
from daboard.core import clock, tokens
from daboard.core.models import Board, BoardPosition, Council
from daboard.core.periods import financial_year_label, financial_year_start
from daboard.core.permissions import principal, visible_boards
from daboard.core.text import clean_text
from daboard.insights.models import NeedsAssessment
from daboard.partnership.models import Contact, DahaStatus
from daboard.returns.queries import outstanding
from daboard.voice.models import ReferenceGroup
from daboard.voice.queries import visit_windows

from .models import CalendarCompletion, DeliveryAction, Rag, Strategy


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


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, _cal.monthrange(year, month)[1])


def _officers(council: Council, *, analysts: bool = True) -> frozenset[str]:
    tags = {f"commissioner:{council.pk}"}
    if analysts:
        tags.add(f"analyst:{council.pk}")
    return frozenset(tags)


def council_items(council: Council, today: dt.date, until: dt.date) -> list[Item]:
    """Every open item of a tier-1 council's calendar due by `until` (overdue ones included)."""

    council = council.duty_council
    items: list[Item] = []
    gss = council.gss_code
    done = set(CalendarCompletion.objects.filter(council=council).values_list("key", flat=True))

    latest = NeedsAssessment.objects.filter(council=council).order_by("-completed_year", "-pk").first()
    if latest and latest.next_review_due and latest.next_review_due <= until:
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

    for year in (financial_year_start(today) - 1, financial_year_start(today)):
        due = dt.date(year + 1, council.annual_return_due_month,
                      min(council.annual_return_due_day, _cal.monthrange(year + 1, council.annual_return_due_month)[1]))
        label = financial_year_label(year)
        key = f"annual-return:{gss}:{label}"
        if key not in done and due <= until:
            items.append(Item(key, "Annual return", f"Send the {label} annual return to the ministry", due,
                              reverse("insights:annual", args=[gss]), _officers(council), council.name, completable=True))
        for kind, per_year, what in (("smt", council.smt_reports_per_year, "Report to the senior management team"),
                                     ("scrutiny", council.scrutiny_reports_per_year, "Report to scrutiny")):
            for n in range(per_year):
                month = 3 + 12 * (n + 1) // per_year  # months after March: evenly through the year
                due = _month_end(year + (month - 1) // 12, (month - 1) % 12 + 1)
                key = f"{kind}:{gss}:{label}:{n + 1}"
                if key not in done and due <= until:
                    items.append(Item(key, "Reporting", f"{what} ({label}, {n + 1} of {per_year})", due,
                                      reverse("strategy:calendar", args=[gss]), _officers(council, analysts=False),
                                      council.name, completable=True))

    for alert in contract_alerts(council, today, days=max(0, (until - today).days)):
        items.append(Item(f"contract:{alert.kind}:{alert.contract.reference}:{alert.due.isoformat()}", "Contract",
                          f"{alert.contract.reference} {alert.contract.provider.name}: {alert.label}", alert.due,
                          reverse("commissioning:contract-detail", args=[alert.contract.reference]),
                          _officers(council, analysts=False), council.name))

    # An open vacancy stays until the post's status says it is filled, however old (like an
    # open action): due on its interview date, or on the day its status was last reported.
    for post in open_posts(council):
        due = post.interview_date if post.status == "interview" and post.interview_date else post.status_since or today
        if due <= until:
            what = f"interviews {post.interview_date:%-d %B %Y}" if post.status == "interview" and post.interview_date \
                else post.get_status_display().lower()
            items.append(Item(f"post:{post.pk}:{post.status}:{due.isoformat()}", "Vacancy",
                              f"{post} ({what}): record what happened", due,
                              reverse("commissioning:post-status", args=[gss, post.pk]),
                              _officers(council, analysts=False), council.name))

    # Every return still owed, back to each contract's start: a return that never arrived
    # stays until it arrives or the commissioner waives it.
    contracts = council.contracts.filter(returns_required=True).select_related(
        "council__parent", "provider").prefetch_related("options")
    for row in outstanding(contracts, today):
        if row.due <= until:
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


def register_items(board, until: dt.date, audience: frozenset[str]) -> list[Item]:
    """The partnership's registers: each contact's review and each housing provider's DAHA
    renewal. Overdue ones stay until the register shows them done (a new review date)."""

    items = []
    for c in Contact.objects.filter(board=board, review_due__lte=until).select_related("organisation"):
        items.append(Item(f"contact-review:{c.pk}:{c.review_due.isoformat()}", "Contacts directory",
                          f"Review the contact: {c.role}, {c.organisation.name}", c.review_due,
                          reverse("partnership:contact-edit", args=[board.slug, c.pk]), audience))
    for d in DahaStatus.objects.filter(board=board, renewal_due__lte=until).select_related("provider"):
        items.append(Item(f"daha-renewal:{d.pk}:{d.renewal_due.isoformat()}", "Housing",
                          f"DAHA accreditation renewal: {d.provider.name}", d.renewal_due,
                          reverse("partnership:daha-edit", args=[board.slug, d.pk]), audience))
    return items


def board_items(board, today: dt.date, until: dt.date) -> list[Item]:
    """Meetings, papers and minutes deadlines, open board actions and the registers' review
    dates of one board."""

    items: list[Item] = []
    officers = frozenset(f"{role}:{c}" for c in board.councils.values_list("pk", flat=True)
                         for role in ("commissioner", "analyst"))
    members = frozenset({f"board:{board.pk}", f"clerk:{board.pk}"}) | officers
    clerks = frozenset({f"clerk:{board.pk}"}) | officers
    name = board.short_name or board.name
    meetings = list(board.meetings.exclude(status__in=NOT_MEETING).filter(date__lte=until + dt.timedelta(days=31)))
    deadlines = meeting_deadlines(meetings)
    for m in meetings:
        url = reverse("board:meeting-detail", args=[m.pk])
        papers_due = deadlines[m.pk].papers_due
        if today <= m.date <= until:
            items.append(Item(f"meeting:{m.pk}", "Board meeting", f"{name} meets", m.date, url, members))
        if not m.agenda_published and m.date >= today and papers_due <= until:
            items.append(Item(f"papers:{m.pk}", "Papers deadline", f"Publish the agenda pack for {name}, {m.date:%-d %B}",
                              papers_due, url, clerks))
        minutes_due = deadlines[m.pk].minutes_due  # None where the terms of reference set no deadline
        if m.status in (MeetingStatus.HELD, MeetingStatus.AGENDA_PUBLISHED) and not m.minutes_circulated_at \
                and m.date < today and minutes_due and minutes_due <= until:
            items.append(Item(f"minutes:{m.pk}", "Minutes deadline", f"Circulate the draft minutes of {name}, {m.date:%-d %B}",
                              minutes_due, url, clerks))
    items += reference_group_items(board, today, until)
    for a, due in Action.with_due_dates(Action.objects.filter(
            board=board, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]).select_related("meeting", "minute")):
        if due and due <= until:  # an open action stays on the calendar however late
            # An action decided in closed session is closed business: the clerk's and the
            # council's officers', never a member's or a provider's calendar.
            if a.is_closed:
                audience = clerks
            else:
                audience = {f"clerk:{board.pk}"} | ({f"person:{a.owner_id}"} if a.owner_id else set())
            items.append(Item(f"action:{a.pk}", "Board action", a.text, due, reverse("board:action-detail", args=[a.pk]),
                              frozenset(audience)))
    # The registers' reviews are for those who keep them (registers.manage: the clerk and the
    # councils' commissioners), not the analysts: the item links to the register's edit page.
    items += register_items(board, until, frozenset({f"clerk:{board.pk}"})
                            | {f"commissioner:{pk}" for pk in board.councils.values_list("pk", flat=True)})
    return items


def reference_group_items(board, today: dt.date, until: dt.date) -> list[Item]:
    """The chair or vice-chair (or their representative) attends the board's Scrutiny and
    Reference Group at least twice a year (Leicester's terms of reference 3.4): one item per
    part of the year without a recorded visit, overdue once that part has ended."""
    group = ReferenceGroup.objects.filter(board=board).first()
    if group is None:
        return []
    audience = {f"board:{board.pk}", f"clerk:{board.pk}"}
    # the councils' commissioners support the group (Leicester: the Contracts Quality & Engagement Officer)
    audience |= {f"commissioner:{pk}" for pk in board.councils.values_list("pk", flat=True)}
    audience |= {f"person:{pk}" for pk in board.memberships.filter(
        position__in=[BoardPosition.CHAIR, BoardPosition.VICE_CHAIR], person__isnull=False).values_list("person_id", flat=True)}
    return [Item(f"srg-visit:{board.pk}:{w.financial_year}:{w.number}", "Scrutiny and Reference Group",
                 f"The chair or vice-chair attends the {group.name} ({w.label})", w.end,
                 reverse("voice:group", args=[board.slug]), frozenset(audience))
            for w in visit_windows(group, today) if not w.done and w.start <= until]


def tags_of(user) -> set[str]:

    p = principal(user)
    tags = {f"commissioner:{c}" for c in p.commissioner_councils} | {f"analyst:{c}" for c in p.analyst_councils}
    tags |= {f"provider:{o}" for o in p.provider_organisations}
    tags |= {f"board:{b}" for b in p.member_boards} | {f"clerk:{b}" for b in p.secretariat_boards}
    if getattr(user, "person_id", None):
        tags.add(f"person:{user.person_id}")
    return tags


def for_user(items: list[Item], user) -> list[Item]:
    """The items whose audience includes the user: the one filter of the calendar page, the
    home page's "what is due", the reminders and the feeds."""
    tags = tags_of(user)
    return [item for item in items if item.audience & tags]


def user_items(user, today: dt.date, *, days: int = 30) -> list[Item]:
    """The items that concern this user: overdue, and due in the next `days` days."""

    p = principal(user)
    if p.user_id is None:
        return []
    until = today + dt.timedelta(days=days)
    council_ids = set(p.council_ids)
    if p.provider_organisations:
        council_ids |= set(Contract.objects.filter(provider__in=p.provider_organisations, returns_required=True)
                           .values_list("council_id", flat=True))
    boards = set(p.board_ids)
    # Boards covering the user's councils: their registers' review dates concern the commissioners.
    boards |= set(Board.councils.through.objects.filter(council_id__in=p.commissioner_councils)
                  .values_list("board_id", flat=True))
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
    for item in for_user(sorted(items, key=lambda i: (i.due, i.kind, i.title)), user):
        if item.key not in seen:
            seen.add(item.key)
            mine.append(item)
    return mine


def ical_bytes(items: list[Item], name: str, base_url: str) -> bytes:
    """The items as all-day events of an iCalendar feed."""

    cal = Calendar()
    cal.add("prodid", "-//daboard//Statutory calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", clean_text(name, one_line=True))
    stamp = clock.now().replace(microsecond=0)
    for item in items:
        event = Event()
        event.add("uid", f"{item.key}@daboard")
        event.add("summary", clean_text(f"{item.kind}: {item.title}"))
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        event.add("url", base_url + item.url)
        cal.add_component(event)
    return cal.to_ical()


def home_panel(user, today) -> dict:
    """What is due for the user (overdue, and coming), and the link of their calendar feed."""
    items = user_items(user, today)
    token = tokens.feed_token(user, "user")
    return {"due_overdue": [i for i in items if i.due < today], "due_soon": [i for i in items if i.due >= today],
            "feed_url": reverse("strategy:user-feed", args=[token]) if token else None}
