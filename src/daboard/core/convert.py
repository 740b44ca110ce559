"""Word documents and slides to PDF with LibreOffice (headless), for agenda packs."""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 (fixed arguments, no shell)
import tempfile
from pathlib import Path
from typing import NamedTuple

from django.core.exceptions import ValidationError


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class OfficeKind(NamedTuple):
    """What to call a kind of office document in what the person is told."""
    extension: str
    missing_converter: str  # LibreOffice is not installed
    failed: str  # LibreOffice could not convert it


WORD = OfficeKind(
    "docx",
    "Word papers need LibreOffice on the server to go into the agenda pack. "
    "Upload the paper as a PDF, or ask your administrator to install LibreOffice.",
    "The Word document could not be turned into a PDF. Check it opens in Word, or upload it as a PDF.")
SLIDES = OfficeKind(
    "pptx",
    "Slides need LibreOffice on the server to go into the agenda pack. Upload them as a PDF.",
    "The slides could not be turned into a PDF. Upload them as a PDF.")


def office_to_pdf(data: bytes, kind: OfficeKind, timeout: int = 120) -> bytes:
    """The document turned into PDF by LibreOffice (headless, in a profile of its own so
    that conversions do not wait on each other); a ValidationError saying what to do when
    LibreOffice is missing or cannot convert it."""
    binary = soffice()
    if binary is None:
        raise ValidationError(kind.missing_converter)
    with tempfile.TemporaryDirectory(prefix="daboard-convert-") as tmp:
        src = Path(tmp) / f"paper.{kind.extension}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(  # noqa: S603
                [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ValidationError(kind.failed) from exc
        out = Path(tmp) / "paper.pdf"
        if not out.exists():
            raise ValidationError(kind.failed)
        return out.read_bytes()


def pdf_page_count(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(__import__("io").BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError("The PDF is damaged and cannot be read. Save it again and upload the new copy.") from exc
