from __future__ import annotations

from django import forms

from daboard.board.forms import DATE_ERRORS, DateInput
from daboard.core.models import Person

from . import questions as q
from .models import (
    BoardAttendance,
    FeedbackForm,
    GroupMeeting,
    GroupMember,
    GroupReport,
    ReferenceGroup,
)

# --- The public form -----------------------------------------------------------------------------


class AnswersForm(forms.Form):
    """The survivor's answers: every question may be skipped; nothing asks who they are."""

    felt_safer = forms.ChoiceField(label=q.FELT_SAFER.label, choices=q.FELT_SAFER.choices, required=False,
                                   widget=forms.RadioSelect)
    wellbeing = forms.ChoiceField(label=q.WELLBEING.label, choices=q.WELLBEING.choices, required=False,
                                  widget=forms.RadioSelect, help_text=q.WELLBEING.hint)
    helped = forms.MultipleChoiceField(label=q.HELPED.label, choices=q.HELPED.choices, required=False,
                                       widget=forms.CheckboxSelectMultiple, help_text=q.HELPED.hint)
    missing = forms.MultipleChoiceField(label=q.MISSING.label, choices=q.MISSING.choices, required=False,
                                        widget=forms.CheckboxSelectMultiple, help_text=q.MISSING.hint)
    free_text = forms.CharField(
        label=q.FREE_TEXT_LABEL, help_text=q.FREE_TEXT_HINT, required=False, max_length=q.FREE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off", "spellcheck": "true"}),
        error_messages={"max_length": f"Your comment must be {q.FREE_TEXT_MAX} characters or fewer"})

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("felt_safer", "wellbeing", "helped", "missing", "free_text")):
            raise forms.ValidationError("Answer at least one question, or close this page if you do not want to.")
        return data


# --- The group ------------------------------------------------------------------------------------


class ReferenceGroupForm(forms.ModelForm):
    class Meta:
        model = ReferenceGroup
        fields = ["name", "short_name", "papers_contact", "papers_contact_role", "board_places",
                  "chair_visits_per_year", "standing_item", "source"]

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["papers_contact"].queryset = people if people is not None else Person.objects.none()
        self.fields["papers_contact"].required = False


class GroupMemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["pseudonym", "joined", "left", "attends_board"]
        widgets = {"joined": DateInput, "left": DateInput}


class GroupMeetingForm(forms.ModelForm):
    board_attendance = forms.ChoiceField(label="Who attended from the board", choices=BoardAttendance.choices,
                                         widget=forms.RadioSelect)

    class Meta:
        model = GroupMeeting
        fields = ["date", "board_attendance", "notes"]
        widgets = {"date": DateInput, "notes": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"date": DATE_ERRORS}


class GroupReportForm(forms.ModelForm):
    class Meta:
        model = GroupReport
        fields = ["title", "summary", "presented_by", "sent_on"]
        widgets = {"sent_on": DateInput, "summary": forms.Textarea(attrs={"rows": 6})}
        labels = {"sent_on": "Received on"}
        error_messages = {"sent_on": DATE_ERRORS}


class PapersForm(forms.Form):
    papers = forms.MultipleChoiceField(label="Papers to send to the group", widget=forms.CheckboxSelectMultiple,
                                       error_messages={"required": "Choose at least one paper"})

    def __init__(self, *args, papers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["papers"].choices = [(str(p.pk), f"{p.item.meeting}: {p.title}") for p in papers]


# --- Officers ---------------------------------------------------------------------------------------


class FeedbackFormForm(forms.ModelForm):
    for_what = forms.ChoiceField(label="Who is the form about", widget=forms.RadioSelect, choices=[
        ("service", "One service"), ("board", "The board's work as a whole")],
        error_messages={"required": "Choose a service or the board"})

    class Meta:
        model = FeedbackForm
        fields = ["for_what", "contract", "board", "title"]

    def __init__(self, *args, contracts, boards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        self.fields["contract"].required = False
        self.fields["contract"].label = "Service (if one service)"
        self.fields["board"].queryset = boards
        self.fields["board"].required = False
        self.fields["board"].label = "Board (if the board's work)"

    def clean(self):
        data = super().clean()
        if data.get("for_what") == "service":
            data["board"] = None
            if not data.get("contract"):
                self.add_error("contract", "Choose the service")
        elif data.get("for_what") == "board":
            data["contract"] = None
            if not data.get("board"):
                self.add_error("board", "Choose the board")
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, choices=[
        ("share", "Count the answers and share the comment as edited below"),
        ("withhold", "Count the answers, keep the comment back"),
        ("discard", "Not genuine: do not count it")], error_messages={"required": "Choose a decision"})
    shared_text = forms.CharField(
        label="The comment as it may be shared", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Remove names, places, dates and anything else that could show who anyone is.")
