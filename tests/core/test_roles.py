"""Roles need a second person: no self-grant, four eyes on case-level roles, the last
administrator stays, and roles and seats end when their dates say so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daboard.core import services
from daboard.core.models import AuditEntry, BoardMembership, Council, Person, Role, RoleAssignment
from daboard.core.permissions import can, forget, principal

pytestmark = pytest.mark.django_db
LEICS = "E10000018"


def test_an_admin_cannot_give_themselves_a_case_level_role_and_read_case_rows(demo, make_user, signed_in):
    admin = make_user("admin")
    client = signed_in(admin)
    council = Council.objects.get(gss_code=LEICS)
    response = client.post(reverse("core:user-detail", args=[admin.pk]), {"role": "analyst", "council": council.pk})
    assert response.status_code == 200 and "cannot give yourself a role" in response.content.decode()
    assert not RoleAssignment.objects.filter(user=admin, role=Role.ANALYST).exists()
    forget(admin)
    assert not can(admin, "council.case_data", council)


def test_a_case_level_role_waits_for_a_second_admin_and_gives_nothing_until_then(demo, make_user, signed_in):
    first, second = make_user("admin"), make_user("admin")
    target = make_user()
    council = Council.objects.get(gss_code=LEICS)
    client = signed_in(first)
    client.post(reverse("core:user-detail", args=[target.pk]), {"role": "commissioner", "council": council.pk})
    assignment = RoleAssignment.objects.get(user=target, role=Role.COMMISSIONER)
    assert assignment.pending and assignment.requested_by == first
    assert not can(target, "council.case_data", council)
    assert "Waiting for approval" in client.get(reverse("core:user-detail", args=[target.pk])).content.decode()
    # The admin who asked cannot approve it.
    client.post(reverse("core:user-role-approve", args=[target.pk, assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.pending
    assert AuditEntry.objects.filter(action="access.refused", actor=first,
                                     detail__permission="users.approve_role").exists()
    # A second admin can.
    client.post(reverse("core:sign-out"))
    client = signed_in(second)
    client.post(reverse("core:user-role-approve", args=[target.pk, assignment.pk]))
    assignment.refresh_from_db()
    assert not assignment.pending and assignment.approved_by == second
    forget(target)
    assert can(target, "council.case_data", council)
    assert AuditEntry.objects.filter(action="user.role_requested", actor=first).exists()
    assert AuditEntry.objects.filter(action="user.role_approved", actor=second).exists()


def test_two_admins_cannot_approve_roles_for_themselves_through_each_other_without_a_trace(demo, make_user):
    first, second = make_user("admin"), make_user("admin")
    council = Council.objects.get(gss_code=LEICS)
    requested = services.role_assign(acting_user=first, assignment=RoleAssignment(
        user=second, role=Role.ANALYST, council=council))
    with pytest.raises(ValidationError):
        services.role_approve(acting_user=second, assignment=requested)  # the holder cannot approve


def test_a_board_role_needs_no_second_admin(demo, make_user):
    from daboard.core.models import Board

    admin, target = make_user("admin"), make_user()
    a = services.role_assign(acting_user=admin, assignment=RoleAssignment(
        user=target, role=Role.BOARD_MEMBER, board=Board.objects.get(slug="leicestershire-and-rutland")))
    assert not a.pending


def test_an_admin_cannot_remove_their_own_admin_role_nor_the_last_one(demo, make_user, signed_in):
    admin = make_user("admin")
    RoleAssignment.objects.filter(role=Role.ADMIN).exclude(user=admin).delete()
    own = RoleAssignment.objects.get(user=admin, role=Role.ADMIN)
    client = signed_in(admin)
    client.post(reverse("core:user-role-remove", args=[admin.pk, own.pk]))
    assert RoleAssignment.objects.filter(pk=own.pk).exists()
    with pytest.raises(ValidationError):
        services.role_remove(acting_user=None, assignment=own)  # the last administrator
    with pytest.raises(ValidationError):
        services.user_set_active(acting_user=None, user=admin, active=False)
    other = make_user("admin")
    services.role_remove(acting_user=other, assignment=own)
    assert not RoleAssignment.objects.filter(pk=own.pk).exists()


def test_a_role_gives_nothing_after_its_last_day(demo, make_user):
    import time_machine

    user = make_user("analyst", council=LEICS)
    RoleAssignment.objects.filter(user=user).update(ends_on=dt.date(2026, 12, 31))
    council = Council.objects.get(gss_code=LEICS)
    assert can(user, "council.case_data", council)
    with time_machine.travel(dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC)):
        forget(user)
        assert not can(user, "council.case_data", council)


def test_a_seat_that_has_ended_no_longer_gives_its_holder_the_boards_meetings(demo, make_user, signed_in):
    from daboard.board.models import Meeting

    user = make_user("board_member", board="leicestershire-and-rutland")
    seat = BoardMembership.objects.filter(board__slug="leicestershire-and-rutland", person__isnull=False).first()
    person = Person.objects.create(name="Former Member")
    BoardMembership.objects.filter(pk=seat.pk).update(person=person, end_date=dt.date(2026, 5, 31))
    user.person = person
    user.save()
    meeting = Meeting.objects.filter(board=seat.board).order_by("-date").first()
    client = signed_in(user)
    assert client.get(reverse("board:meeting-detail", args=[meeting.pk])).status_code == 404
    assert client.get(reverse("board:meeting-list", args=[seat.board.slug])).status_code == 404
    assert seat.board.pk not in principal(user).board_ids
    # A current seat on the same board gives it back.
    BoardMembership.objects.create(board=seat.board, organisation=seat.organisation, role="Member", person=person,
                                   start_date=dt.date(2026, 6, 1))
    forget(user)
    assert seat.board.pk in principal(user).board_ids


def test_a_provider_whose_seat_has_ended_no_longer_sees_the_board(demo, make_user):
    from daboard.core.models import Board
    from daboard.core.permissions import visible_boards

    user = make_user("provider", organisation="freeva")
    board = Board.objects.get(slug="leicestershire-and-rutland")
    assert visible_boards(user).filter(pk=board.pk).exists()
    BoardMembership.objects.filter(organisation__slug="freeva").update(end_date=dt.date(2026, 1, 31))
    forget(user)
    assert not visible_boards(user).filter(pk=board.pk).exists()


def test_a_username_already_taken_is_refused_however_it_is_capitalised(demo, make_user, signed_in):
    from django.urls import reverse

    from daboard.core.models import User

    make_user("secretariat", board="leicestershire-and-rutland", username="second.clerk")
    admin = signed_in(make_user("admin", username="admin-1"))
    before = User.objects.count()
    page = admin.post(reverse("core:user-create"), {
        "username": "Second.CLERK", "first_name": "Another", "last_name": "Clerk", "email": "c@example.invalid",
        "password": "a long enough temporary password 42"}).content.decode()
    assert "Someone already signs in with that username" in page and User.objects.count() == before
