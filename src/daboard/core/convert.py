"""Word documents to PDF with LibreOffice (headless), for agenda packs."""

from __future__ import annotations

import shutil
import subprocess  # noqa: S404 (fixed arguments, no shell)
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes, timeout: int = 120) -> bytes:
    binary = soffice()
    if binary is None:
        raise ValidationError("Word papers need LibreOffice on the server to go into the agenda pack. "
                              "Upload the paper as a PDF, or ask your administrator to install LibreOffice.")
    with tempfile.TemporaryDirectory(prefix="daboard-convert-") as tmp:
        src = Path(tmp) / "paper.docx"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        try:
            subprocess.run(  # noqa: S603
                [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=timeout)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise ValidationError("The Word document could not be turned into a PDF. Check it opens in Word, "
                                  "or upload it as a PDF.") from exc
        out = Path(tmp) / "paper.pdf"
        if not out.exists():
            raise ValidationError("The Word document could not be turned into a PDF. Upload it as a PDF.")
        return out.read_bytes()


def pdf_page_count(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(__import__("io").BytesIO(data)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError("The PDF is damaged and cannot be read. Save it again and upload the new copy.") from exc
