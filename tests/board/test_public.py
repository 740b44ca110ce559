"""The public site of a board: anyone may read it without signing in; closed business,
draft minutes and withdrawn papers never appear on it, in any page, feed or file."""

import datetime as dt

import pytest
from django.urls import reverse

from daboard.board import services
from daboard.board.models import AgendaItem, Meeting, MinuteItem
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db
LR = "leicestershire-and-rutland"
SECRET = ["Award of the safe accommodation lots", "Tender scores", "Panahghar"]


@pytest.fixture
def site(new_meeting, upload, pdf_bytes):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14), location="Microsoft Teams")
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    report = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Safe accommodation"))
    closed = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Award of the safe accommodation lots", part="closed",
        closed_reason="Commissioning discussions (Panahghar bid)"))
    open_paper = services.paper_add(acting_user=clerk, item=report, title="Performance report",
                                    upload=upload("a.pdf", pdf_bytes(2)))
    closed_paper = services.paper_add(acting_user=clerk, item=closed, title="Tender scores",
                                      upload=upload("b.pdf", pdf_bytes(1)))
    publish_pack(acting_user=clerk, meeting=meeting)
    cancelled = new_meeting(dt.date(2030, 9, 13))
    services.meeting_cancel(acting_user=clerk, meeting=cancelled, reason="Not enough business to meet")
    return meeting, open_paper, closed_paper, cancelled


def every_public_page(client, meeting, cancelled):
    urls = [reverse("board:public-board", args=[LR]), reverse("board:public-meeting", args=[LR, meeting.pk]),
            reverse("board:public-meeting", args=[LR, cancelled.pk]), reverse("board:public-forward-plan", args=[LR]),
            reverse("board:public-rss", args=[LR]), reverse("board:public-calendar", args=[LR])]
    for confirmed in Meeting.objects.filter(board__slug=LR, status="minutes_confirmed"):
        urls.append(reverse("board:public-minutes", args=[LR, confirmed.pk]))
    return {url: client.get(url) for url in urls}


def test_anyone_reads_the_public_site_without_signing_in_and_never_meets_closed_business(client, site):
    meeting, open_paper, closed_paper, cancelled = site
    pages = every_public_page(client, meeting, cancelled)
    for url, response in pages.items():
        assert response.status_code == 200, url
        text = response.content.decode()
        for secret in SECRET:
            assert secret not in text, f"{secret!r} on {url}"
    home = pages[reverse("board:public-board", args=[LR])].content.decode()
    assert "15 December 2023" in home or "Friday 15 December 2023" in home
    detail = pages[reverse("board:public-meeting", args=[LR, meeting.pk])].content.decode()
    assert "Safe accommodation" in detail and "Performance report" in detail
    off = pages[reverse("board:public-meeting", args=[LR, cancelled.pk])].content.decode()
    assert "Not enough business to meet" in off


def test_closed_papers_the_closed_pack_and_draft_minutes_are_not_found(client, site):
    meeting, open_paper, closed_paper, cancelled = site
    assert client.get(reverse("board:public-paper", args=[LR, open_paper.pk])).status_code == 200
    assert client.get(reverse("board:public-paper", args=[LR, closed_paper.pk])).status_code == 404
    pack = client.get(reverse("board:public-pack", args=[LR, meeting.pk]))
    data = b"".join(pack.streaming_content)
    from tests.board.test_clerk_year import pdf_text

    text = pdf_text(data)
    assert "Safe accommodation" in text and not any(s in text for s in SECRET)
    draft = Meeting.objects.get(board__slug=LR, date=dt.date(2022, 12, 9))  # held, minutes not confirmed
    assert client.get(reverse("board:public-minutes", args=[LR, draft.pk])).status_code == 404


def test_confirmed_minutes_show_the_open_part_only(client, board_lr):
    confirmed = Meeting.objects.filter(board=board_lr, status="minutes_confirmed",
                                       minute_items__part="closed").first()
    if confirmed is None:
        # The seeds' minutes are circulated, not confirmed: confirm one for the public site.
        confirmed = Meeting.objects.filter(board=board_lr, minute_items__isnull=False).distinct().order_by("-date").first()
        Meeting.objects.filter(pk=confirmed.pk).update(status="minutes_confirmed")
        minute = confirmed.minute_items.order_by("number").last()
        MinuteItem.objects.filter(pk=minute.pk).update(part="closed", title="Closed minute Panahghar")
    text = client.get(reverse("board:public-minutes", args=[LR, confirmed.pk])).content.decode()
    for minute in confirmed.minute_items.filter(part="closed"):
        assert minute.title not in text
    assert "Minutes of a meeting of the" in text


def test_the_feeds_parse_and_a_cancelled_meeting_is_cancelled_in_calendars(client, site):
    from defusedxml import ElementTree
    from icalendar import Calendar

    meeting, _open, _closed, cancelled = site
    rss = client.get(reverse("board:public-rss", args=[LR]))
    assert rss["Content-Type"].startswith("application/rss+xml")
    titles = [t.text for t in ElementTree.fromstring(rss.content).iter("title")]
    assert any("13 September 2030 (cancelled)" in t for t in titles)
    cal = Calendar.from_ical(client.get(reverse("board:public-calendar", args=[LR])).content)
    events = {e.decoded("dtstart").date(): e for e in cal.walk("VEVENT")}
    assert str(events[dt.date(2030, 9, 13)]["status"]) == "CANCELLED"
    assert str(events[dt.date(2030, 6, 14)]["status"]) == "CONFIRMED"
