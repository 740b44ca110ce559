"""The seed meetings load as the papers record them."""

import datetime as dt

import pytest

from daboard.board.models import Meeting, MinuteItem, TermsOfReference

pytestmark = pytest.mark.django_db


def test_december_2023_has_minutes_15_to_20_with_the_three_resolutions_of_minute_17(board_lr):
    meeting = Meeting.objects.get(board=board_lr, date=dt.date(2023, 12, 15))
    assert list(meeting.minute_items.values_list("number", flat=True)) == [15, 16, 17, 18, 19, 20]
    m17 = meeting.minute_items.get(number=17)
    assert m17.agenda_item.number == 3  # "marked 'Agenda Item 3'"
    resolutions = [r.text for r in m17.resolutions.all()]
    assert resolutions[1] == ("SafeLives be authorised to undertake the review of the Needs Assessment as outlined in "
                              "paragraph 7 of the report;")
    assert [p.numeral for p in m17.points.all()] == ["i", "ii", "iii", "vi"]
    att = meeting.attendance
    assert att.filter(status="present").count() == 16
    assert att.filter(status="officer").count() == 10
    assert att.filter(status="apologies").count() == 5
    assert meeting.chair.name == "Mrs D. Taylor CC" and meeting.end_time == dt.time(9, 40)


def test_march_2022_approved_the_terms_of_reference_subject_to_fire_and_rescue(board_lr):
    meeting = Meeting.objects.get(board=board_lr, date=dt.date(2022, 3, 18))
    assert meeting.minute_items.count() == 8 and meeting.attendance.count() == 36
    terms = TermsOfReference.objects.get(board=board_lr, version=1)
    assert terms.approved_at == meeting and "Fire and Rescue" in terms.amendments
    m6 = MinuteItem.objects.get(meeting=meeting, number=6)
    assert [r.text for r in m6.resolutions.all()] == ["That the contents of the report be noted;",
                                                       "That the Domestic Abuse Act Funding Plan 2021/22 be approved."]


def test_the_june_agendas_keep_their_printed_page_ranges(board_lr):
    june_2022 = Meeting.objects.get(board=board_lr, date=dt.date(2022, 6, 17))
    assert june_2022.items.get(number=4).printed_pages == "3 - 8"
    june_2024 = Meeting.objects.get(board=board_lr, date=dt.date(2024, 6, 28))
    assert [i.printed_pages for i in june_2024.items.filter(number__in=[4, 5, 6])] == ["3 - 6", "7 - 16", "17 - 22"]
    assert june_2024.contact.name == "Euan Walters" and june_2024.contact_phone == "0116 3056016"


def test_the_future_dates_the_papers_list_are_scheduled(board_lr):
    dates = set(Meeting.objects.filter(board=board_lr).values_list("date", flat=True))
    for d in ("2023-03-17", "2023-06-30", "2023-09-29", "2024-03-22", "2024-09-27", "2024-12-13", "2025-03-28",
              "2025-06-20", "2025-09-25", "2025-11-21"):
        assert dt.date.fromisoformat(d) in dates


def test_the_leicester_terms_of_reference_load_in_full(demo):
    terms = TermsOfReference.objects.get(board__slug="leicester")
    assert terms.papers_deadline_days == 7 and terms.draft_minutes_deadline_days == 14
    assert terms.minutes_retention_years == 7 and terms.delete_recordings_on_confirmation
    assert terms.standing_items.count() == 8
    numbers = list(terms.sections.values_list("number", flat=True))
    assert numbers[0] == "1" and "4.1.10" in numbers and "7.3" in numbers and numbers[-1] == "8.1"
    assert "commissioning discussions" in terms.closed_business_rule


def test_the_leicestershire_and_rutland_terms_hold_only_what_its_own_papers_say(board_lr, make_user, signed_in):
    """Leicester's 7-day papers, 14-day minutes, 7-year retention and recordings rule (004)
    are not the Leicestershire and Rutland board's: its papers state none of them."""
    for terms in TermsOfReference.objects.filter(board=board_lr):
        assert terms.papers_deadline_days is None and terms.draft_minutes_deadline_days is None
        assert terms.minutes_retention_years is None and terms.delete_recordings_on_confirmation is None
        assert terms.min_meetings_per_year is None and terms.meeting_frequency == "" and terms.quorum_rule == ""
        assert terms.closed_business_rule == "" and not terms.standing_items.exists()
    june_2024 = Meeting.objects.get(board=board_lr, date=dt.date(2024, 6, 28))
    assert june_2024.papers_due == june_2024.date and june_2024.minutes_due is None
    assert june_2024.minutes_kept_until is None
    client = signed_in(make_user("secretariat", board="leicestershire-and-rutland"))
    page = client.get(f"/boards/{board_lr.slug}/terms-of-reference/").content.decode()
    assert "No deadline in the terms of reference" in page and "7 days" not in page
    assert "The terms of reference say nothing about recordings" in page


def test_no_seed_meeting_has_a_publication_or_circulation_date_the_papers_do_not_give(board_lr):
    for meeting in Meeting.objects.filter(board=board_lr):
        assert meeting.agenda_published_at is None and meeting.minutes_circulated_at is None
        if meeting.minutes_confirmed_at:  # the date of the later meeting that confirmed them
            assert meeting.minutes_confirmed_at.date() == meeting.minutes_confirmed_by.date


def test_a_published_seed_agenda_is_never_shown_as_not_published(board_lr, make_user, signed_in):
    from django.urls import reverse

    client = signed_in(make_user("secretariat", board="leicestershire-and-rutland"))
    for meeting in Meeting.objects.filter(board=board_lr):
        page = client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode()
        if meeting.reached("agenda_published"):
            assert meeting.agenda_published and "Not published" not in page
            assert "Published by the council; the pack is not held in daboard" in page
        else:
            assert not meeting.agenda_published


def test_attendance_statistics_expect_a_member_only_at_meetings_during_their_seat(board_lr):
    """Found by a new user: members first listed in December 2023 were counted absent at
    the meeting of 18 March 2022, before they were on the board."""
    from daboard.board.queries import attendance_statistics

    stats = attendance_statistics(board_lr, None, None)
    assert [m.date for m in stats["meetings"]] == [dt.date(2022, 3, 18), dt.date(2023, 12, 15)]
    rows = {r["seat"].person.name: r for r in stats["members"]}
    wise = rows["Cllr. C. Wise"]  # Rutland: first listed 15 December 2023
    assert (wise["expected"], wise["present"], wise["absent"]) == (1, 1, 0)
    assert rows["Cllr. C. Wise"]["seat"].start_date == dt.date(2023, 12, 15)
    taylor = rows["Mrs D. Taylor CC"]  # at the board's first meeting and in the chair in December 2023
    assert (taylor["expected"], taylor["present"], taylor["absent"]) == (2, 2, 0)
    cooke = rows["Sharon Cooke"]  # apologies both times
    assert (cooke["expected"], cooke["apologies"], cooke["absent"]) == (2, 2, 0)
    assert sum(r["absent"] for r in stats["members"]) == 0  # every member is on both lists they were due at
