from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings

from daboard.core.forms import SPAN_IN_ORDER, CrossChecked, GovukDateField
from daboard.core.models import Person, plausible_date
from daboard.core.periods import municipal_year_well_formed

from .models import SCHEDULE_12A, ActionStatus, AgendaItem, AttendanceStatus, ItemKind, Part
from .queries.governance import board_people, people_choices
from .working_days import why_not_working

DATE_ERRORS = {"invalid": "Enter a real date, like 2026-03-27", "required": "Enter the date"}


class DateInput(forms.DateInput):
    """A browser date field. Its value must be written YYYY-MM-DD whatever the locale (en-GB
    would write 23/11/2026, which a date field drops, so a form shown again lost its dates)."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):  # noqa: A002 (Django's own argument name)
        super().__init__(attrs, format=format or "%Y-%m-%d")


TIME_ERRORS = {"invalid": "Enter a time, like 09:00", "required": "Enter the start time"}


class ScheduleForm(forms.Form):
    first_date = GovukDateField(label="Date of the (first) meeting", what="the date of the meeting",
                                help_text="For example, 27 3 2026. Meetings fall on working days: not weekends "
                                          "or bank holidays in England and Wales.")
    start_time = forms.TimeField(label="Start time", initial=dt.time(9, 0),
                                 widget=forms.TimeInput(attrs={"type": "time"}),
                                 error_messages={"invalid": "Enter a time, like 09:00", "required": "Enter the start time"})
    repeat = forms.TypedChoiceField(label="How many meetings", coerce=int, initial=1,
                                    choices=[(1, "Just this one"), (4, "A year of quarterly meetings (4)")],
                                    widget=forms.RadioSelect)
    location = forms.CharField(label="Location", required=False, max_length=300,
                               help_text="For example Microsoft Teams, or County Hall, Glenfield")
    online_link = forms.URLField(label="Online meeting link (optional)", required=False, assume_scheme="https",
                                 error_messages={"invalid": "Enter the link in full, starting https://"})

    def clean(self):
        from daboard.core.identifiers import LAST_DATE

        from .services import quarterly_dates

        data = super().clean()
        first, repeat = data.get("first_date"), data.get("repeat")
        if first and repeat and quarterly_dates(first, repeat)[-1] > LAST_DATE:
            self.add_error("first_date", f"The last meeting of the series would fall after {LAST_DATE:%-d %B %Y}")
        return data

    def clean_first_date(self):
        day = self.cleaned_data["first_date"]
        if day < dt.date(2000, 1, 1) or day > dt.date(2099, 12, 31):
            raise forms.ValidationError("Enter a date between 2000 and 2099")
        why = why_not_working(day)
        if why:
            raise forms.ValidationError(f"{day:%-d %B %Y} is {why}. Choose a working day")
        return day


class MeetingEditForm(forms.ModelForm):
    online_link = forms.URLField(label="Online meeting link (optional)", required=False, assume_scheme="https",
                                 error_messages={"invalid": "Enter the link in full, starting https://"})

    class Meta:
        from .models import Meeting

        model = Meeting
        fields = ["title", "start_time", "location", "online_link", "contact", "contact_phone", "contact_email"]
        labels = {"title": "Name of the board as the papers print it", "start_time": "Start time",
                  "online_link": "Online meeting link (optional)", "contact": "Contact officer",
                  "contact_phone": "Contact telephone", "contact_email": "Contact e-mail"}
        widgets = {"start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = board_people(board)
        group_people(self, "contact")
        self.fields["title"].error_messages["required"] = "Enter the name of the board"
        self.fields["start_time"].error_messages.update(TIME_ERRORS)
        self.fields["contact_email"].error_messages["invalid"] = "Enter an e-mail address, like name@example.gov.uk"


class RescheduleForm(forms.Form):
    date = GovukDateField(label="New date", what="the new date")
    start_time = forms.TimeField(label="Start time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                                 error_messages=TIME_ERRORS)
    reason = forms.CharField(label="Why the meeting is moving", max_length=400,
                             help_text="Shown with the meeting, on the public site too.",
                             error_messages={"required": "Say why the meeting is moving"})

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day < dt.date(2000, 1, 1) or day > dt.date(2099, 12, 31):
            raise forms.ValidationError("Enter a date between 2000 and 2099")
        return day


CALL_OFF = [("cancel", "Cancel the meeting"), ("postpone", "Postpone it (the new date is not yet known)"),
            ("not_held", "Record that it did not take place")]


class CallOffForm(forms.Form):
    what = forms.ChoiceField(label="What has happened", choices=CALL_OFF, widget=forms.RadioSelect,
                             error_messages={"required": "Choose what has happened"})
    reason = forms.CharField(label="Reason", max_length=400, help_text="Shown with the meeting, on the public site too.",
                             error_messages={"required": "Give the reason"})


class PaperReplaceForm(forms.Form):
    title = forms.CharField(label="Title of the new version", max_length=300,
                            error_messages={"required": "Enter the title of the paper"})
    file = forms.FileField(label="Upload the new version (PDF, Word or PowerPoint)",
                           error_messages={"required": "Select the new version", "empty": "The selected file is empty"})
    reason = forms.CharField(label="Why it is replaced (optional)", max_length=300, required=False)


class PaperRemoveForm(forms.Form):
    reason = forms.CharField(label="Why the paper is withdrawn", max_length=300,
                             error_messages={"required": "Say why the paper is withdrawn"})


class DistributionForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the name"},
                           help_text="For example: Scrutiny and Reference Group papers")
    email = forms.EmailField(label="E-mail address", error_messages={
        "required": "Enter the e-mail address", "invalid": "Enter an e-mail address, like name@example.gov.uk"})
    kind = forms.ChoiceField(label="Kind of recipient", widget=forms.RadioSelect, initial="other",
                             choices=[("srg_route", "The Scrutiny and Reference Group's papers route"),
                                      ("other", "Another recipient")])


class AgendaItemForm(CrossChecked, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "description", "presenter", "presenter_role", "part", "closed_reason",
                  "exemption_paragraph"]
        labels = {"title": "Title of the item", "kind": "Kind of item", "description": "Notes for the agenda",
                  "presenter": "Presented by", "presenter_role": "Presenter's role as printed",
                  "part": "Open or closed business", "closed_reason": "Why it is closed",
                  "exemption_paragraph": "Exemption under Schedule 12A (if the board follows council practice)"}
        help_texts = {"closed_reason": "For example: commissioning discussions, not appropriate for providers to be present"}
        widgets = {"part": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].error_messages["required"] = "Enter the title of the item"
        self.fields["kind"].choices = [c for c in ItemKind.choices]
        self.fields["part"].choices = Part.choices
        self.fields["part"].error_messages.update({
            "required": "Choose whether the item is open business or taken in closed session",
            "invalid_choice": "Choose whether the item is open business or taken in closed session"})
        self.fields["exemption_paragraph"].choices = SCHEDULE_12A
        self.fields["presenter"].queryset = board_people(board)
        self.fields["presenter"].required = False
        group_people(self, "presenter")

    # A closed item's reason is the model's rule (AgendaItem.clean), said once, here as anywhere.


class PaperForm(forms.Form):
    title = forms.CharField(label="Title of the paper", max_length=300,
                            error_messages={"required": "Enter the title of the paper"})
    file = forms.FileField(label="Upload a PDF, Word document (.docx) or slides (.pptx)",
                           help_text=f"Up to {settings.DABOARD_MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Word and "
                                     "PowerPoint files are turned into PDF for the pack.",
                           error_messages={"required": "Select a PDF, Word document or slides",
                                           "empty": "The selected file is empty"})


class AttendanceForm(forms.Form):
    """One row per expected seat, plus officers and guests typed by name."""

    def __init__(self, *args, seats=(), people_initial=None, chair=None, board=None, starts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.seats = list(seats)
        self.starts = starts
        choices = [("", "Not recorded")] + [(s, label) for s, label in AttendanceStatus.choices if s not in ("officer", "guest")]
        # Each seat's possible substitutes are its agency's people: read in one query for
        # every seat, not one a seat (a board has thirty seats).
        agencies: dict[int, list[Person]] = {}
        for person in Person.objects.filter(organisation__in={s.organisation_id for s in self.seats}).order_by("name"):
            agencies.setdefault(person.organisation_id, []).append(person)
        for seat in self.seats:
            name = f"seat_{seat.pk}"
            label = f"{seat.person.name if seat.person else 'Name withheld'} – {seat.organisation.name}"
            self.fields[name] = forms.ChoiceField(label=label, choices=choices, required=False)
            field = forms.ModelChoiceField(
                label=f"Substitute for {seat.person.name if seat.person else seat.role}", required=False,
                queryset=Person.objects.filter(organisation=seat.organisation).order_by("name"))
            field.choices = [("", field.empty_label)] + [(p.pk, field.label_from_instance(p))
                                                          for p in agencies.get(seat.organisation_id, [])]
            self.fields[f"sub_{seat.pk}"] = field
        people = board_people(board) if board is not None else Person.objects.none()
        self.fields["chair"] = forms.ModelChoiceField(label="Who was in the chair", queryset=people, required=False,
                                                      initial=chair)
        self.fields["officers"] = forms.ModelMultipleChoiceField(
            label="Officers present", queryset=people, required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text="Hold Ctrl (or Cmd) to choose more than one.")
        self.fields["guests"] = forms.ModelMultipleChoiceField(
            label="Guests and presenters", queryset=people, required=False,
            widget=forms.SelectMultiple(attrs={"size": 6}))
        group_people(self, "chair", "officers", "guests")
        self.fields["end_time"] = forms.TimeField(
            label="Time the meeting ended", required=False, widget=forms.TimeInput(attrs={"type": "time"}),
            error_messages={"invalid": "Enter a time, like 09:40"})

    def clean(self):
        data = super().clean()
        # Who was there, and in which field: one person is recorded once (a substitute for
        # one seat who also holds another is in the room once), and the chair was there.
        there: dict[int, str] = {}
        for seat in self.seats:
            status = data.get(f"seat_{seat.pk}")
            if status == "substitute" and not data.get(f"sub_{seat.pk}"):
                if f"sub_{seat.pk}" not in self.errors:  # a choice refused already says so: one message
                    self.add_error(f"sub_{seat.pk}", "Choose who came as substitute")
                continue
            person = data.get(f"sub_{seat.pk}") if status == "substitute" else seat.person
            if status in ("present", "substitute") and person is not None:
                field = f"sub_{seat.pk}" if status == "substitute" else f"seat_{seat.pk}"
                if person.pk in there:
                    self.add_error(field, f"{person.name} is already recorded as at the meeting "
                                          f"({self.fields[there[person.pk]].label}): record each person once")
                else:
                    there[person.pk] = field
        for name in ("officers", "guests"):
            for person in data.get(name) or ():
                if person.pk in there and there[person.pk] != name:
                    self.add_error(name, f"{person.name} is already recorded as at the meeting "
                                         f"({self.fields[there[person.pk]].label}): record each person once")
                there.setdefault(person.pk, name)
        chair = data.get("chair")
        if chair is not None and chair.pk not in there:
            self.add_error("chair", f"{chair.name} is not recorded as at the meeting: record them as present, "
                                    "or choose who was in the chair")
        ended, started = data.get("end_time"), self.starts
        if ended is not None and started is not None and ended <= started:
            self.add_error("end_time", f"The meeting started at {started:%H:%M}: enter a time after that")
        return data


LEAD_INS = [
    ("Arising from discussions the following points were noted:", "Arising from discussions the following points were noted:"),
    ("Arising from the presentation the following points were noted:",
     "Arising from the presentation the following points were noted:"),
    ("", "No lead-in"),
]


# A minute's part is a few paragraphs; the longest of the seeds' minutes is under 4,000 characters.
MINUTE_TEXT_LIMIT = 20_000


class MinuteForm(forms.Form):
    points_intro = forms.ChoiceField(label="Lead-in to the points", choices=LEAD_INS, required=False,
                                     widget=forms.RadioSelect,
                                     help_text="As the seeds write it: after a presentation, or after discussion of a report.")
    considered = forms.CharField(label="What the board considered", required=False, max_length=MINUTE_TEXT_LIMIT,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    points = forms.CharField(label="Points noted", required=False, max_length=MINUTE_TEXT_LIMIT,
                             widget=forms.Textarea(attrs={"rows": 6}),
                             help_text="One point per paragraph (leave a blank line between points). They are numbered (i), (ii), (iii).")
    closing_text = forms.CharField(label="After the points", required=False, max_length=MINUTE_TEXT_LIMIT,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    resolutions = forms.CharField(label="Resolutions", required=False, max_length=MINUTE_TEXT_LIMIT,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  help_text='One resolution per paragraph, starting "That …". Two or more are lettered (a), (b).')

    @staticmethod
    def paragraphs(text: str) -> list[str]:
        return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


class BoardPeople:
    """A form whose `people_field` offers the people of the `board` it is given (when it is
    given one), grouped by organisation, as every choice of a person on the board's pages."""

    people_field: str

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        if board is not None:
            self.fields[self.people_field].queryset = board_people(board)
            group_people(self, self.people_field)


# An action or an update on it is a sentence or a short paragraph.
ACTION_TEXT_LIMIT = 2_000


class ActionForm(BoardPeople, CrossChecked, forms.Form):
    text = forms.CharField(label="Action", widget=forms.Textarea(attrs={"rows": 2}), max_length=ACTION_TEXT_LIMIT,
                           error_messages={"required": "Describe the action"})
    owner = forms.ModelChoiceField(label="Who will do it", queryset=Person.objects.none(),
                                   error_messages={"required": "Choose who will do the action"})
    due_date = GovukDateField(label="Due date", required=False, what="the due date", validators=[plausible_date])
    due_next_meeting = forms.BooleanField(label="Due by the next meeting", required=False)
    people_field = "owner"

    cross_checks = (("due_date", lambda d: not d.get("due_date") and not d.get("due_next_meeting"),
                     "Enter a due date, or tick 'Due by the next meeting'"),
                    ("due_date", lambda d: d.get("due_date") and d.get("due_next_meeting"),
                     "Enter a due date or tick 'Due by the next meeting', not both"))


class ActionUpdateForm(forms.Form):
    text = forms.CharField(label="Update", widget=forms.Textarea(attrs={"rows": 3}), max_length=ACTION_TEXT_LIMIT,
                           error_messages={"required": "Write what has happened"})
    status = forms.ChoiceField(label="Status", choices=ActionStatus.choices, widget=forms.RadioSelect)


class ConfirmForm(forms.Form):
    at_meeting = forms.ModelChoiceField(label="Confirmed at the meeting of", queryset=None,
                                        error_messages={"required": "Choose the meeting that confirmed the minutes"})

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import HELD_STATUSES, Meeting

        # Only a meeting that took place can confirm minutes.
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            board=meeting.board, date__gt=meeting.date, status__in=HELD_STATUSES).order_by("date")


class RecordingForm(forms.Form):
    file = forms.FileField(label="Audio recording", help_text="MP3, M4A or WAV. It is deleted when the minutes are confirmed.",
                           error_messages={"required": "Select the recording"})


class InterestForm(forms.Form):
    person = forms.ModelChoiceField(label="Member", queryset=Person.objects.order_by("name"),
                                    error_messages={"required": "Choose the member"})
    description = forms.CharField(label="Interest", max_length=300,
                                  error_messages={"required": "Describe the interest"},
                                  help_text="For example: Chief Executive of Freeva, a commissioned provider")
    commissioning = forms.BooleanField(label="It touches the council's commissioning", required=False, initial=True)
    registered_on = GovukDateField(label="Registered on", what="the date the interest was registered")


class AttendanceSpanForm(CrossChecked, forms.Form):
    since = GovukDateField(label="From", required=False, what="the first date")
    until = GovukDateField(label="To", required=False, what="the last date")
    cross_checks = (SPAN_IN_ORDER,)


class SearchForm(forms.Form):
    q = forms.CharField(label="Search minutes, resolutions and papers", max_length=200, required=False,
                        help_text="Searches the words inside papers too. Word forms match: “reports” finds “report”.")


class MembershipForm(forms.ModelForm):
    start_date = GovukDateField(label="Term starts", required=False, what="the date the term starts")
    end_date = GovukDateField(label="Term ends", required=False, what="the date the term ends")

    class Meta:
        from daboard.core.models import BoardMembership

        model = BoardMembership
        fields = ["organisation", "role", "person", "substitute", "kind", "voting", "start_date", "end_date", "notes"]
        labels = {"organisation": "Agency", "role": "Service or role", "person": "Representative",
                  "substitute": "Named substitute", "kind": "Member or supporting officer",
                  "voting": "Voting member (untick for advisory)", "start_date": "Term starts", "end_date": "Term ends"}
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].error_messages["required"] = "Enter the service or role"
        self.fields["organisation"].error_messages["required"] = "Choose the agency"
        self.fields["person"].required = False
        self.fields["person"].help_text = "Leave blank if the name is not published."
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0]]


class AppointmentForm(forms.Form):
    position = forms.ChoiceField(label="Position", choices=[("chair", "Chair"), ("vice_chair", "Vice-chair")],
                                 widget=forms.RadioSelect, error_messages={"required": "Choose chair or vice-chair"})
    person = forms.ModelChoiceField(label="Appointed", queryset=Person.objects.order_by("name"),
                                    error_messages={"required": "Choose who was appointed"})
    municipal_year = forms.RegexField(label="Municipal year", regex=r"^\d{4}/\d{2}$", max_length=7,
                                      help_text="For example 2025/26",
                                      error_messages={"invalid": "Enter the municipal year like 2025/26",
                                                      "required": "Enter the municipal year"})
    until = forms.CharField(label="Until (as resolved)", required=False, max_length=200,
                            help_text="For example: the first meeting of the Board in the 2026/27 municipal year")
    resolution = forms.ModelChoiceField(label="By the resolution", queryset=None, required=False)

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Resolution

        self.fields["resolution"].queryset = Resolution.objects.filter(minute__meeting__board=board).select_related(
            "minute__meeting").order_by("-minute__meeting__date", "minute__number", "order")

    def clean_municipal_year(self):
        value = self.cleaned_data["municipal_year"]
        if not municipal_year_well_formed(value):
            raise forms.ValidationError("The two years must follow each other, like 2025/26")
        return value


class TermsForm(forms.ModelForm):
    standing_items_text = forms.CharField(label="Standing agenda items", required=False,
                                          widget=forms.Textarea(attrs={"rows": 8}), help_text="One per line.")

    class Meta:
        from .models import TermsOfReference

        model = TermsOfReference
        fields = ["title", "meeting_frequency", "min_meetings_per_year", "quorum_rule", "quorum_count", "chair_rule",
                  "vice_chair_rule", "papers_deadline_days", "draft_minutes_deadline_days", "minutes_retention_years",
                  "delete_recordings_on_confirmation", "closed_business_rule", "reporting_lines"]
        labels = {"min_meetings_per_year": "Meetings a year at least", "quorum_count": "Quorum (voting members)",
                  "papers_deadline_days": "Papers out this many days before", "draft_minutes_deadline_days":
                  "Draft minutes within this many days", "minutes_retention_years": "Keep minutes for (years)",
                  "delete_recordings_on_confirmation": "Destroy recordings when the minutes are confirmed"}
        widgets = {"closed_business_rule": forms.Textarea(attrs={"rows": 3}),
                   "reporting_lines": forms.Textarea(attrs={"rows": 3})}


class TermsApproveForm(forms.Form):
    meeting = forms.ModelChoiceField(label="Approved at the meeting of", queryset=None,
                                     error_messages={"required": "Choose the meeting",
                                                     "invalid_choice": "Choose a meeting of the board that has "
                                                                       "taken place"})
    amendments = forms.CharField(label="Approved subject to (optional)", required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="For example: Fire and Rescue being added to the membership")

    def __init__(self, *args, board=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import HELD_STATUSES, Meeting

        # Terms are approved at a meeting that took place, never one still to come.
        self.fields["meeting"].queryset = Meeting.objects.filter(board=board, status__in=HELD_STATUSES).order_by("-date")


class DeclarationForm(BoardPeople, forms.Form):
    person = forms.ModelChoiceField(label="Who declared", queryset=Person.objects.order_by("name"),
                                    error_messages={"required": "Choose who declared the interest"})
    text = forms.CharField(label="Declaration", max_length=400, error_messages={"required": "Write the declaration"},
                           help_text="As it should read in the minutes")
    left_the_meeting = forms.BooleanField(label="They left the meeting for this item", required=False)
    people_field = "person"


class ForwardItemForm(forms.Form):
    title = forms.CharField(label="Report promised", max_length=300, error_messages={"required": "Enter what was promised"})
    description = forms.CharField(label="What was said", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    target_meeting = forms.ModelChoiceField(label="For the meeting of", queryset=None, required=False,
                                            help_text="Leave blank for a future meeting not yet fixed.")

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Meeting

        self.fields["target_meeting"].queryset = Meeting.objects.filter(
            board=meeting.board, date__gt=meeting.date).exclude(status="cancelled").order_by("date")


class AttachForm(forms.Form):
    """Choose the coming meeting a generated document goes to (board/attach.py)."""
    meeting = forms.ModelChoiceField(label="Meeting", queryset=None,
                                     error_messages={"required": "Choose the meeting"})

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings


def group_people(form: forms.Form, *names: str) -> None:
    """Give the named person fields their board's people grouped by organisation."""

    for name in names:
        field = form.fields[name]
        multiple = isinstance(field, forms.ModelMultipleChoiceField)
        field.choices = people_choices(field.queryset, blank=None if multiple else "Choose a person")
