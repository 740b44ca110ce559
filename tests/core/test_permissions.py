"""Who may see what: the role matrix of the architecture page, through the one module."""

import pytest
from django.urls import reverse

from daboard.core import permissions
from daboard.core.models import AuditEntry, Board, Council

pytestmark = pytest.mark.django_db

LR = "leicestershire-and-rutland"


def test_a_commissioner_sees_their_own_councils_board_and_not_another_councils(demo, make_user, signed_in):
    user = make_user("commissioner", council="E10000018")
    client = signed_in(user)
    assert client.get(reverse("core:board-detail", args=[LR])).status_code == 200
    response = client.get(reverse("core:board-detail", args=["leicester"]))
    assert response.status_code == 404
    assert b"Leicester Domestic Abuse Locality" not in response.content


def test_another_councils_page_is_a_plain_404_and_the_refusal_is_audited(demo, make_user, signed_in):
    user = make_user("analyst", council="E06000016")  # Leicester
    client = signed_in(user)
    before = AuditEntry.objects.filter(action="access.refused").count()
    response = client.get(reverse("core:council-detail", args=["E10000018"]))
    assert response.status_code == 404
    assert b"Leicestershire County Council" not in response.content
    entry = AuditEntry.objects.filter(action="access.refused").first()
    assert AuditEntry.objects.filter(action="access.refused").count() == before + 1
    assert entry.actor == user and entry.detail["permission"] == "council.view"


def test_a_district_page_is_visible_to_its_county_commissioner_only(demo, make_user, signed_in):
    county = signed_in(make_user("commissioner", council="E10000018"))
    assert county.get(reverse("core:council-detail", args=["E07000129"])).status_code == 200
    city = make_user("commissioner", council="E06000016")
    assert not permissions.can(city, "council.view", Council.objects.get(gss_code="E07000129"))


def test_a_provider_sees_only_boards_its_organisation_sits_on_and_never_closed_business(demo, make_user):
    panahghar = make_user("provider", organisation="panahghar")  # sits on the Leicester board only
    boards = set(permissions.visible_boards(panahghar).values_list("slug", flat=True))
    assert boards == {"leicester"}
    leicester = Board.objects.get(slug="leicester")
    assert permissions.can(panahghar, "board.view", leicester)
    assert not permissions.can(panahghar, "board.view_closed", leicester)


def test_closed_business_is_for_the_secretariat_and_the_councils_officers_only(demo, make_user):
    board = Board.objects.get(slug=LR)
    allowed = [make_user("secretariat", board=LR), make_user("commissioner", council="E10000018"),
               make_user("analyst", council="E06000017")]
    refused = [make_user("board_member", board=LR), make_user("provider", organisation="freeva"),
               make_user("admin"), make_user("commissioner", council="E06000016"), make_user()]
    assert all(permissions.can(u, "board.view_closed", board) for u in allowed)
    assert not any(permissions.can(u, "board.view_closed", board) for u in refused)


def test_the_admin_manages_users_but_others_cannot_see_the_user_pages(demo, make_user, signed_in, client):
    admin = make_user("admin")
    assert signed_in(admin).get(reverse("core:user-list")).status_code == 200
    client.logout()
    for user in (make_user("secretariat", board=LR), make_user("commissioner", council="E10000018"),
                 make_user("board_member", board=LR)):
        c = signed_in(user)
        assert c.get(reverse("core:user-list")).status_code == 404
        assert c.get(reverse("core:audit-list")).status_code == 404
        c.logout()


def test_navigation_shows_each_role_only_what_it_may_use(demo, make_user):
    def keys(user):
        return {item["key"] for item in permissions.navigation_for(user)}

    assert "users" in keys(make_user("admin")) and "audit" in keys(make_user("admin"))
    assert "users" not in keys(make_user("board_member", board=LR))
    assert "boards" in keys(make_user("board_member", board=LR))
    assert "boards" not in keys(make_user())  # no role, no board


def test_anonymous_visitors_are_sent_to_sign_in(demo, client):
    for url in (reverse("core:home"), reverse("core:board-detail", args=[LR]), reverse("core:user-list")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("core:sign-in"))


def test_an_unknown_permission_name_is_a_programming_error_not_a_silent_yes(make_user):
    with pytest.raises(KeyError):
        permissions.can(make_user("admin"), "no.such.rule")


def test_a_role_must_carry_the_scope_its_kind_needs(demo):
    from django.core.exceptions import ValidationError

    from daboard.core.models import Council, Role, RoleAssignment, User

    user = User.objects.create(username="scopeless")
    with pytest.raises(ValidationError, match="needs a council"):
        RoleAssignment(user=user, role=Role.COMMISSIONER).full_clean()
    with pytest.raises(ValidationError, match="tier-1"):
        RoleAssignment(user=user, role=Role.ANALYST, council=Council.objects.get(gss_code="E07000129")).full_clean()
    with pytest.raises(ValidationError, match="provider organisation"):
        from daboard.core.models import Organisation

        RoleAssignment(user=user, role=Role.PROVIDER,
                       organisation=Organisation.objects.get(name="Leicestershire Police")).full_clean()


def test_a_rule_about_a_board_judges_a_membership_by_its_board_not_by_its_own_id(demo, make_user):
    """Found by the access matrix on PostgreSQL: the membership's id was compared with board ids."""
    from daboard.core.models import Board, BoardMembership
    from daboard.core.permissions import can

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    lr, leicester = Board.objects.get(slug="leicestershire-and-rutland"), Board.objects.get(slug="leicester")
    for seat in BoardMembership.objects.filter(board=lr).exclude(pk=lr.pk)[:3]:
        assert can(clerk, "board.manage", seat)
    for seat in BoardMembership.objects.filter(board=leicester)[:3]:
        assert not can(clerk, "board.manage", seat)
    other = BoardMembership.objects.filter(board=leicester).first()
    if other is not None:
        assert not can(clerk, "board.manage", other)
