"""What a board paper may be: PDF, Word (.docx) or slides (.pptx), checked by content.
Word and slides are turned into PDF with LibreOffice for the pack."""

from __future__ import annotations

import subprocess  # noqa: S404 (fixed arguments, no shell)
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError

from daboard.core.convert import docx_to_pdf, soffice
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
    if extension == "docx":
        return docx_to_pdf(data, timeout=timeout)
    binary = soffice()
    if binary is None:
        raise ValidationError("Slides need LibreOffice on the server to go into the agenda pack. "
                              "Upload them as a PDF.")
    with tempfile.TemporaryDirectory(prefix="daboard-slides-") as tmp:
        src = Path(tmp) / f"paper.{extension}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(  # noqa: S603
                [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ValidationError("The slides could not be turned into a PDF. Upload them as a PDF.") from exc
        out = Path(tmp) / "paper.pdf"
        if not out.exists():
            raise ValidationError("The slides could not be turned into a PDF. Upload them as a PDF.")
        return out.read_bytes()


