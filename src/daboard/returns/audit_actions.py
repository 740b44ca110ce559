"""What the audit log records of returns: every action an entry can name, declared once."""

from daboard.core.audit_actions import AuditAction


class ReturnsAudit(AuditAction):
    API_REFUSED = "api.refused"
    CASE_DATA_DOWNLOADED = "case_data.downloaded"
    ERROR_REPORT_DOWNLOADED = "error_report.downloaded"
    FOLLOWUP_ACCEPTED = "followup.accepted"
    FOLLOWUP_REJECTED = "followup.rejected"
    RETENTION_ERROR_REPORTS_DELETED = "retention.error_reports_deleted"
    RETURN_APPROVE = "return.approve"
    RETURN_ACCEPTED = "return.accepted"
    RETURN_REJECTED = "return.rejected"
    RETURN_REMINDER_SENT = "return.reminder_sent"
    RETURN_RETURN = "return.return"
    RETURN_UNLOCK = "return.unlock"
    RETURN_WAIVED = "return.waived"
