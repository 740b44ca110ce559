"""Closed business never reaches providers or partner members; the clerk's pages are the clerk's."""

import datetime as dt

import pytest
from django.urls import reverse

from daboard.board import services
from daboard.board.models import AgendaItem, Part
from daboard.core import clock
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db
LR = "leicestershire-and-rutland"


@pytest.fixture
def meeting_with_closed_item(new_meeting, upload, pdf_bytes):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    open_item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Open performance report"))
    closed = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Award of the safe accommodation lots", part=Part.CLOSED,
        closed_reason="Commissioning discussions", exemption_paragraph="3"))
    open_paper = services.paper_add(acting_user=clerk, item=open_item, title="Open paper", upload=upload("a.pdf", pdf_bytes(2)))
    closed_paper = services.paper_add(acting_user=clerk, item=closed, title="Tender evaluation scores",
                                      upload=upload("b.pdf", pdf_bytes(3)))
    publish_pack(acting_user=clerk, meeting=meeting)
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = closed.minute
    services.minute_save(acting_user=clerk, minute=minute, considered="Bids were scored.", points=[],
                         closing_text="", resolutions=["That lot 1 be awarded to Panahghar."])
    services.minutes_circulate(acting_user=clerk, meeting=meeting)
    return meeting, closed, closed_paper, open_paper


def test_a_provider_member_never_sees_the_closed_item_its_paper_or_its_minute(meeting_with_closed_item, make_user, signed_in):
    meeting, closed, closed_paper, open_paper = meeting_with_closed_item
    client = signed_in(make_user("provider", organisation="freeva"))  # Freeva sits on the board
    page = client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode()
    assert "Open performance report" in page and "Award of the safe accommodation lots" not in page
    assert client.get(reverse("board:paper", args=[open_paper.pk])).status_code == 200
    assert client.get(reverse("board:paper", args=[closed_paper.pk])).status_code == 404
    assert client.get(reverse("board:pack-full", args=[meeting.pk])).status_code == 404
    minutes = client.get(reverse("board:minutes", args=[meeting.pk])).content.decode()
    assert "lot 1 be awarded" not in minutes and "Bids were scored" not in minutes
    for fmt in ("minutes-pdf", "minutes-docx"):
        assert b"Panahghar" not in client.get(reverse(f"board:{fmt}", args=[meeting.pk])).content
    search = client.get(reverse("board:search", args=[LR]), {"q": "Panahghar"}).content.decode()
    assert "lot 1 be awarded" not in search and "0 results" in search


def test_the_open_pack_leaves_out_the_closed_part_and_the_full_pack_has_it(meeting_with_closed_item, make_user, signed_in):
    import io

    from pypdf import PdfReader

    meeting, *_ = meeting_with_closed_item
    meeting.refresh_from_db()
    with meeting.pack.open("rb") as fh:
        open_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    with meeting.pack_full.open("rb") as fh:
        full_text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(fh.read())).pages)
    assert "Award of the safe accommodation lots" not in open_text
    assert "Award of the safe accommodation lots" in full_text and "paragraph 3" in full_text
    client = signed_in(make_user("commissioner", council="E10000018"))
    assert client.get(reverse("board:pack-full", args=[meeting.pk])).status_code == 200


def test_a_board_member_cannot_use_the_clerks_pages(meeting_with_closed_item, make_user, signed_in):
    meeting, closed, *_ = meeting_with_closed_item
    client = signed_in(make_user("board_member", board=LR))
    for url in (reverse("board:meeting-schedule", args=[LR]), reverse("board:item-add", args=[meeting.pk]),
                reverse("board:attendance", args=[meeting.pk]), reverse("board:item-edit", args=[closed.pk]),
                reverse("board:retention", args=[LR])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("board:publish-pack", args=[meeting.pk])).status_code == 404


def test_another_councils_board_business_is_a_404(meeting_with_closed_item, make_user, signed_in):
    meeting, *_ = meeting_with_closed_item
    client = signed_in(make_user("commissioner", council="E06000016"))
    assert client.get(reverse("board:meeting-detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("board:meeting-list", args=[LR])).status_code == 404


def test_draft_minutes_are_not_shown_to_members_before_they_are_circulated(new_meeting, make_user, signed_in):
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=meeting)
    services.minutes_start(acting_user=new_meeting.clerk, meeting=meeting)
    client = signed_in(make_user("board_member", board=LR))
    assert client.get(reverse("board:minutes", args=[meeting.pk])).status_code == 404


def test_an_action_owner_can_update_their_action_but_not_someone_elses(demo, make_user, signed_in):
    from daboard.board.models import Action
    from daboard.core.models import Person

    mine = Action.objects.get(owner__name="Paul Snape")
    other = Action.objects.filter(owner__name="Lillie Green").first()
    user = make_user("board_member", board=LR)
    user.person = Person.objects.get(name="Paul Snape")
    user.save()
    client = signed_in(user)
    response = client.post(reverse("board:action-detail", args=[mine.pk]), {"text": "Met the Family Hubs lead", "status": "done"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "done"
    assert client.post(reverse("board:action-detail", args=[other.pk]), {"text": "x", "status": "done"}).status_code == 404


def test_the_owners_home_page_highlights_their_overdue_action(demo, make_user, signed_in):
    from daboard.core.models import Person

    user = make_user("board_member", board=LR)
    user.person = Person.objects.get(name="Paul Snape")
    user.save()
    page = signed_in(user).get(reverse("core:home")).content.decode()
    assert "Look into the LGBT Centre linking in with Family Hubs" in page
    assert "Overdue" in page


def test_the_clerks_home_page_flags_a_late_pack_and_overdue_minutes(new_meeting, make_user, signed_in):

    today = clock.today()
    soon = new_meeting(today + dt.timedelta(days=3))
    services.agenda_draft(acting_user=new_meeting.clerk, meeting=soon)
    publish_pack(acting_user=new_meeting.clerk, meeting=soon)
    past = new_meeting(today - dt.timedelta(days=20))
    from daboard.board.models import Meeting

    Meeting.objects.filter(pk=past.pk).update(status="held")
    page = signed_in(new_meeting.clerk).get(reverse("core:home")).content.decode()
    assert "Agenda packs published late" in page and "Pack late" in page
    assert f"Circulate the draft minutes of Leicestershire and Rutland DALPB, {past.date:%-d %B}" in page
    assert "Minutes deadline" in page and "Overdue" in page
    assert "In the next 30 days" in page and "Board meeting" in page


def test_minutes_not_yet_circulated_are_the_clerks_alone_in_pages_links_and_search(new_meeting, make_user, signed_in):
    """Before the draft minutes go out a member meets no link to them (the meeting page, an
    action decided there) and search finds none of their words; once circulated, all three."""
    from daboard.board.models import Action, MinuteItem

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Refuge capacity"))
    publish_pack(acting_user=clerk, meeting=meeting)
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = MinuteItem.objects.get(agenda_item=item)
    services.minute_save(acting_user=clerk, minute=minute, considered="Zanzibarine beds were counted.", points=[],
                         closing_text="", resolutions=[])
    action = services.action_create(acting_user=clerk, action=Action(
        board=meeting.board, meeting=meeting, minute=minute, text="Count the beds again", due_date=dt.date(2030, 9, 1),
        owner_organisation=meeting.board.memberships.first().organisation))
    minutes_url = reverse("board:minutes", args=[meeting.pk])
    client = signed_in(make_user("board_member", board=LR))

    def member_sees() -> list[bool]:
        return [minutes_url in client.get(reverse("board:meeting-detail", args=[meeting.pk])).content.decode(),
                minutes_url in client.get(reverse("board:action-detail", args=[action.pk])).content.decode(),
                "beds were counted" in client.get(reverse("board:search", args=[LR]), {"q": "Zanzibarine"}).content.decode(),
                client.get(minutes_url).status_code == 200]

    assert member_sees() == [False, False, False, False]
    services.minutes_circulate(acting_user=clerk, meeting=meeting)
    assert member_sees() == [True, True, True, True]
