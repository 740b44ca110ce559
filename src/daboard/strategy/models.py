"""A council's domestic abuse strategy, its priorities and delivery plan, and what the
statutory calendar needs to remember: items marked done and reminders already sent."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from daboard.core import clock
from daboard.core.models import Council, Organisation, Person, Titled, User, natural_key

from .choices import (  # noqa: F401 (kept importable from models, where the rest of daboard reads them)
    Rag,
    StrategyStatus,
)


class Strategy(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="strategies")
    title = models.CharField(max_length=200)
    starts = models.PositiveSmallIntegerField("first year", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    ends = models.PositiveSmallIntegerField("last year", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    status = models.CharField(max_length=12, choices=StrategyStatus.choices, default=StrategyStatus.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    adoption_due = models.DateField(null=True, blank=True,
                                    help_text="For a draft: when the council means to adopt it.")
    review_due = models.DateField(null=True, blank=True, help_text="When the strategy must next be reviewed.")
    document_url = models.URLField("published document", blank=True)
    document = models.FileField(upload_to="strategies/", blank=True)
    document_name = models.CharField(max_length=255, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    source_note = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["council", "-starts"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return f"{self.title} ({self.starts}–{self.ends})"

    def clean(self) -> None:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": "The last year must be on or after the first year."})
        if self.status == StrategyStatus.ADOPTED and self.adopted_on is None and not self.source_note:
            raise ValidationError({"adopted_on": "Enter the date it was adopted (or say where that is recorded)."})


class Priority(models.Model):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField(validators=[
        MinValueValidator(1, "Number the priority from 1"),
        MaxValueValidator(99, "Number the priority 99 or below")])
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)

    Meta = natural_key("strategy", "number", name="priority_number_once", verbose_name_plural="priorities")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Activity(models.Model):
    """What was done in a year towards a priority (Rutland's 'activities undertaken')."""
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="activities")
    year = models.CharField(max_length=9, help_text="For example 2023/2024")
    text = models.TextField()
    source_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["priority", "-year", "pk"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.year}: {self.text[:60]}"


class DeliveryAction(Titled):
    """An action of the delivery plan (Rutland's 'forward plan')."""
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions",
                                 help_text="Leave blank for an action that serves the plan as a whole.")
    title = models.CharField(max_length=300)
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    owner_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+")
    owner_as_printed = models.CharField("owner as the plan names it", max_length=120, blank=True)
    due = models.DateField(null=True, blank=True)
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices, default=Rag.NONE)
    completed_on = models.DateField(null=True, blank=True)
    source_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["strategy", "due", "pk"]

    @property
    def owner_label(self) -> str:
        parts = [x for x in (self.owner_person and self.owner_person.name,
                             self.owner_organisation and self.owner_organisation.name) if x]
        return ", ".join(parts) or self.owner_as_printed or "No owner"

    def clean(self) -> None:
        if self.priority_id and self.strategy_id and self.priority.strategy_id != self.strategy_id:
            raise ValidationError({"priority": "Choose a priority of this strategy."})
        if (self.rag == Rag.DONE) != bool(self.completed_on):
            raise ValidationError({"completed_on": "Give the date completed when, and only when, the action is complete."})


class ActionProgress(models.Model):
    action = models.ForeignKey(DeliveryAction, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField()
    text = models.TextField()
    rag = models.CharField("RAG status", max_length=5, choices=Rag.choices)
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["action", "-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.get_rag_display()}"


class CalendarCompletion(models.Model):
    """An item of the statutory calendar with nothing else to show it was done: the annual
    return sent, a report to senior management or to scrutiny made."""
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=120)
    completed_on = models.DateField()
    by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["council", "key"], name="calendar_completion_once")]

    def __str__(self) -> str:
        return f"{self.key} done {self.completed_on}"


class ReminderSent(models.Model):
    """`daboard reminders send` e-mails each item once per user."""
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=160)
    sent_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="reminder_once_per_item")]

    def __str__(self) -> str:
        return f"{self.key} to user {self.user_id}"
