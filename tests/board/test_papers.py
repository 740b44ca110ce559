"""Papers: only real PDFs, Word documents and slides, checked by their bytes; nothing stored on
refusal. A Word or slides paper's PDF copy is made after its upload commits."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from daboard.board import services
from daboard.board.models import AgendaItem, Paper, PaperPdf
from daboard.core.models import AuditEntry

from .conftest import make_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(new_meeting):
    import datetime as dt

    meeting = new_meeting(dt.date(2030, 6, 14))
    return services.agenda_item_save(acting_user=new_meeting.clerk, item=AgendaItem(meeting=meeting, title="Spend plan"))


def test_a_pdf_paper_is_stored_under_a_generated_name_with_its_page_count(item, upload, pdf_bytes, make_user):
    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    paper = services.paper_add(acting_user=clerk, item=item, title="Spend plan report",
                               upload=upload("../../etc/Spend plan.pdf", pdf_bytes(3)))
    assert paper.pages == 3 and paper.content_type == "application/pdf"
    assert paper.original_name == "Spend_plan.pdf"
    assert "etc" not in paper.file.name and paper.file.name.endswith(".pdf")
    assert len(paper.sha256) == 64


@pytest.mark.parametrize(("name", "data", "message"), [
    ("report.pdf", b"<html><script>alert(1)</script></html>", "must be a PDF, a Word document"),
    ("report.pdf", b"MZ\x90\x00" + b"\0" * 100, "must be a PDF, a Word document"),
    ("report.docx", b"PK\x03\x04 not really a zip", "damaged"),
])
def test_files_that_are_not_what_they_claim_are_refused_and_nothing_is_stored(item, upload, make_user, name, data, message):
    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    with pytest.raises(ValidationError, match=message):
        services.paper_add(acting_user=clerk, item=item, title="x", upload=upload(name, data))
    assert Paper.objects.count() == 0


def test_a_macro_enabled_word_file_is_refused(item, upload, make_user):
    docx = io.BytesIO(make_docx())
    out = io.BytesIO()
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("word/vbaProject.bin", b"macro")
    with pytest.raises(ValidationError, match="macros"):
        services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"), item=item,
                           title="x", upload=upload("report.docx", out.getvalue()))


def test_a_zip_bomb_is_refused_from_the_directory_before_unpacking(item, upload, make_user):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (50 * 1024 * 1024))
    assert len(out.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError, match="zip bomb"):
        services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"), item=item,
                           title="x", upload=upload("report.docx", out.getvalue()))


def test_a_paper_over_the_size_limit_is_refused_before_reading(item, upload, make_user, settings):
    settings.DABOARD_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="smaller than"):
        services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"), item=item,
                           title="x", upload=upload("big.pdf", b"%PDF-" + b"0" * 2000))
    assert Paper.objects.count() == 0


def test_an_empty_file_is_refused(item, upload, make_user):
    with pytest.raises(ValidationError, match="empty"):
        services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"), item=item,
                           title="x", upload=upload("empty.pdf", b""))


@pytest.mark.slow
def test_a_word_paper_gets_a_pdf_copy_for_the_pack_after_its_upload_commits(item, upload, make_user,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"),
                                   item=item, title="Word report", upload=upload("report.docx", make_docx()))
        assert paper.pdf_status == PaperPdf.CONVERTING and not paper.pdf  # nothing converted in the request
    paper.refresh_from_db()
    assert paper.content_type.endswith("wordprocessingml.document")
    assert paper.pdf_status == PaperPdf.READY and paper.pdf and paper.pages >= 1
    with paper.pdf.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert AuditEntry.objects.filter(action="paper.converted", object_id=str(paper.pk)).exists()


def _cannot_convert(data, extension, timeout=120):
    raise ValidationError("LibreOffice could not turn the Word document into PDF. Save it as PDF and upload that.")


def test_a_word_paper_that_cannot_be_converted_is_kept_says_why_and_holds_back_the_pack(
        item, upload, make_user, signed_in, pdf_bytes, monkeypatch, django_capture_on_commit_callbacks):
    from django.urls import reverse

    from daboard.board.services import agenda
    from tests.publishing import publish_pack

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    monkeypatch.setattr(agenda, "to_pdf", _cannot_convert)
    with django_capture_on_commit_callbacks(execute=True):
        paper = services.paper_add(acting_user=clerk, item=item, title="Word report",
                                   upload=upload("report.docx", make_docx()))
        slides = services.paper_add(acting_user=clerk, item=item, title="Word appendix",
                                    upload=upload("appendix.docx", make_docx()))
    paper.refresh_from_db()
    assert paper.pdf_status == PaperPdf.FAILED and "Save it as PDF" in paper.pdf_error and paper.file
    page = signed_in(clerk).get(reverse("board:meeting-detail", args=[item.meeting_id])).content.decode()
    assert "Could not be turned into PDF" in page and "Save it as PDF and upload that." in page
    with pytest.raises(ValidationError) as refused:
        publish_pack(acting_user=clerk, meeting=item.meeting)
    # Every paper that holds the pack back is named at once.
    assert [m.split("\u201d")[0] for m in refused.value.messages] == ["The paper \u201cWord report",
                                                                       "The paper \u201cWord appendix"]
    item.meeting.refresh_from_db()
    assert item.meeting.agenda_published_at is None
    services.paper_remove(acting_user=clerk, paper=slides, reason="Not needed")
    services.paper_replace(acting_user=clerk, paper=paper, title="Word report", upload=upload("report.pdf", pdf_bytes(2)))
    publish_pack(acting_user=clerk, meeting=item.meeting)
    item.meeting.refresh_from_db()
    assert item.meeting.pack and item.meeting.pack_pages >= 2


def test_the_pack_build_makes_the_pdf_copy_of_a_paper_still_waiting_for_it(item, upload, make_user, monkeypatch,
                                                                             django_capture_on_commit_callbacks,
                                                                             pdf_bytes):
    from daboard.board.services import agenda
    from tests.publishing import publish_pack

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    monkeypatch.setattr(agenda, "to_pdf", lambda data, extension, timeout=120: pdf_bytes(3))
    with django_capture_on_commit_callbacks(execute=False):  # the conversion task has not run yet
        paper = services.paper_add(acting_user=clerk, item=item, title="Word report",
                                   upload=upload("report.docx", make_docx()))
    assert Paper.objects.get(pk=paper.pk).pdf_status == PaperPdf.CONVERTING
    publish_pack(acting_user=clerk, meeting=item.meeting)
    paper.refresh_from_db()
    item.meeting.refresh_from_db()
    assert paper.pdf_status == PaperPdf.READY and paper.pages == 3 and item.meeting.pack


@pytest.mark.parametrize(("name", "kind", "given_back_as"), [
    ("report.pdf", "docx", "report.docx"),  # a Word file sent under a PDF's name
    ("figures.docx", "pdf", "figures.pdf"),
    ("no extension", "pdf", "no_extension.pdf"),
])
def test_a_paper_is_given_back_under_a_name_that_ends_as_its_bytes_are(item, upload, make_user, pdf_bytes, name, kind,
                                                                       given_back_as):
    data = pdf_bytes(1) if kind == "pdf" else make_docx()
    paper = services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"), item=item,
                               title="x", upload=upload(name, data))
    assert paper.original_name == given_back_as


def test_the_public_site_offers_a_word_paper_only_once_its_pdf_copy_is_made(item, upload, make_user, pdf_bytes,
                                                                            monkeypatch,
                                                                            django_capture_on_commit_callbacks):
    from django.test import Client
    from django.urls import reverse

    from daboard.board.services import agenda
    from tests.publishing import publish_pack

    clerk = make_user("secretariat", board="leicestershire-and-rutland")
    services.paper_add(acting_user=clerk, item=item, title="Cover note", upload=upload("c.pdf", pdf_bytes(1)))
    publish_pack(acting_user=clerk, meeting=item.meeting)
    with django_capture_on_commit_callbacks(execute=False):  # its conversion has not run yet
        waiting = services.paper_add(acting_user=clerk, item=item, title="Late report",
                                     upload=upload("late.docx", make_docx()))
    public = Client()
    slug = item.meeting.board.slug
    page = public.get(reverse("board:public-meeting", args=[slug, item.meeting_id])).content.decode()
    assert "Cover note" in page and "Late report" not in page
    assert public.get(reverse("board:public-paper", args=[slug, waiting.pk])).status_code == 404
    monkeypatch.setattr(agenda, "to_pdf", lambda data, extension, timeout=120: pdf_bytes(2))
    agenda.paper_convert_run(waiting.pk)
    response = public.get(reverse("board:public-paper", args=[slug, waiting.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="late.pdf"' in response["Content-Disposition"]
