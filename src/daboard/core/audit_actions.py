"""Audit actions as an enumeration. Every entry of the audit log names its action with a
member of an `AuditAction` subclass: core's below, and each app declares its own in its
`audit_actions.py`; `audit_record` refuses anything else (a free string, a typo). An
action's value is what the log stores, exports and filters by."""

from django.db import models


class AuditAction(models.TextChoices):
    """The base every app's actions derive from."""


class CoreAudit(AuditAction):
    ACCESS_REFUSED = "access.refused"
    API_TOKEN_CREATED = "api_token.created"
    API_TOKEN_REVOKED = "api_token.revoked"
    AUDIT_EXPORTED = "audit.exported"
    BACKUP_MADE = "backup.made"
    BACKUP_RESTORED = "backup.restored"
    COUNCIL_SETTINGS_CHANGED = "council.settings_changed"
    FEEDS_ROTATED = "feeds.rotated"
    FEEDS_SWITCHED_OFF = "feeds.switched_off"
    RETENTION_DRY_RUN = "retention.dry_run"
    SIGN_IN_CODE_FAILED = "sign_in.code_failed"
    SIGN_IN_ENROLMENT_REFUSED = "sign_in.enrolment_refused"
    SIGN_IN_FAILED = "sign_in.failed"
    SIGN_IN_LOCKED_OUT = "sign_in.locked_out"
    SIGN_IN_SIGNED_OUT = "sign_in.signed_out"
    SIGN_IN_SUCCEEDED = "sign_in.succeeded"
    USER_CREATED = "user.created"
    USER_DISABLED = "user.disabled"
    USER_ENABLED = "user.enabled"
    USER_PASSWORD_CHANGED = "user.password_changed"
    USER_PREFERENCES_CHANGED = "user.preferences_changed"
    USER_RECOVERY_CODES_ISSUED = "user.recovery_codes_issued"
    USER_ROLE_ADDED = "user.role_added"
    USER_ROLE_APPROVED = "user.role_approved"
    USER_ROLE_REMOVED = "user.role_removed"
    USER_ROLE_REQUESTED = "user.role_requested"
    USER_TWO_FACTOR_ENROLLED = "user.two_factor_enrolled"
    USER_TWO_FACTOR_RESET = "user.two_factor_reset"
