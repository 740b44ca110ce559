from __future__ import annotations

import csv
import io

from django import forms
from django.utils.text import slugify

from daboard.board.forms import DateInput
from daboard.core.forms import OneEntryEach
from daboard.core.models import FINANCIAL_YEAR_VALIDATORS, Organisation

from . import declared
from .models import TARGETABLE, Contact, DahaStatus, KpiTarget, ReciprocalMove

FY_HELP = "Like 2025-26 (1 April 2025 to 31 March 2026)."


class ImportForm(forms.Form):
    year = forms.CharField(label="Financial year the tables cover", help_text=FY_HELP,
                           validators=FINANCIAL_YEAR_VALIDATORS,  # the one set of checks every year field has
                           error_messages={"required": "Enter the financial year the tables cover"})
    file = forms.FileField(label="The ministry's local-authority data tables (ODS, as downloaded; or CSV or Excel)",
                           error_messages={"required": "Select the file", "empty": "The selected file is empty"})


class PicksForm(forms.Form):
    picks = forms.MultipleChoiceField(label="Councils to compare with", required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text="Nearest in population first. With none chosen, the three nearest.")

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["picks"].choices = [(code, f"{name} (population {pop:,})") for code, name, pop, _d in candidates]


class TargetForm(OneEntryEach, forms.ModelForm):
    kpi = forms.ChoiceField(label="KPI", choices=[(k, label) for k, (label, _kind) in TARGETABLE.items()])

    class Meta:
        model = KpiTarget
        fields = ["kpi", "year", "value", "direction", "amber_margin"]
        help_texts = {"year": FY_HELP}

    def __init__(self, *args, council, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.council = council.duty_council
        self.fields["value"].error_messages.update({"required": "Enter the target",
                                                    "invalid": "Enter the target as a number, like 75"})
        self.fields["amber_margin"].error_messages.update({
            "required": "Enter the amber margin", "invalid": "Enter the amber margin as a whole number, like 10"})
        self.fields["year"].error_messages["required"] = "Enter the financial year"

    duplicate_field = "kpi"
    duplicate_message = "This KPI already has a target for that year: change that one instead."


class DatasetForm(forms.Form):
    name = forms.CharField(max_length=160, error_messages={"required": "Enter the dataset's name"})
    partner = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Partner who sends it",
                                     error_messages={"required": "Choose the partner who sends the figures"})
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    fields = forms.CharField(
        label="Fields", widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text="One a line. A breakdown: name | code | its codes, separated by commas | what it is. "
                  "A count: name | count | largest allowed (optional) | what it counts.",
        error_messages={"required": "Declare the fields"})
    checks = forms.CharField(label="Checks (optional)", required=False,
                             widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
                             help_text="One a line: part <= whole, naming two counts.")
    source_note = forms.CharField(label="Where the figures come from", required=False, max_length=300)

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Organisation.objects.filter(board_seats__board=board).distinct() \
            .order_by("name")

    def clean(self):
        data = super().clean()
        if "fields" in data:
            try:
                data["declaration"] = declared.parse(data["fields"], data.get("checks", ""))
            except declared.DeclarationError as exc:
                self.add_error("fields", list(exc.problems))
        if data.get("name"):
            data["slug"] = slugify(data["name"])[:80] or "dataset"
        return data


class SendForm(forms.Form):
    period = forms.ChoiceField(label="Quarter", error_messages={"required": "Choose the quarter"})
    file = forms.FileField(label="Upload the figures (CSV or Excel)",
                           help_text=f"Up to {5} MB, with the dataset's column headings in the first row.",
                           error_messages={"required": "Select the file", "empty": "The selected file is empty"})

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p), f"{p} ({p.label})") for p in periods]


class FillForm(forms.Form):
    """The dataset as a form: a line per combination the partner fills in, turned into the
    same file a partner would upload, so one engine checks both."""

    period = forms.ChoiceField(label="Quarter", error_messages={"required": "Choose the quarter"})

    def __init__(self, *args, periods, declaration: declared.Declaration, lines: int = 12, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p), f"{p} ({p.label})") for p in periods]
        self.declaration = declaration
        self.lines = lines if declaration.dimensions else 1
        for i in range(1, self.lines + 1):
            for f in declaration.fields:
                label = f"Line {i}: {f.description or f.name}"
                if f.kind == declared.CODE:
                    self.fields[f"l{i}_{f.name}"] = forms.ChoiceField(
                        label=label, required=False, choices=[("", "")] + [(c, c) for c in f.codes])
                else:
                    self.fields[f"l{i}_{f.name}"] = forms.CharField(label=label, required=False, max_length=12)

    def grid(self):
        return [(i, [self[f"l{i}_{f.name}"] for f in self.declaration.fields]) for i in range(1, self.lines + 1)]

    def as_csv(self) -> bytes:
        """The figures as typed, as the file a partner would send: not a download, so not the
        exports' spreadsheet-safe copy (which would send -3 as '-3)."""

        names = [f.name for f in self.declaration.fields]
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(names)
        for i in range(1, self.lines + 1):
            row = [self.cleaned_data.get(f"l{i}_{n}", "") or "" for n in names]
            if any(str(v).strip() for v in row):
                writer.writerow(row)
        return buf.getvalue().encode()


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["organisation", "role", "name", "how_to_reach", "review_due", "reviewed_on"]
        widgets = {"review_due": DateInput, "reviewed_on": DateInput}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")


class DahaForm(OneEntryEach, forms.ModelForm):
    class Meta:
        model = DahaStatus
        fields = ["provider", "stage", "stage_since", "accredited_on", "renewal_due"]
        widgets = {"stage_since": DateInput, "accredited_on": DateInput, "renewal_due": DateInput}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        self.fields["provider"].queryset = Organisation.objects.order_by("name")

    duplicate_field = "provider"
    duplicate_message = "This housing provider is already in the register: change its entry instead."


class MoveForm(forms.ModelForm):
    class Meta:
        model = ReciprocalMove
        fields = ["reference", "offered_by", "received_from", "bedrooms", "offered_on", "status", "completed_on"]
        widgets = {"offered_on": DateInput, "completed_on": DateInput}

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.board = board
        partners = Organisation.objects.order_by("name")
        self.fields["offered_by"].queryset = partners
        self.fields["received_from"].queryset = partners

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error("reference", "This reference is already in the ledger.")

