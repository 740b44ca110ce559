from __future__ import annotations

from django import forms

from daboard.board.forms import DateInput
from daboard.core.models import Organisation, Person

from .models import ActionProgress, DeliveryAction, Priority, Rag, Strategy


class StrategyForm(forms.ModelForm):
    document_url = forms.URLField(label="Published document", required=False, assume_scheme="https")

    class Meta:
        model = Strategy
        fields = ["title", "starts", "ends", "status", "adopted_on", "review_due", "document_url", "source_note"]
        widgets = {"adopted_on": DateInput, "review_due": DateInput}
        labels = {"source_note": "Where it is recorded"}

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        if council is not None:
            self.instance.council = council
        self.fields["title"].error_messages["required"] = "Enter the strategy's title"


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["number", "title", "description"]


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
