from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from .models import Board, Council, Organisation, Role, RoleAssignment, User


def errors_to_form(form, exc, rename: dict[str, str] | None = None) -> None:
    """Put a service's ValidationError on the form: a field's errors on that field (after
    `rename`, for a model field the form calls differently), anything else at the top."""
    # error_dict and error_list are each present only for their kind of ValidationError.
    for field, errs in (exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}).items():
        field = (rename or {}).get(field, field)
        form.add_error(field if field in form.fields else None, errs)


QUESTION_WORDS = {"how", "what", "which", "when", "who", "whom", "whose", "where", "whether", "why", "if"}


def _label(field: forms.Field, name: str) -> str:
    """The field's label as a message names it: "Amount (£)" is "amount", "KPI" stays."""
    label = str(field.label or name.replace("_", " ")).strip()
    label = label.split(" (")[0].rstrip(":")
    first, _, rest = label.partition(" ")
    if not (first.isupper() and len(first) > 1):
        label = first[:1].lower() + first[1:] + (f" {rest}" if rest else "")
    return label


PREPOSITIONS = {"for", "to", "from", "by", "at", "in", "on", "of", "with", "after", "before"}


def _the(label: str) -> str:
    first = label.split(" ")[0]
    if first in PREPOSITIONS:  # "For the meeting of": the label is not a thing to name
        return f"an answer to \u2018{label[:1].upper() + label[1:]}\u2019"
    return label if first in {"the", "a", "an", "your", "their", "its"} | QUESTION_WORDS else f"the {label}"


def required_message(field: forms.Field, name: str) -> str:
    """What a form says when a required field is left empty, in the GOV.UK way: "Enter the
    title", "Select the funding stream" (a choice or a file), from the field's label."""
    choose = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.FileField | forms.BooleanField)
    return f"{'Select' if choose else 'Enter'} {_the(_label(field, name))}"


def _worded(field: forms.Field, name: str) -> dict[str, str]:
    """Plain messages for the mistakes Django words generically, for one field."""
    label = _label(field, name)
    out = {"required": required_message(field, name)}
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        out["invalid_choice"] = f"Choose {_the(label)} from the list"
    if isinstance(field, forms.IntegerField) and not isinstance(field, forms.FloatField | forms.DecimalField):
        out["invalid"] = f"Enter {_the(label)} as a whole number, like 12"
    elif isinstance(field, forms.FloatField | forms.DecimalField):
        out["invalid"] = f"Enter {_the(label)} as a number, like 12.5"
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        out["invalid"] = f"Enter {_the(label)} as a real date, like 2026-04-01"
    elif isinstance(field, forms.EmailField):
        out["invalid"] = f"Enter {_the(label)} in the correct format, like name@example.gov.uk"
    return out


def _worded_limits(field: forms.Field, name: str) -> None:
    """A length or a number out of bounds, in words: each of the field's limit validators that
    still has Django's message gets one made from the label ("Title must be 300 characters or
    fewer"); a validator given its own message (a form's bounds) keeps it."""
    label = _label(field, name)
    subject = label[:1].upper() + label[1:]
    words = {MaxLengthValidator: "{} must be {:,} characters or fewer", MinValueValidator: "{} must be {} or more",
             MaxValueValidator: "{} must be {} or less"}
    for at, validator in enumerate(field.validators):
        kind = type(validator)
        if kind in words and validator.message == kind.message:
            field.validators[at] = kind(validator.limit_value, words[kind].format(subject, validator.limit_value))


def worded_messages() -> None:
    """Every form says plainly what is wrong instead of Django's generic wording ("This field
    is required.", "Select a valid choice. …", "Enter a whole number.", "Ensure this value
    has at most 300 characters …"): a message a field was given keeps; any other is made
    from the field's label (`_worded`). Done once, when the project starts (core's
    AppConfig), for every form of every app."""
    original = forms.BaseForm.full_clean
    if getattr(original, "worded", False):
        return

    def generic(field: forms.Field, key: str) -> bool:
        """The field has no message of its own for `key`: Django's (from any class it derives from), or none."""
        message = field.error_messages.get(key)
        if message is None:
            return True
        return any(str(message) == str(getattr(klass, "default_error_messages", {}).get(key))
                   for klass in type(field).__mro__)

    def full_clean(self):
        # Worded as the form is checked, so fields a form adds after it is made are worded too.
        for name, field in self.fields.items():
            mine = {key: text for key, text in _worded(field, name).items() if generic(field, key)}
            if mine:
                field.error_messages = {**field.error_messages, **mine}
            _worded_limits(field, name)
        original(self)

    full_clean.worded = True
    forms.BaseForm.full_clean = full_clean


class CrossChecked:
    """A form whose fields are checked against each other by rules given as data, instead
    of a `clean` written out on each form: each rule is the field the message goes beside,
    a test of the cleaned data that is true when something is wrong, and the message."""

    cross_checks: tuple[tuple[str, Callable[[Mapping[str, Any]], Any], str], ...] = ()

    def clean(self):
        data = super().clean()
        for field, wrong, message in self.cross_checks:
            # A field already refused (a date that is not a date) is not also called missing.
            if field not in self.errors and wrong(data):
                self.add_error(field, message)
        return data


# A form with `since` and `until` dates: the end may not come before the start.
SPAN_IN_ORDER = ("until", lambda d: d.get("since") and d.get("until") and d["until"] < d["since"],
                 "The end date must be the same as or after the start date")


def required_when(field: str, other: str, value: Any, message: str):
    """The rule for `CrossChecked`: `field` must be given when `other` is `value`."""
    return field, lambda d: d.get(other) == value and not d.get(field), message


class OneEntryEach:
    """A ModelForm for a register that holds one entry per thing (a target per KPI and year,
    a provider once): a second one is refused beside `duplicate_field` with
    `duplicate_message`, in words, instead of Django's generic message."""

    duplicate_field: str
    duplicate_message: str

    def validate_unique(self):
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error(self.duplicate_field, self.duplicate_message)


def _security_code(label: str, max_length: int, help_text: str, required: str) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, help_text=help_text,
                           error_messages={"required": required})


class SignInForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter your username"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput, strip=False,
                               error_messages={"required": "Enter your password"})


class CodeForm(forms.Form):
    code = _security_code("Enter your security code", 20,
                          "The 6-digit code from your authenticator app, or one of your recovery codes.",
                          "Enter the security code")

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split()).replace("-", "")
        if not code.isalnum():
            raise forms.ValidationError("Enter the code using only numbers and letters")
        return code


class SetupCodeForm(forms.Form):
    code = _security_code("Code from your authenticator app", 10, "The 6-digit code the app shows for daboard.",
                          "Enter the 6-digit code from your authenticator app")

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the code as 6 digits, like 123456")
        return code


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(
        label="Temporary password", widget=forms.PasswordInput, strip=False,
        help_text="At least 12 characters. Give it to the person by a separate channel.",
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "organisation"]
        labels = {"email": "Email address"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        for name in ("username", "first_name", "last_name", "email"):
            label = self.fields[name].label.lower()
            self.fields[name].error_messages["required"] = f"Enter the {label}"
        self.fields["username"].error_messages["invalid"] = "Enter a username of letters, digits and @ . + - _ only"

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("Someone already signs in with that username (capitals make no difference).")
        return username

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        candidate = User(username=self.data.get("username", ""), email=self.data.get("email", ""),
                         first_name=self.data.get("first_name", ""), last_name=self.data.get("last_name", ""))
        password_validation.validate_password(password, candidate)
        return password


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["role", "board", "council", "organisation", "ends_on"]
        labels = {"ends_on": "Last day (optional, YYYY-MM-DD)"}
        help_texts = {
            "ends_on": "For a time-limited role, such as a seat for one municipal year. Leave blank until removed.",
            "board": "For a secretariat or board member role.",
            "council": "For a commissioner or analyst role: a tier-1 council.",
            "organisation": "For a provider role: the provider organisation.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.fields["role"].widget = forms.RadioSelect(choices=Role.choices)
        self.fields["board"].queryset = Board.objects.all()
        self.fields["council"].queryset = Council.objects.exclude(kind="district")
        self.fields["organisation"].queryset = Organisation.objects.filter(kind="provider")
        self.fields["role"].error_messages["required"] = "Select a role"
        self.fields["ends_on"].error_messages["invalid"] = "Enter the last day as YYYY-MM-DD, like 2027-05-31"

    def validate_unique(self) -> None:
        try:
            self.instance.validate_constraints()
        except forms.ValidationError:
            self.add_error(None, "The user already has this role.")


class ReminderPreferenceForm(forms.Form):
    reminders_enabled = forms.BooleanField(
        label="Email me when something I look after becomes due or overdue", required=False)


class AuditFilterForm(CrossChecked, forms.Form):
    action = forms.CharField(label="Action", required=False, max_length=60,
                             help_text="For example sign_in.failed or access.refused")
    actor = forms.CharField(label="Username", required=False, max_length=150)
    since = forms.DateField(label="From (YYYY-MM-DD)", required=False,
                            error_messages={"invalid": "Enter the start date as YYYY-MM-DD, like 2026-04-01"})
    until = forms.DateField(label="To (YYYY-MM-DD)", required=False,
                            error_messages={"invalid": "Enter the end date as YYYY-MM-DD, like 2026-06-30"})
    cross_checks = (SPAN_IN_ORDER,)


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input pattern: Day, Month and Year boxes (govuk_field renders the
    fieldset). Browser date pickers are not used: they are hard to use with a keyboard or a
    screen reader and write dates the American way in some browsers."""

    govuk_date = True

    def __init__(self, attrs=None):
        widgets = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date from three boxes, with GOV.UK's error messages."""

    widget = GovukDateInput

    def __init__(self, *, required: bool = True, what: str = "the date", **kwargs):
        self.what = what
        # A box with letters in it: the date is not a real one (not Django's "Enter a whole number.").
        fields = [forms.IntegerField(required=False, error_messages={"invalid": f"{what[0].upper()}{what[1:]} must be "
                                                                                 "a real date"}) for _ in range(3)]
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter {what}")
        kwargs["error_messages"].setdefault("incomplete", f"Enter {what} in full, with a day, month and year")
        kwargs["error_messages"].setdefault("invalid", f"{what[0].upper()}{what[1:]} must be a real date")
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        import datetime as dt

        if not data_list or all(v in (None, "") for v in data_list):
            return None
        if any(v in (None, "") for v in data_list):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        if year < 1000:
            raise forms.ValidationError("Enter the year in full, like 2026", code="invalid")
        try:
            return dt.date(year, month, day)
        except (ValueError, OverflowError) as exc:  # 31 February; a year of eleven digits
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc
