"""Demo: Leicester's Scrutiny and Reference Group as its terms of reference set it out (seed
004: 3.4, 3.5, 5.5), with pseudonymous members; synthetic anonymous feedback for three
Leicestershire services; synthetic follow-up returns six months after support ended, for the
cases the synthetic quarterly returns closed. No real person is named and no meeting of the
group is dated: the seeds give neither (the chair's visits therefore show as due)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import defaultdict

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.appconfig import DemoStep
from daboard.core.models import Board
from daboard.core.periods import Period
from daboard.returns.models import CaseRecord, FollowUpSubmission
from daboard.returns.services import followup_accept
from daboard.returns.standard import FOLLOW_UP as fu

from . import questions as q
from .models import Feedback, FeedbackForm, GroupMember, ReferenceGroup

# What `daboard demo` loads of this app, in order (core.appconfig; live: laid relative to today).
STEPS = (
    DemoStep("Scrutiny and Reference Group and survivors' feedback", "daboard.voice.demo.load_voice"),
)

FEEDBACK_CONTRACTS = ("LCC-DA-07", "LCC-DA-08", "LCC-DA-03")
FOLLOWUP_CONTRACTS = ("LCC-DA-07", "LCC-DA-08")
COMMENTS = (  # synthetic, as an officer would share them
    "My worker listened and believed me.",
    "I did not know where to go at first. The helpline explained what could happen next.",
    "It took a long time to find somewhere to live.",
    "I would have liked help for my children sooner.",
    "Being able to talk to someone who understood made the difference.",
)


def load_voice() -> None:
    _reference_group()
    _feedback()
    _followups()


def _reference_group() -> None:
    board = Board.objects.filter(slug="leicester").first()
    if board is None:
        return
    group, _ = ReferenceGroup.objects.update_or_create(board=board, defaults={
        "name": "Scrutiny and Reference Group", "short_name": "SRG",
        "papers_contact_role": "Contracts Quality & Engagement officer – Scrutiny & Reference Group support",
        "board_places": 3, "chair_visits_per_year": 2, "standing_item": "Scrutiny and Reference Group",
        "source": "Leicester terms of reference 3.4, 3.5 and 5.5 (shared/seeds/004); the officer's name is withheld "
                  "in the published terms"})
    for name in ("Member A", "Member B", "Member C", "Member D"):
        GroupMember.objects.update_or_create(group=group, pseudonym=name,
                                             defaults={"attends_board": name != "Member D"})


def _feedback() -> None:
    today = clock.today()
    for n, reference in enumerate(FEEDBACK_CONTRACTS):
        contract = Contract.objects.filter(reference=reference).select_related("council").first()
        if contract is None:
            continue
        form, _ = FeedbackForm.objects.get_or_create(
            contract=contract, defaults={"council": contract.council.duty_council, "token": f"demo-{reference.lower()}",
                                         "title": contract.service[:200]})
        if form.feedback.exists():
            continue
        rng = random.Random(19 + n)  # noqa: S311 (synthetic data, not security)
        rows = []
        for i in range(18 + 6 * n):
            text = rng.choice(COMMENTS) if rng.random() < 0.4 else ""
            status = "pending" if i < 2 else rng.choice(["shared", "shared", "withheld"])
            rows.append(Feedback(
                form=form, received_on=today - dt.timedelta(days=rng.randint(0, 180)),
                felt_safer=rng.choices(q.FELT_SAFER.codes, weights=(6, 3, 1, 1))[0],
                wellbeing=rng.choices(q.WELLBEING.codes, weights=(6, 3, 1, 1))[0],
                helped=q.bits_of(rng.sample(q.HELPED.codes[:7], rng.randint(1, 2)), q.HELPED),
                missing=q.bits_of(rng.sample(["housing", "children", "finance", "mental_health"], rng.randint(0, 2)),
                                  q.MISSING),
                free_text=text, status=status, shared_text=text if status == "shared" else "",
                reviewed_on=None if status == "pending" else today))
        Feedback.objects.bulk_create(rows)


def _followups() -> None:
    """For each closed case of the synthetic returns, a follow-up six months later, sent as a
    follow-up return for the quarter it falls in (through the same validation)."""
    today = clock.today()
    for reference in FOLLOWUP_CONTRACTS:
        contract = Contract.objects.filter(reference=reference).select_related("council", "provider").first()
        if contract is None:
            continue
        closed = (CaseRecord.objects.filter(submission__contract=contract, submission__is_current=True,
                                            closure_date__isnull=False, engaged="yes")
                  .values_list("case_ref", "closure_date").order_by("closure_date", "case_ref"))
        by_period: dict[Period, list[list]] = defaultdict(list)
        for case_ref, closure in dict(closed).items():  # a case closed twice: its last closure
            rng = random.Random(case_ref)  # noqa: S311 (synthetic data, not security)
            follow_up = closure + dt.timedelta(days=183 + rng.randint(0, 20))
            if follow_up > today:
                continue
            reached = rng.random() < 0.7
            by_period[Period.of(follow_up)].append([
                case_ref, closure.isoformat(), follow_up.isoformat(), 6, "yes" if reached else "no",
                (rng.choices(["yes", "no"], weights=(8, 2))[0]) if reached else "",
                (rng.choices(["yes", "no", "not_known"], weights=(7, 2, 1))[0]) if reached else "",
                rng.randint(4, 9) if reached else "", rng.choices(["yes", "no"], weights=(1, 9))[0]])
        for period, rows in sorted(by_period.items(), key=lambda kv: (kv[0].start_year, kv[0].quarter)):
            if FollowUpSubmission.objects.filter(contract=contract, period=str(period)).exists():
                continue
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow([c.name for c in fu.COLUMNS])
            writer.writerows(rows)
            outcome = followup_accept(acting_user=None, contract=contract, period=period,
                                      data=buf.getvalue().encode(), filename=f"{reference}-{period}-follow-ups.csv",
                                      source="cli")
            if not outcome.accepted:
                raise RuntimeError(f"synthetic follow-ups for {reference} {period} were rejected: "
                                   f"{outcome.result.errors[0].line()}")
