"""Membership, chair and vice-chair by resolution, versions of the terms of reference,
declarations of interest, and the forward plan."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from daboard.board import services
from daboard.board.models import (
    Appointment,
    ForwardItem,
    Meeting,
    MeetingStatus,
    Resolution,
    TermsOfReference,
)
from daboard.core.models import AuditEntry, Organisation, Person

pytestmark = pytest.mark.django_db
LR_SLUG = "leicestershire-and-rutland"
LR = "leicestershire-and-rutland"


def test_the_clerk_adds_a_seat_and_a_term_that_ends_before_it_starts_is_refused(board_lr, make_user, signed_in):
    client = signed_in(make_user("secretariat", board=LR))
    fire = Organisation.objects.get(name="Leicestershire Fire and Rescue Service")
    response = client.post(reverse("board:membership-add", args=[LR]), {
        "organisation": fire.pk, "role": "Leicestershire Fire and Rescue Service", "kind": "member", "voting": "on",
        "start_date_0": "20", "start_date_1": "5", "start_date_2": "2026", "end_date_0": "1", "end_date_1": "1", "end_date_2": "2026"})
    assert "The end date must be on or after the start date" in response.content.decode()
    response = client.post(reverse("board:membership-add", args=[LR]), {
        "organisation": fire.pk, "role": "Leicestershire Fire and Rescue Service", "kind": "member",
        "person": Person.objects.get(name="Mick Grewcock").pk, "start_date_0": "20", "start_date_1": "5", "start_date_2": "2026"})
    assert response.status_code == 302
    seat = board_lr.memberships.get(person__name="Mick Grewcock")
    assert seat.voting is False  # unticked: advisory
    assert AuditEntry.objects.filter(action="membership.added").exists()


def test_an_appointment_by_resolution_moves_the_chair(board_lr, make_user):
    clerk = make_user("secretariat", board=LR)
    resolution = Resolution.objects.get(minute__meeting__date=dt.date(2022, 3, 18), minute__number=3)
    bannister = Person.objects.get(name="Mr. N. Bannister CC")
    services.appointment_record(acting_user=clerk, board=board_lr, position="chair", person=bannister,
                                municipal_year="2030/31", until="", resolution=resolution)
    assert board_lr.memberships.get(position="chair").person == bannister
    assert Appointment.objects.get(municipal_year="2030/31").minute.number == 3


def test_appointment_form_checks_the_municipal_year(board_lr, make_user, signed_in):
    client = signed_in(make_user("secretariat", board=LR))
    page = client.post(reverse("board:appointments", args=[LR]), {
        "position": "vice_chair", "person": Person.objects.get(name="Cllr. C. Wise").pk,
        "municipal_year": "2025/27"}).content.decode()
    assert "The two years must follow each other" in page


def test_a_new_version_of_the_terms_is_approved_at_a_meeting_and_supersedes_the_old(demo, make_user, signed_in):
    from daboard.core.models import Board

    leicester = Board.objects.get(slug="leicester")
    clerk = make_user("secretariat", board="leicester")
    current = leicester.terms.get(status="approved")
    draft = services.terms_new_version(acting_user=clerk, terms=current)
    assert draft.version == 2 and draft.sections.count() == current.sections.count()
    assert draft.standing_items.count() == 8
    client = signed_in(clerk)
    # A second "new version" carries on with the open draft rather than opening another.
    again = client.post(reverse("board:terms-new", args=["leicester"]), follow=True)
    assert "Version 2 is already a draft" in again.content.decode()
    assert leicester.terms.filter(status="draft").count() == 1
    with pytest.raises(ValidationError, match="already a draft"):
        services.terms_new_version(acting_user=clerk, terms=current)
    # Approved at a meeting that took place, never one still to come.
    ahead = Meeting.objects.create(board=leicester, title="Leicester board", date=dt.date(2030, 6, 6))
    page = client.post(reverse("board:terms-edit", args=["leicester", draft.pk]), {
        "approve": "1", "meeting": ahead.pk}).content.decode()
    assert "Choose a meeting of the board that has taken place" in page
    draft.refresh_from_db()
    assert draft.status == "draft"
    with pytest.raises(ValidationError, match="one that has taken place"):
        services.terms_approve(acting_user=clerk, terms=draft, meeting=ahead)
    meeting = Meeting.objects.create(board=leicester, title="Leicester board", date=dt.date(2026, 6, 6),
                                     status=MeetingStatus.HELD)
    client.post(reverse("board:terms-edit", args=["leicester", draft.pk]), {
        "approve": "1", "meeting": meeting.pk, "amendments": "Subject to the Integrated Care Board being added"})
    draft.refresh_from_db()
    current.refresh_from_db()
    assert draft.status == "approved" and draft.approved_on == meeting.date
    assert current.status == "superseded"
    assert TermsOfReference.objects.filter(board=leicester, status="approved").count() == 1


def test_a_declaration_appears_in_the_minutes(new_meeting, make_user, signed_in):
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=meeting)
    minute = services.minutes_start(acting_user=new_meeting.clerk, meeting=meeting)[2]
    client = signed_in(new_meeting.clerk)
    client.post(reverse("board:declaration-add", args=[minute.pk]), {
        "declaration-person": Person.objects.get(name="Suki Kaur").pk,
        "declaration-text": "Chief Executive of Freeva, a commissioned provider", "declaration-left_the_meeting": "on"})
    page = client.get(reverse("board:minutes", args=[meeting.pk])).content.decode()
    assert "Suki Kaur declared an interest: Chief Executive of Freeva" in page and "left the meeting" in page


def test_a_promised_report_joins_the_target_meetings_agenda(new_meeting, make_user, signed_in):
    june = new_meeting(dt.date(2030, 6, 14))
    september = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=june)
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=september)
    minute = services.minutes_start(acting_user=new_meeting.clerk, meeting=june)[-3]
    client = signed_in(new_meeting.clerk)
    client.post(reverse("board:forward-item-add", args=[minute.pk]), {
        "forward-title": "Results of the vacancy interviews", "forward-target_meeting": september.pk})
    assert september.items.filter(title="Results of the vacancy interviews").exists()
    assert ForwardItem.objects.get(title="Results of the vacancy interviews").status == "on_agenda"
    later = new_meeting(dt.date(2030, 12, 13))
    services.forward_item_promise(acting_user=new_meeting.clerk, board=june.board, title="Impact report",
                                  target_meeting=later)
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=later)
    assert later.items.filter(title="Impact report").exists()


def test_a_date_field_shows_its_value_as_a_browser_date_field_needs_it():
    """en-GB writes dates as 23/11/2026, which <input type=date> throws away: a form shown
    again (after an error, or to edit) must keep its dates."""
    import datetime as dt

    from daboard.board.forms import DateInput

    html = DateInput().render("due", dt.date(2026, 11, 23))
    assert 'type="date"' in html and 'value="2026-11-23"' in html


def test_removing_a_distribution_recipient_by_a_key_that_is_not_a_number_changes_nothing(demo, make_user,
                                                                                          signed_in):
    from django.urls import reverse

    from daboard.board.distribution import distribution_recipient_add
    from daboard.core.models import Board

    board = Board.objects.get(slug="leicestershire-and-rutland")
    clerk = make_user("secretariat", board=board.slug)
    distribution_recipient_add(acting_user=clerk, board=board, name="SRG papers route", email="srg@example.invalid")
    client = signed_in(clerk)
    for key in ("abc", "²", "9" * 30, ""):
        response = client.post(reverse("board:distribution", args=[board.slug]), {"remove": key})
        assert response.status_code == 302, key
    assert board.distribution.filter(email="srg@example.invalid").exists()


def test_attendance_is_refused_when_someone_is_recorded_twice_the_chair_was_away_or_it_ends_before_it_began(
        new_meeting, signed_in):
    """Each refusal names the field and changes nothing (the try-out recorded a member both in
    her seat and as another seat's substitute, and one of the two was lost)."""
    from daboard.board.models import Attendance

    meeting = new_meeting(dt.date(2030, 6, 14))
    a, b = [s for s in services.expected_seats(meeting).select_related("person") if s.person][:2]
    url = reverse("board:attendance", args=[meeting.pk])
    with time_machine.travel(dt.datetime(2030, 6, 15, 10, tzinfo=dt.UTC)):  # the day after the meeting
        client = signed_in(new_meeting.clerk)
        page = client.post(url, {f"seat_{a.pk}": "apologies", f"seat_{b.pk}": "present", "officers": [b.person.pk],
                                 "chair": a.person.pk, "end_time": "08:00"}).content.decode()
        assert f"{b.person.name} is already recorded as at the meeting" in page
        assert f"{a.person.name} is not recorded as at the meeting" in page
        assert "The meeting started at 09:00: enter a time after that" in page
        assert not Attendance.objects.filter(meeting=meeting).exists()
        response = client.post(url, {f"seat_{a.pk}": "present", f"seat_{b.pk}": "present", "chair": a.person.pk,
                                     "end_time": "10:30"})
        assert response.status_code == 302
        assert Attendance.objects.filter(meeting=meeting).count() == 2


def test_an_address_already_on_the_distribution_list_is_refused_however_it_is_capitalised(demo, make_user,
                                                                                          signed_in):
    from django.urls import reverse

    from daboard.core.models import Board

    board = Board.objects.get(slug="leicestershire-and-rutland")
    client = signed_in(make_user("secretariat", board=board.slug))
    url = reverse("board:distribution", args=[board.slug])
    client.post(url, {"add": "1", "name": "SRG papers route", "email": "srg@example.invalid", "kind": "other"})
    page = client.post(url, {"add": "1", "name": "SRG again", "email": "SRG@Example.Invalid",
                             "kind": "other"}).content.decode()
    assert "That address is already on the distribution list." in page
    assert board.distribution.filter(email__iexact="srg@example.invalid").count() == 1


def test_a_published_agendas_items_stay_in_the_order_members_were_sent(new_meeting, signed_in):
    from tests.publishing import publish_pack

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    first, second = meeting.items.order_by("number")[:2]
    services.agenda_item_move(acting_user=clerk, item=second, direction=-1)  # before publication: moves
    assert meeting.items.get(pk=second.pk).number == 1
    publish_pack(acting_user=clerk, meeting=meeting)
    with pytest.raises(ValidationError, match="stay in the order members were sent"):
        services.agenda_item_move(acting_user=clerk, item=meeting.items.get(pk=first.pk), direction=-1)
    client = signed_in(clerk)
    page = client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode()
    assert reverse("board:item-move", args=[first.pk]) not in page
    client.post(reverse("board:item-move", args=[first.pk]), {"up": "1"})
    assert meeting.items.get(pk=second.pk).number == 1 and meeting.items.get(pk=first.pk).number == 2


def test_the_terms_deadlines_are_refused_beyond_reason_and_the_draft_is_kept(demo, make_user, signed_in):
    from daboard.core.models import Board

    leicester = Board.objects.get(slug="leicester")
    clerk = make_user("secretariat", board="leicester")
    draft = services.terms_new_version(acting_user=clerk, terms=leicester.terms.get(status="approved"))
    page = signed_in(clerk).post(reverse("board:terms-edit", args=["leicester", draft.pk]), {
        "title": draft.title, "papers_deadline_days": "30000", "draft_minutes_deadline_days": "14",
        "minutes_retention_years": "7"}).content.decode()
    assert "Papers are due at most 90 days before the meeting" in page
    draft.refresh_from_db()
    assert draft.papers_deadline_days == 7


def test_letters_in_a_date_box_say_the_date_is_not_real_not_enter_a_whole_number(new_meeting, signed_in):
    meeting = new_meeting(dt.date(2030, 6, 14))
    page = signed_in(new_meeting.clerk).post(reverse("board:meeting-reschedule", args=[meeting.pk]), {
        "date_0": "x", "date_1": "6", "date_2": "2030", "start_time": "10:00", "reason": "Room"}).content.decode()
    assert "The new date must be a real date" in page and "whole number" not in page


@pytest.mark.parametrize("year", ["99999999999", "10000"])
def test_a_year_too_large_for_any_calendar_says_the_date_is_not_real(new_meeting, signed_in, year):
    page = signed_in(new_meeting.clerk).post(reverse("board:meeting-schedule", args=[LR_SLUG]), {
        "first_date_0": "14", "first_date_1": "6", "first_date_2": year, "repeat": "1",
        "start_time": "10:00"}).content.decode()
    assert "must be a real date" in page


def test_the_meeting_page_offers_only_what_the_clerk_can_do_at_that_stage(new_meeting, signed_in):
    """No button that can only be refused: attendance before the day, a paper once the meeting
    has taken place, moving items of an agenda the council published before daboard."""
    clerk = new_meeting.clerk
    ahead = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=ahead)
    client = signed_in(clerk)
    page = client.get(reverse("board:meeting-detail", args=[ahead.pk])).content.decode()
    assert reverse("board:attendance", args=[ahead.pk]) not in page
    assert "once the meeting has taken place" in client.get(reverse("board:attendance", args=[ahead.pk]),
                                                            follow=True).content.decode()
    item = ahead.items.order_by("number").last()
    Meeting.objects.filter(pk=ahead.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)  # the council's, not daboard's
    page = client.get(reverse("board:meeting-detail", args=[ahead.pk])).content.decode()
    assert reverse("board:item-move", args=[item.pk]) not in page
    with pytest.raises(ValidationError, match="stay in the order"):
        services.agenda_item_move(acting_user=clerk, item=Meeting.objects.get(pk=ahead.pk).items.last(), direction=-1)
    Meeting.objects.filter(pk=ahead.pk).update(status=MeetingStatus.HELD)
    page = client.get(reverse("board:meeting-detail", args=[ahead.pk])).content.decode()
    assert reverse("board:paper-add", args=[item.pk]) not in page
    assert "part of the record" in client.get(reverse("board:paper-add", args=[item.pk]), follow=True).content.decode()

