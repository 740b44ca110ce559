"""Money: funding allocations, spend plans, contracts with their extension options, and
procurement exercises with lots. Amounts are pounds (Decimal, two places)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models

from daboard.core import clock
from daboard.core.identifiers import contract_reference_validator
from daboard.core.models import (
    LATEST_YEAR,
    Council,
    FinancialYearField,
    Named,
    Organisation,
    Person,
    Titled,
    check_financial_year,
    natural_key,
    plausible_date,
)
from daboard.core.periods import (  # noqa: F401 (commissioning reads them here)
    add_months,
    financial_year_bounds,
    financial_year_of,
    financial_year_well_formed,
)

from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    AwardRoute,
    CommitmentKind,
    ContractStatus,
    ExerciseStatus,
    PlanStatus,
    PostStatus,
    SupportCategory,
)


def reported_by_today(value) -> None:
    """A status is reported on a day that has come: a date ahead is a slip, and as the latest
    report it would keep every real change after it out of the current status."""
    if value is not None and value > clock.today():
        raise ValidationError("Enter the day it was reported: today or an earlier day.", code="future")


class FundingStream(Named):
    name = models.CharField(max_length=200, unique=True,
                            error_messages={"unique": "A funding stream of this name is already in daboard."})
    source = models.CharField(max_length=300, help_text="e.g. the ministry's grant determination")
    funder = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")


class Allocation(models.Model):
    """Money a council receives for a financial year from one funding stream."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="allocations")
    financial_year = FinancialYearField()
    stream = models.ForeignKey(FundingStream, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    approximate = models.BooleanField(default=False, help_text='The papers give it as "about" or "approximately".')
    determination = models.CharField(max_length=300, blank=True, help_text="Reference of the determination, if known.")
    source_note = models.CharField(max_length=300, blank=True, help_text="Where the figure is published.")
    seed_ref = models.CharField(max_length=60, blank=True, help_text="Demo only: the seed file and line.")

    Meta = natural_key("council", "financial_year", "stream", name="allocation_unique_year_stream",
                       message="The council already has an allocation from this funding stream for that year.")

    def __str__(self) -> str:
        return f"{self.council} {self.financial_year}: £{self.amount:,.0f}"


class SpendPlan(Titled):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="spend_plans")
    financial_year = FinancialYearField()
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    approved_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="The board resolution that approved it.")
    source_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "financial_year"]

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
    seed_ref = models.CharField(max_length=60, blank=True, help_text="Demo only: the seed file and line of the cost.")

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.support_service}: £{self.cost:,.0f}"


class Contract(models.Model):
    reference = models.CharField(max_length=40, unique=True, validators=[contract_reference_validator],
                                 error_messages={"unique": "Another contract has this reference: give each its own."},
                                 help_text="Letters, digits, -, _ and . (it is part of the contract's web address).")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="contracts")
    service = models.CharField(max_length=300)
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    lot = models.ForeignKey("Lot", null=True, blank=True, on_delete=models.SET_NULL, related_name="contracts")
    start_date = models.DateField(null=True, blank=True, validators=[plausible_date])
    initial_term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    total_value = models.DecimalField("total contract value", max_digits=12, decimal_places=2,
                                      validators=[MinValueValidator(Decimal("0"))])
    status = models.CharField(max_length=10, choices=ContractStatus.choices, default=ContractStatus.DRAFTING)
    contact = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text="The council's contact for the contract.")
    returns_required = models.BooleanField("quarterly monitoring returns required", default=True)
    approved_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    commitment_year = FinancialYearField(
        blank=True, help_text="For a commitment without dates: the financial year it counts against.")
    notes = models.CharField(max_length=400, blank=True)
    support_category = models.CharField(
        "type of support", max_length=16, choices=SupportCategory.choices, blank=True,
        help_text="For the ministry's annual return: which type of support the contract buys.")
    seed_ref = models.CharField(max_length=60, blank=True, help_text="Demo only: the seed file and line of the value.")

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

    def status_on(self, today: dt.date | None = None) -> str:
        """The one status every page, export and command shows, derived from the record and
        its dates: being drawn up or ended as recorded; otherwise ended once the term (with
        the options taken up) has run out, extended once it runs on an option taken up,
        else live."""
        if self.status in (ContractStatus.DRAFTING, ContractStatus.ENDED):
            return self.status
        today = today or clock.today()
        end = self.current_end()
        if end and end < today:
            return ContractStatus.ENDED
        if any(o.exercised for o in self.options.all()) and self.initial_end and today > self.initial_end:
            return ContractStatus.EXTENDED
        return ContractStatus.LIVE

    @property
    def current_status(self) -> str:
        return self.status_on()

    @property
    def current_status_label(self) -> str:
        return ContractStatus(self.current_status).label

    @property
    def decisions_overdue(self) -> list[ExtensionOption]:
        """Options not yet decided whose decision date has passed (they stay overdue until decided)."""
        today = clock.today()
        return [o for o in self.options.all() if o.exercised is None and o.decision_due < today]

    def clean(self) -> None:
        if bool(self.start_date) != bool(self.initial_term_months):
            raise ValidationError({"initial_term_months": "Give both the start date and the initial term, or neither."})
        if self.start_date and self.initial_term_months:
            plausible_end = self.start_date.year <= LATEST_YEAR and (
                add_months(self.start_date, self.initial_term_months).year <= LATEST_YEAR)
            if not plausible_end:
                raise ValidationError({"initial_term_months": f"The initial term must end by {LATEST_YEAR}."})
        if not self.start_date and not self.commitment_year:
            raise ValidationError({"commitment_year": "Without dates, say which financial year the commitment counts against."})


class ExtensionOption(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField()
    months = models.PositiveSmallIntegerField()
    runs_to = models.DateField(validators=[plausible_date])
    decision_due = models.DateField(help_text="When the council must decide whether to take it up.",
                                    validators=[plausible_date])
    exercised = models.BooleanField(null=True, help_text="Blank until decided.")
    decided_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    Meta = natural_key("contract", "order", name="extension_unique_order")

    def __str__(self) -> str:
        return f"Option {self.order}: {self.months} months to {self.runs_to:%d/%m/%Y}"


class ProcurementExercise(Titled):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="procurements")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ExerciseStatus.choices, default=ExerciseStatus.PLANNED)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["council", "title"]


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
    seed_ref = models.CharField(max_length=60, blank=True, help_text="Demo only: the seed file and line of the budget.")

    Meta = natural_key("exercise", "number", name="lot_unique_number")

    def __str__(self) -> str:
        return f"Lot {self.number}: {self.title}"

    def clean(self) -> None:
        if self.route in (AwardRoute.COMPETITION, AwardRoute.DIRECT) and not self.awarded_to_id:
            raise ValidationError({"awarded_to": "Say which provider the lot was awarded to."})
        if self.route == AwardRoute.DIRECT and not self.direct_award_approved_by:
            raise ValidationError({"direct_award_approved_by": "Say who approved the direct award."})
        if self.route == AwardRoute.COMPETITION and self.bids_received == 0:
            raise ValidationError({"route": "A lot with no bids cannot be awarded after competition; record a direct award."})


# --- The ledger: every commitment against an allocation ---------------------------------------

SEED_REF = RegexValidator(r"^$|^\d{3}_[0-9a-f]+\.txt:\d+(-\d+)?$",
                          "Write the seed reference like 001_d13b286a6b554f96.txt:512 (file and line).")


class Commitment(models.Model):
    """One line of the money ledger: money a council has committed against its allocations.
    Dated lines are spread over the financial years they run in, by days; undated lines name
    the financial year they count against, or none when the papers do not say."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="commitments")
    kind = models.CharField(max_length=10, choices=CommitmentKind.choices)
    title = models.CharField(max_length=300)
    payee = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              help_text="Who receives the money (the council itself for its own posts).")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])
    approximate = models.BooleanField(default=False, help_text='The papers give it as "estimated" or "about".')
    start_date = models.DateField(null=True, blank=True, validators=[plausible_date])
    end_date = models.DateField(null=True, blank=True, validators=[plausible_date])
    financial_year = FinancialYearField(blank=True,
                                        help_text="For a commitment without dates: the financial year it counts against.")
    support_category = models.CharField("type of support", max_length=16, choices=SupportCategory.choices, blank=True)
    contract = models.ForeignKey(Contract, null=True, blank=True, on_delete=models.CASCADE, related_name="commitments")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="commitments")
    plan_line = models.ForeignKey(SpendPlanLine, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="commitments")
    approved_by = models.ForeignKey("board.Resolution", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="The board resolution that approved it.")
    source = models.CharField(max_length=400, blank=True,
                              help_text="The decision, minute or paper that approved or reports it.")
    seed_ref = models.CharField(max_length=60, blank=True, validators=[SEED_REF],
                                help_text="Demo only: the seed file and line the amount is printed on.")
    notes = models.CharField(max_length=600, blank=True)

    class Meta:
        ordering = ["council", "kind", "title", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title} (£{self.amount:,.0f})"

    def clean(self) -> None:
        if bool(self.start_date) != bool(self.end_date):
            raise ValidationError({"end_date": "Give both the start and the end date, or neither."})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date must be on or after the start date."})
        if self.start_date and self.financial_year:
            raise ValidationError({"financial_year": "Give dates or a financial year, not both."})


OPEN_POST_STATUSES = (PostStatus.VACANT, PostStatus.RECRUITING, PostStatus.INTERVIEW, PostStatus.OFFERED)


class Post(models.Model):
    """A funded post (or a group of like posts, `positions` of them): the council's own, or a
    provider's funded through a commitment."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(max_length=300)
    employer = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    team = models.CharField(max_length=200, blank=True)
    positions = models.PositiveSmallIntegerField(null=True, blank=True, help_text="How many posts, if more than one.")
    grade = models.CharField(max_length=60, blank=True)
    cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                               validators=[MinValueValidator(Decimal("0"))])
    cost_period = models.CharField(max_length=100, blank=True, help_text="What the cost covers, e.g. 2 years.")
    hours = models.DecimalField("hours a week", max_digits=5, decimal_places=1, null=True, blank=True,
                                validators=[MinValueValidator(Decimal("0"))])
    fixed_term = models.BooleanField(null=True, blank=True)
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts",
                                   help_text="The ledger line that funds it.")
    status = models.CharField(max_length=10, choices=PostStatus.choices, default=PostStatus.PLANNED)
    status_since = models.DateField(null=True, blank=True, help_text="When the status was last reported.",
                                    validators=[plausible_date, reported_by_today])
    interview_date = models.DateField(null=True, blank=True, validators=[plausible_date])
    seed_ref = models.CharField(max_length=60, blank=True, validators=[SEED_REF])

    class Meta:
        ordering = ["council", "title"]

    def __str__(self) -> str:
        return f"{self.positions} × {self.title}" if self.positions and self.positions > 1 else self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_POST_STATUSES


class PostEvent(models.Model):
    """The history of a post: each status as it was reported, and where."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=10, choices=PostStatus.choices)
    on = models.DateField(null=True, blank=True, help_text="When it was reported (the meeting or paper's date).",
                          validators=[plausible_date, reported_by_today])
    as_printed = models.CharField(max_length=60, blank=True, help_text="When, as the papers give it without a day.")
    interview_date = models.DateField(null=True, blank=True, validators=[plausible_date])
    note = models.CharField(max_length=600, blank=True)
    seed_ref = models.CharField(max_length=60, blank=True, validators=[SEED_REF])
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        # In date order (a report known only as printed, without a day, first), the same on
        # every page and database.
        ordering = [models.F("on").asc(nulls_first=True), "pk"]

    def __str__(self) -> str:
        return f"{self.post}: {self.get_status_display()}"


class DistrictPlan(models.Model):
    """What a district council did with its allocation for a year, and a short return of outcomes."""

    district = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="district_plans")
    financial_year = FinancialYearField()
    planned_use = models.CharField(max_length=600, blank=True)
    spent_on = models.TextField(blank=True)
    amount_spent = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True,
                                       validators=[MinValueValidator(Decimal("0"))])
    outcomes = models.TextField("outcomes return", blank=True)
    people_helped = models.PositiveIntegerField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True, validators=[plausible_date])
    seed_ref = models.CharField(max_length=60, blank=True, validators=[SEED_REF])

    Meta = natural_key("district", "financial_year", name="district_plan_unique_year")  # district by name

    def __str__(self) -> str:
        return f"{self.district.name} {self.financial_year}"

    def clean(self) -> None:
        check_financial_year(self.financial_year)
