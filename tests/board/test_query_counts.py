"""The board's pages ask the database the same number of questions with N records as with
2N: each page is read once with a meeting of N items (each with a paper, a minute with its
points and resolutions, a declaration, an action and a promised report) and again after as
many again are added. An N+1 (a query per item, per paper, per action) fails here."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from daboard.board import services
from daboard.board.models import (
    Action,
    AgendaItem,
    Declaration,
    ForwardItem,
    Interest,
    MinuteItem,
    MinutePoint,
    Paper,
    Resolution,
)
from daboard.core.models import Person
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db
LR = "leicestershire-and-rutland"


def _queries(client, url) -> int:
    client.get(url)  # warm: the session and the caches of the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _add_business(meeting, later, n: int, tag: str, pdf: bytes):
    """n open items on the meeting, each with a paper, a minute with two points and two
    resolutions, a declaration, an action and a report promised to the later meeting, and
    n registered interests: written straight to the database, as they would stand once the
    meeting has taken place (when the services no longer take papers)."""
    person = Person.objects.filter(board_seats__board=meeting.board).first()
    owner = meeting.board.memberships.exclude(organisation=None).first().organisation
    top = meeting.items.count()
    for i in range(n):
        item = AgendaItem.objects.create(meeting=meeting, number=top + i + 1, title=f"{tag} report {i}")
        paper = Paper(item=item, title=f"{tag} paper {i}", original_name=f"{tag}{i}.pdf", content_type="application/pdf",
                      size=len(pdf), sha256="0" * 64, pages=1)
        paper.file.save(f"{tag}{i}.pdf", ContentFile(pdf), save=False)
        paper.save()
        minute = MinuteItem.objects.create(meeting=meeting, agenda_item=item, number=900 + top + i, title=item.title,
                                           considered=f"{tag} considered {i}")
        MinutePoint.objects.bulk_create([MinutePoint(minute=minute, order=k, text=f"Point {k}") for k in (1, 2)])
        Resolution.objects.bulk_create([Resolution(minute=minute, order=k, text=f"That {k}") for k in (1, 2)])
        Declaration.objects.create(meeting=meeting, agenda_item=item, person=person, text=f"{tag} interest {i}")
        Action.objects.create(board=meeting.board, meeting=meeting, minute=minute, text=f"{tag} action {i}",
                              owner_organisation=owner, due_date=dt.date(2030, 9, 1))
        ForwardItem.objects.create(board=meeting.board, title=f"{tag} promised {i}", source_minute=minute,
                                   target_meeting=later)
        Interest.objects.create(board=meeting.board, person=person, description=f"{tag} trustee {i}",
                                registered_on=dt.date(2030, 1, 1))


PAGES = {
    "meeting": lambda m: reverse("board:meeting-detail", args=[m.pk]),
    "minutes": lambda m: reverse("board:minutes", args=[m.pk]),
    "actions": lambda m: reverse("board:action-list", args=[LR]),
    "forward plan": lambda m: reverse("board:forward-plan", args=[LR]),
    "interests": lambda m: reverse("board:interests", args=[LR]),
    "meetings": lambda m: reverse("board:meeting-list", args=[LR]),
}


@pytest.mark.parametrize("reader", ["secretariat", "board_member"])
def test_the_board_pages_ask_as_many_questions_with_twice_the_business(new_meeting, make_user, signed_in, pdf_bytes,
                                                                      reader):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    later = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    publish_pack(acting_user=clerk, meeting=meeting)
    services.minutes_start(acting_user=clerk, meeting=meeting)
    pdf = pdf_bytes(1)
    _add_business(meeting, later, 2, "a", pdf)
    services.minutes_circulate(acting_user=clerk, meeting=meeting)
    user = clerk if reader == "secretariat" else make_user("board_member", board=LR)
    client = signed_in(user)
    at_n = {page: _queries(client, url(meeting)) for page, url in PAGES.items()}
    _add_business(meeting, later, 2, "b", pdf)
    at_2n = {page: _queries(client, url(meeting)) for page, url in PAGES.items()}
    grew = {page: (at_n[page], at_2n[page]) for page in PAGES if at_2n[page] != at_n[page]}
    assert not grew, f"as {reader}, queries with N and 2N records: {grew}"
