"""Issue 15: each cause of a server error or of lost typing that a hostile user or a hurried
clerk found, as a regression test. (The return reader's causes are in
tests/returns/test_validation.py and tests/returns/test_hostile_uploads.py; the fuzzers that
look for the whole class are tests/security/test_fuzz_urls.py and test_fuzz_api.py.)"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.board.conftest import make_pdf

pytestmark = pytest.mark.django_db
GSS = "E10000018"


# --- Identifiers in URLs --------------------------------------------------------------------


@pytest.mark.parametrize("reference", ["LCC/DA/09", "A B", "../x", "-lead", "x" * 41, "LCC-DA-٠٩"])
def test_a_contract_reference_that_cannot_be_a_web_address_is_refused_on_the_creation_page(demo, make_user, signed_in,
                                                                                        reference):
    from daboard.commissioning.models import Contract
    from daboard.core.models import Organisation

    client = signed_in(make_user("commissioner", council=GSS))
    before = Contract.objects.count()
    response = client.post(reverse("commissioning:contract-new", args=[GSS]), {
        "reference": reference, "service": "Outreach", "provider": Organisation.objects.get(slug="freeva").pk,
        "total_value": "1000", "status": "live", "returns_required": "on"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert Contract.objects.count() == before
    with pytest.raises(ValidationError):
        Contract(reference=reference).clean_fields(exclude=[f.name for f in Contract._meta.fields if f.name != "reference"])


def test_a_contract_reference_already_used_is_refused_in_plain_words(demo, make_user, signed_in):
    from daboard.commissioning.models import Contract
    from daboard.core.models import Organisation

    client = signed_in(make_user("commissioner", council=GSS))
    before = Contract.objects.count()
    page = client.post(reverse("commissioning:contract-new", args=[GSS]), {
        "reference": Contract.objects.first().reference, "service": "Outreach",
        "provider": Organisation.objects.get(slug="freeva").pk, "total_value": "1000", "status": "live",
        "returns_required": "on"}).content.decode()
    assert "Another contract has this reference: give each its own." in page and "already exists" not in page
    assert Contract.objects.count() == before


def test_every_saved_contract_has_a_working_address_on_every_page_that_lists_it(demo, make_user, signed_in):
    from daboard.commissioning.models import Contract

    client = signed_in(make_user("commissioner", council=GSS))
    for contract in Contract.objects.all():
        assert reverse("returns:contract", args=[contract.reference])
    for name in ("core:home", "commissioning:contract-list", "returns:index"):
        assert client.get(reverse(name)).status_code == 200


@given(st.text(max_size=50))
def test_the_url_patterns_accept_exactly_what_the_model_validators_allow(text):
    from daboard.core import identifiers

    for pattern, validator in ((identifiers.CONTRACT_REFERENCE, identifiers.contract_reference_validator),
                               (identifiers.GSS_CODE, identifiers.gss_code_validator)):
        try:
            validator(text)
            valid = True
        except ValidationError:
            valid = False
        assert valid == bool(re.fullmatch(pattern, text)), (pattern, text)


def test_the_migration_mends_a_stored_reference_with_a_slash():
    import importlib

    migration = importlib.import_module("daboard.commissioning.migrations.0003_crash_contract_reference_validator")

    class Row:
        def __init__(self, reference):
            self.reference = reference

        def save(self, update_fields):
            pass

    rows = [Row("LCC/DA/09"), Row("LCC-DA-09"), Row("OK-1")]

    class Manager:
        def values_list(self, *a, **k):
            return [r.reference for r in rows]

        def all(self):
            return rows

    class Apps:
        def get_model(self, *a):
            return type("Contract", (), {"objects": Manager()})

    migration.mend_references(Apps(), None)
    assert [r.reference for r in rows] == ["LCC-DA-09-2", "LCC-DA-09", "OK-1"]


# --- Periods --------------------------------------------------------------------------------

BAD_QUARTERS = ["9999-00-Q4", "0000-01-Q1", "0001-02-Q1", "1999-00-Q1", "2100-01-Q1"]


@pytest.mark.parametrize("text", BAD_QUARTERS)
def test_the_period_parser_refuses_quarters_outside_the_years_daboard_serves(text):
    from daboard.core.periods import Period

    with pytest.raises(ValueError, match="outside the years daboard serves"):
        Period.parse(text)


def test_the_first_and_last_periods_have_every_neighbour_and_day():
    from daboard.core.periods import Period

    first, last = Period.parse("2000-01-Q1"), Period.parse("2099-00-Q4")
    assert str(first.previous()) == "1999-00-Q4" and first.back(8)[0].first_day == dt.date(1998, 7, 1)
    assert last.last_day == dt.date(2100, 3, 31) and last.next().due_date() == dt.date(2100, 7, 20)


@pytest.mark.parametrize("text", BAD_QUARTERS)
def test_far_quarters_in_report_dashboard_and_returns_urls_are_not_found_never_a_server_error(
        demo, make_user, signed_in, text):
    client = signed_in(make_user("commissioner", council=GSS))
    for name, owner in (("insights:report", GSS), ("insights:report-pdf", GSS), ("returns:prefilled", "LCC-DA-08")):
        # reverse() refuses the far quarter (the converter knows it), so it is written into the path by hand
        response = client.get(reverse(name, args=[owner, "2024-25-Q1"]).replace("2024-25-Q1", text))
        assert response.status_code == 404, (name, response.status_code)
    assert client.get(reverse("insights:dashboard", args=[GSS]), {"period": text}).status_code == 200


@pytest.mark.parametrize("text", BAD_QUARTERS)
def test_far_quarters_on_the_api_are_a_clear_400(demo, text):
    from django.test import Client

    from daboard.core.models import Organisation
    from daboard.core.tokens import token_create

    _token, raw = token_create(acting_user=None, organisation=Organisation.objects.get(name="Freeva"), name="CMS")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    for response in (api.get(f"/api/v1/returns/LCC-DA-08/{text}"),
                     api.post(f"/api/v1/returns/LCC-DA-08/{text}/rows", '{"rows": []}', content_type="application/json")):
        assert response.status_code == 400 and "outside the years" in response.json()["errors"][0]["message"]


# --- Dates in forms -------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "9999-11-01", "0001-01-01", "2099-12-01"])
def test_a_meeting_cannot_be_scheduled_at_a_date_the_calendars_cannot_hold(demo, make_user, signed_in, day):
    from daboard.board.models import Meeting

    client = signed_in(make_user("secretariat", board="leicestershire-and-rutland"))
    before = Meeting.objects.count()
    response = client.post(reverse("board:meeting-schedule", args=["leicestershire-and-rutland"]),
                           {"first_date": day, "start_time": "09:00", "repeat": "4"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    assert Meeting.objects.count() == before


def test_the_service_refuses_far_meeting_dates_too(demo, make_user):
    from daboard.board.services import meetings_schedule
    from daboard.core.models import Board

    with pytest.raises(ValidationError, match="outside that"):
        meetings_schedule(acting_user=make_user("secretariat", board="leicestershire-and-rutland"),
                          board=Board.objects.get(slug="leicestershire-and-rutland"), dates=[dt.date(9999, 12, 31)],
                          start_time=dt.time(9, 0))


def test_a_meeting_on_the_last_allowed_day_keeps_its_page_and_calendars_working(demo, make_user, signed_in):
    from daboard.board.services import meetings_schedule
    from daboard.core import tokens
    from daboard.core.models import Board

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    meeting = meetings_schedule(acting_user=clerk, board=Board.objects.get(slug="leicestershire-and-rutland"),
                                dates=[dt.date(2099, 12, 31)], start_time=dt.time(23, 0))[0]
    client = signed_in(clerk)
    token = tokens.feed_token(clerk, "board:leicestershire-and-rutland")
    for path in (reverse("board:meeting-detail", args=[meeting.pk]), reverse("board:meeting-ics", args=[meeting.pk]),
                 reverse("board:board-feed", args=["leicestershire-and-rutland", token])):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("field", ["since", "until"])
def test_every_forms_dates_are_bounded(field):
    from django import forms

    class Any(forms.Form):
        day = forms.DateField()
        when = forms.DateTimeField()

    assert not Any({"day": "9999-12-31", "when": "2026-01-01 10:00"}).is_valid()
    assert not Any({"day": "2026-01-01", "when": "0001-01-01 10:00"}).is_valid()
    assert Any({"day": "2026-01-01", "when": "2026-01-01 10:00"}).is_valid()


# --- Text that goes into documents ----------------------------------------------------------

NASTY = "Para one\x0bline two\x0cpage\x00\x01\x1f\x7f\x85\ufffe end"


def test_clean_text_keeps_words_and_line_breaks_and_drops_what_xml_cannot_hold():
    from daboard.core.text import clean_text

    assert clean_text(NASTY) == "Para one\nline two\npage end"
    assert clean_text("tab\tand\r\nnew line") == "tab\tand\r\nnew line"
    assert clean_text(7) == 7 and clean_text(None) is None
    assert clean_text("Board\x0bname\r\n x", one_line=True) == "Board name x"


def test_a_vertical_tab_pasted_from_word_into_a_minute_keeps_its_word_and_pdf_downloads_working(
        demo, make_user, signed_in):
    from daboard.board.models import Meeting, MinuteItem

    meeting = Meeting.objects.filter(status__in=["minutes_circulated", "minutes_confirmed"],
                                     minute_items__isnull=False).distinct().order_by("-date").first()
    # (no NUL: PostgreSQL cannot store one, and Django's forms refuse it on the way in)
    MinuteItem.objects.filter(meeting=meeting).update(considered=NASTY.replace("\x00", ""),
                                                      title="Title\x0bwith a break")
    meeting.title = "Board\x0b meeting"
    meeting.save()
    client = signed_in(make_user("board_member", board=meeting.board.slug))
    for name in ("board:minutes-docx", "board:minutes-pdf", "board:meeting-ics"):
        response = client.get(reverse(name, args=[meeting.pk]))
        assert response.status_code == 200, name
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(client.get(
        reverse("board:minutes-docx", args=[meeting.pk])).content)).paragraphs)
    assert "Para one\nline two" in text


def test_a_vertical_tab_in_a_service_name_keeps_the_contracts_exports_working(demo, make_user, signed_in):
    from openpyxl import load_workbook

    from daboard.commissioning.models import Contract

    Contract.objects.filter(reference="LCC-DA-08").update(service="Helpline\x0bout of hours\x01")
    client = signed_in(make_user("commissioner", council=GSS))
    response = client.get(reverse("commissioning:contract-list"), {"format": "xlsx"})
    assert response.status_code == 200
    cells = [c.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert "Helpline\nout of hours" in cells
    assert client.get(reverse("commissioning:money-pdf", args=[GSS])).status_code == 200


# --- Papers ---------------------------------------------------------------------------------


def _pdf_without_page_box() -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(1))))
    for page in writer.pages:
        page.pop(NameObject("/MediaBox"), None)
        page.pop(NameObject("/CropBox"), None)
    writer._root_object["/Pages"].pop(NameObject("/MediaBox"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize("make", [_pdf_without_page_box, lambda: b"%PDF-1.7\n1 0 obj << >>\nendobj\n%%EOF"],
                         ids=["no-page-box", "no-pages"])
def test_a_paper_the_pack_cannot_take_is_refused_at_upload_and_the_pack_still_publishes(demo, make_user, signed_in,
                                                                                     make):
    from daboard.board import services
    from daboard.board.models import AgendaItem, Paper
    from daboard.core.models import Board

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    meeting = services.meetings_schedule(acting_user=clerk, board=Board.objects.get(slug="leicestershire-and-rutland"),
                                         dates=[dt.date(2031, 6, 20)], start_time=dt.time(9, 0))[0]
    services.agenda_draft(acting_user=clerk, meeting=meeting)
    item = services.agenda_item_save(acting_user=clerk, item=AgendaItem(meeting=meeting, title="Report", kind="report"))
    client = signed_in(clerk)
    response = client.post(reverse("board:paper-add", args=[item.pk]),
                           {"title": "Broken", "file": SimpleUploadedFile("p.pdf", make())})
    assert response.status_code == 200 and "agenda pack" in response.content.decode()
    assert not Paper.objects.filter(item=item).exists()
    response = client.post(reverse("board:publish-pack", args=[meeting.pk]))
    assert response.status_code in (200, 302)


# --- The minutes page never loses what was typed --------------------------------------------


@pytest.fixture
def minute(demo, make_user):
    from daboard.board.models import MinuteItem

    minute = MinuteItem.objects.filter(meeting__board__slug="leicestershire-and-rutland").first()
    return minute, make_user("secretariat", board="leicestershire-and-rutland")


def test_add_action_before_save_minute_saves_the_typed_minute_too(minute, signed_in):
    from daboard.core.models import Person

    minute, clerk = minute
    client = signed_in(clerk)
    response = client.post(reverse("board:minute-edit", args=[minute.pk]), {
        "considered": "Typed but not saved", "points": "One\n\nTwo", "closing_text": "", "resolutions": "",
        "action-text": "Write to the council", "action-owner": Person.objects.first().pk,
        "action-due_next_meeting": "on", "add_action": "1"}, follow=True)
    minute.refresh_from_db()
    assert minute.considered == "Typed but not saved" and list(minute.points.values_list("text", flat=True)) == [
        "One", "Two"]
    assert minute.actions.filter(text="Write to the council").exists()
    assert f"Minute {minute.number} saved. Action added." in response.content.decode()


@pytest.mark.parametrize("button", ["add_action", "add_declaration", "add_forward"])
def test_a_button_whose_own_part_has_a_mistake_keeps_everything_typed_on_the_page(minute, signed_in, button):
    minute, clerk = minute
    client = signed_in(clerk)
    response = client.post(reverse("board:minute-edit", args=[minute.pk]), {
        "considered": "Typed minute text", "points": "", "closing_text": "", "resolutions": "",
        "action-text": "A half-typed action", "declaration-text": "A half-typed declaration",
        "forward-description": "A half-typed promise", button: "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page and "Success" not in page
    for typed in ("Typed minute text", "A half-typed action", "A half-typed declaration", "A half-typed promise"):
        assert typed in page, typed
    minute.refresh_from_db()
    assert minute.considered == "Typed minute text"  # and the minute's own text was saved


def test_the_minutes_page_is_one_form_so_every_button_sends_the_typed_minute(minute, signed_in):
    minute, clerk = minute
    page = signed_in(clerk).get(reverse("board:minute-edit", args=[minute.pk])).content.decode()
    body = page.split('<h1 class="govuk-heading-l">', 1)[1]
    assert body.count("<form") == 1
    for button in ("save", "add_action", "add_declaration", "add_forward"):
        assert f'name="{button}"' in body


# --- Numbers --------------------------------------------------------------------------------


def test_a_number_too_large_for_the_database_in_a_multiple_choice_is_a_form_error(demo):
    from django import forms

    from daboard.core.models import Person

    first = Person.objects.first()
    field = forms.ModelMultipleChoiceField(queryset=Person.objects.all())
    for values in (["99999999999999999999"], ["-99999999999999999999", str(first.pk)]):
        with pytest.raises(ValidationError):
            field.clean(values)
    assert list(Person.objects.filter(pk__in=[first.pk, 10**30])) == [first]


def test_a_role_that_does_not_exist_is_a_form_error_on_the_users_page(demo, make_user, signed_in):
    target = make_user("board_member", board="leicestershire-and-rutland")
    response = signed_in(make_user("admin")).post(reverse("core:user-detail", args=[target.pk]), {"role": "emperor"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


@pytest.mark.parametrize("nxt", ["xlsx", "-1", "core:home", "//evil.example/", "https://evil.example/"])
def test_a_signed_in_user_sent_to_sign_in_with_any_next_goes_somewhere_safe(demo, make_user, signed_in, nxt):
    response = signed_in(make_user("admin")).get(reverse("core:sign-in"), {"next": nxt})
    assert response.status_code == 302 and response["Location"] == "/"


# --- Zip bombs in any upload ----------------------------------------------------------------


def test_a_document_upload_is_checked_by_what_it_really_unpacks_to(db):
    from daboard.core.uploads import check_zip
    from tests.returns import hostile

    data = hostile.xlsx_lying_sizes(expanded=300 * 1024 * 1024)
    with pytest.raises(ValidationError, match="zip bomb"):
        check_zip(data, "document")
    for damaged in (hostile.xlsx_bad_crc(), hostile.xlsx_encrypted_entry(), hostile.xlsx_unknown_compression()):
        with pytest.raises(ValidationError, match="was refused: it "):
            check_zip(damaged, "document")


@pytest.mark.parametrize("argv", [
    ["returns", "import", "FILE", "--contract", "LCC-DA-08", "--period", "9999-00-Q4"],
    ["returns", "synthesize", "--contract", "LCC-DA-08", "--period", "0000-01-Q1", "--rows", "1", "--out", "FILE"],
    ["report", "kpis", "--period", "0001-02-Q1"],
    ["report", "annual", "--council", GSS, "--year", "9999-00", "--out", "FILE"],
])
def test_far_periods_and_years_on_the_command_line_are_a_usage_error_with_a_sentence(demo, tmp_path, argv):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from tests.returns.conftest import csv_of, row

    path = tmp_path / "r.csv"
    path.write_bytes(csv_of([row()]))
    with pytest.raises(CommandError, match="outside the years daboard serves") as info:
        call_command(*[str(path) if a == "FILE" else a for a in argv])
    assert info.value.returncode == 2


def test_record_approval_on_the_terms_page_saves_the_typed_draft_first_and_keeps_it_on_a_mistake(
        demo, make_user, signed_in):
    from daboard.board import services as board_services
    from daboard.core.models import Board

    leicester = Board.objects.get(slug="leicester")
    clerk = make_user("secretariat", board="leicester")
    draft = board_services.terms_new_version(acting_user=clerk, terms=leicester.terms.get(status="approved"))
    client = signed_in(clerk)
    page = client.get(reverse("board:terms-edit", args=["leicester", draft.pk])).content.decode()
    body = page.split('<h1 class="govuk-heading-l">', 1)[1]
    assert body.count("<form") == 1
    fields = _Form.of(body)
    fields.update({"title": "Typed before approving", "approve": "1", "meeting": ""})  # no meeting: a mistake
    response = client.post(reverse("board:terms-edit", args=["leicester", draft.pk]), fields)
    assert response.status_code == 200 and "Typed before approving" in response.content.decode()
    draft.refresh_from_db()
    assert draft.title == "Typed before approving" and draft.status == "draft"


class _Form:
    @staticmethod
    def of(html: str) -> dict:
        from tests.security.test_fuzz_urls import _Forms

        parser = _Forms()
        parser.feed(html)
        form = next(f for f in parser.forms if f["method"] == "post")
        return {k: v or "" for k, v in form["fields"].items()}
