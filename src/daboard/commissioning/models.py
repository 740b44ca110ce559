"""Money: funding allocations, spend plans, contracts with their extension options, and
procurement exercises with lots. Amounts are pounds (Decimal, two places)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from daboard.core.identifiers import contract_reference_validator
from daboard.core.models import Council, Organisation, Person

FINANCIAL_YEAR = RegexValidator(r"^\d{4}-\d{2}$", "Write the financial year like 2024-25.")


def financial_year_of(day: dt.date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def financial_year_bounds(year: str) -> tuple[dt.date, dt.date]:
    start = int(year[:4])
    return dt.date(start, 4, 1), dt.date(start + 1, 3, 31)


def check_financial_year(year: str) -> None:
    FINANCIAL_YEAR(year)
    if (int(year[:4]) + 1) % 100 != int(year[5:]):
        raise ValidationError("The two years must follow each other, like 2024-25.")


class FundingStream(models.Model):
    name = models.CharField(max_length=200, unique=True)
    source = models.CharField(max_length=300, help_text="e.g. the ministry's grant determination")
    funder = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """Money a council receives for a financial year from one funding stream."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="allocations")
    financial_year = models.CharField(max_length=7, validators=[FINANCIAL_YEAR])
    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    approximate = models.BooleanField(default=False, help_text='The papers give it as "about" or "approximately".')
    determination = models.CharField(max_length=300, blank=True, help_text="Reference of the determination, if known.")
    source_note = models.CharField(max_length=300, blank=True, help_text="Where the figure is published.")

    class Meta:
        ordering = ["council", "financial_year", "stream"]
        constraints = [models.UniqueConstraint(fields=["council", "financial_year", "stream"],
                                               name="allocation_unique_year_stream")]

    def __str__(self) -> str:
        return f"{self.council} {self.financial_year}: £{self.amount:,.0f}"

    def clean(self) -> None:
        check_financial_year(self.financial_year)


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved by the board"


class SpendPlan(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="spend_plans")
    financial_year = models.CharField(max_length=7, validators=[FINANCIAL_YEAR])
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="The board resolution that approved it.")
    source_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "financial_year"]

    def __str__(self) -> str:
        return self.title

    @property
    def total(self) -> Decimal:
        return sum((line.cost for line in self.lines.all()), Decimal("0"))


class SpendPlanLine(models.Model):
    plan = models.ForeignKey(SpendPlan, on_delete=models.CASCADE, related_name="lines")
    support_service = models.CharField(max_length=200)
    provider = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    provider_as_printed = models.CharField(max_length=200, blank=True)
    cost = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    time_period = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.support_service}: £{self.cost:,.0f}"


class SupportCategory(models.TextChoices):
    """The types of support in safe accommodation of the statutory guidance, used by the
    ministry's annual return for spend."""
    COORDINATION = "coordination", "Overseeing, management and co-ordination of support"
    ADVOCACY = "advocacy", "Advocacy support"
    PREVENTION = "prevention", "Domestic abuse prevention advice"
    SPECIALIST = "specialist", "Specialist support for victims with protected characteristics or complex needs"
    CHILDREN = "children", "Children's support"
    HOUSING = "housing", "Housing-related support"
    ADVICE = "advice", "Advice services"
    COUNSELLING = "counselling", "Counselling and therapy"


class ContractStatus(models.TextChoices):
    DRAFTING = "drafting", "Being drawn up"
    LIVE = "live", "Live"
    EXTENDED = "extended", "Extended"
    ENDED = "ended", "Ended"


class Contract(models.Model):
    reference = models.CharField(max_length=40, unique=True, validators=[contract_reference_validator],
                                 help_text="Letters, digits, -, _ and . (it is part of the contract's web address).")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="contracts")
    service = models.CharField(max_length=300)
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    lot = models.ForeignKey("Lot", null=True, blank=True, on_delete=models.SET_NULL, related_name="contracts")
    start_date = models.DateField(null=True, blank=True)
    initial_term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    total_value = models.DecimalField("total contract value", max_digits=12, decimal_places=2,
                                      validators=[MinValueValidator(Decimal("0"))])
    status = models.CharField(max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFTING)
    contact = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text="The council's contact for the contract.")
    returns_required = models.BooleanField("quarterly monitoring returns required", default=True)
    approved_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    commitment_year = models.CharField(
        max_length=7, blank=True, validators=[FINANCIAL_YEAR],
        help_text="For a commitment without dates: the financial year it counts against.")
    notes = models.CharField(max_length=400, blank=True)
    support_category = models.CharField(
        "type of support", max_length=16, choices=SupportCategory.choices, blank=True,
        help_text="For the ministry's annual return: which type of support the contract buys.")

    class Meta:
        ordering = ["council", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.service}"

    @property
    def initial_end(self) -> dt.date | None:
        if not self.start_date or not self.initial_term_months:
            return None
        return add_months(self.start_date, self.initial_term_months) - dt.timedelta(days=1)

    def current_end(self) -> dt.date | None:
        """End of the initial term or of the last extension taken up."""
        taken = [o.runs_to for o in self.options.all() if o.exercised]
        return max(taken) if taken else self.initial_end

    def maximum_end(self) -> dt.date | None:
        """End if every extension option were taken up."""
        ends = [o.runs_to for o in self.options.all()]
        return max(ends) if ends else self.initial_end

    def clean(self) -> None:
        if bool(self.start_date) != bool(self.initial_term_months):
            raise ValidationError({"initial_term_months": "Give both the start date and the initial term, or neither."})
        if not self.start_date and not self.commitment_year:
            raise ValidationError({"commitment_year": "Without dates, say which financial year the commitment counts against."})
        if self.commitment_year:
            check_financial_year(self.commitment_year)


def add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ExtensionOption(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField()
    months = models.PositiveSmallIntegerField()
    runs_to = models.DateField()
    decision_due = models.DateField(help_text="When the council must decide whether to take it up.")
    exercised = models.BooleanField(null=True, help_text="Blank until decided.")
    decided_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["contract", "order"]
        constraints = [models.UniqueConstraint(fields=["contract", "order"], name="extension_unique_order")]

    def __str__(self) -> str:
        return f"Option {self.order}: {self.months} months to {self.runs_to:%d/%m/%Y}"


class ExerciseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    LIVE = "live", "Live (open for bids)"
    CLOSED = "closed", "Closed"
    AWARDED = "awarded", "Awarded"


class ProcurementExercise(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="procurements")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ExerciseStatus.choices, default=ExerciseStatus.PLANNED)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["council", "title"]

    def __str__(self) -> str:
        return self.title


class AwardRoute(models.TextChoices):
    PENDING = "pending", "Not yet awarded"
    COMPETITION = "competition", "Awarded after competition"
    DIRECT = "direct", "Direct award"
    NOT_AWARDED = "not_awarded", "Not awarded"


class Lot(models.Model):
    exercise = models.ForeignKey(ProcurementExercise, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    budget = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    bids_received = models.PositiveSmallIntegerField(null=True, blank=True)
    route = models.CharField(max_length=12, choices=AwardRoute.choices, default=AwardRoute.PENDING)
    awarded_to = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    direct_award_approved_by = models.CharField(max_length=200, blank=True,
                                                help_text="Who approved a direct award, e.g. the council's Finance Board.")
    direct_award_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["exercise", "number"]
        constraints = [models.UniqueConstraint(fields=["exercise", "number"], name="lot_unique_number")]

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"

    def clean(self) -> None:
        if self.route in (AwardRoute.COMPETITION, AwardRoute.DIRECT) and not self.awarded_to_id:
            raise ValidationError({"awarded_to": "Say which provider the lot was awarded to."})
        if self.route == AwardRoute.DIRECT and not self.direct_award_approved_by:
            raise ValidationError({"direct_award_approved_by": "Say who approved the direct award."})
        if self.route == AwardRoute.COMPETITION and self.bids_received == 0:
            raise ValidationError({"route": "A lot with no bids cannot be awarded after competition; record a direct award."})
