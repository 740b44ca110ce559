"""Strategies, priorities and the delivery plan: the seeds' facts, the progress report and
who may change what."""

import datetime as dt
import subprocess

import pytest
from django.urls import reverse

from daboard.board.models import Board, Meeting
from daboard.strategy.models import DeliveryAction, Strategy

pytestmark = pytest.mark.django_db


def test_the_demo_loads_the_seeds_strategies_priorities_and_rutlands_forward_plan(demo):
    rutland = Strategy.objects.get(council__gss_code="E06000017")
    assert (rutland.starts, rutland.ends, rutland.status, rutland.review_due) == (2021, 2024, "under_review",
                                                                                  dt.date(2024, 10, 31))
    titles = list(rutland.priorities.values_list("title", flat=True))
    assert len(titles) == 5 and titles[0] == "Raising awareness of domestic abuse and the prevalence locally"
    assert titles[4] == "Providing support for victim and survivors in relevant safe accommodation"
    activity = rutland.priorities.get(number=3).activities.get()
    assert activity.year == "2023/2024" and activity.text == ("Practitioners in Rutland are now trained in Modus and "
                                                              "attend MARAC regularly.")
    plan = {a.title: (a.owner_as_printed, a.due) for a in rutland.actions.all()}
    assert plan["Needs Assessment and DA strategy to be updated"] == ("HOS/SM and PDL", dt.date(2024, 10, 31))
    assert plan["LWA contract to be reviewed"] == ("HOS with LLR partnership", None) and len(plan) == 5
    leics = Strategy.objects.get(council__gss_code="E10000018")
    assert (leics.starts, leics.ends) == (2022, 2025) and leics.priorities.count() == 5


def test_the_progress_report_reads_like_rutlands_table_and_goes_on_an_agenda(demo, make_user, signed_in, tmp_path):
    rutland = Strategy.objects.get(council__gss_code="E06000017")
    client = signed_in(make_user("commissioner", council="E06000017"))
    html = client.get(reverse("strategy:report", args=[rutland.pk])).content.decode()
    assert "Progress by strategy priority" in html and "Monthly Comms via social media" in html
    assert "Training plan to be progressed" in html and "Not yet reported" in html
    pdf = client.get(reverse("strategy:report", args=[rutland.pk]), {"format": "pdf"}).content
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "1. Raising awareness of domestic abuse and the prevalence locally" in " ".join(text.split())
    board = Board.objects.get(slug="leicestershire-and-rutland")
    meeting = Meeting.objects.create(board=board, title=board.name, date=dt.date(2031, 3, 21))
    response = client.post(reverse("strategy:report", args=[rutland.pk]), {"meeting": meeting.pk})
    assert response.status_code == 302
    assert meeting.items.get(title="Delivery of the domestic abuse strategy: Rutland").papers.count() == 1


def test_the_commissioner_adds_an_action_and_its_owner_records_progress(demo, make_user, signed_in):
    from daboard.core.models import Person

    rutland = Strategy.objects.get(council__gss_code="E06000017")
    commissioner = signed_in(make_user("commissioner", council="E06000017"))
    url = reverse("strategy:action-new", args=[rutland.pk])
    html = commissioner.post(url, {"title": "", "rag": "done"}).content.decode()
    assert "Enter what is to be done" in html and "Give the date completed" in html
    owner = Person.objects.filter(user__isnull=True).order_by("name").first()  # someone with no login yet
    assert commissioner.post(url, {"title": "Survivor voice in the plan", "priority": rutland.priorities.get(number=2).pk,
                                   "owner_person": owner.pk, "due": "2027-03-31", "rag": "green"}).status_code == 302
    action = DeliveryAction.objects.get(title="Survivor voice in the plan")
    member = make_user("board_member", board="leicestershire-and-rutland")
    member.person = owner
    member.save()
    from django.test import Client

    other = make_user("board_member", board="leicestershire-and-rutland")
    progress = reverse("strategy:progress-new", args=[rutland.pk, action.pk])
    c2 = Client()
    c2.force_login(other, backend="django.contrib.auth.backends.ModelBackend")
    assert c2.post(progress, {"date": "2026-11-01", "rag": "amber", "text": "x"}).status_code == 404
    c3 = Client()
    c3.force_login(member, backend="django.contrib.auth.backends.ModelBackend")
    assert c3.post(progress, {"date": "2026-11-01", "rag": "amber", "text": "Focus group booked."}).status_code == 302
    action.refresh_from_db()
    assert action.rag == "amber" and action.updates.get().text == "Focus group booked."


def test_providers_have_no_strategy_pages_and_members_cannot_change_them(demo, make_user, signed_in):
    rutland = Strategy.objects.get(council__gss_code="E06000017")
    provider = signed_in(make_user("provider", organisation="freeva"))
    assert provider.get(reverse("strategy:detail", args=[rutland.pk])).status_code == 404
    assert provider.get(reverse("strategy:calendar", args=["E06000017"])).status_code == 404
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    assert member.get(reverse("strategy:detail", args=[rutland.pk])).status_code == 200
    assert member.get(reverse("strategy:action-new", args=[rutland.pk])).status_code == 404
    assert member.get(reverse("strategy:calendar", args=["E06000017"])).status_code == 200


def test_the_strategy_document_is_uploaded_as_pdf_or_word_only_and_read_by_the_board(demo, make_user, signed_in):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.board.conftest import make_pdf

    rutland = Strategy.objects.get(council__gss_code="E06000017")
    client = signed_in(make_user("commissioner", council="E06000017"))
    url = reverse("strategy:edit", args=[rutland.pk])
    fields = {"title": rutland.title, "starts": "2021", "ends": "2024", "status": "under_review",
              "review_due": "2024-10-31"}
    html = client.post(url, {**fields, "upload": SimpleUploadedFile("s.pdf", b"MZ\x90\x00 not a pdf")}).content.decode()
    assert "must be a PDF or a Word document" in html
    assert not Strategy.objects.get(pk=rutland.pk).document
    assert client.post(url, {**fields, "upload": SimpleUploadedFile("Rutland strategy.pdf", make_pdf(2))}).status_code == 302
    member = signed_in(make_user("board_member", board="leicestershire-and-rutland"))
    response = member.get(reverse("strategy:document", args=[rutland.pk]))
    assert response.status_code == 200 and b"".join(response).startswith(b"%PDF")
    assert "Rutland_strategy.pdf" in response["Content-Disposition"]


def test_a_draft_strategys_adoption_is_on_the_calendar_until_it_is_adopted(demo):
    from daboard.core.models import Council
    from daboard.strategy.calendar import council_items

    leicester = Council.objects.get(gss_code="E06000016")
    draft = Strategy.objects.create(council=leicester, title="Leicester DA strategy", starts=2026, ends=2029,
                                    status="consulted", adoption_due=dt.date(2026, 12, 10))
    today = dt.date(2026, 11, 23)
    items = [i for i in council_items(leicester, today, today + dt.timedelta(days=30)) if "adoption" in i.key]
    assert len(items) == 1 and items[0].title.startswith("Adopt the strategy")
    draft.status, draft.adopted_on = "adopted", dt.date(2026, 12, 1)
    draft.save()
    assert not [i for i in council_items(leicester, today, today + dt.timedelta(days=30)) if "adoption" in i.key]


@pytest.mark.parametrize(("number", "message"), [("0", "Number the priority from 1"),
                                                 ("-1", "Number the priority from 1"),
                                                 ("", "Enter the number of the priority"),
                                                 ("99999999999", "Number the priority 99 or below")])
def test_a_priority_numbered_out_of_range_is_refused_on_every_database(demo, make_user, signed_in, number, message):
    strategy = Strategy.objects.filter(council__gss_code="E06000017").first()
    client = signed_in(make_user("commissioner", council="E06000017"))
    before = strategy.priorities.count()
    page = client.post(reverse("strategy:priority-new", args=[strategy.pk]),
                       {"number": number, "title": "Safe housing"}).content.decode()
    assert message in page and strategy.priorities.count() == before
