"""The interval attacker for tables outside a council's quarter (survivor feedback, partners'
datasets, the housing reciprocal ledger, the impact of the funding): given what a board
member reads (each figure shown, "[c]" or rounded) and what anyone knows links them (parts
add up to totals, one count is at most another, a cost divided by a count is printed),
it solves for the smallest and largest value each withheld count could take with scipy's
linear programming. A count is found out if its range is a single value or lies within 1
to threshold-1. Written from the standard, sharing no code with core.disclosure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

C = "[c]"
BIG = 1e7  # more than any count


@dataclass
class Figures:
    threshold: int = 5
    rounded: bool = False  # the NHS method: a shown count is one of five values
    shown: dict = field(default_factory=dict)  # variable -> value shown (int or "[c]")
    eq: list = field(default_factory=list)  # {variable: coefficient} = 0
    le: list = field(default_factory=list)  # {variable: coefficient} <= bound, as (coef, bound)

    def see(self, var, value) -> None:
        if value is None:
            return
        assert self.shown.get(var, value) == value, f"{var} is shown as {self.shown[var]} and {value}"
        self.shown[var] = value

    def total(self, total, parts) -> None:
        row = defaultdict(float)
        row[total] -= 1
        for p in parts:
            row[p] += 1
        self.eq.append(dict(row))

    def at_most(self, big, small) -> None:
        self.le.append(({small: 1, big: -1}, 0.0))

    def quotient(self, count, money: float, shown: float, half: float = 0.5) -> None:
        """money / count was printed as `shown`, rounded to within `half`."""
        # money / (shown + half) <= count <= money / (shown - half)
        if shown + half > 0:
            self.le.append(({count: -1}, -money / (shown + half)))
        if shown - half > 0:
            self.le.append(({count: 1}, money / (shown - half)))


@dataclass
class Found:
    var: object
    low: float
    high: float


def found_out(f: Figures) -> list[Found]:
    """Every withheld count whose range is a single value or lies within 1 to threshold-1."""
    names: dict = {}
    for row in f.eq:
        for v in row:
            names.setdefault(v, len(names))
    for row, _b in f.le:
        for v in row:
            names.setdefault(v, len(names))
    withheld = [v for v, s in f.shown.items() if s == C and v in names]
    if not withheld:
        return []
    n = len(names)
    bounds = []
    for v in names:
        s = f.shown.get(v)
        if s == C:
            bounds.append((1, BIG))
        elif isinstance(s, int):
            if f.rounded and s > 0:
                bounds.append((max(f.threshold, s - 2), s + 2))
            else:
                bounds.append((s, s))
        else:
            bounds.append((0, BIG))
    a_eq = np.zeros((len(f.eq), n))
    for r, row in enumerate(f.eq):
        for v, a in row.items():
            a_eq[r, names[v]] += a
    a_ub = np.zeros((len(f.le), n))
    b_ub = np.zeros(len(f.le))
    for r, (row, b) in enumerate(f.le):
        for v, a in row.items():
            a_ub[r, names[v]] += a
        b_ub[r] = b
    out = []
    for v in withheld:
        c = np.zeros(n)
        c[names[v]] = 1
        ends = []
        for sign in (1, -1):
            res = linprog(sign * c, A_ub=a_ub if len(f.le) else None, b_ub=b_ub if len(f.le) else None,
                          A_eq=a_eq if len(f.eq) else None, b_eq=np.zeros(len(f.eq)) if len(f.eq) else None,
                          bounds=bounds, method="highs")
            assert res.status == 0, res.message  # the true figures are a solution
            ends.append(res.x[names[v]])
        low, high = ends
        if math.floor(high + 1e-6) < f.threshold or math.ceil(low - 1e-6) >= math.floor(high + 1e-6):
            out.append(Found(v, round(low, 2), round(high, 2)))
    return out
