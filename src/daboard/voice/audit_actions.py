"""What the audit log records of voice: every action an entry can name, declared once."""

from daboard.core.audit_actions import AuditAction


class VoiceAudit(AuditAction):
    FEEDBACK_RECEIVED = "feedback.received"
    FEEDBACK_FORM_CLOSED = "feedback_form.closed"
    FEEDBACK_FORM_OPENED = "feedback_form.opened"
    REFERENCE_GROUP_CHANGED = "reference_group.changed"
    REFERENCE_GROUP_CREATED = "reference_group.created"
    REFERENCE_GROUP_ITEM_FILLED = "reference_group.item_filled"
    REFERENCE_GROUP_MEETING_RECORDED = "reference_group.meeting_recorded"
    REFERENCE_GROUP_MEMBER_ADDED = "reference_group.member_added"
    REFERENCE_GROUP_MEMBER_CHANGED = "reference_group.member_changed"
    REFERENCE_GROUP_PAPERS_ROUTED = "reference_group.papers_routed"
    REFERENCE_GROUP_REPORT_SENT = "reference_group.report_sent"
    RETENTION_FEEDBACK_TEXT_DELETED = "retention.feedback_text_deleted"
    FEEDBACK_SHARE = "feedback.share"
    FEEDBACK_WITHHOLD = "feedback.withhold"
    FEEDBACK_DISCARD = "feedback.discard"
