""""Closed" is inherited by everything born in closed business, moves with the item's part,
and papers reach members and providers only once their agenda is published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from daboard.board import services
from daboard.board.models import (
    Action,
    AgendaItem,
    Business,
    Declaration,
    ForwardItem,
    MinuteItem,
    Part,
)
from tests.publishing import publish_pack

pytestmark = pytest.mark.django_db
LR = "leicestershire-and-rutland"


@pytest.fixture
def closed_business(new_meeting, make_user):
    """A meeting whose closed item decided an action and promised a report to the next."""
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    later = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    closed = services.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title="Award of the safe accommodation lots", part=Part.CLOSED,
        closed_reason="Commissioning discussions", exemption_paragraph="3"))
    publish_pack(acting_user=clerk, meeting=meeting)
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = MinuteItem.objects.get(agenda_item=closed)
    services.minute_save(acting_user=clerk, minute=minute, considered="Bids were scored.", points=[],
                         closing_text="", resolutions=["That lot 2 be re-tendered."])
    owner = make_user("board_member", board=LR, username="owner")
    action = services.action_create(acting_user=clerk, action=Action(
        board=meeting.board, meeting=meeting, minute=minute, text="Renegotiate the price of lot 2 with the bidder",
        owner_organisation=minute.meeting.board.memberships.first().organisation, due_date=dt.date(2026, 12, 10)))
    forward = services.forward_item_promise(acting_user=clerk, board=meeting.board,
                                            title="Mobilisation risks of the lot 2 bidder",
                                            source_minute=minute, target_meeting=later)
    services.minutes_circulate(acting_user=clerk, meeting=meeting)
    services.agenda_draft(acting_user=clerk, meeting=later)
    return {"meeting": meeting, "later": later, "minute": minute, "action": action, "forward": forward,
            "clerk": clerk, "owner": owner}


SECRETS = ("Renegotiate the price of lot 2", "Mobilisation risks of the lot 2 bidder", "lot 2 be re-tendered")


def pages_of(b) -> list[str]:
    return [reverse("board:action-list", args=[LR]), reverse("board:forward-plan", args=[LR]),
            reverse("board:meeting-detail", args=[b["meeting"].pk]), reverse("board:meeting-detail", args=[b["later"].pk]),
            reverse("board:minutes", args=[b["meeting"].pk]), reverse("board:search", args=[LR]) + "?q=lot+2",
            reverse("core:home")]


@pytest.mark.parametrize("role", ["board_member", "provider"])
def test_actions_and_forward_items_born_in_closed_session_never_reach_members_or_providers(
        closed_business, make_user, signed_in, role):
    b = closed_business
    user = make_user(role, board=LR) if role == "board_member" else make_user(role, organisation="freeva")
    client = signed_in(user)
    for url in pages_of(b):
        page = client.get(url).content.decode()
        for secret in SECRETS:
            assert secret not in page, f"{secret!r} leaks on {url} to a {role}"
    assert client.get(reverse("board:action-detail", args=[b["action"].pk])).status_code == 404


def test_the_clerk_and_officers_see_closed_business_and_its_action(closed_business, make_user, signed_in):
    client = signed_in(make_user("commissioner", council="E10000018"))
    assert "Renegotiate the price of lot 2" in client.get(reverse("board:action-list", args=[LR])).content.decode()
    assert "Mobilisation risks" in client.get(reverse("board:forward-plan", args=[LR])).content.decode()


def test_a_report_promised_in_closed_session_goes_on_the_next_agenda_closed_and_out_of_the_open_pack(closed_business):
    from daboard.board.documents import pack_items

    b = closed_business
    item = AgendaItem.objects.get(meeting=b["later"], forward_item=b["forward"])
    assert item.part == Part.CLOSED and item.closed_reason == "Commissioning discussions"
    assert item.exemption_paragraph == "3"
    assert item.pk not in {p.item.pk for p in pack_items(b["later"], include_closed=False)}
    assert item.pk in {p.item.pk for p in pack_items(b["later"], include_closed=True)}


def test_a_closed_action_is_on_the_clerks_calendar_not_on_its_owners_or_a_members(closed_business, make_user):
    from daboard.strategy.calendar import board_items, user_items

    b = closed_business
    today = dt.date(2026, 11, 29)
    [item] = [i for i in board_items(b["meeting"].board, today, today + dt.timedelta(days=30))
              if i.key == f"action:{b['action'].pk}"]
    member = make_user("board_member", board=LR)
    assert f"board:{b['meeting'].board_id}" not in item.audience
    assert not [i for i in user_items(member, today) if i.key == item.key]
    assert [i for i in user_items(b["clerk"], today) if i.key == item.key]


def test_an_item_switched_to_closed_takes_its_minute_resolutions_actions_and_search_entries_with_it(
        new_meeting, make_user, signed_in):
    from daboard.board.queries import search

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Refuge staffing"))
    publish_pack(acting_user=clerk, meeting=meeting)
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = MinuteItem.objects.get(agenda_item=item)
    services.minute_save(acting_user=clerk, minute=minute, considered="The quokka refuge vacancy was discussed.",
                         points=[], closing_text="", resolutions=["That the refuge vacancy be filled."])
    services.minutes_circulate(acting_user=clerk, meeting=meeting)
    action = services.action_create(acting_user=clerk, action=Action(
        board=meeting.board, meeting=meeting, minute=minute, text="Advertise the refuge post",
        owner_organisation=meeting.board.memberships.first().organisation, due_date=dt.date(2030, 7, 1)))
    member = make_user("board_member", board=LR)
    assert search(member, meeting.board, "quokka")
    item.part, item.closed_reason = Part.CLOSED, "Information about an individual"
    services.agenda_item_save(acting_user=clerk, item=item)
    minute.refresh_from_db()
    assert minute.part == Part.CLOSED
    assert search(member, meeting.board, "quokka") == []
    assert search(clerk, meeting.board, "quokka")
    client = signed_in(member)
    assert "quokka" not in client.get(reverse("board:minutes", args=[meeting.pk])).content.decode().lower()
    assert client.get(reverse("board:action-detail", args=[action.pk])).status_code == 404
    assert not ForwardItem.objects.filter(source_minute=minute).open_part().exists()


def test_papers_of_an_unpublished_agenda_are_for_the_clerk_and_officers_only(new_meeting, make_user, signed_in, upload,
                                                                              pdf_bytes):
    from daboard.board.queries import search

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Performance"))
    paper = services.paper_add(acting_user=clerk, item=item, title="Draft performance figures",
                               upload=upload("p.pdf", pdf_bytes(1)))
    url = reverse("board:paper", args=[paper.pk])
    for user in (make_user("board_member", board=LR), make_user("provider", organisation="freeva")):
        client = signed_in(user)
        assert client.get(url).status_code == 404
        assert "Draft performance figures" not in client.get(
            reverse("board:meeting-detail", args=[meeting.pk])).content.decode()
        assert not [e for e in search(user, meeting.board, "performance figures") if e.kind == "paper"]
        client.post(reverse("core:sign-out"))
    assert signed_in(make_user("commissioner", council="E10000018")).get(url).status_code == 200
    publish_pack(acting_user=clerk, meeting=meeting)
    assert signed_in(make_user("board_member", board=LR)).get(url).status_code == 200


def test_a_withdrawn_or_replaced_paper_is_history_for_the_clerk_and_officers_not_members(
        new_meeting, make_user, signed_in, upload, pdf_bytes):
    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Performance"))
    sent_in_error = services.paper_add(acting_user=clerk, item=item, title="Wrong quarter's figures",
                                       upload=upload("w.pdf", pdf_bytes(1)))
    services.paper_remove(acting_user=clerk, paper=sent_in_error, reason="Sent in error")
    first = services.paper_add(acting_user=clerk, item=item, title="Figures", upload=upload("f.pdf", pdf_bytes(1)))
    publish_pack(acting_user=clerk, meeting=meeting)
    second = services.paper_replace(acting_user=clerk, paper=first, title="Figures, corrected",
                                    upload=upload("g.pdf", pdf_bytes(2)))
    member = signed_in(make_user("board_member", board=LR))
    assert member.get(reverse("board:paper", args=[sent_in_error.pk])).status_code == 404
    assert member.get(reverse("board:paper", args=[first.pk])).status_code == 404
    assert member.get(reverse("board:paper", args=[second.pk])).status_code == 200
    officer = signed_in(make_user("commissioner", council="E10000018"))
    assert officer.get(reverse("board:paper", args=[sent_in_error.pk])).status_code == 200


def test_a_paper_attached_from_commissioning_goes_on_the_agenda_closed(new_meeting, make_user, pdf_bytes):
    from daboard.core.models import Council

    meeting = new_meeting(dt.date(2030, 6, 14))
    commissioner = make_user("commissioner", council="E10000018")
    item = services.generated_paper_attach(
        acting_user=commissioner, council=Council.objects.get(gss_code="E10000018"), meeting=meeting,
        item_title="Money view", paper_title="Money view", filename="money.pdf", build=lambda: pdf_bytes(1))
    assert item.part == Part.CLOSED and item.exemption_paragraph == "3"
    assert item.papers.get().is_closed


def test_a_promised_report_taken_in_a_closed_part_leaves_the_forward_plan_members_see(new_meeting, make_user,
                                                                                      signed_in):
    clerk = new_meeting.clerk
    later = new_meeting(dt.date(2030, 9, 13))
    services.agenda_draft(acting_user=clerk, meeting=later)
    forward = services.forward_item_promise(acting_user=clerk, board=later.board, title="Quokka tender outcome",
                                            target_meeting=later)
    item = AgendaItem.objects.get(meeting=later, forward_item=forward)
    client = signed_in(make_user("board_member", board=LR))
    assert "Quokka tender outcome" in client.get(reverse("board:forward-plan", args=[LR])).content.decode()
    item.part, item.closed_reason = Part.CLOSED, "Commercial"
    services.agenda_item_save(acting_user=clerk, item=item)
    assert "Quokka tender outcome" not in client.get(reverse("board:forward-plan", args=[LR])).content.decode()
    forward.refresh_from_db()
    assert forward.is_closed and not ForwardItem.objects.filter(pk=forward.pk).open_part().exists()


def test_the_migration_closes_minutes_and_search_entries_of_items_closed_before_the_rule(new_meeting):
    import importlib

    from django.apps import apps

    from daboard.board.models import SearchEntry

    clerk = new_meeting.clerk
    meeting = new_meeting(dt.date(2030, 6, 14))
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Staffing"))
    services.minutes_start(acting_user=clerk, meeting=meeting)
    minute = MinuteItem.objects.get(agenda_item=item)
    services.minute_save(acting_user=clerk, minute=minute, considered="Quokka", points=[], closing_text="",
                         resolutions=["That quokka."])
    AgendaItem.objects.filter(pk=item.pk).update(part=Part.CLOSED, closed_reason="Individual")  # as old code left it
    migration = importlib.import_module("daboard.board.migrations.0005_trust_minutes_follow_item_part")
    migration.align(apps, None)
    minute.refresh_from_db()
    assert minute.part == Part.CLOSED
    assert not SearchEntry.objects.filter(meeting=meeting, closed=False, kind__in=["minute", "resolution", "agenda"],
                                          title__in=["Staffing"]).exists()


def test_a_record_and_a_list_agree_on_what_is_closed_for_every_kind_of_business(closed_business):
    """One rule per kind (its closed_lookups): a record's own page asks is_closed, a list
    filters with open_part(); for every kind born in the closed item, and for a declaration
    of interest made on it, both say closed; for the same kinds in the open part, both say open."""
    b = closed_business
    person = b["meeting"].board.memberships.exclude(person=None).first().person
    closed_item = b["minute"].agenda_item
    declaration = services.declaration_record(acting_user=b["clerk"], meeting=b["meeting"], person=person,
                                              text="Trustee of a bidder", agenda_item=closed_item)
    open_item = AgendaItem.objects.filter(meeting=b["meeting"], part=Part.OPEN).first()
    open_declaration = services.declaration_record(acting_user=b["clerk"], meeting=b["meeting"], person=person,
                                                   text="Member of a partner", agenda_item=open_item)
    closed = [closed_item, b["minute"], b["minute"].resolutions.get(), b["action"], b["forward"], declaration]
    assert {type(r) for r in closed} == {c for c in _business_kinds() if c.__name__ != "Paper"}
    for record in closed:
        assert record.is_closed, record
        assert not type(record).objects.filter(pk=record.pk).open_part().exists(), record
    for record in (open_item, MinuteItem.objects.get(agenda_item=open_item), open_declaration):
        assert not record.is_closed, record
        assert type(record).objects.filter(pk=record.pk).open_part().exists(), record
    assert not Declaration(text="Not saved yet").is_closed


def _business_kinds() -> set[type]:
    from django.apps import apps

    return {m for m in apps.get_app_config("board").get_models() if issubclass(m, Business)}
