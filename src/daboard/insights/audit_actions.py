"""What the audit log records of insights: every action an entry can name, declared once."""

from daboard.core.audit_actions import AuditAction


class InsightsAudit(AuditAction):
    ACCOMMODATION_SAVED = "accommodation.saved"
    ANNUAL_RETURN_EXPORTED = "annual_return.exported"
    IMPACT_EXPORTED = "impact.exported"
    INSIGHTS_AGGREGATES_REBUILT = "insights.aggregates_rebuilt"
    INSIGHTS_EXPORTED = "insights.exported"
    NEEDS_EXPORTED = "needs.exported"
    NEEDS_ASSESSMENT_ADDED = "needs_assessment.added"
    REPORT_COMMENTARY_SAVED = "report.commentary_saved"
    REPORT_EXPORTED = "report.exported"
    RETENTION_CASE_ROWS_DELETED = "retention.case_rows_deleted"
    RETENTION_FOLLOWUP_ROWS_DELETED = "retention.followup_rows_deleted"
