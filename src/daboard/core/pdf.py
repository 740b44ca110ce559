"""HTML to PDF (WeasyPrint), in one place for every report, pack page and paper daboard
makes: the text cleaned of characters a PDF cannot hold (core.text.clean_text), and the
PDF of the very same HTML made once per process.

A report's PDF is the same for every reader who gets the same HTML (board members all
read the same protected figures), and WeasyPrint takes tenths of a second per document,
so the last PDFS_KEPT documents are kept in memory by the digest of their HTML. A reader
only ever gets back the PDF of the HTML their own request rendered.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

from weasyprint import HTML

from .text import clean_text

PDFS_KEPT = 32
_MADE: OrderedDict = OrderedDict()


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    html = clean_text(html)
    key = hashlib.sha256(f"{base_url}\0{html}".encode()).digest()
    if key in _MADE:
        _MADE.move_to_end(key)
        return _MADE[key]
    pdf = _MADE[key] = HTML(string=html, base_url=base_url).write_pdf()
    if len(_MADE) > PDFS_KEPT:
        _MADE.popitem(last=False)
    return pdf
