import datetime as dt
import io

import pytest


def make_pdf(pages: int) -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="page-break-after: always">Page {i + 1} of the paper</p>' for i in range(pages))
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def make_docx(text: str = "A report to the board") -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading("Report", level=1)
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def pdf_bytes():
    return make_pdf


@pytest.fixture
def upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def factory(name: str, data: bytes, content_type: str = "application/octet-stream"):
        return SimpleUploadedFile(name, data, content_type=content_type)

    return factory


@pytest.fixture
def board_lr(demo):
    from daboard.core.models import Board

    return Board.objects.get(slug="leicestershire-and-rutland")


@pytest.fixture
def new_meeting(board_lr, make_user):
    """A fresh meeting in a municipal year the demo does not use, under terms of reference
    that set the clerk's deadlines under test. The Leicestershire and Rutland papers set
    none, so the tests give its terms Leicester's rules (004, 5.1-5.2): papers 7 days
    ahead, draft minutes within 14 days, minutes kept 7 years, recordings destroyed."""
    from daboard.board.models import TermsOfReference
    from daboard.board.services import meetings_schedule

    TermsOfReference.objects.filter(board=board_lr).update(
        papers_deadline_days=7, draft_minutes_deadline_days=14, minutes_retention_years=7,
        delete_recordings_on_confirmation=True)

    clerk = make_user("secretariat", board="leicestershire-and-rutland")

    def factory(day: dt.date, **kw):
        return meetings_schedule(acting_user=clerk, board=board_lr, dates=[day], start_time=dt.time(9, 0), **kw)[0]

    factory.clerk = clerk
    return factory
