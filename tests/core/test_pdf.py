"""PDFs are made in one place: the same page read again is not laid out again, and text a
PDF cannot hold (a vertical tab pasted from Word) never breaks a download."""

from daboard.core import pdf


def test_the_same_report_read_twice_is_laid_out_once(monkeypatch):
    made = []
    real = pdf.HTML

    def counting(**kwargs):
        made.append(kwargs["string"])
        return real(**kwargs)

    monkeypatch.setattr(pdf, "HTML", counting)
    monkeypatch.setattr(pdf, "_MADE", type(pdf._MADE)())
    first = pdf.html_to_pdf("<p>Board performance report, 2025-26 Q2</p>")
    again = pdf.html_to_pdf("<p>Board performance report, 2025-26 Q2</p>")
    other = pdf.html_to_pdf("<p>Board performance report, 2025-26 Q3</p>")
    assert first.startswith(b"%PDF") and again == first and other != first
    assert len(made) == 2


def test_a_control_character_in_the_text_still_gives_a_pdf():
    assert pdf.html_to_pdf("<p>Item 3\x0bnoted\x00</p>").startswith(b"%PDF")


def test_only_the_last_documents_are_kept(monkeypatch):
    monkeypatch.setattr(pdf, "_MADE", type(pdf._MADE)())
    monkeypatch.setattr(pdf, "PDFS_KEPT", 2)
    for n in range(4):
        pdf.html_to_pdf(f"<p>{n}</p>")
    assert len(pdf._MADE) == 2
