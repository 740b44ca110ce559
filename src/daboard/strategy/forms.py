from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.files.base import ContentFile

from daboard.board.forms import DateInput
from daboard.core.models import Organisation, Person
from daboard.core.uploads import read_upload, safe_download_name, sniff_document, stored_name

from .models import ActionProgress, DeliveryAction, Priority, Rag, Strategy


class StrategyForm(forms.ModelForm):
    document_url = forms.URLField(label="Link to the published document", required=False, assume_scheme="https")
    upload = forms.FileField(label="The strategy document (PDF or Word)", required=False,
                             help_text="Replaces any document uploaded before.")

    class Meta:
        model = Strategy
        fields = ["title", "starts", "ends", "status", "adopted_on", "adoption_due", "review_due", "document_url",
                  "source_note"]
        widgets = {"adopted_on": DateInput, "adoption_due": DateInput, "review_due": DateInput}
        labels = {"source_note": "Where it is recorded"}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if council is not None:
            self.instance.council = council
        self.fields["title"].error_messages["required"] = "Enter the strategy's title"

    def clean_upload(self):
        """Only a PDF or a Word document, by its bytes; within the upload size limit."""

        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        try:
            data = read_upload(upload, settings.DABOARD_MAX_UPLOAD_BYTES, "file")
            sniffed = sniff_document(data)
        except DjangoValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return upload.name, data, sniffed

    def save(self, commit=True):

        strategy = super().save(commit=False)
        if self.cleaned_data.get("upload"):
            name, data, sniffed = self.cleaned_data["upload"]
            strategy.document.save(stored_name(name, sniffed.extension), ContentFile(data), save=False)
            strategy.document_name = safe_download_name(name, f"strategy.{sniffed.extension}",
                                                        extension=sniffed.extension)
            strategy.document_type = sniffed.content_type
        if commit:
            strategy.save()
        return strategy


class PriorityForm(forms.ModelForm):
    number = forms.IntegerField(label="Number", min_value=1, max_value=99, error_messages={
        "required": "Enter the number of the priority", "invalid": "Enter the number of the priority as a whole number, like 3",
        "min_value": "Number the priority from 1", "max_value": "Number the priority 99 or below"})

    class Meta:
        model = Priority
        fields = ["number", "title", "description"]
        error_messages = {"title": {"required": "Enter the priority"}}


class DeliveryActionForm(forms.ModelForm):
    class Meta:
        model = DeliveryAction
        fields = ["title", "priority", "owner_person", "owner_organisation", "owner_as_printed", "due", "rag",
                  "completed_on"]
        widgets = {"due": DateInput, "completed_on": DateInput}
        labels = {"owner_person": "Owner (person)", "owner_organisation": "Owner (organisation)"}

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy
        self.fields["priority"].queryset = strategy.priorities.all()
        self.fields["owner_person"].queryset = Person.objects.order_by("name")
        self.fields["owner_organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["title"].error_messages["required"] = "Enter what is to be done"


class ProgressForm(forms.ModelForm):
    class Meta:
        model = ActionProgress
        fields = ["date", "rag", "text"]
        widgets = {"date": DateInput}
        labels = {"text": "What has happened", "rag": "RAG status now"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages["required"] = "Say what has happened"
        self.fields["rag"].choices = Rag.choices
