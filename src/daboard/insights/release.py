"""What a board member may see of a council's quarter: one release, protected once.

Everything published about a tier-1 council and a quarter is linked: the council's KPIs
and breakdowns, its providers, its districts (each district's own dashboard with its
KPIs, breakdowns and providers), the trend and the needs assessment that show the quarter
again. They are described together as linked tables (core.disclosure.Tables) and
protected together, so that a figure withheld on one page cannot be worked out from
another. Every page, export, PDF, chart and the machine-readable KPIs read the protected
figures from here; none applies disclosure control on its own.

The protection of a quarter depends only on that quarter's figures, so the quarter looks
the same whichever page (or whichever quarter's trend) shows it.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass

from daboard.core.disclosure import Policy, Rate, Tables, protect
from daboard.core.models import Council
from daboard.returns.standard.v1 import Period

from .kpis import COUNT_KEYS, Scope, add_tables, compute_grouped, empty, shown_kpis

ROW_KEYS = ("cases_active", "new_referrals")  # the counts of the provider and district tables
ROW_RATES = ("engagement_rate", "completion_rate")


@dataclass
class Release:
    """One council-quarter after disclosure control."""
    kpis: dict  # scope GSS code (the council, each district) -> KPIs in the standard's shape
    providers: dict  # scope GSS code -> {provider slug: {cases_active, new_referrals, engagement_rate, completion_rate}}

    def for_scope(self, gss: str) -> dict:
        return self.kpis.get(gss) or {}


def _row_tables(t: Tables, s, slug: str, result: dict, *, rates: bool = True) -> None:
    """A provider's row in a scope's providers table (its rates only where `rates`)."""
    k, basis = result["kpis"], result["basis"]
    for name in ROW_KEYS:
        t.counts[(s, "provider", slug, name)] = k[name]
    for name in ROW_RATES if rates else ():
        num, den = basis[name]
        t.hidden[(s, "provider", slug, "_num", name)] = num
        t.hidden[(s, "provider", slug, "_den", name)] = den
        t.rates[(s, "provider", slug, name)] = Rate(k[name], (s, "provider", slug, "_num", name),
                                                    (s, "provider", slug, "_den", name))


def _row_shown(s, slug: str, shown: dict) -> dict:
    return {name: shown[(s, "provider", slug, name)] for name in ROW_KEYS + ROW_RATES
            if (s, "provider", slug, name) in shown}


def describe(council: Council, raw: dict) -> Tables:
    """The linked tables of one council-quarter from its raw figures:
    raw = {"kpis": {gss: result}, "providers": {gss: {slug: result}}}."""
    t = Tables()
    county = council.gss_code
    districts = [d for d in raw["kpis"] if d != county]
    for gss, result in raw["kpis"].items():
        add_tables(t, gss, result)
    for gss, rows in raw["providers"].items():
        for slug, result in rows.items():
            # A district's providers publish their counts only: a provider's engagement and
            # completion rates over one district's residents rest on a handful of people
            # (four in five were withheld on the demo), so they are shown for the council.
            _row_tables(t, gss, slug, result, rates=gss == county)
        for name in ROW_KEYS:  # the providers' rows add up to the scope's figure
            t.add_sum((gss, name), [(gss, "provider", slug, name) for slug in rows])
    if districts:
        county_k = raw["kpis"][county]["kpis"]
        for d in districts:
            # A district's new referrals are the county's "where they live" figure for it.
            if (county, "by_residence", d) in t.counts:
                t.add_sum((county, "by_residence", d), [(d, "new_referrals")])
        # Districts' figures add up to at most the county's (people living out of the area
        # or not known are in the county's figures only).
        for name in COUNT_KEYS:
            t.add_sum((county, name), [(d, name) for d in districts], exact=False)
        for table, cells in county_k.items():
            if isinstance(cells, dict) and table != "by_residence":
                for code in cells:
                    parts = [(d, table, code) for d in districts if (d, table, code) in t.counts]
                    t.add_sum((county, table, code), parts, exact=False)
        for slug in raw["providers"].get(county, {}):
            for name in ROW_KEYS:
                parts = [(d, "provider", slug, name) for d in districts
                         if (d, "provider", slug, name) in t.counts]
                t.add_sum((county, "provider", slug, name), parts, exact=False)
    return t


_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 256


def _fingerprint(raw: dict) -> str:
    """The digest of a quarter's raw figures, worked out once when they are computed."""
    return hashlib.sha256(json.dumps(raw, sort_keys=True, default=str).encode()).hexdigest()


def _protect_cached(council: Council, raw: dict, fingerprint: str, policy: Policy) -> Release:
    """The protected release of raw figures (`fingerprint` their digest): from this
    process's memory, else from the database (insights.ProtectedRelease, shared by every
    worker and kept across restarts), else protected now and stored. The same figures
    always come back in the same shape (as the database returns them), whichever way they
    were found."""
    from .models import ProtectedRelease

    digest = hashlib.sha256(json.dumps([policy.key(), council.gss_code, fingerprint]).encode()).hexdigest()
    if digest in _CACHE:
        _CACHE.move_to_end(digest)
        return _CACHE[digest]
    stored = ProtectedRelease.objects.filter(pk=digest).values_list("kpis", "providers").first()
    if stored is not None:
        release = Release(kpis=stored[0], providers=stored[1])
    else:
        shown = protect(describe(council, raw), policy)
        payload = json.loads(json.dumps({
            "kpis": {gss: shown_kpis(gss, result, shown) for gss, result in raw["kpis"].items()},
            "providers": {gss: {slug: _row_shown(gss, slug, shown) for slug in rows}
                          for gss, rows in raw["providers"].items()}}))
        release = Release(kpis=payload["kpis"], providers=payload["providers"])
        # Two workers may protect the same figures at once: the same digest, the same result.
        ProtectedRelease.objects.bulk_create([ProtectedRelease(digest=digest, **payload)], ignore_conflicts=True)
    _CACHE[digest] = release
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return release


_RAW: OrderedDict = OrderedDict()


def _signatures(duty: Council, periods: list[Period]) -> dict[str, tuple]:
    """What each quarter's figures rest on: its current returns (their contract and the
    digest of the file) and whether their rows are still kept. A return sent again, or
    rows deleted, changes it."""
    from daboard.returns.models import ReturnSubmission

    sig: dict[str, list] = {str(p): [] for p in periods}
    for period, *rest in (ReturnSubmission.objects
                          .filter(contract__council=duty, is_current=True, period__in=list(sig))
                          .values_list("period", "pk", "contract_id", "sha256", "rows_purged_at")
                          .order_by("period", "pk")):
        sig[period].append(tuple(str(x) for x in rest))
    return {q: tuple(v) for q, v in sig.items()}


def raw_quarters(council: Council, periods: list[Period]) -> dict[str, dict]:
    """The raw figures of a tier-1 council for each quarter:
    {period: {"kpis": {gss: result}, "providers": {gss: {slug: result}}}}. Quarters whose
    returns have not changed since they were last computed are not computed again; the
    others are computed together in four grouped computations."""
    return {q: raw for q, (raw, _fingerprint) in _raw_entries(council, periods).items()}


def _raw_entries(council: Council, periods: list[Period]) -> dict[str, tuple[dict, str]]:
    """raw_quarters, each quarter's figures with their digest (kept together in _RAW)."""
    council = council.duty_council
    districts = tuple(council.districts.order_by("gss_code").values_list("gss_code", flat=True))
    signatures = _signatures(council, periods)
    out, missing = {}, []
    for p in periods:
        key = (council.gss_code, str(p), signatures[str(p)], districts)
        if key in _RAW:
            _RAW.move_to_end(key)
            out[str(p)] = _RAW[key]
        else:
            missing.append(p)
    if missing:
        for q, raw in _compute_raw(council, missing, districts).items():
            out[q] = _RAW[(council.gss_code, q, signatures[q], districts)] = (raw, _fingerprint(raw))
        while len(_RAW) > _CACHE_SIZE:
            _RAW.popitem(last=False)
    return out


def _compute_raw(council: Council, periods: list[Period], districts: tuple) -> dict[str, dict]:
    scope = Scope(council=council.gss_code)
    by_period = compute_grouped(periods, scope, by="period")
    by_provider = compute_grouped(periods, scope, by="period_provider") if by_period else {}
    by_residence = compute_grouped(periods, scope, by="period_residence") if districts and by_period else {}
    by_both = compute_grouped(periods, scope, by="period_residence_provider") if districts and by_period else {}
    out = {}
    for p in periods:
        q = str(p)
        kpis = {council.gss_code: by_period.get(q) or empty()}
        providers = {council.gss_code: {slug: r for (pq, slug), r in sorted(by_provider.items()) if pq == q}}
        for d in districts:
            kpis[d] = by_residence.get((q, d)) or empty()
            providers[d] = {slug: r for (pq, res, slug), r in sorted(by_both.items()) if pq == q and res == d}
        out[q] = {"kpis": kpis, "providers": providers}
    return out


def quarters(council: Council, periods: list[Period]) -> dict[str, Release]:
    """The protected release of each quarter (a district's figures are in its county's)."""
    duty = council.duty_council
    policy = Policy.for_council(duty)
    return {q: _protect_cached(duty, raw, fingerprint, policy)
            for q, (raw, fingerprint) in _raw_entries(duty, periods).items()}


def quarter(council: Council, period: Period) -> Release:
    return quarters(council, [period])[str(period)]


def protect_ahead(council: Council, period: Period) -> None:
    """Protect a council's quarter (and the seven before it, which its dashboard's trend
    shows) now, so that the first board member to open the page does not wait for it."""
    quarters(council, period.back(8))
