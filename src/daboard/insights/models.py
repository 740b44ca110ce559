"""What the insights need besides the returns: the safe-accommodation register and needs
assessments behind the needs assessment page, and the commissioner's commentary on the
board's quarterly performance report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from daboard.core import clock
from daboard.core.models import Council, Organisation, User
from daboard.returns.standard import CURRENT as std

from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    AccommodationKind,
)

assert {c.value for c in AccommodationKind} == set(std.SUPPORT_SETTINGS) - {"community"}  # noqa: S101 (one vocabulary)


class AccommodationUnit(models.Model):
    """A line of the register of safe accommodation: a scheme of one kind, run by one
    provider, in one district. Never an address: refuge locations are confidential."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="accommodation")
    name = models.CharField("scheme", max_length=120,
                            help_text="A label such as 'Refuge 1' or 'Dispersed units'. Never an address.")
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
                                 help_text="The district it is in (for a county); blank for a unitary council.")
    kind = models.CharField("type", max_length=24, choices=AccommodationKind.choices)
    units = models.PositiveSmallIntegerField("family units", validators=[MinValueValidator(0), MaxValueValidator(500)],
                                             help_text="Rooms or homes that can each take a family.")
    bed_spaces = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(2000)])
    opened = models.DateField(null=True, blank=True)
    closed = models.DateField(null=True, blank=True, help_text="Leave blank while it is in use.")
    source_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()}, {self.provider})"

    def clean(self) -> None:
        errors = {}
        if self.district_id and self.council_id and self.district.duty_council.pk != self.council_id:
            errors["district"] = "Choose a district of this council."
        if self.bed_spaces is not None and self.units is not None and self.bed_spaces < self.units:
            errors["bed_spaces"] = "Bed spaces cannot be fewer than units: every unit has at least one bed space."
        if self.opened and self.closed and self.closed < self.opened:
            errors["closed"] = "The closing date must be on or after the opening date."
        if errors:
            raise ValidationError(errors)


class NeedsAssessment(models.Model):
    """A needs assessment for support in safe accommodation (Domestic Abuse Act 2021, s.57)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="needs_assessments")
    title = models.CharField(max_length=200)
    carried_out_by = models.CharField(max_length=200, blank=True)
    completed_year = models.PositiveSmallIntegerField(validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    completed_on = models.DateField(null=True, blank=True, help_text="If the exact date is known.")
    next_review_due = models.DateField(null=True, blank=True,
                                       help_text="When the council must review it next (empty where the papers give no date).")
    summary = models.TextField(blank=True)
    source_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "-completed_year", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.completed_year})"


class BoardReport(models.Model):
    """The commissioner's commentary on one quarter's performance report for a council."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="board_reports")
    period = models.CharField(max_length=10)
    commentary = models.JSONField(default=dict, help_text="Section key to the commissioner's text.")
    updated_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "period"], name="board_report_once_per_quarter")]

    def __str__(self) -> str:
        return f"Performance report {self.period}, {self.council}"


class ArchivedKpis(models.Model):
    """The KPIs of a council's or a contract's quarter, kept when retention deletes the case
    rows behind them, so the figures stay answerable."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    period = models.CharField(max_length=10)
    contract_reference = models.CharField(max_length=40, blank=True, help_text="Blank: the whole council.")
    result = models.JSONField(help_text="insights.kpis.compute(): the KPIs and the basis of each rate.")
    rows = models.PositiveIntegerField()
    archived_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "period", "contract_reference"],
                                               name="archived_kpis_once")]

    def __str__(self) -> str:
        return f"KPIs {self.period} {self.council} {self.contract_reference}".strip()


class SubmissionAggregate(models.Model):
    """Every KPI's numerator and denominator (see insights.aggregates.MEASURES) for one
    return version and one residence code, computed once when the version is accepted.
    Figures are these summed over the current versions in scope, never the case rows. The
    scope keys are copied from the submission's contract, as on the case rows; the
    submission's own key is the integrity check."""

    submission = models.ForeignKey("returns.ReturnSubmission", on_delete=models.CASCADE, related_name="aggregates")
    period = models.CharField(max_length=10)
    council = models.ForeignKey(Council, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    provider = models.ForeignKey(Organisation, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False)
    contract = models.ForeignKey("commissioning.Contract", on_delete=models.DO_NOTHING, related_name="+",
                                 db_constraint=False)
    residence = models.CharField(max_length=11)
    measures = models.JSONField(help_text="Measure name to count or sum; zeros left out.")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "residence"], name="aggregate_once")]
        indexes = [models.Index(fields=["period", "council"]), models.Index(fields=["period", "provider"]),
                   models.Index(fields=["period", "contract"])]

    def __str__(self) -> str:
        return f"Aggregates of submission {self.submission_id}, {self.residence}"


class ProtectedRelease(models.Model):
    """A council-quarter's figures after disclosure control (insights.release), kept under
    the digest of everything they were protected from (the policy, the council and the raw
    figures), so that every worker and every restart reuses one protection instead of
    solving it again. Only publishable figures are kept here: nothing in it is case-level."""

    digest = models.CharField(max_length=64, primary_key=True)
    kpis = models.JSONField()
    providers = models.JSONField()
    made_at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [models.Index(fields=["made_at"])]

    def __str__(self) -> str:
        return f"protected figures {self.digest[:12]}"
