"""Pages every user meets: the home page, the demo banner, headers, error pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_users_boards_council_and_organisation(demo, make_user, signed_in):
    from daboard.core.models import Organisation

    user = make_user("commissioner", council="E10000018")
    user.organisation = Organisation.objects.get(name="Leicestershire County Council")
    user.save()
    page = signed_in(user).get(reverse("core:home")).content.decode()
    assert "Leicestershire and Rutland Domestic Abuse Local Partnership Board" in page
    assert "Leicester Domestic Abuse Locality" not in page
    assert "Leicestershire County Council" in page and "7 district councils" in page
    assert "Commissioner" in page


def test_a_user_with_no_role_is_told_to_ask_for_one(demo, make_user, signed_in):
    page = signed_in(make_user()).get(reverse("core:home")).content.decode()
    assert "You have no role yet" in page


@override_settings(DABOARD_TWO_FACTOR_REQUIRED=False)
def test_with_two_factor_off_every_page_carries_the_red_demo_banner(demo, client):
    assert "Demo — not for real data" in client.get(reverse("core:sign-in")).content.decode()


def test_with_two_factor_on_there_is_no_demo_banner(demo, client):
    assert "Demo — not for real data" not in client.get(reverse("core:sign-in")).content.decode()


def test_responses_carry_a_strict_content_security_policy_and_no_store(demo, make_user, signed_in):
    response = signed_in(make_user("board_member", board="leicestershire-and-rutland")).get(reverse("core:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode() and " style=" not in response.content.decode()


def test_a_missing_page_is_a_friendly_404(demo, make_user, signed_in):
    response = signed_in(make_user("admin")).get("/no/such/page/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_the_database_going_away_gives_a_clear_503_not_a_traceback(demo, make_user, signed_in, monkeypatch):
    from django.db import OperationalError

    from daboard.core.views import pages

    client = signed_in(make_user("admin"))
    client.raise_request_exception = False

    def broken(user):
        raise OperationalError("connection to server at 127.0.0.1 failed")

    monkeypatch.setattr(pages.queries, "home_summary", broken)
    response = client.get(reverse("core:home"))
    assert response.status_code == 503
    page = response.content.decode()
    assert "cannot reach its database" in page and "Traceback" not in page


def test_the_health_check_answers(db, client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_the_board_page_lists_members_and_withheld_names(demo, make_user, signed_in):
    page = signed_in(make_user("secretariat", board="leicester")).get(
        reverse("core:board-detail", args=["leicester"])).content.decode()
    assert "Cllr Sarah Russell" in page and "Name withheld in the published papers" in page
    assert "Director of Children&#x27;s Social Care &amp; Early Help" in page


def test_the_board_page_makes_a_fixed_number_of_queries(demo, make_user, signed_in, django_assert_max_num_queries):
    client = signed_in(make_user("secretariat", board="leicestershire-and-rutland"))
    with django_assert_max_num_queries(25):
        client.get(reverse("core:board-detail", args=["leicestershire-and-rutland"]))


def test_the_admin_creates_a_user_gives_a_role_and_weak_passwords_are_refused(demo, make_user, signed_in):
    from daboard.core.models import AuditEntry, User

    client = signed_in(make_user("admin"))
    response = client.post(reverse("core:user-create"), {
        "username": "newclerk", "first_name": "New", "last_name": "Clerk", "email": "n@example.invalid",
        "password": "password"})
    page = response.content.decode()
    assert "This password is too short" in page and not User.objects.filter(username="newclerk").exists()
    response = client.post(reverse("core:user-create"), {
        "username": "newclerk", "first_name": "New", "last_name": "Clerk", "email": "n@example.invalid",
        "password": "a long and unusual passphrase 42"})
    user = User.objects.get(username="newclerk")
    assert response.url == reverse("core:user-detail", args=[user.pk])
    response = client.post(reverse("core:user-detail", args=[user.pk]), {"role": "commissioner"})
    assert "A commissioner role needs a council" in response.content.decode()
    response = client.post(reverse("core:user-detail", args=[user.pk]), {"role": "provider"})
    assert "A provider role needs an organisation" in response.content.decode()
    from daboard.core.models import Board

    board = Board.objects.get(slug="leicester")
    client.post(reverse("core:user-detail", args=[user.pk]), {"role": "secretariat", "board": board.pk})
    assert user.role_assignments.filter(role="secretariat", board=board).exists()
    assert AuditEntry.objects.filter(action="user.role_added", object_id=str(user.pk)).exists()


def test_no_template_comment_is_shown_as_text_on_a_page():
    """Django's {# #} comments end on their line; a longer one is printed on the page (the
    site footer once showed its own comment on every page)."""
    from pathlib import Path

    import daboard

    wrong = []
    for path in Path(daboard.__file__).parent.rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if line.count("{#") != line.count("#}"):
                wrong.append(f"{path}:{number}")
    assert not wrong, "use {% comment %} for a comment over several lines:\n" + "\n".join(wrong)


def test_a_required_field_left_empty_says_what_to_give_not_this_field_is_required(demo, make_user, signed_in):
    from django.urls import reverse

    client = signed_in(make_user("commissioner", council="E10000018"))
    page = client.post(reverse("commissioning:money-entry", args=["E10000018", "spend-plan"]),
                       {"title": ""}).content.decode()
    assert "This field is required" not in page
    assert "Enter the financial year" in page and "Enter the title" in page


def test_a_form_words_every_mistake_from_its_labels_never_in_djangos_generic_wording(demo, make_user, signed_in):
    from django.urls import reverse

    client = signed_in(make_user("commissioner", council="E10000018"))
    page = client.post(reverse("partnership:target-new", args=["E10000018"]), {
        "kpi": "castle", "year": "2031-32", "value": "abc", "direction": "higher", "amber_margin": "abc"}).content.decode()
    for generic in ("This field is required", "Select a valid choice", "Enter a whole number.", "Enter a number.",
                    "Ensure this value"):
        assert generic not in page, generic
    assert "Choose the KPI from the list" in page and "Enter the amber margin as a whole number" in page
    page = client.post(reverse("partnership:target-new", args=["E10000018"]), {
        "kpi": "new_referrals", "year": "2031-32", "value": "1e30", "direction": "higher",
        "amber_margin": "10"}).content.decode()
    assert "A target is 1,000,000 or less" in page
    page = client.post(reverse("commissioning:money-entry", args=["E10000018", "exercise"]), {
        "title": "x" * 400, "status": "live"}).content.decode()
    assert "Title must be 200 characters or fewer" in page and "Ensure this value" not in page


def test_fields_a_form_adds_after_it_is_made_are_worded_too(demo, make_user, signed_in):
    from django.urls import reverse

    client = signed_in(make_user("secretariat", board="leicestershire-and-rutland"))
    page = client.post(reverse("partnership:contact-new", args=["leicestershire-and-rutland"]), {
        "role": "x", "review_due": "99999999999-01-01"}).content.decode()
    assert "as a real date" in page
    assert "Enter a valid date" not in page and "This field is required" not in page
