"""The clerk's rules: numbering, deadlines, quorum, confirmation, recordings, interests."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from daboard.board import services
from daboard.board.models import (
    Action,
    AgendaItem,
    Attendance,
    ForwardItem,
    Interest,
    ItemKind,
    Meeting,
    MeetingStatus,
    MinuteItem,
    Part,
    Recording,
    TermsOfReference,
    municipal_year_label,
)
from daboard.core.models import AuditEntry, Person
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_the_municipal_year_turns_in_may():
    assert municipal_year_label(dt.date(2023, 12, 15)) == "2023/24"
    assert municipal_year_label(dt.date(2024, 3, 22)) == "2023/24"
    assert municipal_year_label(dt.date(2024, 6, 28)) == "2024/25"


def test_minute_numbers_run_on_through_the_municipal_year_and_start_again_in_may(new_meeting):
    clerk = new_meeting.clerk
    june = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=june)
    june_numbers = list(june.items.values_list("number", "minute_number"))
    assert june_numbers[0] == (1, 1) and june_numbers[-1][0] == june_numbers[-1][1]
    september = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=september)
    first, *_ = september.items.order_by("number")
    assert first.number == 1 and first.minute_number == june_numbers[-1][1] + 1
    next_june = new_meeting(dt.date(2031, 6, 13))
    services.agenda_draft(acting_user=clerk, meeting=next_june)
    assert next_june.items.get(number=1).minute_number == 1


def test_the_demo_december_2023_meeting_runs_on_to_minute_21_in_march(board_lr):
    march = Meeting.objects.get(board=board_lr, date=dt.date(2024, 3, 22))
    assert services.first_minute_number(march) == 21


def test_adding_an_item_puts_it_before_any_other_business_and_renumbers(new_meeting):
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=meeting)
    services.agenda_item_save(acting_user=new_meeting.clerk, item=AgendaItem(meeting=meeting, title="Spend plan"))
    titles = list(meeting.items.order_by("number").values_list("title", flat=True))
    assert titles[-3:] == ["Spend plan", "Any other business.", "Date of next meeting."]
    numbers = list(meeting.items.order_by("number").values_list("number", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_closed_item_needs_its_reason(new_meeting):
    meeting = new_meeting(dt.date(2030, 6, 14))
    with pytest.raises(ValidationError, match="closed session"):
        services.agenda_item_save(acting_user=new_meeting.clerk,
                                  item=AgendaItem(meeting=meeting, title="Contract award", part=Part.CLOSED))


def test_quarterly_scheduling_gives_a_year_of_meetings_and_refuses_a_clash(new_meeting):
    # Thirteen weeks apart, on the same weekday (the seeds' Fridays 28 June, 27 September and
    # 13 December 2024); 29 November 2030 is a Friday.
    assert services.quarterly_dates(dt.date(2030, 11, 29), 4) == [
        dt.date(2030, 11, 29), dt.date(2031, 2, 28), dt.date(2031, 5, 30), dt.date(2031, 8, 29)]
    assert services.quarterly_dates(dt.date(2024, 6, 28), 3) == [
        dt.date(2024, 6, 28), dt.date(2024, 9, 27), dt.date(2024, 12, 27)]
    # A bank holiday moves the meeting to the next working day: thirteen weeks after Friday
    # 25 September 2026 is Christmas Day, and Monday 28 December is Boxing Day's substitute.
    assert services.quarterly_dates(dt.date(2026, 9, 25), 2)[1] == dt.date(2026, 12, 29)
    with pytest.raises(ValidationError, match="Saturday"):
        new_meeting(dt.date(2030, 11, 30))
    new_meeting(dt.date(2030, 6, 14))
    with pytest.raises(ValidationError, match="already has a meeting"):
        new_meeting(dt.date(2030, 6, 14))


def test_the_draft_agenda_brings_standing_items_previous_minutes_open_actions_and_promised_reports(demo, make_user):
    from daboard.core.models import Board

    leicester = Board.objects.get(slug="leicester")
    clerk = make_user("secretariat", board="leicester")
    first, second = services.meetings_schedule(acting_user=clerk, board=leicester,
                                               dates=[dt.date(2030, 6, 6), dt.date(2030, 9, 5)], start_time=dt.time(10))
    ForwardItem.objects.create(board=leicester, title="Needs assessment refresh", target_meeting=second)
    services.agenda_draft(acting_user=clerk, meeting=first)
    first_titles = list(first.items.values_list("title", flat=True))
    assert "Appointment of Chair." in first_titles  # first meeting of the municipal year
    assert "Delivery plan" in first_titles and "Scrutiny and Reference Group" in first_titles
    services.agenda_draft(acting_user=clerk, meeting=second)
    titles = list(second.items.order_by("number").values_list("title", flat=True))
    assert "Minutes of the meeting held on 6 June 2030." in titles
    assert "Actions from previous meetings." in titles
    assert "Needs assessment refresh" in titles
    assert "Appointment of Chair." not in titles
    assert ForwardItem.objects.get(title="Needs assessment refresh").status == "on_agenda"


@pytest.mark.parametrize(("days_before", "late"), [(8, False), (7, False), (6, True), (0, True)])
def test_a_pack_published_less_than_seven_days_before_the_meeting_is_flagged_late(new_meeting, days_before, late):
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=meeting)
    flagged = publish_pack(acting_user=new_meeting.clerk, meeting=meeting,
                                            now=at(meeting.date - dt.timedelta(days=days_before)))
    assert flagged is late
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.pack and meeting.pack_full


@pytest.mark.parametrize(("days_after", "late"), [(13, False), (14, False), (15, True)])
def test_draft_minutes_later_than_fourteen_days_are_flagged_late(new_meeting, days_after, late):
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=meeting)
    services.minutes_start(acting_user=new_meeting.clerk, meeting=meeting)
    flagged = services.minutes_circulate(acting_user=new_meeting.clerk, meeting=meeting,
                                         now=at(meeting.date + dt.timedelta(days=days_after)))
    assert flagged is late


def test_quorum_counts_voting_members_and_their_substitutes_against_the_terms(new_meeting, board_lr):
    meeting = new_meeting(dt.date(2020, 6, 12))
    TermsOfReference.objects.filter(board=board_lr, version=2).update(quorum_count=3, quorum_rule="Three voting members")
    seats = list(board_lr.memberships.filter(kind="member", voting=True)[:3])
    officer = Person.objects.get(name="Euan Walters")
    substitute = Person.objects.get(name="Rik Basra")
    entries = [
        {"person": seats[0].person, "status": "present", "membership": seats[0], "capacity": ""},
        {"person": substitute, "status": "substitute", "membership": seats[1], "capacity": ""},
        {"person": seats[2].person, "status": "apologies", "membership": seats[2], "capacity": ""},
        {"person": officer, "status": "officer", "membership": None, "capacity": ""},
    ]
    services.attendance_record(acting_user=new_meeting.clerk, meeting=meeting, entries=entries)
    q = services.quorum(meeting)
    assert (q.present, q.required, q.met) == (2, 3, False)
    entries[2]["status"] = "present"
    services.attendance_record(acting_user=new_meeting.clerk, meeting=meeting, entries=entries)
    assert services.quorum(meeting).met is True
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_without_a_quorum_rule_the_page_says_so(demo):
    from daboard.core.models import Board

    meeting = Meeting.objects.create(board=Board.objects.get(slug="leicester"), title="x", date=dt.date(2020, 1, 10))
    q = services.quorum(meeting)
    assert q.met is None and "no quorum" in q.rule


def test_confirming_minutes_deletes_the_recording_records_it_and_writes_the_wording(new_meeting, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    clerk = new_meeting.clerk
    june = new_meeting(dt.date(2030, 6, 14))
    september = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=june)
    services.agenda_draft(acting_user=clerk, meeting=september)
    recording = services.recording_add(acting_user=clerk, meeting=june,
                                       upload=SimpleUploadedFile("meeting.mp3", b"ID3" + b"\0" * 100))
    path = recording.file.path
    assert (tmp_path / "recordings").exists() and __import__("os").path.exists(path)
    services.minutes_start(acting_user=clerk, meeting=june)
    with pytest.raises(ValidationError, match="circulated"):
        services.minutes_confirm(acting_user=clerk, meeting=june, at_meeting=september)
    services.minutes_circulate(acting_user=clerk, meeting=june)
    with pytest.raises(ValidationError, match="later meeting"):
        services.minutes_confirm(acting_user=clerk, meeting=september, at_meeting=june)
    with pytest.raises(ValidationError, match="only at a meeting that took place"):
        services.minutes_confirm(acting_user=clerk, meeting=june, at_meeting=september)
    Meeting.objects.filter(pk=september.pk).update(status=MeetingStatus.HELD)
    september.refresh_from_db()
    services.minutes_confirm(acting_user=clerk, meeting=june, at_meeting=september)
    june.refresh_from_db()
    assert june.status == MeetingStatus.MINUTES_CONFIRMED and june.minutes_confirmed_by == september
    recording.refresh_from_db()
    assert recording.deleted_at is not None and not recording.file
    assert not __import__("os").path.exists(path)
    assert AuditEntry.objects.filter(action="recording.deleted", object_id=str(june.pk)).exists()
    minute = MinuteItem.objects.get(meeting=september, agenda_item__kind=ItemKind.MINUTES)
    assert minute.considered == ("The minutes of the meeting held on 14 June 2030 were taken as read and "
                                 "confirmed as a correct record.")
    with pytest.raises(ValidationError, match="no longer kept"):
        services.recording_add(acting_user=clerk, meeting=june, upload=SimpleUploadedFile("again.mp3", b"ID3xxxx"))
    assert Recording.objects.filter(meeting=june, deleted_at__isnull=True).count() == 0


def test_the_clerk_is_warned_when_a_member_with_an_interest_is_due_at_closed_commissioning(new_meeting, board_lr):
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_item_save(acting_user=new_meeting.clerk, item=AgendaItem(
        meeting=meeting, title="Award of safe accommodation lots", part=Part.CLOSED,
        closed_reason="Commissioning discussions"))
    conflicts = services.interest_conflicts(meeting)
    names = {interest.person.name for _item, interest in conflicts}
    assert {"Suki Kaur", "Debbie Hughes"} <= names
    Attendance.objects.create(meeting=meeting, person=Person.objects.get(name="Suki Kaur"), status="apologies")
    assert "Suki Kaur" not in {i.person.name for _, i in services.interest_conflicts(meeting)}
    Interest.objects.filter(person__name="Debbie Hughes").update(ended_on=dt.date(2029, 1, 1))
    assert "Debbie Hughes" not in {i.person.name for _, i in services.interest_conflicts(meeting)}


def test_an_action_needs_an_owner_and_a_due_date_and_updates_keep_history(new_meeting, board_lr):
    meeting = new_meeting(dt.date(2030, 6, 14))
    with pytest.raises(ValidationError):
        services.action_create(acting_user=new_meeting.clerk, action=Action(board=board_lr, meeting=meeting, text="x"))
    owner = Person.objects.get(name="Gurjit Samra-Rai")
    action = services.action_create(acting_user=new_meeting.clerk, action=Action(
        board=board_lr, meeting=meeting, text="Circulate the contacts list", owner=owner, due_next_meeting=True))
    later = new_meeting(dt.date(2030, 9, 13))
    assert action.effective_due() == later.date
    services.action_update(acting_user=new_meeting.clerk, action=action, text="Sent on 1 July", status="done")
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at and action.updates.count() == 1


def test_attendance_statistics_count_expected_present_substitutes_apologies_and_absent(board_lr):
    from daboard.board.queries import attendance_statistics

    stats = attendance_statistics(board_lr, dt.date(2022, 1, 1), dt.date(2024, 12, 31))
    rows = {r["seat"].person.name: r for r in stats["members"]}
    assert rows["Mrs D. Taylor CC"]["present"] == 2
    assert rows["Suki Kaur"]["apologies"] == 1 and rows["Suki Kaur"]["present"] == 1
    # First listed on 15 December 2023: not expected at 18 March 2022, before her seat began.
    assert (rows["Wendy Hope"]["expected"], rows["Wendy Hope"]["present"], rows["Wendy Hope"]["absent"]) == (1, 1, 0)
    for r in stats["members"]:
        assert r["expected"] == r["present"] + r["substitute"] + r["apologies"] + r["absent"]


def test_confirmed_minutes_are_the_record_and_nothing_in_them_changes(new_meeting, signed_in):
    from django.urls import reverse

    from daboard.core.models import Person

    clerk = new_meeting.clerk
    june = new_meeting(dt.date(2030, 6, 14))
    september = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=june)
    minute = services.minutes_start(acting_user=clerk, meeting=june)[2]
    services.minute_save(acting_user=clerk, minute=minute, considered="As circulated", points=[], closing_text="",
                         resolutions=["That it be noted"])
    services.minutes_circulate(acting_user=clerk, meeting=june)
    Meeting.objects.filter(pk=september.pk).update(status=MeetingStatus.HELD)
    september.refresh_from_db()
    services.minutes_confirm(acting_user=clerk, meeting=june, at_meeting=september)
    with pytest.raises(ValidationError, match="confirmed as a correct record at the meeting of 13 September 2030"):
        services.minute_save(acting_user=clerk, minute=minute, considered="Changed", points=[], closing_text="",
                             resolutions=[])
    with pytest.raises(ValidationError, match="can no longer change"):
        services.declaration_record(acting_user=clerk, meeting=june, person=Person.objects.first(), text="Late")
    client = signed_in(clerk)
    url = reverse("board:minute-edit", args=[minute.pk])
    page = client.get(url, follow=True).content.decode()
    assert "can no longer change" in page
    client.post(url, {"save": "1", "considered": "changed after confirmation"})
    minute.refresh_from_db()
    assert minute.considered == "As circulated" and [r.text for r in minute.resolutions.all()] == ["That it be noted"]
    # The attendance is part of the record too: no button, no form, and the service refuses.
    with time_machine.travel(dt.datetime(2030, 10, 1, 10, tzinfo=dt.UTC)):
        assert reverse("board:attendance", args=[june.pk]) not in client.get(
            reverse("board:meeting-detail", args=[june.pk])).content.decode()
        assert "can no longer change" in client.post(reverse("board:attendance", args=[june.pk]), {},
                                                     follow=True).content.decode()
        with pytest.raises(ValidationError, match="can no longer change"):
            services.attendance_record(acting_user=clerk, meeting=june, entries=[])


@pytest.mark.parametrize(("year", "mistake"), [("1900", "due"), ("2100", "due"), (None, "points")])
def test_an_action_due_outside_the_century_or_a_minute_beyond_reason_is_refused(new_meeting, signed_in, year, mistake):
    from django.urls import reverse

    from daboard.core.models import Person

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    minute = services.minutes_start(acting_user=clerk, meeting=meeting)[2]
    client = signed_in(clerk)
    url = reverse("board:minute-edit", args=[minute.pk])
    if mistake == "due":
        page = client.post(url, {"considered": "", "add_action": "1", "action-text": "Report back",
                                 "action-owner": Person.objects.filter(board_seats__board=meeting.board).first().pk,
                                 "action-due_date_0": "1", "action-due_date_1": "2",
                                 "action-due_date_2": year}).content.decode()
        assert "Enter a date between 2000 and 2099" in page and not minute.actions.exists()
    else:
        page = client.post(url, {"save": "1", "points": "x" * 20_001}).content.decode()
        assert "Points noted must be 20,000 characters or fewer" in page
        assert not minute.points.exists()


def test_a_minutes_text_refused_is_kept_whichever_button_was_pressed(new_meeting, signed_in):
    from django.urls import reverse

    from daboard.core.models import Person

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    minute = services.minutes_start(acting_user=clerk, meeting=meeting)[2]
    page = signed_in(clerk).post(reverse("board:minute-edit", args=[minute.pk]), {
        "considered": "x" * 20_001, "add_action": "1", "action-text": "Report back", "action-due_next_meeting": "on",
        "action-owner": Person.objects.filter(board_seats__board=meeting.board).first().pk}).content.decode()
    assert "must be 20,000 characters or fewer" in page and not minute.actions.exists()


def test_an_action_is_due_on_a_date_or_at_the_next_meeting_not_both(new_meeting):
    from daboard.board.models import Action

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    owner = meeting.board.memberships.exclude(organisation=None).first().organisation
    with pytest.raises(ValidationError, match="not both"):
        services.action_create(acting_user=clerk, action=Action(
            board=meeting.board, meeting=meeting, text="Report back", owner_organisation=owner,
            due_date=dt.date(2030, 9, 1), due_next_meeting=True))
    assert not Action.objects.filter(meeting=meeting).exists()
