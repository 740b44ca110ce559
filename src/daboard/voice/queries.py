"""Reads of survivor voice: feedback counted (in the database) and passed through disclosure
control for anyone but the council's officers; the chair's visits to the group; where the
group's papers go. Only reviewed feedback counts anywhere (`models.COUNTED`)."""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.db.models.lookups import GreaterThan

from daboard.board.queries import previous_meeting
from daboard.core.disclosure import Policy, Tables, protect
from daboard.core.periods import financial_year_label, financial_year_start

from . import questions as q
from .models import COUNTED, Feedback, FeedbackForm, GroupMeeting, ReferenceGroup

# --- Which forms ----------------------------------------------------------------------------------


def forms_for_council(council) -> QuerySet[FeedbackForm]:
    """Every form whose feedback the council's officers review (its services' and its boards')."""
    return FeedbackForm.objects.filter(council=council.duty_council)


def forms_for_board(board) -> QuerySet[FeedbackForm]:
    """The board's own form and the forms of the services its councils commission."""
    councils = list(board.councils.values_list("pk", flat=True))
    return FeedbackForm.objects.filter(Q(board=board) | Q(contract__council__in=councils)
                                       | Q(contract__council__parent__in=councils))


# --- Counting --------------------------------------------------------------------------------------


def feedback_counts(forms: QuerySet[FeedbackForm], *, since: dt.date | None = None,
                    until: dt.date | None = None) -> dict:
    """Raw counts of reviewed feedback (one query): the total, and each question by answer."""
    qs = Feedback.objects.filter(form__in=forms, status__in=COUNTED)
    if since:
        qs = qs.filter(received_on__gte=since)
    if until:
        qs = qs.filter(received_on__lte=until)
    aggs = {"total": Count("id")}
    for question in q.QUESTIONS:
        for i, code in enumerate(question.codes):
            match = (Q(GreaterThan(_bitand(question.name, 1 << i), 0)) if question.multiple
                     else Q(**{question.name: code}))
            aggs[f"q_{question.name}_{i}"] = Count("id", filter=match)
    row = qs.aggregate(**aggs)
    out = {"total": row["total"]}
    for question in q.QUESTIONS:
        out[question.name] = {code: row[f"q_{question.name}_{i}"] for i, code in enumerate(question.codes)}
    return out


def _bitand(field: str, bit: int):
    return F(field).bitand(bit)


def suppress_counts(raw: dict, policy: Policy) -> dict:
    """As a board member, a provider or a paper may see them, protected together by the
    disclosure engine (core.disclosure) as linked tables: every answer's count is at most
    the number of people who gave feedback (a question may be left unanswered), and the
    answers to a single-answer question add up to at most that number; so no withheld
    count can be worked out, or narrowed to 1 to 4, from the others."""
    t = Tables()
    t.counts[("total",)] = raw["total"]
    for question in q.QUESTIONS:
        cells = [(question.name, code) for code in raw[question.name]]
        for key, code in zip(cells, raw[question.name], strict=True):
            t.counts[key] = raw[question.name][code]
        if question.multiple:
            for key in cells:
                t.add_sum(("total",), [key], exact=False)
        else:
            t.add_sum(("total",), cells, exact=False)
    shown = protect(t, policy)
    out = {"total": shown[("total",)]}
    for question in q.QUESTIONS:
        out[question.name] = {code: shown[(question.name, code)] for code in raw[question.name]}
    return out


@dataclass
class Summary:
    total: object
    tables: list[tuple[q.Question, list[tuple[str, object]]]]
    unsuppressed: bool


def feedback_summary(forms, *, policy: Policy, unsuppressed: bool, since: dt.date | None = None,
                     until: dt.date | None = None) -> Summary:
    """The counts for a page or a paper, labelled; suppressed unless `unsuppressed`."""
    raw = feedback_counts(forms, since=since, until=until)
    shown = raw if unsuppressed else suppress_counts(raw, policy)
    tables = [(question, [(label, shown[question.name][code]) for code, label in question.choices])
              for question in q.QUESTIONS]
    return Summary(shown["total"], tables, unsuppressed)


def shared_comments(forms, *, since: dt.date | None = None, limit: int = 20) -> list[str]:
    """Comments the reviewing officer shared, newest first, without their dates."""
    qs = Feedback.objects.filter(form__in=forms, status="shared").exclude(shared_text="")
    if since:
        qs = qs.filter(received_on__gte=since)
    return list(qs.order_by("-received_on", "-id").values_list("shared_text", flat=True)[:limit])


def waiting_for_review(council) -> QuerySet[Feedback]:
    return Feedback.objects.filter(form__council=council.duty_council, status="pending").select_related("form")


# --- The agenda's standing item -----------------------------------------------------------------


def reference_group_item_text(group: ReferenceGroup, meeting, reports) -> str:
    """The text under the standing item: the group's reports, then what survivors said since
    the board last met, after disclosure control (the agenda is open business)."""

    prev = previous_meeting(meeting)
    since = prev.date if prev else meeting.date - dt.timedelta(days=92)
    forms = forms_for_board(group.board)
    summary = feedback_summary(forms, policy=Policy.for_council(group.board.lead_council), unsuppressed=False,
                               since=since, until=meeting.date)
    lines = []
    for report in reports:
        lines.append(f"{report.title}: {report.summary}" + (f" (presented by {report.presented_by})"
                                                             if report.presented_by else ""))
    if not reports:
        lines.append(f"No written feedback from the {group.name} has been received for this meeting.")
    lines.append(f"Survivors' feedback since {since:%-d %B %Y} (reviewed, counts of 1 to 4 shown as [c]): "
                 f"{summary.total} responses.")
    for question, cells in summary.tables:
        parts = [f"{label} {value}" for label, value in cells if value not in (0, None)]
        lines.append(f"{question.label} " + ("; ".join(parts) if parts else "no answers") + ".")
    for comment in shared_comments(forms, since=since, limit=5):
        lines.append(f"“{comment}”")
    return "\n".join(lines)


# --- The chair's visits (terms of reference 3.4) ---------------------------------------------------


@dataclass(frozen=True)
class VisitWindow:
    group: ReferenceGroup
    financial_year: int
    number: int  # 1 .. chair_visits_per_year
    start: dt.date
    end: dt.date  # the visit is due by this day
    visit: GroupMeeting | None

    @property
    def label(self) -> str:
        return (f"{financial_year_label(self.financial_year)}, "
                f"{self.number} of {self.group.chair_visits_per_year}")

    @property
    def done(self) -> bool:
        return self.visit is not None

    def state(self, today: dt.date) -> str:
        return "done" if self.done else ("overdue" if self.end < today else "due")


def visit_windows(group: ReferenceGroup, today: dt.date, *, years: int = 2) -> list[VisitWindow]:
    """The parts of this and the previous financial year(s) in each of which the chair or
    vice-chair (or a representative) must attend the group once, with the visit if made."""
    n = max(1, group.chair_visits_per_year)
    months = max(1, 12 // n)
    first = financial_year_start(today) - years + 1
    meetings = list(group.meetings.exclude(board_attendance="none")
                    .filter(date__gte=dt.date(first, 4, 1)).order_by("date"))
    out = []
    for year in range(first, financial_year_start(today) + 1):
        for i in range(n):
            m0 = 4 + i * months
            start = dt.date(year + (m0 - 1) // 12, (m0 - 1) % 12 + 1, 1)
            m1 = 4 + (i + 1) * months - 1 if i < n - 1 else 15
            end_year, end_month = year + (m1 - 1) // 12, (m1 - 1) % 12 + 1
            end = dt.date(end_year, end_month, _cal.monthrange(end_year, end_month)[1])
            visit = next((m for m in meetings if start <= m.date <= end), None)
            out.append(VisitWindow(group, year, i + 1, start, end, visit))
    return out


def papers_recipient(board):
    """Who the group's papers go to (for distribution lists): the group's papers contact, or
    None if the board has no group or has not named one."""
    group = ReferenceGroup.objects.filter(board=board).select_related("papers_contact").first()
    return group.papers_contact if group else None
