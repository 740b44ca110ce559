"""The wider picture: published figures imported from the ministry's tables, KPI targets,
partners' own datasets, and the partnership's registers (contacts, DAHA accreditation,
the housing reciprocal ledger).

The registers hold no one's personal story: the reciprocal ledger records moves between
partners, never the people who moved; contacts are roles and organisations' ways in.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models

from daboard.core import clock
from daboard.core.models import (
    GSS_CODE,
    Board,
    Council,
    FinancialYearField,
    Organisation,
    User,
    plausible_date,
)
from daboard.insights.registry import KPIS

from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    DahaStage,
    Direction,
    MoveStatus,
)
from .declared import Declaration

# --- Compare -------------------------------------------------------------------------------


class PublishedImport(models.Model):
    """One import of the ministry's local-authority tables for one year, by an officer of a
    council with the duty: it feeds that council's comparison only, so one council's
    officers can never change the figures another council is compared with."""

    council = models.ForeignKey(Council, null=True, on_delete=models.PROTECT, related_name="+",
                                help_text="The council whose comparison the import feeds")
    year = FinancialYearField("financial year")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    imported_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(default=clock.now, editable=False)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.year} tables ({self.filename})"


class PublishedFigure(models.Model):
    """One figure of one area from an imported table; None where the table suppresses it."""

    source = models.ForeignKey(PublishedImport, on_delete=models.CASCADE, related_name="figures")
    year = FinancialYearField()
    measure = models.CharField(max_length=40)
    area_code = models.CharField(max_length=9, validators=[GSS_CODE])
    area_name = models.CharField(max_length=160, blank=True)
    region = models.CharField(max_length=80, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    value = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["year", "measure", "area_code"])]

    def __str__(self) -> str:
        return f"{self.area_code} {self.measure} {self.year}: {self.value}"


# --- Targets -------------------------------------------------------------------------------


# The KPIs a council can set a target for, with their labels and kinds, read from the KPI
# registry (one declaration per KPI): every count and rate.
TARGETABLE: dict[str, tuple[str, str]] = {kpi.key: (kpi.label, kpi.kind) for kpi in KPIS if kpi.kind in ("count", "rate")}


class KpiTarget(models.Model):
    """A target for one KPI of one council in one financial year."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="kpi_targets")
    kpi = models.CharField("KPI", max_length=40)
    year = FinancialYearField("financial year")
    value = models.FloatField("target", validators=[MinValueValidator(0, "A target is 0 or more"),
                                                    MaxValueValidator(1_000_000, "A target is 1,000,000 or less")],
                              help_text="A count per quarter, or a rate as a percentage (75 for 75%).")
    direction = models.CharField(max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    amber_margin = models.PositiveSmallIntegerField(
        "amber within (per cent of the target)", default=10, validators=[MaxValueValidator(100)])
    set_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["council", "year", "kpi"]
        constraints = [models.UniqueConstraint(fields=["council", "kpi", "year"], name="one_target_per_kpi_year")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.year}: {self.value:g}"

    def clean(self) -> None:
        _label, kind = TARGETABLE.get(self.kpi, ("", ""))
        if kind == "rate" and self.value is not None and self.value > 100:
            raise ValidationError({"value": "A rate's target is a percentage: enter 100 or less (75 for 75%)."})


# --- Partner datasets ---------------------------------------------------------------------


class PartnerDataset(models.Model):
    """A small aggregate dataset a board asks of a partner, declared as data."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="partner_datasets")
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partner_datasets")
    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    declaration = models.JSONField(help_text="Fields, codes and checks (daboard.partnership.declared).")
    source_note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["board", "name"]
        constraints = [models.UniqueConstraint(fields=["board", "slug"], name="dataset_slug_unique_on_board")]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner})"

    @property
    def declared(self) -> Declaration:
        return Declaration.from_json(self.declaration)


class DatasetSubmission(models.Model):
    """One quarter's figures from the partner, versioned; the current version counts."""

    dataset = models.ForeignKey(PartnerDataset, on_delete=models.PROTECT, related_name="submissions")
    period = models.CharField(max_length=10)
    version = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    rows = models.JSONField()
    row_count = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255, blank=True)
    source = models.CharField(max_length=4, choices=[("file", "File"), ("form", "Form")])
    submitted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        ordering = ["dataset", "period", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["dataset", "period", "version"], name="dataset_period_version_unique"),
            models.UniqueConstraint(fields=["dataset", "period"], condition=models.Q(is_current=True),
                                    name="dataset_one_current_version"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset.name} {self.period} v{self.version}"


# --- Registers ------------------------------------------------------------------------------


class Contact(models.Model):
    """A way into a partner organisation on domestic abuse: a role, not a person's life."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="contacts")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=160, help_text="The role or service, such as MARAC coordinator.")
    name = models.CharField(max_length=120, blank=True, help_text="Optional: who holds the role now.")
    how_to_reach = models.CharField(max_length=300, help_text="A team inbox or switchboard is better than a person's.")
    review_due = models.DateField("review due", validators=[plausible_date])
    reviewed_on = models.DateField("last reviewed", null=True, blank=True, validators=[plausible_date])

    class Meta:
        ordering = ["organisation__name", "role"]

    def __str__(self) -> str:
        return f"{self.role}, {self.organisation}"


class DahaStatus(models.Model):
    """Where a housing provider stands with Domestic Abuse Housing Alliance accreditation."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="daha_statuses")
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                 verbose_name="housing provider")
    stage = models.CharField(max_length=16, choices=DahaStage.choices)
    stage_since = models.DateField("at this stage since", null=True, blank=True, validators=[plausible_date])
    accredited_on = models.DateField(null=True, blank=True, validators=[plausible_date])
    renewal_due = models.DateField(null=True, blank=True, validators=[plausible_date])

    class Meta:
        ordering = ["provider__name"]
        constraints = [models.UniqueConstraint(fields=["board", "provider"], name="one_daha_status_per_provider")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.get_stage_display()}"

    def clean(self) -> None:
        errors = {}
        if self.stage == DahaStage.ACCREDITED and not self.accredited_on:
            errors["accredited_on"] = "Enter the date of accreditation."
        if self.accredited_on and self.renewal_due and self.renewal_due <= self.accredited_on:
            errors["renewal_due"] = "Renewal must be due after the date of accreditation."
        if errors:
            raise ValidationError(errors)


class ReciprocalMove(models.Model):
    """One move under the housing reciprocal: a home offered by one partner to a household
    from another. No names, no addresses, no free text: the ledger is about partners."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reciprocal_moves")
    reference = models.CharField(max_length=20, validators=[RegexValidator(r"^[A-Z0-9-]{1,20}$", "Use capital letters, digits and -.")],
                                 help_text="The scheme's own reference, such as RM-2025-004. Never a name.")
    offered_by = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                   verbose_name="home offered by")
    received_from = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+",
                                      verbose_name="household moving from")
    bedrooms = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(6)])
    offered_on = models.DateField(validators=[plausible_date])
    status = models.CharField(max_length=10, choices=MoveStatus.choices, default=MoveStatus.OFFERED)
    completed_on = models.DateField(null=True, blank=True, validators=[plausible_date])

    class Meta:
        ordering = ["-offered_on", "reference"]
        constraints = [models.UniqueConstraint(fields=["board", "reference"], name="reciprocal_reference_unique")]

    def __str__(self) -> str:
        return f"Move {self.reference}"

    def clean(self) -> None:
        errors = {}
        if self.offered_by_id and self.offered_by_id == self.received_from_id:
            errors["received_from"] = "A reciprocal move is between two different partners."
        if self.status == MoveStatus.COMPLETED and not self.completed_on:
            errors["completed_on"] = "Enter the date the household moved."
        if self.completed_on and self.offered_on and self.completed_on < self.offered_on:
            errors["completed_on"] = "The move cannot complete before the home was offered."
        if errors:
            raise ValidationError(errors)
