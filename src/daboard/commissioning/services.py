"""Every write to the money: in a transaction, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from daboard.core import clock
from daboard.core.audit import audit_record, snapshot

from .models import (
    Allocation,
    AwardRoute,
    Contract,
    ContractStatus,
    ExtensionOption,
    Lot,
    add_months,
)


@transaction.atomic
def allocation_save(*, acting_user, allocation: Allocation, request=None) -> Allocation:
    creating = allocation.pk is None
    allocation.full_clean()
    allocation.save()
    audit_record(actor=acting_user, action="allocation.added" if creating else "allocation.changed", obj=allocation,
                 after=snapshot(allocation), request=request)
    return allocation


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
    audit_record(actor=acting_user, action="contract.created", obj=contract, after=snapshot(contract),
                 detail={"options": option_months}, request=request)
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
    else:
        contract.options.filter(order__gt=option.order, exercised__isnull=True).update(exercised=False)
    audit_record(actor=acting_user, action="contract.extension_decided", obj=contract, before=before,
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
    audit_record(actor=acting_user, action="lot.awarded", obj=lot, before=before, after=snapshot(lot), request=request)
    return lot


@transaction.atomic
def money_paper_attach(*, acting_user, council, meeting, request=None):
    """Put the money view on a meeting's agenda as a board paper, in one step."""

    from daboard.board.services import generated_paper_attach

    from .documents import money_pdf

    today = clock.today()
    return generated_paper_attach(
        acting_user=acting_user, council=council, meeting=meeting, item_title=f"Commissioning and funding: {council.name}",
        paper_title=f"Funding and commitments, {council.name} ({today:%-d %B %Y})", filename="money-view.pdf",
        build=lambda: money_pdf(council, today=today), request=request)
