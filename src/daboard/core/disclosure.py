"""Disclosure control, in one place, for everything a board member, the public or a PDF
sees (monitoring-return standard, "Disclosure control").

Everything published together (a page, its CSV/XLSX/PDF, the API answer, a chart) is one
set of *linked tables*: counts that share totals. It is described as data (`Tables`: the
counts, the sums that link them, the rates built on them) and `protect()` returns what may
be shown for each figure.

- Primary: a count from 1 to threshold-1 (1 to 4) is "[c]"; zero stays 0. So is a rate or
  mean built on a numerator or denominator in that range, or whose complement
  (denominator minus numerator: the people it did *not* happen to) is in that range, or
  whose numerator or denominator is withheld. Rates are rounded to whole percentages and
  means to one decimal place.
- Secondary, least loss (`least_loss`): for each linked set, the complementary cells
  that cost least (one for each figure, plus its size over SIZE_COST, so that a headline
  total is not withheld to spare a few small cells) such that every small withheld cell could, from all that is still shown, be the
  threshold or more, chosen by a mixed-integer programme and checked by linear programmes
  (tau-Argus's optimal method); the standard's rule (a total and its parts never have
  exactly one "[c]") is part of it. A set too large for it gets the greedy choice: the
  standard's rule, the next smallest non-zero cell, repeated.
- Then an interval audit, the one tau-Argus runs: every published figure and every linear
  relation between them (totals, sums over quarters or districts, "at most" relations,
  rates) is handed to a linear programme (scipy's HiGHS) that finds the smallest and
  largest value each withheld cell could take. If that range is a single value or lies
  within 1 to threshold-1, the smallest cell that would widen it is withheld as well, and
  the audit runs again.
- A council may choose NHS Digital's method instead: 1 to 7 withheld, other counts rounded
  to the nearest 5 (the audit then treats a shown count as a range of five values).

Public API (see docs/insights.md): `Policy`, `Tables`, `Sum`, `Rate`, `protect()`,
`audit()`, `least_loss()` and `share_withheld()`.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

SUPPRESSED = "[c]"
Key = Hashable
BIG = 10_000_000  # an upper bound on any count, so that every linear programme is bounded


class Policy:
    def __init__(self, threshold: int = 5, method: str = "standard"):
        self.method = method
        self.threshold = 8 if method == "nhs" else max(2, threshold)

    @classmethod
    def for_council(cls, council) -> Policy:
        if council is None:
            return cls()
        return cls(council.disclosure_threshold, council.disclosure_method)

    def key(self) -> tuple:
        return (self.method, self.threshold)

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
        """A rate or mean: withheld if built on a small numerator or denominator, or if the
        people it did not happen to (denominator minus numerator) are few; otherwise a
        rate is rounded to a whole percentage."""
        if value is None:
            return None
        if self.small(numerator) or self.small(denominator) or self.small(denominator - numerator):
            return SUPPRESSED
        return round(value, 2)

    def mean(self, value: float | None, n: int):
        """A mean over n people: withheld if n is small; else to one decimal place."""
        if value is None:
            return None
        if self.small(n):
            return SUPPRESSED
        return round(value, 1)

    def table(self, cells: Mapping[str, int], *, has_total: bool = True, total: int | None = None) -> dict:
        """One breakdown on its own. With a published total (`has_total`), secondary
        suppression so that no withheld cell can be recovered from the total."""
        t = Tables()
        for k, v in cells.items():
            t.counts[("cell", k)] = v
        if has_total:  # the total is published by the caller as it is
            t.counts[("total",)] = sum(cells.values()) if total is None else total
            t.fixed[("total",)] = self.count(t.counts[("total",)])
            t.sums.append(Sum(("total",), tuple(("cell", k) for k in cells)))
        shown = protect(t, self)
        return {k: shown[("cell", k)] for k in cells}


@dataclass(frozen=True)
class Sum:
    """total = sum(parts) (exact), or total >= sum(parts) (exact=False: parts of a total
    that also counts things not shown, such as districts within a county)."""
    total: Key
    parts: tuple
    exact: bool = True


@dataclass(frozen=True)
class Rate:
    """A rate num/den (or a mean over `den` people: mean=True). num and den are keys of
    counts (published or `hidden`); value is the unrounded figure."""
    value: float | None
    num: Key
    den: Key
    mean: bool = False


@dataclass
class Tables:
    """Linked tables published together, described as data.

    counts: every published count, by key (any hashable: ("E10000018", "by_gender", "male")).
    hidden: counts that enter the relations but are never published (the numerators of
            rates, say); never shown, never audited.
    sums:   the linear relations between counts (totals, sums over districts or quarters).
    rates:  rates and means, by key.
    fixed:  counts already published elsewhere, with what was shown there; protection keeps
            them as they are (a district's row in its county's release, say).
    """
    counts: dict = field(default_factory=dict)
    hidden: dict = field(default_factory=dict)
    sums: list = field(default_factory=list)
    rates: dict = field(default_factory=dict)
    fixed: dict = field(default_factory=dict)

    def add_sum(self, total: Key, parts: Iterable[Key], *, exact: bool = True) -> None:
        parts = tuple(parts)
        if parts:
            self.sums.append(Sum(total, parts, exact))


@dataclass(frozen=True)
class Leak:
    key: Key
    low: float
    high: float


def _value(tables: Tables, key: Key) -> int:
    return tables.counts[key] if key in tables.counts else tables.hidden.get(key, 0)


def _rate_shown(tables: Tables, policy: Policy, r: Rate, withheld: set) -> object:
    """A rate or mean as shown. The people it did not happen to (denominator minus
    numerator) count only where the denominator is published: a rounded rate over a
    denominator nobody is shown does not give them away."""
    if r.value is None:
        return None
    if r.num in withheld or r.den in withheld:
        return SUPPRESSED
    num, den = _value(tables, r.num), _value(tables, r.den)
    if r.mean:
        return policy.mean(r.value, den)
    if policy.small(num) or policy.small(den) or (r.den in tables.counts and policy.small(den - num)):
        return SUPPRESSED
    return round(r.value, 2)


_PROTECTED: OrderedDict = OrderedDict()  # the last protections made in this process, by what they protected
_PROTECTED_SIZE = 256


def protect(tables: Tables, policy: Policy | None = None) -> dict:
    """What may be shown of every count and rate of `tables`: an int, a rounded rate, None
    (no data) or "[c]". The same input always gives the same output, so the same tables
    protected again (a page read twice) are answered from memory."""
    policy = policy or Policy()
    # What was protected, and by which choice and audit (a test may swap either).
    key = (policy.key(), tuple(tables.counts.items()), tuple(tables.hidden.items()), tuple(tables.sums),
           tuple(tables.rates.items()), tuple(tables.fixed.items()), least_loss, audit)
    try:
        if key in _PROTECTED:
            _PROTECTED.move_to_end(key)
            return dict(_PROTECTED[key])
    except TypeError:  # a key that cannot be hashed (a list in a figure's key): not kept
        return _protect(tables, policy)
    out = _PROTECTED[key] = _protect(tables, policy)
    if len(_PROTECTED) > _PROTECTED_SIZE:
        _PROTECTED.popitem(last=False)
    return dict(out)


def _protect(tables: Tables, policy: Policy) -> dict:
    counts = tables.counts
    withheld: set = set()
    for k, v in counts.items():
        if k in tables.fixed:
            if tables.fixed[k] == SUPPRESSED:
                withheld.add(k)
        elif policy.small(v):
            withheld.add(k)
    order = {k: i for i, k in enumerate(counts)}

    def free(k) -> bool:
        return k in counts and k not in withheld and k not in tables.fixed and counts[k] > 0

    by_cell: dict = {}
    for s in tables.sums:
        for k in (s.total, *s.parts):
            by_cell.setdefault(k, []).append(s)
    # What withholding a cell costs beyond itself: the rates built on it go with it, and a
    # figure shown twice (a district's new referrals, the county's figure for the district)
    # goes in both places.
    cost = dict.fromkeys(counts, 1)
    for r in tables.rates.values():
        for k in {r.num, r.den}:
            if k in cost:
                cost[k] += 1
    for s in tables.sums:
        if s.exact and len(s.parts) == 1:
            for k in (s.total, s.parts[0]):
                if k in cost:
                    cost[k] += 1

    # The complementary cells that cost least, chosen exactly for every linked set small
    # enough; the rules below (the greedy choice) then do only what is left: sets too large,
    # and what the audit still finds.
    picks, solved = least_loss(tables, policy, withheld, free, cost)
    withheld |= picks

    while True:
        # The standard's rule: a total and its parts with exactly one "[c]" among them
        # take another cell with them. Also, where the total is shown, the withheld parts'
        # sum is known (for an "at most" relation, its most): if it leaves no withheld part
        # room to reach the threshold, another cell goes too. The audit below checks the
        # rest. The cells chosen are as few as possible: the cell that settles the most
        # relations at once (a total shared by several breakdowns, say), and among those
        # the smallest; on its own, a table with a fixed total takes its next smallest
        # part, as the standard writes it.
        while True:
            needy = []
            for s in tables.sums:
                if any(p not in counts for p in s.parts) or s.total not in counts or s.total in solved:
                    continue
                hid = [p for p in s.parts if p in withheld]
                members = (*s.parts, s.total)
                if s.exact and len(hid) + (s.total in withheld) == 1:
                    needy.append(members)
                elif hid and s.total not in withheld:
                    room = counts[s.total] - sum(counts[p] for p in s.parts if p not in withheld) - (len(hid) - 1)
                    if room < policy.threshold:
                        needy.append(members)
            picks = _cover(needy, free, counts, order, cost)
            if not picks:
                break
            withheld |= picks
        rates = {k: _rate_shown(tables, policy, r, withheld) for k, r in tables.rates.items()}
        leaks = audit(_published(tables, policy, withheld), tables.sums, _shown_rates(tables, rates), policy,
                      hidden=set(tables.hidden))
        if not leaks:
            break
        groups = []
        for leak in leaks:
            near = [k for s in by_cell.get(leak.key, []) for k in (*s.parts, s.total)]
            if not any(free(k) for k in near):  # nothing next to it left: one step further
                near = [k for n in near for s in by_cell.get(n, []) for k in (*s.parts, s.total)]
            groups.append(near)
        picks = _cover(groups, free, counts, order, cost)
        if not picks:
            break  # nothing left that could be withheld (only fixed or zero cells): stop
        withheld |= picks
    out = _published(tables, policy, withheld)
    out.update({k: v for k, v in tables.fixed.items() if k in counts})
    out.update(rates)
    return out


def _cover(groups: list, free, counts: dict, order: dict, cost: dict) -> set:
    """Few cells, one at least from every group that has a free cell: greedily the cell in
    the most groups for what it costs, the smallest first among equals."""
    groups = [[k for k in g if free(k)] for g in groups]
    groups = [set(g) for g in groups if g]
    picks: set = set()
    while groups:
        score: dict = {}
        for g in groups:
            for k in g:
                score[k] = score.get(k, 0) + 1
        best = min(score, key=lambda k: (-score[k] / cost[k], counts[k], order[k]))
        picks.add(best)
        groups = [g for g in groups if best not in g]
    return picks


def _published(tables: Tables, policy: Policy, withheld: set) -> dict:
    return {k: SUPPRESSED if k in withheld else policy.count(v) for k, v in tables.counts.items()}


def _shown_rates(tables: Tables, rates: dict) -> list:
    return [(r.num, r.den, rates[k]) for k, r in tables.rates.items()
            if not r.mean and isinstance(rates[k], int | float)]


def audit(published: Mapping, sums: Iterable[Sum], rates: Iterable[tuple] = (), policy: Policy | None = None,
          *, hidden: Iterable = ()) -> list[Leak]:
    """The interval audit. `published`: key -> what is shown (an int, or "[c]"); `sums`:
    the relations between keys; `rates`: (num key, den key, shown rate) triples; `hidden`:
    keys in the relations that are not published at all. Returns every withheld cell whose
    smallest-to-largest possible value is a single value or lies within 1 to threshold-1."""
    policy = policy or Policy()
    sums, rates, hidden = list(sums), list(rates), set(hidden)
    keys: dict = {}

    def var(k):
        return keys.setdefault(k, len(keys))

    for s in sums:
        for k in (s.total, *s.parts):
            var(k)
    for num, den, _r in rates:
        var(num), var(den)
    withheld = [k for k in keys if published.get(k) == SUPPRESSED]
    if not withheld:
        return []
    import numpy as np
    from scipy.sparse import coo_matrix

    n = len(keys)
    lo, hi = np.zeros(n), np.full(n, float(BIG))
    rounding = 2 if policy.method == "nhs" else 0
    for k, i in keys.items():
        v = published.get(k)
        if v == SUPPRESSED:
            lo[i] = 1
        elif isinstance(v, int) and k not in hidden:
            lo[i], hi[i] = (v, v) if v == 0 else (max(policy.threshold if rounding else 0, v - rounding), v + rounding)
    eq_r, eq_c, eq_v, ub_r, ub_c, ub_v, ub_b = [], [], [], [], [], [], []
    n_eq = n_ub = 0
    for s in sums:
        rows, cols, vals = (eq_r, eq_c, eq_v) if s.exact else (ub_r, ub_c, ub_v)
        row = n_eq if s.exact else n_ub
        # exact: total - sum(parts) = 0; otherwise sum(parts) - total <= 0
        sign = 1 if s.exact else -1
        coef: dict = {}
        coef[keys[s.total]] = coef.get(keys[s.total], 0) + sign
        for p in s.parts:
            coef[keys[p]] = coef.get(keys[p], 0) - sign
        for c, v in coef.items():
            if v:
                rows.append(row), cols.append(c), vals.append(v)
        if s.exact:
            n_eq += 1
        else:
            ub_b.append(0.0)
            n_ub += 1
    for num, den, r in rates:  # (r - 0.005) den <= num <= (r + 0.005) den
        for sign, bound in ((1, r + 0.005), (-1, r - 0.005)):
            ub_r.extend([n_ub, n_ub]), ub_c.extend([keys[num], keys[den]]), ub_v.extend([sign, -sign * bound])
            ub_b.append(0.0)
            n_ub += 1
    a_eq = coo_matrix((eq_v, (eq_r, eq_c)), shape=(n_eq, n)).tocsr()
    a_ub = coo_matrix((ub_v, (ub_r, ub_c)), shape=(n_ub, n)).tocsr()
    b_ub = np.asarray(ub_b)
    return [Leak(k, low, high) for k, low, high in ranges(a_eq, a_ub, b_ub, lo, hi, [keys[k] for k in withheld],
                                                         policy.threshold, list(withheld))]


def ranges(a_eq, a_ub, b_ub, lo, hi, cells: list[int], threshold: int, names: list) -> list[tuple]:
    """The interval audit proper (one HiGHS programme per connected group, kept warm between
    solves): for each cell (a column index) whose range under
    A_eq x = 0, A_ub x <= b_ub, lo <= x <= hi is a single value or lies below the
    threshold, (name, low, high). Each connected group of figures is solved on its own; in
    each, programmes that push all unsettled cells up together (then down together) settle
    most cells at once: a cell seen at the threshold or above, and at two different values,
    has a wide enough range. Only the rest are solved one by one."""
    import numpy as np
    from scipy.sparse import vstack
    from scipy.sparse.csgraph import connected_components

    link = vstack([a_eq, a_ub]).tocsr()
    link.data[:] = 1
    _, label = connected_components((link.T @ link).tocsr(), directed=False)
    out = []
    for comp in sorted({label[c] for c in cells}):
        members = np.flatnonzero(label == comp)
        pos = {m: i for i, m in enumerate(members)}
        e_rows = np.unique(a_eq[:, members].nonzero()[0])
        u_rows = np.unique(a_ub[:, members].nonzero()[0])
        # One programme for the group, kept warm in HiGHS: only the objective changes.
        lp = _Attacker(len(members), a_eq[e_rows][:, members] if len(e_rows) else None,
                       a_ub[u_rows][:, members] if len(u_rows) else None,
                       b_ub[u_rows] if len(u_rows) else None)
        lo_m, hi_m = lo[members], hi[members]

        def solve(c, lp=lp, lo_m=lo_m, hi_m=hi_m):
            res = lp.minimise(c, lo_m, hi_m)
            return None if res is None else res[1]

        mine = [(name, pos[c]) for name, c in zip(names, cells, strict=True) if label[c] == comp]
        seen_lo = {i: math.inf for _, i in mine}
        seen_hi = {i: -math.inf for _, i in mine}
        todo = {i for _, i in mine}

        def settled(i, seen_lo=seen_lo, seen_hi=seen_hi):
            return seen_hi[i] >= threshold - 1e-6 and seen_hi[i] - seen_lo[i] > 0.5

        for _round in range(12):
            if not todo:
                break
            before = len(todo)
            for sign in (-1, 1):
                c = np.zeros(len(members))
                c[list(todo)] = sign
                x = solve(c)
                if x is None:
                    break
                for i in seen_lo:
                    seen_lo[i], seen_hi[i] = min(seen_lo[i], x[i]), max(seen_hi[i], x[i])
                todo = {i for i in todo if not settled(i)}
            if len(todo) == before:
                break
        for name, i in mine:
            if i not in todo:
                continue
            c = np.zeros(len(members))
            c[i] = -1
            b = solve(c)
            if b is None:
                continue
            high, low = b[i], seen_lo[i]
            if math.floor(high + 1e-6) >= threshold and high - low <= 0.5:
                a = solve(-c)
                low = a[i] if a is not None else low
            if math.floor(high + 1e-6) < threshold or math.ceil(low - 1e-6) >= math.floor(high + 1e-6):
                out.append((name, round(float(low), 3), round(float(high), 3)))
    return out


def share_withheld(published: Iterable) -> tuple[int, int]:
    """(withheld, figures) over published values: counts and rates, "[c]" or not; no-data
    (None) is not a figure."""
    values = [v for v in published if v is not None]
    return sum(1 for v in values if v == SUPPRESSED), len(values)


# --- Least loss: the complementary cells chosen by an exact programme ----------------------

MILP_MAX_CANDIDATES = 4000  # a linked set with more cells that could be withheld is left to the greedy choice
MILP_MAX_ROUNDS = 40
# The choice stops once it is proven within 5% of the least loss: with figures' sizes in the
# cost, proving the very least took 2 s a quarter on some demo days (and the node limit
# often stopped it first, at a worse choice); within 5% it takes a fifth of that.
MILP_GAP = 0.05
# What withholding a figure costs, beyond counting one figure: its size over SIZE_COST (a
# council's 250 new referrals cost as much as thirteen small figures). Counting figures
# alone withheld a county's headline total in half the demo's quarters, because one total
# stands for a cell in each of its six breakdowns; with its size counted, the engine
# withholds a few small cells instead and the headline stays.
SIZE_COST = 20


def _published_bounds(policy: Policy, shown) -> tuple[float, float]:
    """What the attacker knows of a shown count: the value itself, or under rounding the
    five values it could be."""
    if policy.method == "nhs" and isinstance(shown, int) and shown:
        return max(policy.threshold, shown - 2), shown + 2
    return shown, shown


class _Attacker:
    """One linear programme over a linked set, kept in HiGHS (highspy) between solves: only
    the objective and the bounds change, so each solve starts from the last one's basis."""

    def __init__(self, n: int, a_eq, a_ub, b_ub=None):
        import highspy
        import numpy as np
        from scipy.sparse import vstack

        # The bare solver: highspy.Highs() adds Python callbacks and prints HiGHS's banner on
        # standard output, which would spoil the command line's JSON.
        self.h = h = highspy._Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("presolve", "off")
        self.n = n
        self.idx = np.arange(n, dtype=np.int32)
        parts = [m for m in (a_eq, a_ub) if m is not None]
        a = vstack(parts).tocsr() if parts else None
        n_eq = a_eq.shape[0] if a_eq is not None else 0
        n_rows = a.shape[0] if a is not None else 0
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, n_rows
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_, lp.col_upper_ = np.zeros(n), np.full(n, float(BIG))
        lp.row_lower_ = np.concatenate([np.zeros(n_eq), np.full(n_rows - n_eq, -highspy.kHighsInf)])
        lp.row_upper_ = np.concatenate([np.zeros(n_eq), np.zeros(n_rows - n_eq) if b_ub is None
                                        else np.asarray(b_ub, dtype=float)])
        if a is not None:
            lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
            lp.a_matrix_.start_ = a.indptr.astype(np.int32)
            lp.a_matrix_.index_ = a.indices.astype(np.int32)
            lp.a_matrix_.value_ = a.data.astype(float)
        h.passModel(lp)
        self.optimal = highspy.HighsModelStatus.kOptimal

    def minimise(self, c, lo, hi):
        """(value, x, reduced costs) of min c.x, or None if the programme has no answer."""
        h = self.h
        h.changeColsBounds(self.n, self.idx, lo, hi)
        h.changeColsCost(self.n, self.idx, c)
        h.run()
        if h.getModelStatus() != self.optimal:
            return None
        sol = h.getSolution()
        import numpy as np

        return h.getInfo().objective_function_value, np.asarray(sol.col_value), np.asarray(sol.col_dual)


def least_loss(tables: Tables, policy: Policy, withheld: set, free, cost: dict) -> tuple[set, set]:
    """The complementary cells that cost least. For each linked set (cells joined by
    relations), the cells of least cost (one a figure plus its size over SIZE_COST) such
    that every withheld cell of 1 to threshold-1 could,
    from everything still shown, be the threshold or more. Solved exactly as tau-Argus's
    optimal method does (Fischetti and Salazar): a mixed-integer programme chooses the
    cells (scipy's milp), a linear programme per small cell checks that its largest possible
    value reaches the threshold (highspy), and where it does not, that programme's dual
    gives the condition the choice was missing; repeated until every small cell passes.
    Returns (cells to withhold, keys of the linked sets solved this way); a set too large,
    or not settled within MILP_MAX_ROUNDS, is left to the greedy choice."""
    parent: dict = {}

    def find(k):
        while parent.setdefault(k, k) != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for s in tables.sums:
        root = find(s.total)
        for p in s.parts:
            parent[find(p)] = root
    sets: dict = {}
    for k in parent:
        sets.setdefault(find(k), []).append(k)
    chosen: set = set()
    solved: set = set()
    for members in sets.values():
        picks = _least_loss_set(tables, policy, withheld, members, [k for k in members if free(k)], cost)
        if picks is not None:
            chosen |= picks
            solved.update(members)
    return chosen, solved


def _least_loss_set(tables: Tables, policy: Policy, withheld: set, members: list, candidates: list,
                    cost: dict) -> set | None:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_matrix

    counts = tables.counts
    targets = [k for k in members if k in withheld and policy.small(_value(tables, k))]
    if not targets:
        return set()
    if len(candidates) > MILP_MAX_CANDIDATES:
        return None
    index = {k: i for i, k in enumerate(members)}
    n = len(members)
    # What the attacker knows of each cell while it is shown; a withheld cell is 1 to BIG.
    lo0, hi0 = np.zeros(n), np.full(n, float(BIG))
    for k, i in index.items():
        if k not in counts:
            continue  # hidden: anything from 0
        shown = SUPPRESSED if k in withheld else tables.fixed.get(k, policy.count(counts[k]))
        if shown == SUPPRESSED:
            lo0[i] = 1
        else:
            lo0[i], hi0[i] = _published_bounds(policy, shown)
    member_set = set(members)
    mine = [s for s in tables.sums if s.total in member_set]
    rows: dict = {True: ([], [], []), False: ([], [], [])}
    n_rows = {True: 0, False: 0}
    for s in mine:
        # exact: total - sum(parts) = 0; otherwise sum(parts) - total <= 0
        sign = 1 if s.exact else -1
        coef = {index[s.total]: sign}
        for p in s.parts:
            coef[index[p]] = coef.get(index[p], 0) - sign
        r, c, v = rows[s.exact]
        for col, val in coef.items():
            if val:
                r.append(n_rows[s.exact]), c.append(col), v.append(val)
        n_rows[s.exact] += 1
    a_eq, a_ub = (coo_matrix((rows[e][2], (rows[e][0], rows[e][1])), shape=(n_rows[e], n)).tocsr()
                  if n_rows[e] else None for e in (True, False))
    attacker = _Attacker(n, a_eq, a_ub)
    cand = np.array([index[k] for k in candidates], dtype=int)
    # Least loss: one for each figure withheld, plus its size over SIZE_COST (big figures,
    # totals above all, are worth most to a reader), plus a little for the rates going with it.
    weight = np.array([1 + 0.01 * (cost.get(k, 1) - 1) + min(counts[k], 10_000) / SIZE_COST for k in candidates])
    th = policy.threshold

    cuts: list = []  # (coefficients over candidates, right-hand side): the conditions found so far
    # The standard's rule, kept by every answer: a total and its parts never have exactly one
    # cell withheld (shown exactly, the others would give it away; rounded, the standard
    # asks it all the same).
    # Nor is a complementary cell the only one withheld in another total it is part of.
    at = {k: j for j, k in enumerate(candidates)}
    for s in mine:
        group = (s.total, *s.parts)
        if not s.exact:
            continue
        already = sum(k in withheld for k in group)
        free_here = [at[k] for k in group if k in at]
        if already == 1 and free_here:
            row = np.zeros(len(candidates))
            row[free_here] = 1
            cuts.append((row, 1.0))
        elif already == 0 and len(free_here) > 0:
            for j in free_here:
                row = np.zeros(len(candidates))
                row[free_here] = 1
                row[j] = -1
                cuts.append((row, 0.0))

    def choose():
        g = np.vstack([c for c, _ in cuts])
        rhs = np.array([r for _, r in cuts])
        res = milp(weight, constraints=LinearConstraint(g, lb=rhs, ub=np.inf), integrality=np.ones(len(cand)),
                   bounds=Bounds(0, 1), options={"node_limit": 20_000, "mip_rel_gap": MILP_GAP})
        return None if res.x is None else np.round(res.x)

    s_on = choose() if cuts else np.zeros(len(cand))
    hopeless: set = set()  # small cells nothing could protect (all around them fixed): left to the audit
    for _round in range(MILP_MAX_ROUNDS):
        if s_on is None:
            return None
        lo, hi = lo0.copy(), hi0.copy()
        on = cand[s_on > 0.5]
        lo[on], hi[on] = 1, BIG
        todo = [index[k] for k in targets if index[k] not in hopeless]
        # Most small cells reach the threshold in programmes that push all those still short
        # of it up at once; only the rest are solved one by one.
        for _push in range(6):
            if not todo:
                break
            c = np.zeros(n)
            c[todo] = -1
            res = attacker.minimise(c, lo, hi)
            if res is None:
                return None
            short = [i for i in todo if res[1][i] < th - 1e-6]
            if len(short) == len(todo):
                break
            todo = short
        new_cuts = 0
        for i in todo:
            c = np.zeros(n)
            c[i] = -1
            res = attacker.minimise(c, lo, hi)
            if res is None:
                return None
            if -res[0] >= th - 1e-6:
                continue
            # Weak duality: for any choice of cells, the largest value is at most
            # -(sum of lower-bound prices x lower bounds + upper-bound prices x upper bounds);
            # a chosen cell's bounds go from what is shown to 1..BIG.
            lm, um = np.maximum(res[2], 0), np.minimum(res[2], 0)
            need = th - (-(lm @ lo0 + um @ hi0))
            gain = np.minimum(np.maximum(lm[cand] * (lo0[cand] - 1) - um[cand] * (BIG - hi0[cand]), 0), need)
            if gain.sum() < need - 1e-6:
                hopeless.add(i)
                continue
            gain[gain < 1e-9] = 0
            cuts.append((gain, need - 1e-6))
            new_cuts += 1
        if not new_cuts:
            return {k for k, on in zip(candidates, s_on, strict=True) if on > 0.5}
        s_on = choose()
    return None
