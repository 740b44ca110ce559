"""Checks every upload passes before anything is stored: size, what the bytes really
are (never the name or the browser's word), and for zip-based formats (DOCX, XLSX) the
zip directory, read before anything is unpacked."""

from __future__ import annotations

import io
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.text import get_valid_filename

from .zipcheck import ZipRefused, unpack_check

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # total bytes a zip may unpack to
MAX_RATIO = 100  # uncompressed / compressed, per entry
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Sniffed:
    kind: str  # "pdf", "docx", "xlsx"
    content_type: str
    extension: str


def stored_name(original: str, extension: str | None = None) -> str:
    """A generated name for storage; the user's name is kept only as data."""
    ext = extension or PurePosixPath(original).suffix.lower().lstrip(".")
    ext = "".join(c for c in ext if c.isalnum())[:8]
    return f"{uuid.uuid4().hex}.{ext}" if ext else uuid.uuid4().hex


def safe_download_name(original: str, fallback: str = "download", *, extension: str | None = None) -> str:
    """The name a file is given back under: the user's own, made safe. With `extension`
    (what its bytes were found to be), the name ends in it, so a Word file sent as
    "report.pdf" comes back as "report.docx" and opens in the right program."""
    name = get_valid_filename(PurePosixPath(original.replace("\\", "/")).name) if original else ""
    name = name[:120]
    if name and extension:
        stem = name.rsplit(".", 1)[0] if "." in name else name
        name = f"{stem[:110]}.{extension}"
    return name or fallback


def check_size(upload, limit: int, what: str = "file") -> None:
    if upload.size is None or upload.size == 0:
        raise ValidationError(f"The selected {what} is empty.")
    if upload.size > limit:
        raise ValidationError(f"The selected {what} must be smaller than {limit // (1024 * 1024)} MB.")


def check_zip(data: bytes, what: str = "file") -> zipfile.ZipFile:
    """Open a zip safely: refuse traversal names, too many entries, and bombs, from the
    directory and then from what each entry really unpacks to."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ValidationError(f"The selected {what} is damaged and cannot be opened.") from exc
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ValidationError(f"The selected {what} has too many parts to be a real document.")
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in PurePosixPath(name.replace("\\", "/")).parts:
            raise ValidationError(f"The selected {what} contains an unsafe path and was refused.")
        total += info.file_size
        if info.compress_size and info.file_size / max(info.compress_size, 1) > MAX_RATIO and info.file_size > 1_000_000:
            raise ValidationError(f"The selected {what} unpacks to far more than its size (a zip bomb) and was refused.")
        if total > MAX_UNCOMPRESSED:
            raise ValidationError(f"The selected {what} unpacks to more than {MAX_UNCOMPRESSED // (1024 * 1024)} MB and was refused.")
    # The sizes above are only what the archive declares: unpack it as a stream to be sure.
    try:
        unpack_check(archive.fp, archive, min(MAX_UNCOMPRESSED, max(16 * 1024 * 1024, MAX_RATIO * len(data))))
    except ZipRefused as exc:
        raise ValidationError(f"The selected {what} was refused: {exc}.") from exc
    return archive


def sniff_document(data: bytes) -> Sniffed:
    """PDF or DOCX, by content. Macro-enabled Word files and anything else are refused."""
    if data.startswith(b"%PDF-"):
        return Sniffed("pdf", "application/pdf", "pdf")
    if data.startswith(b"PK\x03\x04"):
        archive = check_zip(data, "document")
        names = set(archive.namelist())
        if "word/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
            raise ValidationError("The selected file contains macros. Save it as a plain Word document (.docx) or PDF.")
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            content_types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in content_types:
                raise ValidationError("The selected file contains macros. Save it as a plain Word document (.docx) or PDF.")
            return Sniffed("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
    raise ValidationError("The selected file must be a PDF or a Word document (.docx).")


def read_upload(upload, limit: int, what: str = "file") -> bytes:
    check_size(upload, limit, what)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(f"The selected {what} must be smaller than {limit // (1024 * 1024)} MB.")
    return data
