from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from daboard.board.forms import DateInput
from daboard.board.models import Resolution
from daboard.core.forms import CrossChecked, required_when
from daboard.core.models import SETTING_BOUNDS, Organisation

from .models import (
    Allocation,
    AwardRoute,
    Commitment,
    Contract,
    FundingStream,
    Lot,
    PostStatus,
    ProcurementExercise,
)


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = ["financial_year", "stream", "amount", "approximate", "determination", "source_note"]
        labels = {"financial_year": "Financial year", "stream": "Funding stream", "amount": "Amount (£)",
                  "approximate": "The figure is approximate", "source_note": "Where it is published"}
        help_texts = {"financial_year": "For example 2025-26"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stream"].queryset = FundingStream.objects.all()
        self.fields["financial_year"].error_messages["required"] = "Enter the financial year, like 2025-26"
        self.fields["amount"].error_messages.update({"required": "Enter the amount", "invalid": "Enter the amount in pounds, like 1174689"})


class ContractForm(CrossChecked, forms.ModelForm):
    option_1 = forms.TypedChoiceField(label="First extension option", coerce=int, required=False, empty_value=None,
                                      choices=[("", "None"), (6, "6 months"), (12, "12 months"), (24, "24 months")])
    option_2 = forms.TypedChoiceField(label="Second extension option", coerce=int, required=False, empty_value=None,
                                      choices=[("", "None"), (6, "6 months"), (12, "12 months"), (24, "24 months")])

    class Meta:
        model = Contract
        fields = ["reference", "service", "provider", "start_date", "initial_term_months", "commitment_year",
                  "total_value", "status", "contact", "returns_required", "support_category", "notes"]
        labels = {"initial_term_months": "Initial term (months)", "total_value": "Total contract value (£)",
                  "commitment_year": "Financial year (only for a commitment without dates)"}
        widgets = {"start_date": DateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].queryset = Organisation.objects.exclude(kind="council").order_by("name")
        self.fields["reference"].error_messages["required"] = "Enter the contract reference"
        self.fields["service"].error_messages["required"] = "Enter the service"
        self.fields["total_value"].error_messages.update({"required": "Enter the total contract value",
                                                          "invalid": "Enter the value in pounds, like 124864"})
        self.fields["start_date"].error_messages["invalid"] = "Enter a real date, like 2026-04-01"

    cross_checks = (("option_2", lambda d: d.get("option_2") and not d.get("option_1"),
                     "Give the first option before the second"),)

    @property
    def option_months(self) -> list[int]:
        return [m for m in (self.cleaned_data.get("option_1"), self.cleaned_data.get("option_2")) if m]


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect,
                                 choices=[("take_up", "Take up the option"), ("decline", "Do not extend")],
                                 error_messages={"required": "Choose whether to take up the option"})


class LotAwardForm(forms.Form):
    route = forms.ChoiceField(label="Outcome", choices=AwardRoute.choices, widget=forms.RadioSelect)
    bids_received = forms.IntegerField(label="Bids received", min_value=0, required=False)
    awarded_to = forms.ModelChoiceField(label="Awarded to", required=False,
                                        queryset=Organisation.objects.filter(kind="provider").order_by("name"))
    approved_by = forms.CharField(label="Direct award approved by", required=False, max_length=200,
                                  help_text="For example: the Finance Board at Leicestershire County Council")
    reason = forms.CharField(label="Reason for a direct award", required=False, max_length=300)


class SpendPlanForm(CrossChecked, forms.ModelForm):
    class Meta:
        from .models import SpendPlan

        model = SpendPlan
        fields = ["financial_year", "title", "status", "approved_by", "source_note"]
        labels = {"approved_by": "Approved by the board resolution", "source_note": "Board paper it comes from"}
        help_texts = {"financial_year": "For example 2025-26"}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["approved_by"].queryset = Resolution.objects.filter(
            minute__meeting__board__councils=council.duty_council).select_related("minute__meeting").order_by(
            "-minute__meeting__date", "minute__number", "order")
        self.fields["title"].error_messages["required"] = "Enter the title of the plan"

    cross_checks = (required_when("approved_by", "status", "approved", "Choose the resolution that approved the plan"),)


class SpendPlanLineForm(forms.ModelForm):
    class Meta:
        from .models import SpendPlanLine

        model = SpendPlanLine
        fields = ["support_service", "provider", "provider_as_printed", "cost", "time_period", "status"]
        labels = {"provider_as_printed": "Provider as the plan names it", "cost": "Cost (£)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["support_service"].error_messages["required"] = "Enter the support service"
        self.fields["cost"].error_messages.update({"required": "Enter the cost", "invalid": "Enter the cost in pounds, like 60000"})


# Forms that are their model's fields and nothing more.
ExerciseForm = forms.modelform_factory(ProcurementExercise, fields=["title", "status", "notes"])


class LotForm(forms.ModelForm):
    class Meta:
        model = Lot
        fields = ["number", "title", "budget"]
        labels = {"budget": "Budget (£)"}

    def clean_number(self):
        """A lot's number is unique in its exercise, which the form does not show: checked here
        so that a number already used is a message, not a refused insert."""
        number = self.cleaned_data["number"]
        exercise = self.instance.exercise
        if number is not None and Lot.objects.filter(exercise=exercise, number=number).exclude(
                pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Lot {number} is already in this exercise: choose another number")
        return number


class CouncilSettingsForm(forms.ModelForm):
    class Meta:
        from daboard.core.models import Council

        model = Council
        fields = ["contract_alert_days", "return_due_days", "disclosure_threshold", "disclosure_method", "retention_years"]
        widgets = {"disclosure_method": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)

        # The model holds the bounds; the form only words its messages and hints.
        for name, (low, high) in SETTING_BOUNDS.items():
            field = self.fields[name]
            field.help_text = f"From {low} to {high}."
            message = f"Enter a number from {low} to {high}"
            field.validators = [MinValueValidator(low, message), MaxValueValidator(high, message)]


# --- The ledger, posts and district plans -------------------------------------------------------


class CommitmentForm(forms.ModelForm):
    class Meta:
        from .models import Commitment

        model = Commitment
        fields = ["kind", "title", "payee", "amount", "approximate", "start_date", "end_date", "financial_year",
                  "support_category", "approved_by", "source", "notes"]
        labels = {"kind": "Kind of commitment", "title": "What the money is for", "payee": "Paid to",
                  "amount": "Amount (£)", "approximate": "The amount is an estimate",
                  "start_date": "Start date (if it runs over a period)", "end_date": "End date",
                  "financial_year": "Financial year (only for a commitment without dates)",
                  "approved_by": "Approved by the board resolution", "source": "Decision, minute or paper"}
        help_texts = {"financial_year": "For example 2025-26. Leave dates and year empty if the papers do not say."}
        widgets = {"start_date": DateInput, "end_date": DateInput, "kind": forms.RadioSelect}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["payee"].queryset = Organisation.objects.order_by("name")
        self.fields["approved_by"].queryset = Resolution.objects.filter(
            minute__meeting__board__councils=council.duty_council).select_related("minute__meeting").order_by(
            "-minute__meeting__date", "minute__number", "order")
        self.fields["kind"].error_messages["required"] = "Choose the kind of commitment"
        self.fields["title"].error_messages["required"] = "Enter what the money is for"
        self.fields["amount"].error_messages.update({"required": "Enter the amount",
                                                     "invalid": "Enter the amount in pounds, like 58000"})
        for name in ("start_date", "end_date"):
            self.fields[name].error_messages["invalid"] = "Enter a real date, like 2026-04-01"


class PostForm(CrossChecked, forms.ModelForm):
    class Meta:
        from .models import Post

        model = Post
        fields = ["title", "employer", "team", "positions", "grade", "cost", "cost_period", "hours", "fixed_term",
                  "commitment", "status", "status_since", "interview_date"]
        labels = {"title": "Post", "positions": "Number of posts", "cost": "Cost (£)", "cost_period": "The cost covers",
                  "fixed_term": "Fixed term", "commitment": "Funded by (ledger line)", "status_since": "Status as at",
                  "interview_date": "Interview date"}
        widgets = {"status_since": DateInput, "interview_date": DateInput,
                   "fixed_term": forms.NullBooleanSelect}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = Organisation.objects.order_by("name")
        self.fields["commitment"].queryset = Commitment.objects.filter(council=council)
        self.fields["title"].error_messages["required"] = "Enter the post's title"
        self.fields["cost"].error_messages["invalid"] = "Enter the cost in pounds, like 31410"
        self.fields["hours"].error_messages["invalid"] = "Enter the hours a week as a number, like 18.5"
        for name in ("status_since", "interview_date"):
            self.fields[name].error_messages["invalid"] = "Enter a real date, like 2026-04-01"

    cross_checks = (required_when("interview_date", "status", "interview", "Enter the interview date"),)


class PostStatusForm(CrossChecked, forms.Form):
    status = forms.ChoiceField(label="New status", widget=forms.RadioSelect,
                               choices=PostStatus.choices,
                               error_messages={"required": "Choose the post's new status"})
    on = forms.DateField(label="As at", widget=DateInput,
                         error_messages={"required": "Enter the date of the change",
                                         "invalid": "Enter a real date, like 2026-04-01"})
    interview_date = forms.DateField(label="Interview date", required=False, widget=DateInput,
                                     error_messages={"invalid": "Enter a real date, like 2026-04-01"})
    note = forms.CharField(label="Note", required=False, max_length=600)

    cross_checks = (required_when("interview_date", "status", "interview", "Enter the interview date"),)


class DistrictPlanForm(forms.ModelForm):
    class Meta:
        from .models import DistrictPlan

        model = DistrictPlan
        fields = ["planned_use", "spent_on", "amount_spent", "people_helped", "outcomes", "returned_on"]
        labels = {"planned_use": "What the district planned to do with the money", "spent_on": "What it was spent on",
                  "amount_spent": "Amount spent (£)", "people_helped": "People helped",
                  "outcomes": "Outcomes (the district's short return)", "returned_on": "Return received on"}
        widgets = {"returned_on": DateInput, "spent_on": forms.Textarea(attrs={"rows": 3}),
                   "outcomes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount_spent"].error_messages["invalid"] = "Enter the amount in pounds, like 33000"
        self.fields["people_helped"].error_messages["invalid"] = "Enter the number of people as a whole number"
        self.fields["returned_on"].error_messages["invalid"] = "Enter a real date, like 2026-04-01"
