"""What the audit log records of strategy: every action an entry can name, declared once."""

from daboard.core.audit_actions import AuditAction


class StrategyAudit(AuditAction):
    CALENDAR_COMPLETED = "calendar.completed"
    DELIVERY_ACTION_PROGRESS = "delivery_action.progress"
    DELIVERY_ACTION_SAVED = "delivery_action.saved"
    PRIORITY_ADDED = "priority.added"
    REMINDERS_SENT = "reminders.sent"
    STRATEGY_EXPORTED = "strategy.exported"
    STRATEGY_SAVED = "strategy.saved"
