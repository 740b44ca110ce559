"""What the audit log records of partnership: every action an entry can name, declared once."""

from daboard.core.audit_actions import AuditAction


class PartnershipAudit(AuditAction):
    COMPARE_EXPORTED = "compare.exported"
    CONTACT_DELETED = "contact.deleted"
    CONTACT_SAVED = "contact.saved"
    CONTACTS_EXPORTED = "contacts.exported"
    DAHA_DELETED = "daha.deleted"
    DAHA_SAVED = "daha.saved"
    DATASET_ACCEPTED = "dataset.accepted"
    DATASET_DECLARED = "dataset.declared"
    DATASET_REJECTED = "dataset.rejected"
    PUBLISHED_IMPORTED = "published.imported"
    PUBLISHED_REJECTED = "published.rejected"
    RECIPROCAL_MOVE_DELETED = "reciprocal_move.deleted"
    RECIPROCAL_MOVE_SAVED = "reciprocal_move.saved"
    TARGET_DELETED = "target.deleted"
    TARGET_SAVED = "target.saved"
