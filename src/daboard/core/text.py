"""One cleaning function for text that leaves daboard in a file format: Word (DOCX), Excel
(XLSX), PDF (through HTML) and iCalendar. Those formats are XML or line-based and cannot
hold most control characters: a vertical tab pasted from Word in a minute made python-docx
refuse the whole document, and openpyxl the whole workbook. Every writer passes its text
through clean_text."""

from __future__ import annotations

import re
from typing import Any

# Word's manual line break (vertical tab) and page break (form feed) become line breaks;
# every other character XML 1.0 cannot hold (C0 controls but tab, newline and carriage
# return; DEL and the C1 controls; lone surrogates; U+FFFE and U+FFFF) is dropped.
_BREAKS = re.compile("[\x0b\x0c\u2028\u2029]")
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def clean_text(value: Any, *, one_line: bool = False) -> Any:
    """The text with what DOCX, XLSX, PDF and iCalendar cannot hold removed; anything that
    is not text is returned as it is. `one_line`: line breaks become spaces too (for a
    value that must stay on one line, such as an iCalendar property the library does not
    escape)."""
    if not isinstance(value, str):
        return value
    text = _ILLEGAL.sub("", _BREAKS.sub("\n", value))
    return _LINE_BREAKS.sub(" ", text).strip() if one_line else text
