"""Papers: only real PDFs and Word documents, checked by their bytes; nothing stored on refusal."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from daboard.board import services
from daboard.board.models import AgendaItem, Paper

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
def test_a_word_paper_gets_a_pdf_copy_for_the_pack(item, upload, make_user):
    paper = services.paper_add(acting_user=make_user("secretariat", board="leicestershire-and-rutland"), item=item,
                               title="Word report", upload=upload("report.docx", make_docx()))
    assert paper.content_type.endswith("wordprocessingml.document")
    assert paper.pdf and paper.pages >= 1
    with paper.pdf.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
