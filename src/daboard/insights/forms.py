from __future__ import annotations

import datetime as dt

from django import forms

from daboard.board.forms import DateInput
from daboard.core.models import Organisation
from daboard.core.periods import financial_years_back

from .models import AccommodationUnit, NeedsAssessment

# The sections of the board's performance report, each with the commissioner's commentary.
REPORT_SECTIONS = [
    ("summary", "Summary"),
    ("trend", "The last eight quarters"),
    ("referrals", "Referrals and who was referred"),
    ("outcomes", "Outcomes at the end of support"),
    ("providers", "Providers and districts"),
    ("returns", "Returns and data quality"),
]


class CommentaryForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, title in REPORT_SECTIONS:
            self.fields[key] = forms.CharField(
                label=f"Commentary: {title}", required=False, max_length=4000,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text="Plain text. Do not quote figures from the unsuppressed dashboard.")


class AccommodationUnitForm(forms.ModelForm):
    class Meta:
        model = AccommodationUnit
        fields = ["name", "kind", "provider", "district", "units", "bed_spaces", "opened", "closed", "source_note"]
        widgets = {"opened": DateInput, "closed": DateInput}
        labels = {"source_note": "Where the figure comes from"}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council.duty_council
        self.fields["provider"].queryset = Organisation.objects.filter(kind="provider").order_by("name")
        self.fields["district"].queryset = council.duty_council.districts.order_by("name")
        self.fields["name"].error_messages["required"] = "Enter a label for the scheme, such as Refuge 1"
        self.fields["units"].error_messages["required"] = "Enter the number of family units"
        self.fields["bed_spaces"].error_messages["required"] = "Enter the number of bed spaces"


class NeedsAssessmentForm(forms.ModelForm):
    class Meta:
        model = NeedsAssessment
        fields = ["title", "carried_out_by", "completed_year", "completed_on", "next_review_due", "summary",
                  "source_note"]
        widgets = {"completed_on": DateInput, "next_review_due": DateInput}
        labels = {"completed_year": "Year completed", "source_note": "Where it is published"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_review_due"].required = True  # a council records its next review; only seed data may lack one

    def clean(self):
        data = super().clean()
        year, on, review = data.get("completed_year"), data.get("completed_on"), data.get("next_review_due")
        if year and on and on.year != year:
            self.add_error("completed_on", f"The date completed must be in {year}, the year completed.")
        if year and review and review.year < year:
            self.add_error("next_review_due", "The next review cannot be due before the assessment was completed.")
        return data


def financial_years(today: dt.date, n: int = 6) -> list[str]:
    return financial_years_back(today, n)


class AnnualReturnForm(forms.Form):
    financial_year = forms.ChoiceField(label="Financial year")
    copy = forms.ChoiceField(label="Which copy", widget=forms.RadioSelect, initial="sending", choices=[
        ("sending", "For sending to the ministry: disclosure control applied, no case references"),
        ("working", "Working copy: unsuppressed, every figure traced to the case rows it counts (stays with the council)"),
    ])

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        years = financial_years(today)
        self.fields["financial_year"].choices = [(y, y) for y in years]
        self.fields["financial_year"].initial = years[1]
