"""Calendar feed links: one per user, revocable, rotated on demand; the board feed holds
dates, times and places, never an online join link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import signing
from django.urls import reverse

from daboard.core import tokens
from daboard.core.models import AuditEntry, RoleAssignment

pytestmark = pytest.mark.django_db
LR = "leicestershire-and-rutland"


def board_feed(user) -> str:
    return reverse("board:board-feed", args=[LR, tokens.feed_token(user, f"board:{LR}")])


def test_the_old_shared_board_feed_link_no_longer_opens_the_feed(demo, client):
    shared = signing.dumps(LR, salt="board-feed")
    assert client.get(reverse("board:board-feed", args=[LR, shared])).status_code == 404


def test_the_board_feed_carries_no_join_link(new_meeting, make_user, client):
    new_meeting(dt.date(2030, 6, 14), online_link="https://teams.example.invalid/join/secret-room")
    member = make_user("board_member", board=LR)
    body = client.get(board_feed(member)).content.decode()
    assert "BEGIN:VCALENDAR" in body and "DTSTART" in body
    assert "secret-room" not in body and "Join online" not in body


def test_each_user_has_their_own_link_and_new_links_kill_the_old_ones(demo, make_user, signed_in, client):
    member = make_user("board_member", board=LR)
    other = make_user("board_member", board=LR)
    mine, theirs = board_feed(member), board_feed(other)
    assert mine != theirs
    own_feed = reverse("strategy:user-feed", args=[tokens.feed_token(member, "user")])
    assert client.get(mine).status_code == 200 and client.get(own_feed).status_code == 200
    signed_in(member).post(reverse("core:feed-links"))
    assert client.get(mine).status_code == 404 and client.get(own_feed).status_code == 404
    assert client.get(theirs).status_code == 200
    member.refresh_from_db()
    assert client.get(board_feed(member)).status_code == 200
    assert AuditEntry.objects.filter(action="feeds.rotated", object_id=str(member.pk)).exists()


def test_switched_off_links_stop_and_are_not_offered(demo, make_user, signed_in, client):
    member = make_user("board_member", board=LR)
    link = board_feed(member)
    browser = signed_in(member)
    browser.post(reverse("core:feed-links"), {"off": "1"})
    assert client.get(link).status_code == 404
    assert "Your calendar links are switched off" in browser.get(reverse("board:meeting-list", args=[LR])).content.decode()
    assert "Your calendar links are switched off" in browser.get(reverse("core:home")).content.decode()


def test_a_feed_link_stops_when_its_holder_no_longer_sees_the_board(demo, make_user, client):
    member = make_user("board_member", board=LR)
    link = board_feed(member)
    assert client.get(link).status_code == 200
    RoleAssignment.objects.filter(user=member).update(ends_on=dt.date(2026, 11, 1))
    assert client.get(link).status_code == 404


def test_a_feed_link_for_one_board_does_not_open_another(demo, make_user, client):
    member = make_user("board_member", board=LR)
    token = tokens.feed_token(member, f"board:{LR}")
    from daboard.core.models import Board

    other = Board.objects.exclude(slug=LR).first()
    assert client.get(reverse("board:board-feed", args=[other.slug, token])).status_code == 404
