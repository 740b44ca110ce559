"""Every write to the money: in a transaction, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from daboard.board.services import generated_paper_attach
from daboard.core import clock
from daboard.core.audit import audit_record, save_audited, snapshot
from daboard.core.periods import add_months

from . import documents
from .audit_actions import CommissioningAudit
from .choices import AwardRoute, CommitmentKind, ContractStatus, PlanStatus
from .models import (
    Allocation,
    Commitment,
    Contract,
    DistrictPlan,
    ExtensionOption,
    Lot,
    Post,
    PostEvent,
    ProcurementExercise,
    SpendPlan,
    SpendPlanLine,
)


@transaction.atomic
def allocation_save(*, acting_user, allocation: Allocation, request=None) -> Allocation:
    return save_audited(allocation, actor=acting_user, added=CommissioningAudit.ALLOCATION_ADDED,
                        changed=CommissioningAudit.ALLOCATION_CHANGED, request=request)


@transaction.atomic
def spend_plan_save(*, acting_user, plan: SpendPlan, request=None) -> SpendPlan:
    creating = plan.pk is None
    plan.save()
    audit_record(actor=acting_user, action=CommissioningAudit.SPEND_PLAN_ADDED if creating else CommissioningAudit.SPEND_PLAN_CHANGED, obj=plan,
                 request=request)
    return plan


@transaction.atomic
def procurement_exercise_save(*, acting_user, exercise: ProcurementExercise, request=None) -> ProcurementExercise:
    creating = exercise.pk is None
    exercise.save()
    audit_record(actor=acting_user, action=CommissioningAudit.PROCUREMENT_ADDED if creating else CommissioningAudit.PROCUREMENT_CHANGED,
                 obj=exercise, request=request)
    return exercise


@transaction.atomic
def lot_add(*, acting_user, lot: Lot, request=None) -> Lot:
    lot.save()
    audit_record(actor=acting_user, action=CommissioningAudit.LOT_ADDED, obj=lot, request=request)
    return lot


@transaction.atomic
def contract_create(*, acting_user, contract: Contract, option_months: list[int], request=None) -> Contract:
    """A contract and its extension options: each option runs on from the end of the one
    before, and its decision is due when the term before it ends."""
    contract.full_clean()
    contract.save()
    end = contract.initial_end
    if option_months and end is None:
        raise ValidationError({"option_1": "Extension options need the start date and initial term."})
    for order, months in enumerate(option_months, start=1):
        runs_to = add_months(end + dt.timedelta(days=1), months) - dt.timedelta(days=1)
        ExtensionOption.objects.create(contract=contract, order=order, months=months, runs_to=runs_to, decision_due=end)
        end = runs_to
    commitment = Commitment(
        council=contract.council, kind=CommitmentKind.CONTRACT, title=contract.service, payee=contract.provider,
        amount=contract.total_value, start_date=contract.start_date, end_date=contract.initial_end,
        financial_year=contract.commitment_year if not contract.start_date else "", contract=contract,
        support_category=contract.support_category, approved_by=contract.approved_by,
        source=f"Contract {contract.reference}")
    commitment.full_clean()
    commitment.save()
    audit_record(actor=acting_user, action=CommissioningAudit.CONTRACT_CREATED, obj=contract, after=snapshot(contract),
                 detail={"options": option_months, "commitment": commitment.pk}, request=request)
    return contract


@transaction.atomic
def extension_decide(*, acting_user, option: ExtensionOption, take_up: bool, resolution=None, request=None) -> None:
    """Take up or decline an option. Options are decided in order; declining one closes the rest."""
    earlier = option.contract.options.filter(order__lt=option.order)
    if earlier.filter(exercised__isnull=True).exists():
        raise ValidationError("Decide the earlier extension option first.")
    if earlier.filter(exercised=False).exists():
        raise ValidationError("An earlier option was declined, so this one cannot be taken up.")
    before = {"exercised": option.exercised}
    ExtensionOption.objects.filter(pk=option.pk).update(exercised=take_up, decided_by=resolution)
    contract = option.contract
    if take_up:
        Contract.objects.filter(pk=contract.pk).update(status=ContractStatus.EXTENDED)
        # The contract's ledger lines now run to the end of the option taken up.
        Commitment.objects.filter(contract=contract, end_date__isnull=False).update(end_date=option.runs_to)
    else:
        contract.options.filter(order__gt=option.order, exercised__isnull=True).update(exercised=False)
    audit_record(actor=acting_user, action=CommissioningAudit.CONTRACT_EXTENSION_DECIDED, obj=contract, before=before,
                 after={"option": option.order, "exercised": take_up}, request=request)


@transaction.atomic
def lot_award(*, acting_user, lot: Lot, route: str, awarded_to=None, bids_received: int | None = None,
              approved_by: str = "", reason: str = "", request=None) -> Lot:
    """Record the outcome of a lot: after competition, or — when no bids came — a direct
    award that someone with the authority approved."""
    before = snapshot(lot)
    lot.route, lot.awarded_to, lot.bids_received = route, awarded_to, bids_received
    lot.direct_award_approved_by, lot.direct_award_reason = approved_by, reason
    if route == AwardRoute.NOT_AWARDED:
        lot.awarded_to = None
    lot.full_clean()
    lot.save()
    # The award is a commitment: its ledger line follows the outcome (the lot's budget until
    # the award's own value is entered on the line).
    if route in (AwardRoute.COMPETITION, AwardRoute.DIRECT):
        line = lot.commitments.first() or Commitment(
            council=lot.exercise.council, kind=CommitmentKind.LOT, amount=lot.budget,
            title=f"{lot.exercise.title}, lot {lot.number}: {lot.title}", lot=lot)
        line.payee = lot.awarded_to
        line.source = (f"Direct award approved by {approved_by}" if route == AwardRoute.DIRECT
                       else "Awarded after competition")
        line.full_clean()
        line.save()
    else:
        lot.commitments.all().delete()
    audit_record(actor=acting_user, action=CommissioningAudit.LOT_AWARDED, obj=lot, before=before, after=snapshot(lot), request=request)
    return lot


@transaction.atomic
def money_paper_attach(*, acting_user, council, meeting, request=None):
    """Put the money view on a meeting's agenda as a board paper, in one step."""

    today = clock.today()
    return generated_paper_attach(
        acting_user=acting_user, council=council, meeting=meeting, item_title=f"Commissioning and funding: {council.name}",
        paper_title=f"Funding and commitments, {council.name} ({today:%-d %B %Y})", filename="money-view.pdf",
        build=lambda: documents.money_pdf(council, today=today), request=request)


# --- The ledger, posts and district plans ---------------------------------------------------


@transaction.atomic
def commitment_save(*, acting_user, commitment: Commitment, request=None) -> Commitment:
    """Add or change a line of the ledger."""
    return save_audited(commitment, actor=acting_user, added=CommissioningAudit.COMMITMENT_ADDED,
                        changed=CommissioningAudit.COMMITMENT_CHANGED, request=request)


@transaction.atomic
def post_create(*, acting_user, post: Post, note: str = "", request=None) -> Post:
    """A funded post, with the first entry of its history."""
    post.full_clean()
    post.save()
    PostEvent.objects.create(post=post, status=post.status, on=post.status_since, interview_date=post.interview_date,
                             note=note, recorded_at=clock.now())
    audit_record(actor=acting_user, action=CommissioningAudit.POST_ADDED, obj=post, after=snapshot(post), request=request)
    return post


@transaction.atomic
def post_status_change(*, acting_user, post: Post, status: str, on: dt.date, interview_date: dt.date | None = None,
                       note: str = "", request=None) -> Post:
    """Record a post's new status (vacant, recruiting, interviews, offered, in post, ended);
    the history keeps every earlier one. A change dated before the status last reported goes
    into the history in its place and leaves the current status as it is: news of March
    heard in May does not undo what was reported in April."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    before = snapshot(post)
    event = PostEvent(post=post, status=status, on=on, interview_date=interview_date, note=note,
                      recorded_at=clock.now())
    event.full_clean()  # the same checks whether or not the change becomes the current status
    current = post.status_since is None or on >= post.status_since
    if current:
        post.status, post.status_since = status, on
        post.interview_date = interview_date
        post.full_clean()
        post.save()
    event.save()
    audit_record(actor=acting_user, action=CommissioningAudit.POST_STATUS_CHANGED, obj=post, before=before,
                 after=snapshot(post), detail={"status": status, "on": on.isoformat(), "current": current},
                 request=request)
    return post


@transaction.atomic
def district_plan_save(*, acting_user, plan: DistrictPlan, request=None) -> DistrictPlan:
    """A district's plan for its allocation, what it was spent on and its outcomes return."""
    return save_audited(plan, actor=acting_user, added=CommissioningAudit.DISTRICT_PLAN_ADDED,
                        changed=CommissioningAudit.DISTRICT_PLAN_CHANGED, request=request)


@transaction.atomic
def vacancy_report_attach(*, acting_user, council, meeting, request=None):
    """Put the vacancy report on a meeting's agenda as a paper, in one step."""

    today = clock.today()
    return generated_paper_attach(
        acting_user=acting_user, council=council, meeting=meeting, item_title=f"Funded posts and vacancies: {council.name}",
        paper_title=f"Funded posts and vacancies, {council.name} ({today:%-d %B %Y})",
        filename=f"vacancies-{council.gss_code}.pdf", build=lambda: documents.vacancies_pdf(council, today=today),
        request=request)


@transaction.atomic
def spend_plan_line_add(*, acting_user, line: SpendPlanLine, request=None) -> SpendPlanLine:
    """A line of a spend plan; a line of an approved plan is a commitment against the plan's
    year, so it goes on the ledger too."""
    plan = line.plan
    line.order = plan.lines.count() + 1
    line.full_clean()
    line.save()
    if plan.status == PlanStatus.APPROVED:
        commitment = Commitment(council=plan.council, kind=CommitmentKind.PLAN_LINE, title=line.support_service,
                                payee=line.provider, amount=line.cost, financial_year=plan.financial_year,
                                plan_line=line, approved_by=plan.approved_by, source=plan.title)
        commitment.full_clean()
        commitment.save()
    audit_record(actor=acting_user, action=CommissioningAudit.LINE_ADDED, obj=line, after=snapshot(line), request=request)
    return line
