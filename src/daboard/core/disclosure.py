"""Disclosure control, in one place, for everything a board member, the public or a PDF
sees (monitoring-return standard, "Disclosure control").

Standard method (the default): a count from 1 to threshold-1 (1 to 4) is shown as "[c]";
so is any rate or mean computed from a numerator or denominator in that range; zero stays
0. Secondary: in a table with a published total, if exactly one cell is "[c]", the next
smallest non-zero cell is suppressed too, repeated until no suppressed cell can be worked
out by subtraction. The NHS Digital method, selectable per council, suppresses 1 to 7 and
rounds every other count to the nearest 5.
"""

from __future__ import annotations

from collections.abc import Mapping

SUPPRESSED = "[c]"


class Policy:
    def __init__(self, threshold: int = 5, method: str = "standard"):
        self.method = method
        self.threshold = 8 if method == "nhs" else max(2, threshold)

    @classmethod
    def for_council(cls, council) -> Policy:
        if council is None:
            return cls()
        return cls(council.disclosure_threshold, council.disclosure_method)

    def small(self, n: int | None) -> bool:
        return n is not None and 0 < n < self.threshold

    def count(self, n: int | None):
        if n is None:
            return None
        if self.small(n):
            return SUPPRESSED
        if self.method == "nhs":
            return int(5 * round(n / 5))
        return n

    def rate(self, value: float | None, numerator: int, denominator: int):
        """A rate or mean: suppressed if built on a small numerator or denominator."""
        if value is None:
            return None
        if self.small(numerator) or self.small(denominator):
            return SUPPRESSED
        return value

    def table(self, cells: Mapping[str, int], *, has_total: bool = True) -> dict:
        """A breakdown. With a published total, secondary suppression so that no suppressed
        cell can be recovered by subtraction."""
        out: dict = {k: self.count(v) for k, v in cells.items()}
        if has_total:
            while sum(1 for v in out.values() if v == SUPPRESSED) == 1:
                candidates = [(cells[k], k) for k, v in out.items() if v != SUPPRESSED and cells[k] > 0]
                if not candidates:
                    break
                out[min(candidates)[1]] = SUPPRESSED
        return out
