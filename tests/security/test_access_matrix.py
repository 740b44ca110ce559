"""Every route of the URL configuration × every role × read and write, against ONE table of
expected outcomes. The routes are read from the URLconf, so a new view fails this test
until someone writes down who may use it.

Roles: anonymous; each role of the architecture page on the Leicestershire and Rutland
board and Leicestershire County Council (clerk, commissioner, analyst, provider Freeva,
board member, admin); a commissioner of another council (Leicester) and a user of another
provider (Leicestershire GATE, whose contract is not Freeva's and who is not on the board).

Time: "former_member" held a seat on the board that has ended; they keep an account and a
board member role, and get nothing of the board. Part: VARIANTS points routes at objects born
in closed business or on an agenda not yet published, and the leak scan reads every route
as every role that may not see closed business, failing on any trace of it (the canary
word CANARY is in every closed title and text), in HTML, calendars, PDF and Word alike.

Read is a GET; write is a POST with an empty form (what an attacker without the form would
send). A page that only reads answers a POST with "method not allowed", whoever sends it. Allowed: anything but "not found", "forbidden" or a server error (a form with errors
is fine: the door opened). Refused: "Page not found" for a signed-in user, the sign-in page
for an anonymous one. Each request runs in a transaction that is rolled back, so no role's
write changes what the next role meets.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.board.conftest import make_pdf
from tests.conftest import verified_login
from tests.publishing import publish_pack
from tests.returns.conftest import csv_of, row

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

LR = "leicestershire-and-rutland"
ROLES = ("anonymous", "clerk", "commissioner", "analyst", "provider", "member", "admin", "other_commissioner",
         "other_provider", "former_member")
SIGNED = frozenset(ROLES) - {"anonymous"}
EVERYONE = frozenset(ROLES)
NOBODY: frozenset[str] = frozenset()
OFFICERS = frozenset({"commissioner", "analyst"})
COMMISSIONER = frozenset({"commissioner"})
CLERK = frozenset({"clerk"})
ADMIN = frozenset({"admin"})
BOARD = frozenset({"clerk", "commissioner", "analyst", "provider", "member", "admin"})  # open business of the board
CLOSED = frozenset({"clerk", "commissioner", "analyst"})  # closed business
CONTRACT = OFFICERS | {"provider"}  # Freeva's contract and its returns
SUBMIT = COMMISSIONER | {"provider"}
INSIGHTS = OFFICERS | {"clerk", "member"}  # aggregates: officers, and the board's clerk and members
WITH_COUNCIL = OFFICERS | {"other_commissioner"}
WITH_CONTRACTS = WITH_COUNCIL | {"provider", "other_provider"}
CANARY = "Canarywhistle"  # in every closed title and text of the world below
SKIP = None  # this method is not meaningful for the route (e.g. the sign-in flow); said why below

# route name: (read, write). write NOBODY on a GET-only route means a POST is refused too.
EXPECTED: dict[str, tuple] = {
    # core: sign-in flow and public pages
    "core:sign-in": (EVERYONE, SKIP),  # posting credentials is the sign-in journey's own test
    "core:sign-in-code": (SKIP, SKIP),  # only mid sign-in: tests/core/test_sign_in.py
    "core:two-factor-setup": (SKIP, SKIP),  # only mid sign-in: tests/core/test_sign_in.py
    "core:sign-out": (SKIP, SKIP),  # ends the session by design: tests/core/test_sign_in.py
    "core:accessibility": (EVERYONE, NOBODY),
    "core:privacy": (EVERYONE, NOBODY),
    "core:healthz": (EVERYONE, NOBODY),
    "core:home": (SIGNED, NOBODY),
    "core:account": (SIGNED, SIGNED),
    "core:recovery-codes": (SIGNED, NOBODY),
    "core:recovery-codes-new": (NOBODY, SIGNED),
    "core:feed-links": (NOBODY, SIGNED),
    "core:api-tokens": (frozenset({"provider", "other_provider"}), frozenset({"provider", "other_provider"})),
    "core:board-list": (SIGNED, NOBODY),
    "core:board-detail": (BOARD, NOBODY),
    "core:council-detail": (BOARD - {"provider"}, NOBODY),
    "core:organisation-list": (SIGNED, NOBODY),
    "core:organisation-detail": (SIGNED - {"other_provider", "former_member"}, NOBODY),  # Freeva: on both boards
    "core:user-list": (ADMIN, NOBODY),
    "core:user-create": (ADMIN, ADMIN),
    "core:user-detail": (ADMIN, ADMIN),
    "core:user-role-remove": (NOBODY, ADMIN),
    "core:user-role-approve": (NOBODY, ADMIN),  # the approval itself: tests/core/test_roles.py
    "core:user-set-active": (NOBODY, ADMIN),
    "core:user-two-factor-reset": (NOBODY, ADMIN),
    "core:audit-list": (ADMIN, NOBODY),
    "core:audit-export": (ADMIN, NOBODY),
    # board: the Leicestershire and Rutland board, a meeting with an open and a closed item
    "board:meeting-list": (BOARD, NOBODY),
    "board:meeting-schedule": (CLERK, CLERK),
    "board:action-list": (BOARD, NOBODY),
    "board:attendance-statistics": (BOARD, NOBODY),
    "board:interests": (BOARD, CLERK),
    "board:terms": (BOARD, NOBODY),
    "board:forward-plan": (BOARD, NOBODY),
    "board:membership-add": (CLERK, CLERK),
    "board:membership-edit": (CLERK, CLERK),
    "board:appointments": (BOARD, CLERK),
    "board:terms-new": (NOBODY, CLERK),
    "board:terms-edit": (CLERK, CLERK),
    "board:search": (BOARD, NOBODY),
    "board:retention": (CLERK, CLERK),
    "board:board-feed": (EVERYONE, NOBODY),  # with its signed token
    "board:meeting-detail": (BOARD, NOBODY),
    "board:meeting-ics": (BOARD, NOBODY),
    "board:agenda-draft": (NOBODY, CLERK),
    "board:item-add": (CLERK, CLERK),
    "board:publish-pack": (NOBODY, CLERK),
    "board:pack-retry": (NOBODY, CLERK),
    "board:pack": (BOARD, NOBODY),
    "board:pack-full": (CLOSED, NOBODY),
    "board:attendance": (CLERK, CLERK),
    "board:minutes": (CLERK, CLERK),
    "board:minutes-start": (NOBODY, CLERK),
    "board:minutes-circulate": (NOBODY, CLERK),
    "board:minutes-confirm": (NOBODY, CLERK),
    "board:minutes-pdf": (BOARD, NOBODY),
    "board:minutes-docx": (BOARD, NOBODY),
    "board:recording-add": (NOBODY, CLERK),
    "board:item-edit": (CLERK, CLERK),
    "board:item-move": (NOBODY, CLERK),
    "board:item-delete": (CLERK, CLERK),
    "board:paper-add": (CLERK, CLERK),
    "board:paper": (BOARD, NOBODY),
    "board:minute-edit": (CLERK, CLERK),
    "board:declaration-add": (NOBODY, CLERK),
    "board:forward-item-add": (NOBODY, CLERK),
    "board:action-detail": (BOARD, CLERK),
    "board:meeting-edit": (CLERK, CLERK),
    "board:meeting-reschedule": (CLERK, CLERK),
    "board:meeting-call-off": (CLERK, CLERK),
    "board:meeting-delete": (CLERK, CLERK),
    "board:circulations": (CLERK, NOBODY),
    "board:supplement": (BOARD, NOBODY),
    "board:supplement-full": (CLOSED, NOBODY),
    "board:paper-replace": (CLERK, CLERK),
    "board:paper-remove": (CLERK, CLERK),
    "board:distribution": (CLERK, CLERK),
    # the public site: anyone, without signing in; open business only (tests/board/test_public.py)
    "board:public-board": (EVERYONE, NOBODY),
    "board:public-meeting": (EVERYONE, NOBODY),
    "board:public-pack": (EVERYONE, NOBODY),
    "board:public-minutes": (EVERYONE, NOBODY),
    "board:public-paper": (EVERYONE, NOBODY),
    "board:public-forward-plan": (EVERYONE, NOBODY),
    "board:public-rss": (EVERYONE, NOBODY),
    "board:public-calendar": (EVERYONE, NOBODY),
    # commissioning: Leicestershire's money and Freeva's contract LCC-DA-08
    "commissioning:contract-list": (WITH_CONTRACTS, NOBODY),
    "commissioning:contract-detail": (CONTRACT, NOBODY),
    "commissioning:extension-decide": (NOBODY, COMMISSIONER),
    "commissioning:money-index": (WITH_COUNCIL, NOBODY),
    "commissioning:money": (OFFICERS, COMMISSIONER),
    "commissioning:money-pdf": (OFFICERS, NOBODY),
    "commissioning:ocds": (OFFICERS, NOBODY),
    "commissioning:contract-new": (COMMISSIONER, COMMISSIONER),
    "commissioning:lot-award": (COMMISSIONER, COMMISSIONER),
    "commissioning:council-settings": (COMMISSIONER, COMMISSIONER),
    "commissioning:money-entry": (COMMISSIONER, COMMISSIONER),
    "commissioning:child-entry": (COMMISSIONER, COMMISSIONER),
    "commissioning:commitment-new": (COMMISSIONER, COMMISSIONER),
    "commissioning:posts": (INSIGHTS, COMMISSIONER),  # the vacancy report: the board reads it; posts name no one
    "commissioning:posts-pdf": (INSIGHTS, NOBODY),
    "commissioning:post-new": (COMMISSIONER, COMMISSIONER),
    "commissioning:post-status": (COMMISSIONER, COMMISSIONER),
    "commissioning:district-plan": (COMMISSIONER, COMMISSIONER),
    # returns: Freeva's return for LCC-DA-08, 2024-25 Q1
    "returns:index": (WITH_CONTRACTS, NOBODY),
    "returns:standard": (EVERYONE, NOBODY),
    "returns:template": (SIGNED, NOBODY),
    "returns:error-report": (NOBODY, NOBODY),  # a report is its maker's; a guessed token finds nothing
    "returns:submission": (CONTRACT, COMMISSIONER),
    "returns:submission-rows": (CONTRACT, NOBODY),
    "returns:contract": (CONTRACT, SUBMIT),
    "returns:prefilled": (SUBMIT, NOBODY),  # the next return, filled from the last: for whoever sends it
    "returns:remind": (NOBODY, COMMISSIONER),
    "returns:waive": (COMMISSIONER, COMMISSIONER),  # a commissioning decision of the contract's council
    "returns:followup-standard": (EVERYONE, NOBODY),
    "returns:followup-template": (SIGNED, NOBODY),
    "returns:followups": (CONTRACT, SUBMIT),  # the optional follow-up return, as the quarterly one
    # survivor voice: the public form (no sign-in, no cookie), the board's Scrutiny and
    # Reference Group (open business; managed by the clerk and the council's commissioners),
    # feedback (reviewed by the council's commissioners, counted for the board, a provider's own)
    "voice:feedback": (EVERYONE, SKIP),  # a post needs the form's signed token: tests/voice/test_public_form.py
    "voice:index": (INSIGHTS | {"other_commissioner"}, NOBODY),
    "voice:group": (BOARD, NOBODY),
    "voice:group-edit": (CLERK | COMMISSIONER, CLERK | COMMISSIONER),
    "voice:member-add": (CLERK | COMMISSIONER, CLERK | COMMISSIONER),
    "voice:meeting-add": (CLERK | COMMISSIONER, CLERK | COMMISSIONER),
    "voice:report-add": (CLERK | COMMISSIONER, CLERK | COMMISSIONER),
    "voice:papers": (CLERK | COMMISSIONER, CLERK | COMMISSIONER),
    "voice:summary": (INSIGHTS, NOBODY),
    "voice:review-list": (COMMISSIONER, NOBODY),
    "voice:review": (COMMISSIONER, COMMISSIONER),
    "voice:form-new": (COMMISSIONER, COMMISSIONER),
    "voice:service": (CONTRACT, NOBODY),
    # insights: Leicestershire
    "insights:index": (INSIGHTS | {"other_commissioner"}, NOBODY),
    "insights:dashboard": (INSIGHTS, NOBODY),
    "insights:report": (INSIGHTS, COMMISSIONER),
    "insights:report-pdf": (INSIGHTS, NOBODY),
    "insights:needs": (INSIGHTS, NOBODY),
    "insights:needs-pdf": (INSIGHTS, NOBODY),
    "insights:unit-new": (COMMISSIONER, COMMISSIONER),
    "insights:unit-edit": (COMMISSIONER, COMMISSIONER),
    "insights:assessment-new": (COMMISSIONER, COMMISSIONER),
    "insights:annual": (OFFICERS, NOBODY),
    "insights:impact": (INSIGHTS, COMMISSIONER),  # after disclosure control, whoever reads it
    "insights:impact-pdf": (INSIGHTS, NOBODY),
    # strategy: Leicestershire's strategy and an action of its delivery plan
    "strategy:index": (INSIGHTS | {"other_commissioner"}, NOBODY),
    "strategy:new": (COMMISSIONER, COMMISSIONER),
    "strategy:detail": (INSIGHTS, NOBODY),
    "strategy:edit": (COMMISSIONER, COMMISSIONER),
    "strategy:document": (INSIGHTS, NOBODY),
    "strategy:priority-new": (COMMISSIONER, COMMISSIONER),
    "strategy:action-new": (COMMISSIONER, COMMISSIONER),
    "strategy:action-edit": (COMMISSIONER, COMMISSIONER),
    "strategy:progress-new": (COMMISSIONER, COMMISSIONER),
    "strategy:report": (INSIGHTS, COMMISSIONER),
    "strategy:calendar": (INSIGHTS, NOBODY),
    "strategy:calendar-done": (NOBODY, COMMISSIONER),
    "strategy:user-feed": (EVERYONE, NOBODY),  # with its signed token
    # the wider picture: Leicestershire's comparison and targets; the L&R board's datasets
    # (Rutland's children's services) and registers
    "partnership:index": (INSIGHTS | {"other_commissioner"}, NOBODY),
    "partnership:compare": (INSIGHTS, NOBODY),
    "partnership:compare-import": (OFFICERS, OFFICERS),
    "partnership:targets": (INSIGHTS, NOBODY),
    "partnership:target-new": (COMMISSIONER, COMMISSIONER),
    "partnership:target-edit": (COMMISSIONER, COMMISSIONER),
    "partnership:datasets": (INSIGHTS, NOBODY),
    "partnership:dataset-new": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:dataset": (INSIGHTS, NOBODY),
    "partnership:dataset-template": (INSIGHTS, NOBODY),
    "partnership:dataset-send": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),  # and the partner's own users
    "partnership:dataset-fill": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:contacts": (BOARD, NOBODY),  # circulated to partners
    "partnership:contact-new": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:contact-edit": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:housing": (BOARD, NOBODY),  # no names; counts suppressed for all but officers
    "partnership:daha-new": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:daha-edit": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:move-new": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    "partnership:move-edit": (COMMISSIONER | CLERK, COMMISSIONER | CLERK),
    # the API authenticates by organisation token, not by session: tests/security/test_api_matrix.py
    "api:openapi-json": (EVERYONE, SKIP),  # django-ninja's own schema view
    "api:api-root": (SKIP, SKIP),
    "api:standard": (SKIP, SKIP),
    "api:send_file": (SKIP, SKIP),
    "api:send_rows": (SKIP, SKIP),
    "api:status": (SKIP, SKIP),
    "api:followup_standard": (SKIP, SKIP),
    "api:send_followup_file": (SKIP, SKIP),
    "api:send_followup_rows": (SKIP, SKIP),
}


def routes() -> dict[str, str]:
    """Every named route in the URL configuration: name → pattern."""
    found: dict[str, str] = {}

    def walk(patterns, prefix="", namespace=None):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
            elif isinstance(p, URLPattern):
                yield (f"{namespace}:{p.name}" if namespace and p.name else p.name or "?"), prefix + str(p.pattern)

    for name, pattern in walk(get_resolver().url_patterns):
        found[name] = pattern
    return found


def test_every_route_is_in_the_expected_outcome_table():
    missing = sorted(set(routes()) - set(EXPECTED))
    gone = sorted(set(EXPECTED) - set(routes()))
    assert not missing, f"Routes with no expected outcome (add them to EXPECTED): {missing}"
    assert not gone, f"EXPECTED names routes that no longer exist: {gone}"


@pytest.fixture
def world(demo, make_user):
    """One of everything a route can point at, and one user per role."""
    from django.core.files.base import ContentFile
    from django.core.files.uploadedfile import SimpleUploadedFile

    from daboard.board import services as board
    from daboard.board.models import Action, AgendaItem, Meeting, MinuteItem, TermsOfReference
    from daboard.commissioning.models import Contract, Lot, Post, SpendPlan
    from daboard.core import tokens
    from daboard.core.models import Board, BoardMembership, Council, Person, Role, RoleAssignment
    from daboard.insights.models import AccommodationUnit
    from daboard.partnership.demo import RUTLAND_CS
    from daboard.partnership.models import Contact, DahaStatus, KpiTarget, ReciprocalMove
    from daboard.returns import services as returns
    from daboard.returns.standard import v1 as std
    from daboard.strategy.models import DeliveryAction, Strategy
    from daboard.strategy.views import feed_token

    users = {
        "former_member": make_user("board_member", board="leicestershire-and-rutland", username="m-former"),
        "clerk": make_user("secretariat", board="leicestershire-and-rutland", username="m-clerk"),
        "commissioner": make_user("commissioner", council="E10000018", username="m-commissioner"),
        "analyst": make_user("analyst", council="E10000018", username="m-analyst"),
        "provider": make_user("provider", organisation="freeva", username="m-provider"),
        "member": make_user("board_member", board="leicestershire-and-rutland", username="m-member"),
        "admin": make_user("admin", username="m-admin"),
        "other_commissioner": make_user("commissioner", council="E06000016", username="m-other-commissioner"),
        "other_provider": make_user("provider", organisation="gate", username="m-other-provider"),
    }
    lr = Board.objects.get(slug="leicestershire-and-rutland")
    clerk = users["clerk"]
    meeting = board.meetings_schedule(acting_user=clerk, board=lr, dates=[dt.date(2031, 6, 20)],
                                      start_time=dt.time(9, 0))[0]
    board.agenda_draft(acting_user=clerk, meeting=meeting)
    item = board.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Open report", kind="report"))
    board.paper_add(acting_user=clerk, item=item, title="Open paper",
                    upload=SimpleUploadedFile("open.pdf", make_pdf(1), content_type="application/pdf"))
    closed = board.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=meeting, title=f"{CANARY} procurement", kind="report", part="closed",
        closed_reason="Commercial information"))
    closed_paper = board.paper_add(acting_user=clerk, item=closed, title=f"{CANARY} closed paper",
                                   upload=SimpleUploadedFile("closed.pdf", make_pdf(1), content_type="application/pdf"))
    publish_pack(acting_user=clerk, meeting=meeting)
    board.paper_add(acting_user=clerk, item=item, title="Late paper",
                    upload=SimpleUploadedFile("late.pdf", make_pdf(1), content_type="application/pdf"))
    publish_pack(acting_user=clerk, meeting=meeting)  # the supplementary pack
    # Part: a held meeting whose closed item decided an action and promised a report, and an
    # item switched to closed after its minute was written.
    held = board.meetings_schedule(acting_user=clerk, board=lr, dates=[dt.date(2031, 3, 14)],
                                   start_time=dt.time(9, 0))[0]
    secret = board.agenda_item_save(acting_user=clerk, item=AgendaItem(
        meeting=held, title=f"{CANARY} award of lots", kind="report", part="closed", closed_reason="Commercial"))
    switched = board.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=held, title="Refuge staffing"))
    publish_pack(acting_user=clerk, meeting=held)
    board.minutes_start(acting_user=clerk, meeting=held)
    for it in (secret, switched):
        board.minute_save(acting_user=clerk, minute=MinuteItem.objects.get(agenda_item=it),
                          considered=f"{CANARY} was discussed.", points=[f"{CANARY} point"], closing_text="",
                          resolutions=[f"That {CANARY} be done."])
    switched.part, switched.closed_reason = "closed", "Information about an individual"
    board.agenda_item_save(acting_user=clerk, item=switched)
    board.minutes_circulate(acting_user=clerk, meeting=held)
    secret_minute = MinuteItem.objects.get(agenda_item=secret)
    closed_action = board.action_create(acting_user=clerk, action=Action(
        board=lr, meeting=held, minute=secret_minute, text=f"{CANARY} renegotiate", due_date=dt.date(2026, 12, 10),
        owner=users["member"].person, owner_organisation=BoardMembership.objects.filter(board=lr).first().organisation))
    board.forward_item_promise(acting_user=clerk, board=lr, title=f"{CANARY} mobilisation report",
                               source_minute=secret_minute, target_meeting=None)
    # Time: a meeting whose agenda is not yet published, with an open paper; a seat that ended.
    unpublished = board.meetings_schedule(acting_user=clerk, board=lr, dates=[dt.date(2031, 9, 19)],
                                          start_time=dt.time(9, 0))[0]
    draft_item = board.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=unpublished, title="Budget"))
    draft_paper = board.paper_add(acting_user=clerk, item=draft_item, title=f"{CANARY} draft budget paper",
                                  upload=SimpleUploadedFile("draft.pdf", make_pdf(1), content_type="application/pdf"))
    former = users["former_member"]
    former.person = Person.objects.create(name="Former Member")
    former.save()
    BoardMembership.objects.create(board=lr, organisation=BoardMembership.objects.filter(board=lr).first().organisation,
                                   role="Member", person=former.person, start_date=dt.date(2022, 5, 1),
                                   end_date=dt.date(2026, 5, 31))
    # The latest meeting whose minutes the seeds hold and members may read (circulated or confirmed).
    confirmed = Meeting.objects.filter(board=lr, status__in=["minutes_circulated", "minutes_confirmed"],
                                       minute_items__isnull=False).distinct().order_by("-date").first()
    # The public site shows confirmed minutes only (the seeds' are circulated): one confirmed.
    public_minutes = Meeting.objects.filter(board=lr, status="minutes_confirmed").order_by("-date").first()
    contract = Contract.objects.get(reference="LCC-DA-08")
    outcome = returns.return_accept(acting_user=None, contract=contract, period=std.Period.parse("2024-25-Q1"),
                                    data=csv_of([row()]), filename="q1.csv", source="cli")
    assert outcome.accepted
    target = make_user("board_member", board="leicestershire-and-rutland", username="m-target")
    strategy = Strategy.objects.get(council__gss_code="E10000018")
    strategy.document.save("s.pdf", ContentFile(make_pdf(1)), save=False)
    strategy.document_name, strategy.document_type = "strategy.pdf", "application/pdf"
    strategy.save()
    action = DeliveryAction.objects.create(strategy=strategy, title="Name the priorities", due=dt.date(2027, 1, 31))
    from daboard.voice.models import Feedback, FeedbackForm, ReferenceGroup
    from daboard.voice.services import feedback_form_open, reference_group_save

    reference_group_save(acting_user=clerk, group=ReferenceGroup(board=lr))
    feedback_form = feedback_form_open(acting_user=None, form=FeedbackForm(council=contract.council, contract=contract,
                                                                           title="Freeva helpline"))
    feedback = Feedback.objects.create(form=feedback_form, received_on=dt.date(2026, 11, 1), felt_safer="yes",
                                       free_text="A comment")
    gss, ref, q = "E10000018", "LCC-DA-08", "2024-25-Q1"
    args = {
        "core:board-detail": ["leicestershire-and-rutland"], "core:council-detail": [gss],
        "core:organisation-detail": ["freeva"], "core:user-detail": [target.pk],
        "core:user-role-remove": [target.pk, RoleAssignment.objects.get(user=target).pk],
        "core:user-role-approve": [target.pk, RoleAssignment.objects.get(user=target).pk],
        "core:user-set-active": [target.pk], "core:user-two-factor-reset": [target.pk],
        "board:membership-edit": ["leicestershire-and-rutland",
                                  BoardMembership.objects.filter(board=lr).exclude(pk=lr.pk).last().pk],
        "board:terms-edit": ["leicestershire-and-rutland", board.terms_new_version(
            acting_user=clerk, terms=TermsOfReference.objects.filter(board=lr).first()).pk],
        "board:board-feed": ["leicestershire-and-rutland", tokens.feed_token(users["member"], "board:leicestershire-and-rutland")],
        "board:minutes-pdf": [confirmed.pk], "board:minutes-docx": [confirmed.pk],
        "board:item-add": [meeting.pk], "board:item-edit": [item.pk], "board:item-move": [item.pk],
        "board:item-delete": [item.pk], "board:paper-add": [item.pk], "board:paper": [item.papers.first().pk],
        "board:paper-replace": [item.papers.first().pk], "board:paper-remove": [item.papers.last().pk],
        "board:public-board": [LR], "board:public-forward-plan": [LR], "board:public-rss": [LR],
        "board:public-calendar": [LR], "board:public-meeting": [LR, meeting.pk], "board:public-pack": [LR, meeting.pk],
        "board:public-minutes": [LR, public_minutes.pk], "board:public-paper": [LR, item.papers.first().pk],
        "board:minute-edit": [MinuteItem.objects.filter(meeting=confirmed).first().pk],
        "board:declaration-add": [MinuteItem.objects.filter(meeting=confirmed).first().pk],
        "board:forward-item-add": [MinuteItem.objects.filter(meeting=confirmed).first().pk],
        "board:action-detail": [Action.objects.filter(board=lr).open_part().order_by("id").first().pk],
        "commissioning:contract-detail": [ref], "commissioning:extension-decide": [ref, 2],
        "commissioning:lot-award": [gss, Lot.objects.first().pk],
        "commissioning:money-entry": [gss, "allocation"],
        "commissioning:child-entry": [gss, "line", SpendPlan.objects.filter(council__gss_code=gss).first().pk],
        "commissioning:post-status": [gss, Post.objects.filter(council__gss_code=gss).first().pk],
        "commissioning:district-plan": [gss, Council.objects.filter(parent__gss_code=gss).first().gss_code, "2024-25"],
        "returns:template": ["csv"], "returns:error-report": ["guessed-token"],
        "returns:submission": [outcome.submission.pk], "returns:submission-rows": [outcome.submission.pk],
        "returns:contract": [ref], "returns:prefilled": [ref, q], "returns:remind": [ref, q],
        "returns:waive": [ref, q],
        "insights:report": [gss, q], "insights:report-pdf": [gss, q],
        "insights:unit-edit": [gss, AccommodationUnit.objects.filter(council__gss_code=gss).first().pk],
        "strategy:new": [gss], "strategy:detail": [strategy.pk], "strategy:edit": [strategy.pk],
        "strategy:document": [strategy.pk],
        "strategy:priority-new": [strategy.pk], "strategy:action-new": [strategy.pk],
        "strategy:action-edit": [strategy.pk, action.pk], "strategy:progress-new": [strategy.pk, action.pk],
        "strategy:report": [strategy.pk], "strategy:user-feed": [feed_token(users["member"])],
        "partnership:target-edit": [gss, KpiTarget.objects.filter(council__gss_code=gss).first().pk],
        "partnership:dataset": ["leicestershire-and-rutland", RUTLAND_CS],
        "partnership:dataset-template": ["leicestershire-and-rutland", RUTLAND_CS],
        "partnership:dataset-send": ["leicestershire-and-rutland", RUTLAND_CS],
        "partnership:dataset-fill": ["leicestershire-and-rutland", RUTLAND_CS],
        "partnership:contact-edit": ["leicestershire-and-rutland", Contact.objects.filter(board=lr).first().pk],
        "partnership:daha-edit": ["leicestershire-and-rutland", DahaStatus.objects.filter(board=lr).first().pk],
        "partnership:move-edit": ["leicestershire-and-rutland", ReciprocalMove.objects.filter(board=lr).first().pk],
        "returns:followup-template": ["csv"], "returns:followups": [ref],
        "voice:feedback": [feedback_form.token], "voice:review": [gss, feedback.pk], "voice:service": [ref],
    }
    slug_routes = {"board:meeting-list", "board:meeting-schedule", "board:action-list", "board:attendance-statistics",
                   "board:interests", "board:terms", "board:forward-plan", "board:membership-add", "board:appointments",
                   "board:terms-new", "board:search", "board:retention", "partnership:datasets",
                   "partnership:dataset-new", "partnership:contacts", "partnership:contact-new", "partnership:housing",
                   "partnership:daha-new", "partnership:move-new", "voice:group", "voice:group-edit",
                   "voice:member-add", "voice:meeting-add", "voice:report-add", "voice:papers", "board:distribution"}
    meeting_routes = {"board:meeting-detail", "board:meeting-ics", "board:agenda-draft", "board:publish-pack", "board:pack-retry",
                      "board:pack", "board:pack-full", "board:attendance", "board:minutes", "board:minutes-start",
                      "board:minutes-circulate", "board:minutes-confirm", "board:recording-add", "board:meeting-edit",
                      "board:meeting-reschedule", "board:meeting-call-off", "board:meeting-delete",
                      "board:circulations", "board:supplement", "board:supplement-full"}
    gss_routes = {"commissioning:money", "commissioning:money-pdf", "commissioning:ocds", "commissioning:contract-new",
                  "commissioning:council-settings", "insights:dashboard", "insights:needs", "insights:needs-pdf",
                  "insights:unit-new", "insights:assessment-new", "insights:annual", "strategy:calendar",
                  "strategy:calendar-done", "partnership:compare", "partnership:compare-import", "partnership:targets",
                  "partnership:target-new",
                  "commissioning:commitment-new", "commissioning:posts",
                  "commissioning:posts-pdf", "commissioning:post-new", "insights:impact", "insights:impact-pdf",
                  "voice:summary", "voice:review-list", "voice:form-new"}
    for name in slug_routes:
        args[name] = ["leicestershire-and-rutland"]
    for name in meeting_routes:
        args[name] = [meeting.pk]
    for name in gss_routes:
        args[name] = [gss]
    assert Role  # (imported for readers: the roles above are the architecture page's)
    variants = {
        "an action decided in closed session": ("board:action-detail", [closed_action.pk], CLOSED),
        "a closed paper": ("board:paper", [closed_paper.pk], CLOSED),
        "a paper of an agenda not yet published": ("board:paper", [draft_paper.pk], CLOSED),
        "the minutes of a meeting with closed items": ("board:minutes", [held.pk], BOARD),
        "those minutes in Word": ("board:minutes-docx", [held.pk], BOARD),
        "those minutes as PDF": ("board:minutes-pdf", [held.pk], BOARD),
        "the open pack of a meeting with closed items": ("board:pack", [held.pk], BOARD),
        "a meeting whose agenda is not yet published": ("board:meeting-detail", [unpublished.pk], BOARD),
        "the meeting with the closed decisions": ("board:meeting-detail", [held.pk], BOARD),
    }
    return users, args, variants


def client_for(role: str, users) -> Client:
    client = Client(raise_request_exception=False)
    if role == "anonymous":
        return client
    return verified_login(client, users[role], device="matrix")


def outcome(response) -> str:
    if response.status_code >= 500:
        return "error"
    if response.status_code in (404, 403):
        return "refused"
    if response.status_code == 405:
        return "not allowed"
    if response.status_code in (301, 302, 303) and "/sign-in/" in response.get("Location", ""):
        return "sign in"
    return "allowed"


def test_every_route_for_every_role_reading_and_writing_matches_the_table(world):
    users, args, _variants = world
    clients = {role: client_for(role, users) for role in ROLES}
    wrong = []
    for name, (read, write) in sorted(EXPECTED.items()):
        if name.startswith("api:") and name != "api:openapi-json":
            continue
        url = reverse(name, args=args.get(name, []))
        for method, allowed in (("GET", read), ("POST", write)):
            if allowed is SKIP:
                continue
            for role in ROLES:
                with transaction.atomic():
                    response = getattr(clients[role], method.lower())(url)
                    transaction.set_rollback(True)
                got = outcome(response)
                if method == "POST" and write is NOBODY and read:
                    # A page that only reads answers a POST with "method not allowed".
                    ok = got in ("not allowed", "sign in") if role == "anonymous" else got == "not allowed"
                elif role in allowed:
                    ok = got == "allowed"
                elif role == "anonymous" and name not in ("board:board-feed", "strategy:user-feed"):
                    ok = got in ("sign in", "refused", "not allowed")
                else:
                    ok = got in ("refused", "not allowed")
                if not ok:
                    wrong.append(f"{method} {name} as {role}: {got} ({response.status_code}), expected "
                                 f"{'allowed' if role in allowed else 'refused'}")
    assert not wrong, f"{len(wrong)} outcomes differ from the table:\n" + "\n".join(wrong)


def test_objects_born_in_closed_business_or_not_yet_published_open_only_to_those_who_see_them(world):
    users, _args, variants = world
    clients = {role: client_for(role, users) for role in ROLES}
    wrong = []
    for what, (name, variant_args, allowed) in variants.items():
        url = reverse(name, args=variant_args)
        for role in ROLES:
            got = outcome(clients[role].get(url))
            ok = got == "allowed" if role in allowed else got in ("refused", "sign in")
            if not ok:
                wrong.append(f"{what} ({name}) as {role}: {got}, expected {'allowed' if role in allowed else 'refused'}")
    assert not wrong, "\n".join(wrong)


def text_of(response) -> str:
    """What a reader gets from a response, whatever its format."""
    import io

    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if body.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "wordprocessingml" in kind:
        from docx import Document

        return "\n".join(p.text for p in Document(io.BytesIO(body)).paragraphs)
    return body.decode("utf-8", "replace")


def test_no_trace_of_closed_business_reaches_anyone_who_may_not_see_it_on_any_route(world):
    """The leak scan: every readable route (and every variant), as every role that may not
    see closed business; closed titles, minutes, actions, forward items and papers of an
    unpublished agenda all carry the canary word, and it must appear nowhere."""
    users, args, variants = world
    clients = {role: client_for(role, users) for role in ROLES if role not in CLOSED}
    urls = []
    for name, (read, _write) in sorted(EXPECTED.items()):
        if read is SKIP or not read or (name.startswith("api:") and name != "api:openapi-json"):
            continue
        urls.append(reverse(name, args=args.get(name, [])) + (f"?q={CANARY}" if name == "board:search" else ""))
    urls += [reverse(name, args=variant_args) for name, variant_args, _allowed in variants.values()]
    leaks = []
    for url in urls:
        for role, client in clients.items():
            with transaction.atomic():
                response = client.get(url)
                transaction.set_rollback(True)
            # The search page echoes the word searched for in its box; anything else is a leak.
            text = text_of(response).replace(f'value="{CANARY}"', "") if response.status_code == 200 else ""
            if CANARY.lower() in text.lower():
                leaks.append(f"{url} as {role}")
    assert not leaks, "Closed business reached someone who may not see it:\n" + "\n".join(leaks)
