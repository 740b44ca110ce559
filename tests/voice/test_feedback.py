"""Review of feedback, and who sees what: free text by the reviewing officer alone until
reviewed; counts after disclosure control for members and providers; a provider sees its own
services' feedback only."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from daboard.core.disclosure import SUPPRESSED, Policy
from daboard.voice import questions as q
from daboard.voice.models import Feedback
from daboard.voice.queries import suppress_counts
from daboard.voice.services import feedback_review

from .conftest import give_feedback

pytestmark = pytest.mark.django_db
SECRET = "My neighbour at number 12 knows"


@pytest.fixture
def sent(service_form):
    """Six people gave feedback on Freeva's helpline; one wrote something identifying."""
    for i in range(6):
        give_feedback(Client(), service_form, free_text=SECRET if i == 0 else "", felt_safer="yes" if i < 5 else "no")
    return service_form


def test_only_the_reviewing_officer_reads_a_comment_before_review(sent, make_user, signed_in):
    commissioner = signed_in(make_user("commissioner", council="E10000018"))
    waiting = commissioner.get("/councils/E10000018/feedback/review/")
    assert waiting.status_code == 200
    item = Feedback.objects.get(free_text=SECRET)
    assert SECRET in commissioner.get(f"/councils/E10000018/feedback/review/{item.pk}/").content.decode()
    for role, scope in (("analyst", {"council": "E10000018"}), ("board_member", {"board": "leicestershire-and-rutland"}),
                        ("provider", {"organisation": "freeva"}), ("secretariat", {"board": "leicestershire-and-rutland"})):
        client = signed_in(make_user(role, **scope))
        for url in ("/councils/E10000018/feedback/", "/councils/E10000018/feedback/review/",
                    f"/councils/E10000018/feedback/review/{item.pk}/", "/contracts/LCC-DA-08/feedback/"):
            assert SECRET not in client.get(url).content.decode(), (role, url)


def test_a_review_shares_an_edited_comment_keeps_one_back_or_discards_it(sent, make_user, signed_in):
    officer = make_user("commissioner", council="E10000018")
    item = Feedback.objects.get(free_text=SECRET)
    client = signed_in(officer)
    response = client.post(f"/councils/E10000018/feedback/review/{item.pk}/", {"decision": "share", "shared_text": ""})
    assert response.status_code == 200 and "Enter the comment as it may be shared" in response.content.decode()
    response = client.post(f"/councils/E10000018/feedback/review/{item.pk}/",
                           {"decision": "share", "shared_text": "Someone nearby knows."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.shared_text, item.reviewed_by) == ("shared", "Someone nearby knows.", officer)
    others = list(Feedback.objects.exclude(pk=item.pk))
    feedback_review(acting_user=officer, feedback=others[0], decision="discard")
    for other in others[1:]:
        feedback_review(acting_user=officer, feedback=other, decision="withhold")
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    page = member.get("/councils/E10000018/feedback/").content.decode()
    assert "Someone nearby knows." in page and SECRET not in page


def test_members_and_providers_see_counts_after_disclosure_control_officers_before(sent, make_user, signed_in):
    officer = make_user("commissioner", council="E10000018")
    for item in Feedback.objects.all():
        feedback_review(acting_user=officer, feedback=item, decision="withhold")
    unsuppressed = signed_in(officer).get("/councils/E10000018/feedback/").content.decode()
    assert "<strong>6</strong>" in unsuppressed and "Unsuppressed" in unsuppressed
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    page = member.get("/councils/E10000018/feedback/").content.decode()
    assert "<strong>6</strong>" in page  # six responses: shown
    assert page.count(SUPPRESSED) >= 2  # one "No" and, by secondary suppression, the "Yes" beside it
    provider = signed_in(make_user("provider", organisation="freeva"))
    own = provider.get("/contracts/LCC-DA-08/feedback/")
    assert own.status_code == 200 and SUPPRESSED in own.content.decode()
    gate = signed_in(make_user("provider", organisation="gate"))
    assert gate.get("/contracts/LCC-DA-08/feedback/").status_code == 404


def test_unreviewed_or_discarded_feedback_counts_nowhere(sent, make_user, signed_in):
    from daboard.voice.queries import feedback_counts, forms_for_council

    council = sent.council
    assert feedback_counts(forms_for_council(council))["total"] == 0
    item = Feedback.objects.first()
    feedback_review(acting_user=None, feedback=item, decision="discard")
    assert feedback_counts(forms_for_council(council))["total"] == 0


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(q.FELT_SAFER.codes), max_size=40))
def test_no_suppressed_answer_can_be_worked_out_from_the_total(answers):
    """The disclosure attacker on feedback: a single-answer table with its total published
    never shows a count from 1 to 4, and no suppressed cell can be recovered by subtraction."""
    raw = {}
    cells = {code: answers.count(code) for code in q.FELT_SAFER.codes}
    raw["total"] = sum(cells.values())
    for question in q.QUESTIONS:
        raw[question.name] = cells if question.name == "felt_safer" else {c: 0 for c in question.codes}
    shown = suppress_counts(raw, Policy())
    table = shown["felt_safer"]
    assert not any(isinstance(v, int) and 0 < v < 5 for v in table.values())
    assert shown["total"] == SUPPRESSED or not 0 < shown["total"] < 5
    suppressed = [k for k, v in table.items() if v == SUPPRESSED]
    if shown["total"] != SUPPRESSED:
        assert len(suppressed) != 1, f"one suppressed cell is recoverable from the total: {table}"


def test_the_survivor_voice_menu_item_is_for_officers_and_the_board(demo, make_user):
    from daboard.core.permissions import navigation_for

    def keys(user):
        return {item["key"] for item in navigation_for(user)}

    assert "voice" in keys(make_user("commissioner", council="E10000018"))
    assert "voice" in keys(make_user("board_member", board="leicestershire-and-rutland"))
    assert "voice" in keys(make_user("secretariat", board="leicestershire-and-rutland"))
    assert "voice" not in keys(make_user("provider", organisation="freeva"))
    assert "voice" not in keys(make_user("admin"))
