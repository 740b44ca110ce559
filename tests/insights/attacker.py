"""The attacker: a board member with a spreadsheet and a linear-programming solver.

It reads what a board member can download or read for every council and quarter with data
(the dashboard of the council and of each district, the board's performance report, the
needs assessment, the machine-readable KPIs), writes down what it knows of the standard
(breakdowns add up to their totals, providers add up to the council, districts add up to
at most the county, a district's new referrals are the county's "where they live" figure,
four quarters add up to the year, a rate times its denominator is its numerator, follow-ups
reached are among the follow-ups made), and
solves for the smallest and largest value of every withheld figure (an interval audit, as
tau-Argus does). A withheld figure is found out if its range is a single value or lies
within 1 to threshold-1.

It is written from the standard and the pages, not from core.disclosure: it shares no code
with the engine it attacks.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from scipy.optimize import linprog
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

C = "[c]"
COUNTS = ("cases_active", "new_referrals", "referrals_accepted", "cases_closed", "sessions", "sanctuary_referrals")
TO_NEW = ("by_gender", "by_age_band", "by_ethnic_group", "by_disability", "by_sexual_orientation", "by_residence")
PEOPLE = {"cases_active", "new_referrals", "referrals_accepted", "cases_closed"}


@dataclass
class Knowledge:
    seen: dict = field(default_factory=lambda: defaultdict(set))  # variable -> values shown for it
    scopes: set = field(default_factory=set)  # (gss, quarter) whose KPIs were read
    providers: dict = field(default_factory=lambda: defaultdict(set))  # (gss, quarter) -> provider names
    districts: dict = field(default_factory=lambda: defaultdict(set))  # (county gss, quarter) -> district gss
    years: list = field(default_factory=list)  # (gss, [quarters]) of a shown four-quarter sum
    thresholds: dict = field(default_factory=dict)  # gss -> threshold
    rounded: dict = field(default_factory=dict)  # gss -> counts shown to the nearest 5
    where: dict = field(default_factory=lambda: defaultdict(list))  # variable -> (view, value) it was read from

    def see(self, var, value, view: str) -> None:
        if value is None or value == "" or value == "no data":
            return
        if isinstance(value, str) and value != C:
            value = float(value.rstrip("%")) / (100 if value.endswith("%") else 1)
        self.seen[var].add(value)
        self.where[var].append((view, value))

    def kpi_rows(self, gss: str, q: str, rows, view: str) -> None:
        self.scopes.add((gss, q))
        for kpi, code, value, *_label in rows:
            self.see((gss, q, kpi, code or ""), value, view)


def _sheets(content: bytes) -> dict[str, list[list]]:
    wb = load_workbook(io.BytesIO(content), read_only=True)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def read_dashboard(k: Knowledge, client, council, q: str, districts_by_name: dict, *, report: bool = False) -> None:
    url = (reverse("insights:report", args=[council.gss_code, q]) if report
           else reverse("insights:dashboard", args=[council.gss_code]))
    params = {"format": "xlsx"} if report else {"format": "xlsx", "period": q}
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    view = f"{'report' if report else 'dashboard'} {council.gss_code} {q}"
    sheets = _sheets(response.content)
    q = sheets["Trend"][-1][0]  # the quarter shown (the picker offers the last twelve quarters)
    k.kpi_rows(council.gss_code, q, sheets["KPIs"][1:], view)
    for quarter, active, new, closed, completion in sheets["Trend"][1:]:
        for name, v in (("cases_active", active), ("new_referrals", new), ("cases_closed", closed),
                        ("completion_rate", completion)):
            k.see((council.gss_code, quarter, name, ""), v, view + " trend")
    header, *rows = sheets["Providers"]  # a district's providers have no rate columns
    for name, *values in rows:
        k.providers[(council.gss_code, q)].add(name)
        for field_, v in zip(header[1:], values, strict=True):
            k.see((council.gss_code, q, "provider", name, field_), v, view + " providers")
    for name, active, new, engagement, completion in sheets.get("Districts", [[]])[1:]:  # none for a district
        d = districts_by_name[name]
        k.districts[(council.gss_code, q)].add(d)
        for field_, v in (("cases_active", active), ("new_referrals", new), ("engagement_rate", engagement),
                          ("completion_rate", completion)):
            k.see((d, q, field_, ""), v, view + " districts")


def read_needs(k: Knowledge, client, council) -> None:
    url = reverse("insights:needs", args=[council.gss_code])
    view = f"needs {council.gss_code}"
    sheets = _sheets(client.get(url, {"format": "xlsx"}).content)
    quarters = []
    for quarter, new, no_capacity, not_met, out_of_area, from_out in sheets["Unmet demand"][1:]:
        quarters.append(quarter)
        for var, v in (((quarter, "new_referrals", ""), new),
                       ((quarter, "referrals_declined", "declined_no_capacity"), no_capacity),
                       ((quarter, "referrals_declined", "declined_needs_not_met"), not_met),
                       ((quarter, "referrals_declined", "declined_out_of_area"), out_of_area),
                       ((quarter, "by_residence", "out_of_area"), from_out)):
            k.see((council.gss_code, *var), v, view)
    html = client.get(url).content.decode()
    year = re.search(r"lack of capacity in the last four quarters: ([^.<]+)\.", html).group(1).replace(",", "")
    k.see((council.gss_code, "year", "declined_no_capacity", ""), year, view + " page")
    k.years.append((council.gss_code, quarters[-4:]))


def read_cli(k: Knowledge, council, q: str) -> None:
    out = io.StringIO()
    call_command("report", "kpis", "--period", q, "--council", council.gss_code, "--suppress", "--format", "json",
                 stdout=out)
    data = json.loads(out.getvalue())
    rows = []
    for key, value in data.items():
        if key in ("scope", "period"):
            continue
        if isinstance(value, dict):
            rows.extend((key, code, v) for code, v in value.items())
        else:
            rows.append((key, "", value))
    k.kpi_rows(council.gss_code, q, rows, f"cli {council.gss_code} {q}")


def threshold_of(mine, pos, index, k) -> dict:
    return {pos[index[v]]: k.thresholds.get(v[0], 5) for v in mine}


def is_rate(var) -> bool:
    name = var[4] if var[2] == "provider" else var[2]
    return name.endswith(("rate", "share", "change"))


@dataclass
class Found:
    var: tuple
    low: float
    high: float
    view: str


def solve(k: Knowledge) -> tuple[list[Found], int, int]:
    """(figures found out, withheld figures, figures read)."""
    known: dict = {}
    withheld: set = set()
    for var, values in k.seen.items():
        numbers = {v for v in values if v != C}
        if is_rate(var) and numbers and max(numbers) - min(numbers) < 0.006:
            numbers = {min(numbers)}  # a rate printed to more or fewer places
        assert len(numbers) <= 1, f"{var} is shown differently: {k.where[var]}"
        if numbers:
            known[var] = numbers.pop()
        elif not is_rate(var):
            withheld.add(var)
    eq: list = []  # (coefficients {var: a}) = 0
    le: list = []  # (coefficients) <= 0

    def total(t, parts):
        eq.append({t: 1, **{p: -1 for p in parts}})

    def at_most(t, parts):
        coef = defaultdict(float)
        coef[t] -= 1
        for p in parts:
            coef[p] += 1
        le.append(dict(coef))

    codes = defaultdict(set)  # (gss, q, table) -> codes read
    for var in k.seen:
        if len(var) == 4 and var[3]:
            codes[var[:3]].add(var[3])
    for gss, q in k.scopes:
        s = (gss, q)
        for table in TO_NEW:
            total((*s, "new_referrals", ""), [(*s, table, c) for c in codes[(*s, table)]])
        total((*s, "cases_closed", ""), [(*s, "cases_closed_by_reason", c) for c in codes[(*s, "cases_closed_by_reason")]])
        at_most((*s, "new_referrals", ""), [(*s, "referrals_accepted", "")]
                + [(*s, "referrals_declined", c) for c in codes[(*s, "referrals_declined")]])
        at_most((*s, "cases_active", ""), [(*s, "new_referrals", "")])
        at_most((*s, "cases_active", ""), [(*s, "cases_closed", "")])
        for c in codes[(*s, "needs")]:
            at_most((*s, "new_referrals", ""), [(*s, "needs", c)])
        for c in codes[(*s, "onward_referrals")]:
            at_most((*s, "cases_active", ""), [(*s, "onward_referrals", c)])
        if (*s, "followups", "") in k.seen:  # follow-ups reached are among the follow-ups made
            at_most((*s, "followups", ""), [(*s, "followups_reached", "")])
        names = k.providers.get(s, set())
        for f in ("cases_active", "new_referrals"):
            if names:
                total((*s, f, ""), [(*s, "provider", n, f) for n in names])
        districts = k.districts.get(s, set())
        for d in districts:
            total((*s, "by_residence", d), [(d, q, "new_referrals", "")])
        if districts:
            for f in COUNTS:
                at_most((*s, f, ""), [(d, q, f, "") for d in districts])
            for (g, qq, table), cs in list(codes.items()):
                if (g, qq) == s and table != "by_residence":
                    for c in cs:
                        at_most((*s, table, c), [(d, q, table, c) for d in districts])
            for n in names:
                for f in ("cases_active", "new_referrals"):
                    at_most((*s, "provider", n, f), [(d, q, "provider", n, f) for d in districts])
    rate_rows = []  # (num, den, r): (r - .005) den <= num <= (r + .005) den
    for var, r in list(known.items()):
        if len(var) == 4 and var[2] == "completion_rate":
            rate_rows.append(((*var[:2], "cases_closed_by_reason", "support_completed"), (*var[:2], "cases_closed", ""), r))
        if len(var) == 4 and var[2] == "followup_reached_rate":
            rate_rows.append(((*var[:2], "followups_reached", ""), (*var[:2], "followups", ""), r))
        if len(var) == 4 and var[2] == "engagement_rate":
            rate_rows.append(((*var[:2], "_engaged", ""), (*var[:2], "referrals_accepted", ""), r))
            at_most((*var[:2], "referrals_accepted", ""), [(*var[:2], "_engaged", "")])
    for gss, quarters in k.years:
        total((gss, "year", "declined_no_capacity", ""),
              [(gss, q, "referrals_declined", "declined_no_capacity") for q in quarters])

    index: dict = {}
    for row in eq + le:
        for v in row:
            index.setdefault(v, len(index))
    for num, den, _r in rate_rows:
        index.setdefault(num, len(index)), index.setdefault(den, len(index))
    for v in withheld:
        index.setdefault(v, len(index))
    n = len(index)
    lo, hi = np.zeros(n), np.full(n, 1e7)
    for v, i in index.items():
        if v in known and not is_rate(v):
            lo[i] = hi[i] = known[v]
            if k.rounded.get(v[0]) and known[v] > 0:  # NHS method: shown to the nearest 5
                lo[i], hi[i] = max(known[v] - 2, k.thresholds[v[0]]), known[v] + 2
        elif v in withheld:
            lo[i] = 1  # zeros are shown as 0, so a withheld figure is at least 1
    rows, cols, vals, b_ub = [], [], [], []
    for r, coef in enumerate(eq):
        for v, a in coef.items():
            rows.append(r), cols.append(index[v]), vals.append(a)
    n_eq = len(eq)
    ub_rows, ub_cols, ub_vals = [], [], []
    for r, coef in enumerate(le):
        for v, a in coef.items():
            ub_rows.append(r), ub_cols.append(index[v]), ub_vals.append(a)
        b_ub.append(0.0)
    r0 = len(le)
    for j, (num, den, rate) in enumerate(rate_rows):
        for s, bound in ((1, rate + 0.005), (-1, rate - 0.005)):
            row = r0 + 2 * j + (0 if s == 1 else 1)
            ub_rows.extend([row, row]), ub_cols.extend([index[num], index[den]]), ub_vals.extend([s, -s * bound])
            b_ub.append(0.0)
    a_eq = coo_matrix((vals, (rows, cols)), shape=(n_eq, n)).tocsr()
    a_ub = coo_matrix((ub_vals, (ub_rows, ub_cols)), shape=(len(b_ub), n)).tocsr()
    # Solve each connected group of figures on its own.
    link = coo_matrix((np.ones(len(cols) + len(ub_cols)),
                       (np.concatenate([np.asarray(rows, int), n_eq + np.asarray(ub_rows, int)]),
                        np.concatenate([np.asarray(cols, int), np.asarray(ub_cols, int)]))),
                      shape=(n_eq + len(b_ub), n)).tocsr()
    adjacency = (link.T @ link).tocsr()
    _, label = connected_components(adjacency, directed=False)
    found = []
    threshold = {v: k.thresholds.get(v[0], 5) for v in withheld}
    for comp in set(label[index[v]] for v in withheld):
        members = np.flatnonzero(label == comp)
        pos = {m: i for i, m in enumerate(members)}
        e_rows = np.unique(a_eq[:, members].nonzero()[0]) if n_eq else np.array([], int)
        u_rows = np.unique(a_ub[:, members].nonzero()[0]) if len(b_ub) else np.array([], int)
        A_eq = a_eq[e_rows][:, members] if len(e_rows) else None
        A_ub = a_ub[u_rows][:, members] if len(u_rows) else None
        bounds = list(zip(lo[members], hi[members], strict=True))

        def run(c, A_eq=A_eq, A_ub=A_ub, u_rows=u_rows, e_rows=e_rows, bounds=bounds):
            res = linprog(c, A_ub=A_ub, b_ub=np.zeros(len(u_rows)) if A_ub is not None else None, A_eq=A_eq,
                          b_eq=np.zeros(len(e_rows)) if A_eq is not None else None, bounds=bounds, method="highs")
            assert res.status == 0, res.message  # the figures are consistent: the true data is a solution
            return res.x

        mine = [v for v in withheld if label[index[v]] == comp]
        seen = {pos[index[v]]: [math.inf, -math.inf] for v in mine}
        todo = set(seen)
        ths = threshold_of(mine, pos, index, k)
        # Push every unsettled figure up together, then down together, a few times: one
        # seen at the threshold or above and at two different values is not found out.
        for _round in range(12):
            before = len(todo)
            for sign in (-1, 1):
                if not todo:
                    break
                c = np.zeros(len(members))
                c[list(todo)] = sign
                x = run(c)
                for i, s in seen.items():
                    s[0], s[1] = min(s[0], x[i]), max(s[1], x[i])
                todo = {i for i in todo if not (seen[i][1] >= ths[i] - 1e-6
                                                 and seen[i][1] - seen[i][0] > 0.5)}
            if not todo or len(todo) == before:
                break
        for v in sorted(mine, key=repr):
            i = pos[index[v]]
            if i not in todo:
                continue
            th = threshold[v]
            c = np.zeros(len(members))
            c[i] = 1
            low, high = run(c)[i], run(-c)[i]
            if math.floor(high + 1e-6) < th or math.ceil(low - 1e-6) >= math.floor(high + 1e-6):
                found.append(Found(v, round(low, 2), round(high, 2), k.where[v][0][0]))
    figures = sum(1 for _ in k.seen)
    if os.environ.get("DABOARD_ATTACKER_DUMP"):  # every figure read, for measuring what is withheld
        with open(os.environ["DABOARD_ATTACKER_DUMP"], "w") as fh:
            json.dump({repr(v): sorted(map(str, vals)) for v, vals in k.seen.items()}, fh)
    return found, len(withheld), figures


def attack(client, councils, *, cli: bool = True) -> tuple[list[Found], int, int]:
    """Read everything a board member (signed in on `client`) can read of the councils
    (tier-1 councils with data) for every quarter with data, and solve."""
    from daboard.returns.models import ReturnSubmission

    k = Knowledge()
    for council in councils:
        k.thresholds[council.gss_code] = (8 if council.disclosure_method == "nhs" else council.disclosure_threshold)
        districts = list(council.districts.all())
        k.rounded[council.gss_code] = council.disclosure_method == "nhs"
        for d in districts:
            k.thresholds[d.gss_code] = k.thresholds[council.gss_code]
            k.rounded[d.gss_code] = k.rounded[council.gss_code]
        by_name = {d.name: d.gss_code for d in districts}
        quarters = sorted(set(ReturnSubmission.objects.filter(contract__council=council, is_current=True)
                              .values_list("period", flat=True)))
        for q in quarters:
            read_dashboard(k, client, council, q, by_name)
            read_dashboard(k, client, council, q, by_name, report=True)
            if cli:
                read_cli(k, council, q)
            for d in districts:
                read_dashboard(k, client, d, q, by_name)
        if quarters:
            read_needs(k, client, council)
    return solve(k)
