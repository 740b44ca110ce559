"""Submitted returns and their case rows. A return belongs to one contract and one period;
each accepted file is a new version; only the current version counts for any figure."""

from __future__ import annotations

from django.db import models

from daboard.commissioning.models import Contract
from daboard.core import clock
from daboard.core.models import Council, Organisation, User, natural_key

from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    ReviewStatus,
    Source,
)
from .standard import CURRENT as std


class SubmittedVersion(models.Model):
    """One version of a file a provider sends for a contract and quarter: the quarterly return
    and the follow-up return are versioned alike (only the current version counts; the same
    file sent again, by its hash, is the same version), so they keep the same record of it."""

    period = models.CharField(max_length=10, db_index=True)
    version = models.PositiveIntegerField()
    is_current = models.BooleanField(default=False)
    source = models.CharField(max_length=4, choices=Source.choices)
    submitted_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=clock.now, editable=False)
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    row_count = models.PositiveIntegerField()
    warning_count = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class ReturnSubmission(SubmittedVersion):
    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="submissions")
    standard_version = models.CharField(max_length=4, default=std.VERSION)
    status = models.CharField(max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.RECEIVED)
    reviewed_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    unlocked = models.BooleanField(default=False, help_text="An approved return reopened by the commissioner.")
    rows_purged_at = models.DateTimeField(null=True, blank=True,
                                          help_text="When retention deleted its case rows (aggregates kept).")

    Meta = natural_key("contract", "period", "-version", name="submission_unique_version",
                       indexes=[models.Index(fields=["contract", "period", "is_current"])])

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.period} v{self.version}"

    @property
    def locked(self) -> bool:
        return self.status == ReviewStatus.APPROVED and not self.unlocked


class CaseRecord(models.Model):
    """One row of a return: a case as it stood on the period's last day. Pseudonymous."""

    # No database constraint on any of the row's keys: a return's rows are written only by
    # store_rows, in the transaction that creates their submission, so the submission's own
    # key is the integrity check; a constraint would be a million per-row checks at commit.
    # Django still cascades a submission's deletion to its rows.
    submission = models.ForeignKey(ReturnSubmission, on_delete=models.CASCADE, related_name="cases",
                                   db_index=False, db_constraint=False)
    # Copies of the submission's contract's council and provider.
    council = models.ForeignKey(Council, on_delete=models.DO_NOTHING, related_name="+", db_index=False,
                                db_constraint=False)
    provider = models.ForeignKey(Organisation, on_delete=models.DO_NOTHING, related_name="+", db_index=False,
                                 db_constraint=False)
    period = models.CharField(max_length=10)
    case_ref = models.CharField(max_length=64)
    referral_date = models.DateField()
    referral_source = models.CharField(max_length=24)
    referral_outcome = models.CharField(max_length=24)
    engaged = models.CharField(max_length=9)
    age_band = models.CharField(max_length=10)
    gender = models.CharField(max_length=10)
    transgender = models.CharField(max_length=9, null=True)
    sexual_orientation = models.CharField(max_length=12, null=True)
    ethnicity = models.CharField(max_length=32)
    ethnic_group = models.CharField(max_length=9)
    disability = models.CharField(max_length=9)
    residence = models.CharField(max_length=11)
    risk_level = models.CharField(max_length=12)
    repeat_victim = models.CharField(max_length=9)
    child_victim = models.CharField(max_length=9)
    children_in_household = models.SmallIntegerField()
    vulnerabilities = models.IntegerField(default=0, help_text="Bit set: bit i is the i-th code of the standard.")
    needs = models.IntegerField(default=0)
    support_setting = models.CharField(max_length=24)
    sessions_in_period = models.SmallIntegerField()
    session_types = models.IntegerField(default=0)
    sanctuary_referrals_in_period = models.SmallIntegerField()
    onward_referrals_in_period = models.IntegerField(default=0)
    closure_date = models.DateField(null=True)
    closure_reason = models.CharField(max_length=20, null=True)
    safety_intake = models.SmallIntegerField(null=True)
    safety_exit = models.SmallIntegerField(null=True)
    wellbeing_intake = models.SmallIntegerField(null=True)
    wellbeing_exit = models.SmallIntegerField(null=True)
    risk_level_exit = models.CharField(max_length=12, null=True)
    abuse_stopped_exit = models.CharField(max_length=9, null=True)
    move_on = models.CharField(max_length=28, null=True)

    class Meta:
        # Figures read the aggregates built at import, so the rows are read only by
        # submission (a version's rows, the annual return, retention): one index.
        indexes = [models.Index(fields=["submission"])]

    def __str__(self) -> str:
        return f"{self.case_ref} ({self.period})"


STORED_COLUMNS = [c.name for c in std.COLUMNS] + list(std.DERIVED)


class FollowUpSubmission(SubmittedVersion):
    """One version of a follow-up return (standard followup_v1) for a contract and quarter:
    optional, versioned like the quarterly return, idempotent by the file's hash."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="followup_submissions")
    standard_version = models.CharField(max_length=4, default="1")
    rows_purged_at = models.DateTimeField(null=True, blank=True,
                                          help_text="When retention deleted its rows (aggregates kept).")

    Meta = natural_key("contract", "period", "-version", name="followup_unique_version")

    def __str__(self) -> str:
        return f"{self.contract.reference} follow-ups {self.period} v{self.version}"


class FollowUpRecord(models.Model):
    """One row of a follow-up return: what was learnt of a closed case months later."""

    submission = models.ForeignKey(FollowUpSubmission, on_delete=models.CASCADE, related_name="rows")
    council = models.ForeignKey(Council, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    provider = models.ForeignKey(Organisation, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    period = models.CharField(max_length=10)
    case_ref = models.CharField(max_length=64)
    closure_date = models.DateField()
    follow_up_date = models.DateField()
    months_after_closure = models.SmallIntegerField()
    reached = models.CharField(max_length=9)
    safe = models.CharField(max_length=9, null=True)
    abuse_stopped = models.CharField(max_length=9, null=True)
    wellbeing = models.SmallIntegerField(null=True)
    re_referred = models.CharField(max_length=9)

    class Meta:
        indexes = [models.Index(fields=["period", "council"])]

    def __str__(self) -> str:
        return f"{self.case_ref} follow-up ({self.period})"


class ReturnWaiver(models.Model):
    """A commissioner's decision that a quarter's return need not arrive (a service paused,
    a quarter agreed to be reported elsewhere): the return stops being due or overdue
    everywhere, with the reason kept. A return that arrives afterwards still counts."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="waivers")
    period = models.CharField(max_length=10)
    reason = models.TextField()
    waived_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    waived_at = models.DateTimeField(default=clock.now, editable=False)

    Meta = natural_key("contract", "period", name="waiver_one_per_quarter")

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.period} waived"
