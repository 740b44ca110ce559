"""What a board paper may be: PDF, Word (.docx) or slides (.pptx), checked by content.
Word and slides are turned into PDF with LibreOffice for the pack."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from daboard.core.convert import SLIDES, WORD, office_to_pdf
from daboard.core.uploads import Sniffed, check_zip, sniff_document

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def sniff_paper(data: bytes) -> Sniffed:
    """PDF or Word as core.uploads decides, or PowerPoint slides without macros."""
    if data.startswith(b"PK\x03\x04"):
        archive = check_zip(data, "document")
        names = set(archive.namelist())
        if "[Content_Types].xml" in names and "ppt/presentation.xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names) or b"macroEnabled" in archive.read(
                    "[Content_Types].xml"):
                raise ValidationError("The selected file contains macros. Save the slides as a plain "
                                      "PowerPoint file (.pptx) or PDF.")
            return Sniffed("pptx", PPTX, "pptx")
    try:
        return sniff_document(data)
    except ValidationError as exc:
        if any("must be a PDF" in m for m in exc.messages):
            raise ValidationError("The selected file must be a PDF, a Word document (.docx) or "
                                  "PowerPoint slides (.pptx).") from exc
        raise


def to_pdf(data: bytes, extension: str, timeout: int = 120) -> bytes:
    """A Word paper (docx) or slides (pptx) as PDF, for the pack."""
    return office_to_pdf(data, {"docx": WORD, "pptx": SLIDES}[extension], timeout=timeout)
