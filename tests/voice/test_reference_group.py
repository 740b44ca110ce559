"""The Scrutiny and Reference Group: its members, meetings, papers, the chair's visits on the
statutory calendar, and its standing item filled when the board's agenda is drafted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from daboard.board import services as board
from daboard.core.models import Board
from daboard.strategy.calendar import board_items
from daboard.voice import services
from daboard.voice.models import GroupMeeting, GroupMember, GroupReport, ReferenceGroup
from daboard.voice.queries import papers_recipient, visit_windows

from .conftest import give_feedback

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def leicester(demo):
    return Board.objects.get(slug="leicester")


def test_the_demo_has_leicesters_group_as_its_terms_of_reference_set_it_out(leicester):
    group = ReferenceGroup.objects.get(board=leicester)
    assert (group.board_places, group.chair_visits_per_year, group.standing_item) == (3, 2, "Scrutiny and Reference Group")
    assert "Contracts Quality & Engagement" in group.papers_contact_role and group.papers_contact is None
    assert GroupMember.objects.filter(group=group).count() == 4
    assert not GroupMeeting.objects.filter(group=group).exists()  # the seeds date no meeting of the group
    assert papers_recipient(leicester) is None  # the officer's name is withheld in the seed


def test_the_chairs_visits_are_due_twice_a_year_overdue_when_missed_and_done_when_recorded(leicester):
    group = leicester.reference_group
    windows = {(w.financial_year, w.number): w for w in visit_windows(group, TODAY)}
    first, second = windows[(2026, 1)], windows[(2026, 2)]
    assert (first.start, first.end) == (dt.date(2026, 4, 1), dt.date(2026, 9, 30))
    assert (second.start, second.end) == (dt.date(2026, 10, 1), dt.date(2027, 3, 31))
    assert first.state(TODAY) == "overdue" and second.state(TODAY) == "due"
    until = TODAY + dt.timedelta(days=365)
    items = {i.key: i for i in board_items(leicester, TODAY, until) if i.kind == "Scrutiny and Reference Group"}
    assert f"srg-visit:{leicester.pk}:2026:1" in items and items[f"srg-visit:{leicester.pk}:2026:2"].state(TODAY) == "due"
    assert "chair or vice-chair attends" in items[f"srg-visit:{leicester.pk}:2026:2"].title
    services.group_meeting_record(acting_user=None, meeting=GroupMeeting(
        group=group, date=dt.date(2026, 7, 14), board_attendance="vice_chair"))
    services.group_meeting_record(acting_user=None, meeting=GroupMeeting(
        group=group, date=dt.date(2026, 11, 2), board_attendance="none"))  # nobody from the board: still due
    keys = {i.key for i in board_items(leicester, TODAY, until)}
    assert f"srg-visit:{leicester.pk}:2026:1" not in keys and f"srg-visit:{leicester.pk}:2026:2" in keys


def test_the_agenda_draft_fills_the_groups_item_from_its_report_and_suppressed_feedback(leicester, make_user):
    from daboard.voice.models import FeedbackForm
    from daboard.voice.services import feedback_form_open, feedback_review

    group = leicester.reference_group
    form = feedback_form_open(acting_user=None, form=FeedbackForm(council=leicester.lead_council, board=leicester,
                                                                 title="Leicester board"))
    for _ in range(2):
        give_feedback(Client(), form, free_text="Somewhere to live took too long.")
    from daboard.voice.models import Feedback

    first, second = Feedback.objects.filter(form=form)
    feedback_review(acting_user=None, feedback=first, decision="share", shared_text="Housing took too long.")
    # the second is not reviewed: it counts nowhere, and its text is seen by nobody else
    services.group_report_send(acting_user=None, report=GroupReport(
        group=group, title="Feedback on the refuge leaflet", summary="The group found the leaflet hard to read.",
        presented_by="Member A", sent_on=TODAY))
    meeting = board.meetings_schedule(acting_user=None, board=leicester, dates=[dt.date(2027, 1, 15)],
                                      start_time=dt.time(9, 0))[0]
    items = board.agenda_draft(acting_user=None, meeting=meeting)
    [item] = [i for i in items if i.title == "Scrutiny and Reference Group"]
    item.refresh_from_db()
    assert "Feedback on the refuge leaflet: The group found the leaflet hard to read." in item.description
    assert item.presenter_role == "Member A"
    assert "[c] responses" in item.description  # one reviewed response: a count of 1 is suppressed
    assert "“Housing took too long.”" in item.description
    assert "Somewhere to live took too long." not in item.description
    assert GroupReport.objects.get().taken_at == meeting
    # the next agenda does not take the same report twice
    later = board.meetings_schedule(acting_user=None, board=leicester, dates=[dt.date(2027, 4, 16)],
                                    start_time=dt.time(9, 0))[0]
    [again] = [i for i in board.agenda_draft(acting_user=None, meeting=later) if i.title == "Scrutiny and Reference Group"]
    again.refresh_from_db()
    assert "leaflet" not in again.description and "No written feedback" in again.description


def test_papers_go_to_the_group_once_and_never_closed_business(leicester, make_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from daboard.board.models import AgendaItem
    from tests.board.conftest import make_pdf

    group = leicester.reference_group
    meeting = board.meetings_schedule(acting_user=None, board=leicester, dates=[dt.date(2027, 1, 15)],
                                      start_time=dt.time(9, 0))[0]
    open_item = board.agenda_item_save(acting_user=None, item=AgendaItem(meeting=meeting, title="Report", kind="report"))
    closed_item = board.agenda_item_save(acting_user=None, item=AgendaItem(
        meeting=meeting, title="Tender", kind="report", part="closed", closed_reason="Commercial"))
    paper = board.paper_add(acting_user=None, item=open_item, title="Open paper",
                            upload=SimpleUploadedFile("a.pdf", make_pdf(1), content_type="application/pdf"))
    closed = board.paper_add(acting_user=None, item=closed_item, title="Closed paper",
                             upload=SimpleUploadedFile("b.pdf", make_pdf(1), content_type="application/pdf"))
    assert services.papers_route(acting_user=None, group=group, papers=[paper]) == 1
    assert services.papers_route(acting_user=None, group=group, papers=[paper]) == 0
    with pytest.raises(ValidationError):
        services.papers_route(acting_user=None, group=group, papers=[closed])
    assert group.papers_routed.count() == 1


def test_the_clerk_sets_up_a_group_and_records_its_work_through_the_pages(demo, make_user, signed_in):
    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    client = signed_in(clerk)
    assert client.get("/boards/leicestershire-and-rutland/reference-group/").status_code == 200
    response = client.post("/boards/leicestershire-and-rutland/reference-group/edit/", {
        "name": "Scrutiny and Reference Group", "short_name": "SRG", "board_places": "3", "chair_visits_per_year": "2",
        "standing_item": "Scrutiny and Reference Group", "papers_contact_role": "Engagement officer"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert client.post("/boards/leicestershire-and-rutland/reference-group/members/new/",
                       {"pseudonym": "Rowan", "attends_board": "on"}).status_code == 302
    assert client.post("/boards/leicestershire-and-rutland/reference-group/meetings/new/",
                       {"date": "2026-10-05", "board_attendance": "chair"}).status_code == 302
    assert client.post("/boards/leicestershire-and-rutland/reference-group/feedback/new/",
                       {"title": "Waiting times", "summary": "Too long.", "sent_on": "2026-11-20"}).status_code == 302
    page = client.get("/boards/leicestershire-and-rutland/reference-group/").content.decode()
    assert "Rowan" in page and "Waiting times" in page and "The chair of the board" in page
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    assert member.get("/boards/leicestershire-and-rutland/reference-group/").status_code == 200
    assert member.post("/boards/leicestershire-and-rutland/reference-group/members/new/",
                       {"pseudonym": "X"}).status_code == 404


def test_no_more_members_attend_the_board_than_the_group_has_places(leicester):
    group = leicester.reference_group  # the demo: three of four members attend
    with pytest.raises(ValidationError):
        services.group_member_save(acting_user=None, member=GroupMember(group=group, pseudonym="Member E",
                                                                        attends_board=True))
    services.group_member_save(acting_user=None, member=GroupMember(group=group, pseudonym="Member E"))
    leaving = GroupMember.objects.get(group=group, pseudonym="Member A")
    leaving.left = dt.date(2026, 10, 1)
    services.group_member_save(acting_user=None, member=leaving)
    services.group_member_save(acting_user=None, member=GroupMember(group=group, pseudonym="Member F",
                                                                    attends_board=True))
