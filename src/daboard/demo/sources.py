"""Where each seed fact comes from: the seed papers (demo/seeds/) and references to their
lines. A reference is ``"002:240"`` (line 240 of seed 002), ``"001:212-218"`` (a range),
or several joined by commas, a part without a file taking the previous part's file:
``"001:88,122"`` is lines 88 and 122 of seed 001. Facts daboard cannot source say so
("not in the published papers") and carry no reference."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).with_name("seeds")
NOT_IN_PAPERS = "Not in the published papers"


@cache
def seed_lines(number: str) -> list[str]:
    (path,) = SEEDS_DIR.glob(f"{number}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()


def parse(ref: str) -> list[tuple[str, int, int]]:
    """"001:88,122" → [("001", 88, 88), ("001", 122, 122)]."""
    parts, current = [], None
    for part in (p.strip() for p in ref.split(",")):
        match = re.fullmatch(r"(?:(\d{3}):)?(\d+)(?:-(\d+))?", part)
        if not match:
            raise ValueError(f"not a seed reference: {ref!r}")
        current = match.group(1) or current
        if current is None:
            raise ValueError(f"seed reference without a file: {ref!r}")
        first = int(match.group(2))
        parts.append((current, first, int(match.group(3) or first)))
    return parts


def cited_text(ref: str) -> str:
    """The text of the lines a reference cites, normalised (see `normalise`)."""
    chunks = []
    for number, first, last in parse(ref):
        lines = seed_lines(number)
        if not 1 <= first <= last <= len(lines):
            raise ValueError(f"{ref!r}: lines {first}-{last} are not in seed {number} ({len(lines)} lines)")
        chunks.append(" ".join(lines[first - 1:last]))
    return normalise(" ".join(chunks))


_TAGS = re.compile(r"</?(?:b|u|sup|a)\b[^>]*>|\*\*")


def normalise(text: str) -> str:
    """Compare words, not typography: curly quotes, dashes, markup and line breaks aside."""
    text = _TAGS.sub("", text)
    for a, b in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\u00a0", " "),
                 ("£ ", "£"), ("&", " and "), ("(", " "), (")", " "), ("<", " "), (">", " ")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).replace(": ", ":").strip().casefold()


def date_forms(day: dt.date) -> list[str]:
    """The ways the seeds print a date (17 June 2022, 17th JUNE 2022, 13.06.2022, 01/10/22)."""
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return [normalise(f) for f in (f"{day.day} {day:%B %Y}", f"{day.day}{suffix} {day:%B %Y}", f"{day:%d/%m/%Y}",
                                   f"{day:%d.%m.%Y}", f"{day:%d/%m/%y}")]


def money_forms(amount) -> list[str]:
    whole = int(amount)
    return [f"£{whole:,}"] + ([f"£{whole // 1000}k"] if whole % 1000 == 0 else [])
