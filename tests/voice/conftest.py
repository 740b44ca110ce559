import datetime as dt
import re

import pytest


@pytest.fixture
def service_form(demo):
    """A public feedback form for Freeva's helpline (LCC-DA-08), opened by Leicestershire."""
    from daboard.commissioning.models import Contract
    from daboard.voice.models import Feedback, FeedbackForm
    from daboard.voice.services import feedback_form_open

    Feedback.objects.all().delete()  # the demo's synthetic feedback: these tests count their own
    contract = Contract.objects.get(reference="LCC-DA-08")
    return feedback_form_open(acting_user=None, form=FeedbackForm(
        council=contract.council, contract=contract, title="Freeva helpline"))


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def give_feedback(client, form, **answers):
    """Open the form and send answers as a person would: returns the post's response."""
    url = f"/feedback/{form.token}/"
    page = client.get(url)
    data = {"felt_safer": "yes", "wellbeing": "better", "helped": ["one_to_one"], "missing": ["housing"],
            "free_text": "", **answers, "token": token_of(page)}
    return client.post(url, data)


@pytest.fixture
def group(demo):
    """The Leicestershire and Rutland board's group, with a papers contact."""
    from daboard.core.models import Board, Person
    from daboard.voice.models import ReferenceGroup
    from daboard.voice.services import reference_group_save

    board = Board.objects.get(slug="leicestershire-and-rutland")
    return reference_group_save(acting_user=None, group=ReferenceGroup(
        board=board, papers_contact=Person.objects.get(name="Gurjit Samra-Rai"),
        standing_item="Scrutiny and Reference Group", source="test"))


TODAY = dt.date(2026, 11, 29)
