"""What the audit log records of commissioning: every action an entry can name, declared once."""

from daboard.core.audit_actions import AuditAction


class CommissioningAudit(AuditAction):
    ALLOCATION_ADDED = "allocation.added"
    ALLOCATION_CHANGED = "allocation.changed"
    COMMITMENT_ADDED = "commitment.added"
    COMMITMENT_CHANGED = "commitment.changed"
    CONTRACT_CREATED = "contract.created"
    CONTRACT_EXTENSION_DECIDED = "contract.extension_decided"
    CONTRACTS_EXPORTED = "contracts.exported"
    DISTRICT_PLAN_ADDED = "district_plan.added"
    DISTRICT_PLAN_CHANGED = "district_plan.changed"
    LINE_ADDED = "line.added"
    LOT_ADDED = "lot.added"
    LOT_AWARDED = "lot.awarded"
    MONEY_EXPORTED = "money.exported"
    POST_ADDED = "post.added"
    POST_STATUS_CHANGED = "post.status_changed"
    POSTS_EXPORTED = "posts.exported"
    PROCUREMENT_ADDED = "procurement.added"
    PROCUREMENT_CHANGED = "procurement.changed"
    SPEND_PLAN_ADDED = "spend_plan.added"
    SPEND_PLAN_CHANGED = "spend_plan.changed"
