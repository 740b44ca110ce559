from __future__ import annotations

from django import forms
from django.conf import settings

from daboard.core.periods import Period


class UploadForm(forms.Form):
    period = forms.ChoiceField(label="Quarter", error_messages={"required": "Choose the quarter the return is for"})
    file = forms.FileField(
        label="Upload the return (CSV or Excel)",
        help_text=f"CSV (UTF-8 or as Excel saves it) or .xlsx, up to {settings.DABOARD_MAX_RETURN_UPLOAD_BYTES // (1024 * 1024)} MB.",
        error_messages={"required": "Select the return file", "empty": "The selected file is empty"})

    def __init__(self, *args, periods: list[Period], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(str(p), f"{p} ({p.label})") for p in periods]

    def clean_period(self) -> Period:
        return Period.parse(self.cleaned_data["period"])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect, choices=[
        ("approve", "Approve (locks the return)"), ("return", "Send back to the provider"), ("unlock", "Unlock for a new version")],
        error_messages={"required": "Choose a decision"})
    comment = forms.CharField(label="Comment for the provider", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class WaiverForm(forms.Form):
    reason = forms.CharField(
        label="Why need this return not arrive?",
        help_text="For example: the service was paused this quarter, or its figures were agreed to be reported "
                  "in another contract's return. Providers and auditors can read this.",
        widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
        error_messages={"required": "Say why this return need not arrive",
                        "max_length": "The reason must be 2,000 characters or fewer"})
