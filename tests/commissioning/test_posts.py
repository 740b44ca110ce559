"""Funded posts and vacancies, district plans, and who enters and reads them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from daboard.commissioning import services
from daboard.commissioning.models import DistrictPlan, Post
from daboard.core import clock
from daboard.core.models import AuditEntry, Council
from daboard.strategy.calendar import user_items

pytestmark = pytest.mark.django_db

LEICS = "E10000018"


def test_a_status_change_keeps_the_history_and_is_audited(demo):
    post = Post.objects.get(title="Support and Intervention Workers and Engagement Workers")
    services.post_status_change(acting_user=None, post=post, status="in_post", on=dt.date(2023, 3, 17),
                                note="Filled")
    post.refresh_from_db()
    assert post.status == "in_post" and post.interview_date is None and not post.is_open
    assert [e.status for e in post.history.all()] == ["planned", "interview", "in_post"]
    assert AuditEntry.objects.filter(action="post.status_changed").exists()


def test_a_change_dated_before_the_last_report_goes_into_the_history_and_leaves_the_status(
        demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council=LEICS))
    post = Post.objects.get(title="MARAC Coordinator")
    url = reverse("commissioning:post-status", args=[LEICS, post.pk])
    client.post(url, {"status": "recruiting", "on": "2026-11-01"})
    response = client.post(url, {"status": "vacant", "on": "2026-09-15", "note": "Post holder left"}, follow=True)
    page = response.content.decode()
    assert "dated before the status last reported (1 November 2026)" in page
    assert "the current status is still recruiting" in page
    post.refresh_from_db()
    assert post.status == "recruiting" and post.status_since == dt.date(2026, 11, 1)
    # The history reads in date order on every page: the late news sits where it happened.
    assert [e.status for e in post.history.all()][-2:] == ["vacant", "recruiting"]
    entry = AuditEntry.objects.filter(action="post.status_changed").latest("id")
    assert entry.detail["current"] is False and entry.detail["status"] == "vacant"
    posts_page = client.get(reverse("commissioning:posts", args=[LEICS])).content.decode()
    assert posts_page.index("15 September 2026: Vacant") < posts_page.index("1 November 2026: Recruiting")


@pytest.mark.parametrize("change", [
    {"status": "ended", "on": "1900-01-01"},  # before the last report, and before 2000
    {"status": "interview", "on": "2022-11-01", "interview_date": "1999-01-01"},
    {"status": "vacant", "on": "2093-01-10"},  # a day ahead: it would block every real change after it
], ids=["late-and-implausible", "late-with-implausible-interview", "ahead"])
def test_a_status_change_is_checked_the_same_whether_or_not_it_becomes_current(demo, make_user, signed_in, change):
    client = signed_in(make_user("commissioner", council=LEICS))
    post = Post.objects.get(title="MARAC Coordinator")
    url = reverse("commissioning:post-status", args=[LEICS, post.pk])
    assert client.post(url, {"status": "recruiting", "on": "2023-01-10"}).status_code == 302
    history = post.history.count()
    page = client.post(url, change).content.decode()
    assert "Enter a date between 2000 and 2099" in page or "today or an earlier day" in page
    post.refresh_from_db()
    assert post.status == "recruiting" and post.history.count() == history


def test_a_new_posts_status_cannot_be_dated_ahead(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council=LEICS))
    ahead = (clock.today() + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("commissioning:post-new", args=[LEICS]), {
        "title": "Refuge support worker", "status": "vacant", "status_since": ahead})
    assert "today or an earlier day" in response.content.decode()
    assert not Post.objects.filter(title="Refuge support worker").exists()


def test_open_vacancies_are_on_the_commissioners_what_is_due_until_filled(demo, make_user):
    commissioner = make_user("commissioner", council=LEICS)
    post = Post.objects.get(title="Support and Intervention Workers and Engagement Workers")
    items = [i for i in user_items(commissioner, dt.date(2026, 11, 29)) if i.kind == "Vacancy"]
    by_url = {i.url: i for i in items}
    item = by_url[reverse("commissioning:post-status", args=[LEICS, post.pk])]
    assert item.due == dt.date(2022, 12, 15) and "interviews 15 December 2022" in item.title
    assert item.state(dt.date(2026, 11, 29)) == "overdue"
    lgbt = Post.objects.get(title__contains="LGBT+")
    assert reverse("commissioning:post-status", args=[LEICS, lgbt.pk]) in by_url
    # Not the analyst's or the board member's work.
    assert not [i for i in user_items(make_user("analyst", council=LEICS), dt.date(2026, 11, 29)) if i.kind == "Vacancy"]
    services.post_status_change(acting_user=None, post=post, status="in_post", on=dt.date(2023, 3, 17))
    items = [i for i in user_items(commissioner, dt.date(2026, 11, 29)) if i.kind == "Vacancy"]
    assert reverse("commissioning:post-status", args=[LEICS, post.pk]) not in {i.url for i in items}


def test_board_members_read_the_vacancy_report_and_only_the_commissioner_changes_posts(demo, make_user, signed_in):
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    page = member.get(reverse("commissioning:posts", args=[LEICS])).content.decode()
    assert "Support and Intervention Workers and Engagement Workers" in page and "Interviews 15 December 2022" in page
    assert "Record a change" not in page and "Sabrina" not in page  # no post holder is named
    assert member.get(reverse("commissioning:posts-pdf", args=[LEICS])).content.startswith(b"%PDF-")
    post = Post.objects.get(title="MARAC Coordinator")
    assert member.get(reverse("commissioning:post-status", args=[LEICS, post.pk])).status_code == 404


def test_a_bad_status_change_is_refused_with_a_message_and_changes_nothing(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council=LEICS))
    post = Post.objects.get(title="MARAC Coordinator")
    url = reverse("commissioning:post-status", args=[LEICS, post.pk])
    page = client.post(url, {"status": "interview", "on": "2026-11-01"}).content.decode()
    assert "Enter the interview date" in page
    page = client.post(url, {"status": "vacant", "on": "31/02/2026"}).content.decode()
    assert "Enter a real date" in page
    # A mistyped interview date is not also called missing: one message for one mistake.
    page = client.post(url, {"status": "interview", "on": "2026-11-01", "interview_date": "soon"}).content.decode()
    assert "Enter a real date" in page and "Enter the interview date" not in page
    post.refresh_from_db()
    assert post.status == "planned" and post.history.count() == 1
    response = client.post(url, {"status": "recruiting", "on": "2026-11-01", "note": "Advertised"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == "recruiting" and post.history.last().note == "Advertised"


def test_the_commissioner_adds_a_post_and_a_commitment(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council=LEICS))
    response = client.post(reverse("commissioning:post-new", args=[LEICS]), {
        "title": "Domestic abuse housing officer", "status": "vacant", "status_since": "2026-11-01", "hours": "37",
        "cost": "oops"})
    assert "Enter the cost in pounds" in response.content.decode() and not Post.objects.filter(
        title="Domestic abuse housing officer").exists()
    response = client.post(reverse("commissioning:post-new", args=[LEICS]), {
        "title": "Domestic abuse housing officer", "status": "vacant", "status_since": "2026-11-01", "hours": "37"})
    assert response.status_code == 302
    assert Post.objects.get(title="Domestic abuse housing officer").history.count() == 1
    page = client.post(reverse("commissioning:commitment-new", args=[LEICS]), {
        "kind": "grant", "title": "Sanctuary scheme", "amount": "5000", "start_date": "2026-04-01"}).content.decode()
    assert "Give both the start and the end date" in page
    response = client.post(reverse("commissioning:commitment-new", args=[LEICS]), {
        "kind": "grant", "title": "Sanctuary scheme", "amount": "5000", "financial_year": "2026-27"})
    assert response.status_code == 302
    page = client.get(reverse("commissioning:money", args=[LEICS])).content.decode()
    assert "Sanctuary scheme" in page and "Vacancies" in page


def test_a_districts_return_is_recorded_beside_its_allocation(demo, make_user, signed_in):
    client = signed_in(make_user("commissioner", council=LEICS))
    blaby = Council.objects.get(name="Blaby")
    url = reverse("commissioning:district-plan", args=[LEICS, blaby.gss_code, "2022-23"])
    assert "Enter the amount in pounds" in client.post(url, {"amount_spent": "lots"}).content.decode()
    assert not DistrictPlan.objects.filter(district=blaby, financial_year="2022-23").exists()
    response = client.post(url, {"spent_on": "A domestic abuse housing officer", "amount_spent": "33000",
                                 "people_helped": "41", "outcomes": "41 households kept safe in their homes"})
    assert response.status_code == 302
    plan = DistrictPlan.objects.get(district=blaby, financial_year="2022-23")
    assert plan.amount_spent == Decimal("33000")
    page = client.get(reverse("commissioning:money", args=[LEICS])).content.decode()
    assert "41 households kept safe in their homes" in page and "Not in the published papers" in page
    assert client.get(reverse("commissioning:district-plan", args=[LEICS, blaby.gss_code, "2022"])).status_code == 404


def test_the_commissioner_puts_the_vacancy_report_on_an_agenda_in_one_step(demo, make_user, signed_in):
    from daboard.board.models import Meeting
    from daboard.core.models import Board

    board = Board.objects.get(slug="leicestershire-and-rutland")
    meeting = Meeting.objects.create(board=board, title=board.name, date=dt.date(2031, 3, 21))
    client = signed_in(make_user("commissioner", council=LEICS))
    assert "Choose the meeting" in client.post(reverse("commissioning:posts", args=[LEICS]), {}).content.decode()
    assert not meeting.items.exists()
    response = client.post(reverse("commissioning:posts", args=[LEICS]), {"meeting": meeting.pk})
    assert response.status_code == 302
    assert meeting.items.get(title="Funded posts and vacancies: Leicestershire").papers.get().pages >= 1


def test_the_commissioners_home_lists_the_open_vacancies(demo, make_user, signed_in):
    page = signed_in(make_user("commissioner", council=LEICS)).get(reverse("core:home")).content.decode()
    assert "Support and Intervention Workers and Engagement Workers (interviews 15 December 2022)" in page
    post = Post.objects.get(title="Support and Intervention Workers and Engagement Workers")
    assert reverse("commissioning:post-status", args=[LEICS, post.pk]) in page
