"""Every write of the strategy app: in a transaction, with its audit entry."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from daboard.core.audit import audit_record

from .audit_actions import StrategyAudit
from .models import ActionProgress, CalendarCompletion, DeliveryAction, Priority, Rag, Strategy


def _save_service(given: str, action: StrategyAudit, logged: str):
    """The service that saves the one record passed as `given` (the strategy, a delivery
    action), added or changed alike, and audits it as `action` with the one field the log
    is read for (`logged`: the strategy's status, the action's RAG)."""

    @transaction.atomic
    def save(*, acting_user, request=None, **records):
        record = records[given]
        record.save()
        audit_record(actor=acting_user, action=action, obj=record, detail={logged: getattr(record, logged)},
                     request=request)
        return record

    return save


strategy_save = _save_service("strategy", StrategyAudit.STRATEGY_SAVED, "status")
delivery_action_save = _save_service("action", StrategyAudit.DELIVERY_ACTION_SAVED, "rag")


@transaction.atomic
def priority_add(*, acting_user, strategy: Strategy, priority: Priority, request=None) -> Priority:
    """Add a priority to a strategy; its number must be free."""
    if strategy.priorities.filter(number=priority.number).exists():
        raise ValidationError({"number": f"Priority {priority.number} already exists; choose another number."})
    priority.strategy = strategy
    priority.save()
    audit_record(actor=acting_user, action=StrategyAudit.PRIORITY_ADDED, obj=priority, request=request)
    return priority


@transaction.atomic
def progress_record(*, acting_user, action: DeliveryAction, update: ActionProgress, request=None) -> ActionProgress:
    """A progress update on a delivery action; the action takes its RAG status, and is
    complete on the update's date when the status is done."""
    update.action, update.by = action, acting_user
    update.save()
    action.rag = update.rag
    action.completed_on = update.date if update.rag == Rag.DONE else None
    action.save(update_fields=["rag", "completed_on"])
    audit_record(actor=acting_user, action=StrategyAudit.DELIVERY_ACTION_PROGRESS, obj=action,
                 detail={"rag": update.rag, "date": update.date.isoformat()}, request=request)
    return update


@transaction.atomic
def calendar_complete(*, acting_user, council, key: str, on: dt.date, request=None) -> CalendarCompletion:
    """Mark an item of the statutory calendar done on the day."""
    done = CalendarCompletion.objects.create(council=council, key=key, completed_on=on, by=acting_user)
    audit_record(actor=acting_user, action=StrategyAudit.CALENDAR_COMPLETED, obj=done, detail={"key": key}, request=request)
    return done
