"""Synthetic returns with realistic distributions, for the demo, tests and benchmarks.

Every case is a pure function of (seed, contract, referral day, its number that day): a
counter-based random stream (splitmix64) gives each attribute of each case its own
uniform number, so the whole history is drawn in a few vectorised numpy operations, and
the return for any quarter holds the same people as the quarter before, whatever window
was drawn: a case open at the end of one quarter carries on, with the same reference,
into the next.

What kind of people a service supports and where follows from what it is
(``profile_for``): a service for male victims has mostly men, a helpline or a
substance-misuse service supports people in the community, not in refuge; only
accommodation-based support places people in refuge or dispersed housing.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import polars as pl

from daboard.core.periods import Period

from .standard import CURRENT as std

MEAN_DURATION_DAYS = 120
WINDOW_DAYS = 730  # cases referred up to two years before the quarter can still be open
_EPOCH = dt.date(1970, 1, 1).toordinal()
_M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


# --- the counter-based random stream ------------------------------------------------------

def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a well-spread 64-bit hash of each element."""
    with np.errstate(over="ignore"):
        x = x.astype(np.uint64)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


class _Stream:
    """Uniform numbers in [0, 1) for (key, attribute), key being one per case or per day."""

    def __init__(self, seed: int, prefix: str):
        self.base = int(_mix(np.array([(seed & 0xFFFFFFFF) << 32 | zlib.crc32(prefix.encode())], dtype=np.uint64))[0])

    def keys(self, day: np.ndarray, number: np.ndarray | int = 0) -> np.ndarray:
        with np.errstate(over="ignore"):
            return _mix(np.uint64(self.base) ^ (day.astype(np.uint64) << np.uint64(20))
                        ^ np.asarray(number, dtype=np.uint64))

    @staticmethod
    def uniform(keys: np.ndarray, attribute: int) -> np.ndarray:
        with np.errstate(over="ignore"):
            bits = _mix(keys + np.uint64(attribute) * np.uint64(0x9E3779B97F4A7C15))
        return (bits >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))


def _poisson(u: np.ndarray, v: np.ndarray, rate: np.ndarray) -> np.ndarray:
    """Poisson draws by inverting the distribution for small rates, normal beyond."""
    out = np.zeros(rate.shape, dtype=np.int64)
    small = rate < 40
    if small.any():
        lam, uu = rate[small], u[small]
        k = np.zeros(lam.shape, dtype=np.int64)
        p = np.exp(-lam)
        cdf = p.copy()
        for step in range(1, int(lam.max() * 3 + 30)):
            more = uu > cdf
            if not more.any():
                break
            k += more
            p = p * lam / step
            cdf += p
        out[small] = k
    if (~small).any():
        lam = rate[~small]
        z = np.sqrt(-2.0 * np.log(np.maximum(u[~small], 1e-300))) * np.cos(2 * np.pi * v[~small])
        out[~small] = np.maximum(0, np.rint(lam + np.sqrt(lam) * z)).astype(np.int64)
    return out


def _pick(u: np.ndarray, codes, weights) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    edges = np.cumsum(w / w.sum())
    edges[-1] = 1.0
    return np.asarray(codes, dtype=object)[np.searchsorted(edges, u, side="right")]


# --- what kind of service it is -------------------------------------------------------------

ACCOMMODATION_SETTINGS = ("refuge", "specialist_refuge", "dispersed", "second_stage", "other_safe_accommodation")


@dataclass(frozen=True)
class Profile:
    """The people a service supports: weights over the standard's codes."""

    gender: tuple = (82, 15, 1, 1, 1)
    age: tuple = (2, 3, 16, 27, 23, 14, 8, 4, 2, 1)
    ethnicity: tuple = (70, 1, 1, 1, 4, 1, 1, 1, 1, 6, 2, 1, 1, 1, 2, 1, 1, 1, 1, 2)
    orientation: tuple = (70, 3, 3, 1, 13, 10)
    setting: tuple = (0, 0, 0, 0, 0, 0, 1)  # community only
    sources: tuple = (10, 4, 30, 8, 7, 8, 3, 7, 3, 4, 2, 2, 4, 4, 2, 2)
    substance: float = 0.0  # extra chance of substance misuse among vulnerabilities
    sessions: int = 0b1  # session types always offered (bit i = SESSION_TYPES[i])


def profile_for(contract) -> Profile:
    """Read from the service's name and type of support (daboard's reading for synthetic
    data; nothing here is a fact about the real services)."""
    name = f"{contract.service} {getattr(contract, 'notes', '')}".lower()
    p = Profile()
    if "male victims" in name or "adam project" in name:
        p = replace(p, gender=(6, 90, 2, 1, 1))
    if "lgbt" in name:
        p = replace(p, gender=(45, 35, 14, 4, 2), orientation=(10, 45, 30, 8, 5, 2))
    if "gypsy" in name or "traveller" in name:
        p = replace(p, ethnicity=(8, 2, 60, 22, 2) + (0.2,) * 14 + (1,))
    if "bame" in name or "black asian" in name:
        p = replace(p, ethnicity=(3, 1, 1, 1, 4, 3, 2, 2, 2, 22, 18, 8, 2, 4, 10, 6, 2, 4, 4, 2))
    if "young person" in name or "young people" in name:
        p = replace(p, age=(30, 45, 25, 0, 0, 0, 0, 0, 0, 0))
    elif "children" in name or "family" in name:
        p = replace(p, age=(20, 10, 10, 25, 22, 10, 2, 0.5, 0.5, 0.5))
    if "helpline" in name:
        p = replace(p, sources=(50, 8, 8, 2, 2, 2, 1, 4, 2, 2, 1, 1, 4, 10, 2, 1), sessions=0b10000)
    if "substance" in name:
        p = replace(p, substance=0.8, sources=(10, 4, 15, 5, 5, 5, 3, 15, 10, 4, 1, 10, 4, 2, 5, 2))
    if "counsel" in name or "therapeutic" in name:
        p = replace(p, sessions=0b1001)
    if "safe accommodation" in name or "refuge" in name or "dispersed" in name or \
            getattr(contract, "support_category", "") == "housing":
        p = replace(p, setting=(40, 8, 30, 8, 0, 14, 0))
    return p


def _district_weights(contract) -> tuple[list[str], list[float]]:
    council = contract.council.duty_council
    districts = list(council.districts.values_list("gss_code", "population"))
    if not districts:
        districts = [(council.gss_code, council.population or 1)]
    codes = [c for c, _ in districts] + ["out_of_area", "not_known"]
    total = sum(p or 1 for _, p in districts)
    weights = [0.92 * (p or 1) / total for _, p in districts] + [0.05, 0.03]
    return codes, weights


# --- cases ----------------------------------------------------------------------------------

def _cases(stream: _Stream, prefix: str, days: np.ndarray, rates: np.ndarray, residence, profile: Profile) -> dict:
    """Every case referred on `days` (ordinals), `rates[i]` expected on days[i]."""
    day_keys = stream.keys(days, 0xFFFFF)
    counts = _poisson(stream.uniform(day_keys, 1), stream.uniform(day_keys, 2), rates)
    n = int(counts.sum())
    referral = np.repeat(days, counts)
    number = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts)
    keys = stream.keys(referral, number)

    def u(attribute: int) -> np.ndarray:
        return stream.uniform(keys, attribute)

    outcome = _pick(u(10), std.REFERRAL_OUTCOMES, [78, 6, 5, 3, 3, 5])
    accepted = outcome == "accepted"
    engaged = np.where(accepted & (u(11) < 0.88), "yes", "no")
    age = _pick(u(12), std.AGE_BANDS, profile.age)
    gamma2 = -(MEAN_DURATION_DAYS / 2.0) * (np.log(1 - u(13)) + np.log(1 - u(14)))
    duration = np.where(accepted & (engaged == "yes"), np.clip(gamma2, 7, 600), np.floor(u(15) * 21)).astype(np.int64)
    n_vuln, n_needs = len(std.VULNERABILITIES), len(std.NEEDS)
    vuln = (np.floor(u(16) * (1 << n_vuln)).astype(np.int64) & np.floor(u(17) * (1 << n_vuln)).astype(np.int64)
            & np.floor(u(18) * (1 << n_vuln)).astype(np.int64))
    substance_bit = 1 << std.VULNERABILITIES.index("substance_misuse")
    vuln = np.where(u(19) < profile.substance, vuln | substance_bit, vuln)
    return {
        "case_ref": _refs(prefix, referral, number),
        "referral_date": referral,
        "duration": duration,
        "referral_source": _pick(u(20), std.REFERRAL_SOURCES, profile.sources),
        "referral_outcome": outcome,
        "engaged": engaged,
        "age_band": age,
        "gender": _pick(u(21), std.GENDERS, profile.gender),
        "transgender": _pick(u(22), ["no", "yes", "not_known", None], [80, 1, 9, 10]),
        "sexual_orientation": _pick(u(23), [*std.SEXUAL_ORIENTATIONS, None], profile.orientation),
        "ethnicity": _pick(u(24), list(std.ETHNICITY_GROUPS), profile.ethnicity),
        "disability": _pick(u(25), std.YES_NO, [22, 70, 8]),
        "residence": _pick(u(26), *residence),
        "risk_level": _pick(u(27), std.RISK_LEVELS, [30, 35, 25, 10]),
        "repeat_victim": _pick(u(28), std.YES_NO, [35, 55, 10]),
        "child_victim": np.where(np.isin(age, ["under_16", "16_17"]), "yes", np.where(u(29) < 0.02, "yes", "no")),
        "children_in_household": np.minimum(_poisson(u(30), u(31), np.full(n, 1.2)), 20),
        "vulnerabilities": vuln,
        "needs": np.floor(u(32) * (1 << n_needs)).astype(np.int64) & np.floor(u(33) * (1 << n_needs)).astype(np.int64),
        "support_setting": _pick(u(34), std.SUPPORT_SETTINGS, profile.setting),
        "closure_reason": _pick(u(35), std.CLOSURE_REASONS, [55, 20, 8, 7, 7, 3]),
        "safety_intake": 1 + np.floor(u(36) * 7).astype(np.int64),
        "safety_change": -1 + np.floor(u(37) * 5).astype(np.int64),
        "wellbeing_intake": 1 + np.floor(u(38) * 7).astype(np.int64),
        "wellbeing_change": -1 + np.floor(u(39) * 5).astype(np.int64),
        "risk_exit_step": np.floor(u(40) * 3).astype(np.int64),
        "abuse_stopped": _pick(u(41), ["yes", "no", "not_known"], [65, 20, 15]),
        "move_on": _pick(u(42), std.MOVE_ON, [25, 15, 20, 8, 10, 7, 8, 4, 3]),
        "scores_given": u(43) < 0.85,
        "key": u(44),
    }


def _refs(prefix: str, referral: np.ndarray, number: np.ndarray) -> pl.Series:
    """PREFIX-yymmdd-nnnn: the referral day and the case's number that day."""
    return pl.DataFrame({"day": referral - _EPOCH, "n": number}).select(pl.concat_str([
        pl.lit(f"{prefix}-"), pl.col("day").cast(pl.Int32).cast(pl.Date).dt.strftime("%y%m%d"), pl.lit("-"),
        pl.col("n").cast(pl.Utf8).str.zfill(4)]).alias("case_ref"))["case_ref"]


def _frame(cases: dict) -> pl.DataFrame:
    return pl.DataFrame({k: (v if isinstance(v, pl.Series) else
                             (v.tolist() if v.dtype == object else v)) for k, v in cases.items()}, strict=False)


def _prefix(contract) -> str:
    return "".join(ch for ch in contract.reference if ch.isalnum())[:12] or "CASE"


def synthesize(contract, period: Period, *, rows: int, seed: int = 1) -> pl.DataFrame:
    """A valid return for the contract and period with exactly `rows` rows (fewer only if
    `rows` is more than the population can give, which the rate makes very unlikely)."""
    if rows == 0:
        return pl.DataFrame({c.name: [] for c in std.COLUMNS}, schema={c.name: pl.Utf8 for c in std.COLUMNS})
    # The same rate for every quarter (not by its length), so consecutive quarters share people.
    rate = rows * 1.6 / (91.3 + MEAN_DURATION_DAYS)
    prefix = _prefix(contract)
    first, last = period.first_day.toordinal(), period.last_day.toordinal()
    days = np.arange(first - WINDOW_DAYS, last + 1)
    profile = profile_for(contract)
    cases = _frame(_cases(_Stream(seed, prefix), prefix, days, np.full(days.shape, rate),
                          _district_weights(contract), profile))
    cases = cases.with_columns((pl.col("referral_date") + pl.col("duration")).alias("closure_ordinal"))
    active = cases.filter(pl.col("closure_ordinal") >= first)
    if active.height > rows:
        # Keep the longest-open cases: then everyone kept in one quarter who is still open
        # in the next is kept there too (anyone referred before them was kept before).
        active = active.sort("referral_date", "case_ref").head(rows)
    active = active.sort("referral_date", "case_ref")
    return _as_return(active, period, first, last, profile)


def demo_rates(contract, seed: int, days: np.ndarray) -> np.ndarray:
    """Referrals a day for a demo service: its size from its value, a steady trend of its
    own, summer and Christmas peaks, quieter weekends, and a ramp-up as it starts."""
    years = max(1.0, ((contract.maximum_end() or contract.start_date) - contract.start_date).days / 365.25) \
        if contract.start_date else 1.0
    annual = float(contract.total_value) / years
    base = max(0.15, annual / 700 / (91 + MEAN_DURATION_DAYS))
    stream = _Stream(seed, _prefix(contract) + "/trend")
    growth = -0.06 + 0.2 * float(stream.uniform(stream.keys(np.array([0])), 1)[0])  # -6% to +14% a year
    start = contract.start_date.toordinal() if contract.start_date else int(days[0])
    t_years = (days - start) / 365.25
    dates = days - dt.date(2000, 1, 1).toordinal()
    doy = np.mod(dates, 365.25)
    season = 1 + 0.16 * np.sin(2 * np.pi * (doy - 95) / 365.25)
    christmas = np.where((doy >= 355) | (doy <= 6), 1.3, 1.0)
    weekday = np.mod(days, 7)  # 0 is Monday for proleptic ordinals, 5 and 6 the weekend
    week = np.where(weekday >= 5, 0.45, 1.12)
    ramp = np.clip(0.35 + 0.65 * (days - start) / 120.0, 0.35, 1.0)
    return base * season * christmas * week * ramp * np.maximum(0.5, 1 + growth * t_years)


def demo_return(contract, period: Period, *, seed: int) -> pl.DataFrame:
    """The demo's return for one quarter of a contract: everyone the service supported, a
    number that moves with the seasons and the service's own life (it starts from nothing
    and, when it ends, closes its open cases on its last day)."""
    prefix = _prefix(contract)
    first, last = period.first_day.toordinal(), period.last_day.toordinal()
    start = contract.start_date.toordinal()
    end_date = contract.current_end()
    end = end_date.toordinal() if end_date else last
    days = np.arange(start, min(last, end) + 1)
    profile = profile_for(contract)
    cases = _frame(_cases(_Stream(seed, prefix), prefix, days, demo_rates(contract, seed, days),
                          _district_weights(contract), profile))
    closure = pl.min_horizontal(pl.col("referral_date") + pl.col("duration"), pl.lit(end))
    cases = cases.with_columns(
        closure.alias("closure_ordinal"),
        pl.when(pl.col("referral_date") + pl.col("duration") > end).then(pl.lit("transferred"))
        .otherwise(pl.col("closure_reason")).alias("closure_reason"))
    active = cases.filter(pl.col("closure_ordinal") >= first).sort("referral_date", "case_ref")
    return _as_return(active, period, first, last, profile)


@functools.cache
def _list_table(codes: tuple[str, ...], width: int) -> dict[int, str]:
    """Every bit set of `width` bits written as the file's semicolon list (built once)."""
    return {i: std.codes_of(codes, i) for i in range(1 << width)}


def _lookup(codes: tuple[str, ...], column: str | pl.Expr, mask_bits: int | None = None) -> pl.Expr:
    """A bit set written as the file's semicolon list, by table look-up (no Python per row)."""
    table = _list_table(codes, len(codes) if mask_bits is None else mask_bits)
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.replace_strict(table, default="", return_dtype=pl.Utf8)


def _as_date(column: str) -> pl.Expr:
    return (pl.col(column) - _EPOCH).cast(pl.Int32).cast(pl.Date).dt.strftime("%Y-%m-%d")


def _as_return(a: pl.DataFrame, period: Period, first: int, last: int, profile: Profile) -> pl.DataFrame:
    closed = pl.col("closure_ordinal") <= last
    overlap = (pl.min_horizontal(pl.col("closure_ordinal"), pl.lit(last))
               - pl.max_horizontal(pl.col("referral_date"), pl.lit(first)) + 1).clip(0, None)
    engaged = pl.col("engaged") == "yes"
    # Activity this quarter: about one session a week while engaged.
    period_noise = (pl.col("key") * 1000 + period.quarter * 7 + period.start_year).cast(pl.Int64) % 5
    sessions = pl.when(engaged).then((overlap / 7).floor().cast(pl.Int64) + period_noise % 3).otherwise(0).clip(0, 500)
    scores = closed & engaged & pl.col("scores_given")
    risk_exit = pl.col("risk_level").replace_strict({"standard": 1, "medium": 2, "high": 3, "not_assessed": 0}, default=0)
    risk_exit_code = (risk_exit - pl.col("risk_exit_step")).clip(1, 3).replace_strict(
        {1: "standard", 2: "medium", 3: "high"}, default="standard")
    onward_mask = ((pl.col("key") * 1e6).cast(pl.Int64) * (period.quarter + 3) + period.start_year) % (1 << 6)
    session_type_mask = ((pl.col("key") * 1e5).cast(pl.Int64) % (1 << len(std.SESSION_TYPES))) | profile.sessions
    accommodation = pl.col("support_setting").is_in(ACCOMMODATION_SETTINGS)
    return a.select(
        pl.col("case_ref"), _as_date("referral_date").alias("referral_date"), "referral_source", "referral_outcome",
        "engaged", "age_band", "gender", "transgender", "sexual_orientation", "ethnicity", "disability", "residence",
        "risk_level", "repeat_victim", "child_victim", pl.col("children_in_household").cast(pl.Utf8),
        _lookup(std.VULNERABILITIES, "vulnerabilities").alias("vulnerabilities"),
        _lookup(std.NEEDS, "needs").alias("needs"), "support_setting",
        sessions.cast(pl.Utf8).alias("sessions_in_period"),
        pl.when(sessions > 0).then(_lookup(std.SESSION_TYPES, session_type_mask)).otherwise(None).alias("session_types"),
        pl.when(engaged & (period_noise == 0) & (pl.col("support_setting") != "sanctuary_scheme")).then(1)
        .otherwise(0).cast(pl.Utf8).alias("sanctuary_referrals_in_period"),
        pl.when(engaged & (period_noise < 2)).then(_lookup(std.ONWARD_REFERRALS, onward_mask, 6))  # the six commonest
        .otherwise(None).alias("onward_referrals_in_period"),
        pl.when(closed).then(_as_date("closure_ordinal")).otherwise(None).alias("closure_date"),
        pl.when(closed).then(pl.when(engaged).then(pl.col("closure_reason")).otherwise(pl.lit("client_ended")))
        .otherwise(None).alias("closure_reason"),
        pl.when(engaged).then(pl.col("safety_intake")).otherwise(None).cast(pl.Utf8).alias("safety_intake"),
        pl.when(scores).then((pl.col("safety_intake") + pl.col("safety_change")).clip(1, 10)).otherwise(None)
        .cast(pl.Utf8).alias("safety_exit"),
        pl.when(engaged).then(pl.col("wellbeing_intake")).otherwise(None).cast(pl.Utf8).alias("wellbeing_intake"),
        pl.when(scores).then((pl.col("wellbeing_intake") + pl.col("wellbeing_change")).clip(1, 10)).otherwise(None)
        .cast(pl.Utf8).alias("wellbeing_exit"),
        pl.when(scores & (pl.col("risk_level") != "not_assessed")).then(risk_exit_code).otherwise(None).alias("risk_level_exit"),
        pl.when(scores).then(pl.col("abuse_stopped")).otherwise(None).alias("abuse_stopped_exit"),
        pl.when(closed & engaged & accommodation).then(pl.col("move_on")).otherwise(None).alias("move_on"),
    )


def write(frame: pl.DataFrame, path: Path) -> None:
    if path.suffix.lower() == ".xlsx":
        from daboard.core.exports import xlsx_bytes

        path.write_bytes(xlsx_bytes({"Return": (frame.columns, frame.iter_rows())}))
    else:
        frame.write_csv(path, null_value="")
