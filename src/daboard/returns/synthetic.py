"""Synthetic returns with realistic distributions, for the demo, tests and benchmarks.

Cases are generated per referral day from a random stream seeded by (seed, contract,
day), so the return for any quarter holds the same people as the quarter before: a case
open at the end of one quarter carries on, with the same reference, into the next.
"""

from __future__ import annotations

import datetime as dt
import zlib
from pathlib import Path

import numpy as np
import polars as pl

from .standard import v1 as std

MEAN_DURATION_DAYS = 120
WINDOW_DAYS = 730  # cases referred up to two years before the quarter can still be open


def _choice(rng, codes, weights, size):
    w = np.asarray(weights, dtype=float)
    return np.asarray(codes, dtype=object)[rng.choice(len(codes), size=size, p=w / w.sum())]


def _district_weights(contract) -> tuple[list[str], list[float]]:
    council = contract.council.duty_council
    districts = list(council.districts.values_list("gss_code", "population"))
    if not districts:
        districts = [(council.gss_code, council.population or 1)]
    codes = [c for c, _ in districts] + ["out_of_area", "not_known"]
    total = sum(p or 1 for _, p in districts)
    weights = [0.92 * (p or 1) / total for _, p in districts] + [0.05, 0.03]
    return codes, weights


def _day_cases(seed: int, prefix: str, day: dt.date, rate: float, residence) -> dict | None:
    rng = np.random.default_rng([seed, zlib.crc32(prefix.encode()), day.toordinal()])
    n = int(rng.poisson(rate))
    if n == 0:
        return None
    outcome = _choice(rng, std.REFERRAL_OUTCOMES, [78, 6, 5, 3, 3, 5], n)
    accepted = outcome == "accepted"
    engaged = np.where(accepted, _choice(rng, ["yes", "no"], [88, 12], n), "no")
    age = _choice(rng, std.AGE_BANDS, [2, 3, 16, 27, 23, 14, 8, 4, 2, 1], n)
    duration = np.where(accepted & (engaged == "yes"),
                        np.clip(rng.gamma(2.0, MEAN_DURATION_DAYS / 2.0, n), 7, 600),
                        rng.integers(0, 21, n)).astype(int)
    return {
        "case_ref": [f"{prefix}-{day:%y%m%d}-{i:04d}" for i in range(n)],
        "referral_date": np.full(n, day.toordinal()),
        "duration": duration,
        "referral_source": _choice(rng, std.REFERRAL_SOURCES, [10, 4, 30, 8, 7, 8, 3, 7, 3, 4, 2, 2, 4, 4, 2, 2], n),
        "referral_outcome": outcome,
        "engaged": engaged,
        "age_band": age,
        "gender": _choice(rng, std.GENDERS, [82, 15, 1, 1, 1], n),
        "transgender": _choice(rng, ["no", "yes", "not_known", None], [80, 1, 9, 10], n),
        "sexual_orientation": _choice(rng, [*std.SEXUAL_ORIENTATIONS, None], [70, 3, 3, 1, 13, 10], n),
        "ethnicity": _choice(rng, list(std.ETHNICITY_GROUPS),
                             [70, 1, 1, 1, 4, 1, 1, 1, 1, 6, 2, 1, 1, 1, 2, 1, 1, 1, 1, 2], n),
        "disability": _choice(rng, std.YES_NO, [22, 70, 8], n),
        "residence": _choice(rng, *residence, n),
        "risk_level": _choice(rng, std.RISK_LEVELS, [30, 35, 25, 10], n),
        "repeat_victim": _choice(rng, std.YES_NO, [35, 55, 10], n),
        "child_victim": np.where(np.isin(age, ["under_16", "16_17"]), "yes", _choice(rng, ["no", "yes"], [98, 2], n)),
        "children_in_household": np.clip(rng.poisson(1.2, n), 0, 20),
        "vulnerabilities": rng.integers(0, 1 << len(std.VULNERABILITIES), n) & rng.integers(0, 1 << len(std.VULNERABILITIES), n) & rng.integers(0, 1 << len(std.VULNERABILITIES), n),
        "needs": rng.integers(0, 1 << len(std.NEEDS), n) & rng.integers(0, 1 << len(std.NEEDS), n),
        "support_setting": _choice(rng, std.SUPPORT_SETTINGS, [20, 5, 15, 5, 10, 5, 40], n),
        "closure_reason": _choice(rng, std.CLOSURE_REASONS, [55, 20, 8, 7, 7, 3], n),
        "safety_intake": rng.integers(1, 8, n),
        "safety_change": rng.integers(-1, 5, n),
        "wellbeing_intake": rng.integers(1, 8, n),
        "wellbeing_change": rng.integers(-1, 5, n),
        "risk_exit_step": rng.integers(0, 3, n),
        "abuse_stopped": _choice(rng, ["yes", "no", "not_known"], [65, 20, 15], n),
        "move_on": _choice(rng, std.MOVE_ON, [25, 15, 20, 8, 10, 7, 8, 4, 3], n),
        "scores_given": rng.random(n) < 0.85,
        "key": rng.random(n),
    }


def synthesize(contract, period: std.Period, *, rows: int, seed: int = 1) -> pl.DataFrame:
    """A valid return for the contract and period with exactly `rows` rows (fewer only if
    `rows` is more than the population can give, which the rate makes very unlikely)."""
    if rows == 0:
        return pl.DataFrame({c.name: [] for c in std.COLUMNS}, schema={c.name: pl.Utf8 for c in std.COLUMNS})
    rate = rows * 1.6 / (((period.last_day - period.first_day).days + 1) + MEAN_DURATION_DAYS)
    prefix = "".join(ch for ch in contract.reference if ch.isalnum())[:12] or "CASE"
    residence = _district_weights(contract)
    parts = []
    day = period.first_day - dt.timedelta(days=WINDOW_DAYS)
    while day <= period.last_day:
        part = _day_cases(seed, prefix, day, rate, residence)
        if part:
            parts.append(pl.DataFrame({k: (v.tolist() if isinstance(v, np.ndarray) and v.dtype == object else v)
                                       for k, v in part.items()}, strict=False))
        day += dt.timedelta(days=1)
    cases = pl.concat(parts, how="vertical_relaxed")
    first, last = period.first_day.toordinal(), period.last_day.toordinal()
    cases = cases.with_columns((pl.col("referral_date") + pl.col("duration")).alias("closure_ordinal"))
    active = cases.filter(pl.col("closure_ordinal") >= first)
    if active.height > rows:
        # Keep the cases already open before the quarter first, so people carry on.
        active = active.sort([pl.col("referral_date") >= first, "key"]).head(rows)
    active = active.sort("referral_date", "case_ref")
    return _as_return(active, period, seed, first, last)


def _as_return(a: pl.DataFrame, period: std.Period, seed: int, first: int, last: int) -> pl.DataFrame:
    closed = pl.col("closure_ordinal") <= last
    overlap = (pl.min_horizontal(pl.col("closure_ordinal"), pl.lit(last))
               - pl.max_horizontal(pl.col("referral_date"), pl.lit(first)) + 1).clip(0, None)
    engaged = pl.col("engaged") == "yes"
    # Activity this quarter: about one session a week while engaged.
    period_noise = (pl.col("key") * 1000 + period.quarter * 7 + period.start_year).cast(pl.Int64) % 5
    sessions = pl.when(engaged).then((overlap / 7).floor().cast(pl.Int64) + period_noise % 3).otherwise(0).clip(0, 500)
    to_date = pl.col("referral_date").map_elements(lambda o: dt.date.fromordinal(o).isoformat(), return_dtype=pl.Utf8)
    close_date = pl.col("closure_ordinal").map_elements(lambda o: dt.date.fromordinal(o).isoformat(), return_dtype=pl.Utf8)
    scores = closed & engaged & pl.col("scores_given")
    risk_exit = pl.col("risk_level").replace_strict({"standard": 1, "medium": 2, "high": 3, "not_assessed": 0}, default=0)
    risk_exit_code = (risk_exit - pl.col("risk_exit_step")).clip(1, 3).replace_strict(
        {1: "standard", 2: "medium", 3: "high"}, default="standard")

    def code_list(column: str, codes: tuple[str, ...]) -> pl.Expr:
        return pl.col(column).map_elements(lambda v: std.codes_of(codes, v), return_dtype=pl.Utf8)

    onward_mask = ((pl.col("key") * 1e6).cast(pl.Int64) * (period.quarter + 3) + period.start_year) % (1 << len(std.ONWARD_REFERRALS))
    session_type_mask = ((pl.col("key") * 1e5).cast(pl.Int64) % (1 << len(std.SESSION_TYPES))) | 1
    return a.select(
        pl.col("case_ref"), to_date.alias("referral_date"), "referral_source", "referral_outcome", "engaged",
        "age_band", "gender", "transgender", "sexual_orientation", "ethnicity", "disability", "residence",
        "risk_level", "repeat_victim", "child_victim", pl.col("children_in_household").cast(pl.Utf8),
        code_list("vulnerabilities", std.VULNERABILITIES).alias("vulnerabilities"),
        code_list("needs", std.NEEDS).alias("needs"), "support_setting",
        sessions.cast(pl.Utf8).alias("sessions_in_period"),
        pl.when(sessions > 0).then(session_type_mask.map_elements(
            lambda v: std.codes_of(std.SESSION_TYPES, v), return_dtype=pl.Utf8))
        .otherwise(None).alias("session_types"),
        pl.when(engaged & (period_noise == 0) & (pl.col("support_setting") != "sanctuary_scheme")).then(1)
        .otherwise(0).cast(pl.Utf8).alias("sanctuary_referrals_in_period"),
        pl.when(engaged & (period_noise < 2)).then(onward_mask.map_elements(
            lambda v: std.codes_of(std.ONWARD_REFERRALS[:6], v),  # the six commonest only
            return_dtype=pl.Utf8)).otherwise(None).alias("onward_referrals_in_period"),
        pl.when(closed).then(close_date).otherwise(None).alias("closure_date"),
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
        pl.when(closed & engaged & pl.col("support_setting").is_in(
            ["refuge", "specialist_refuge", "dispersed", "second_stage", "other_safe_accommodation"]))
        .then(pl.col("move_on")).otherwise(None).alias("move_on"),
    )


def write(frame: pl.DataFrame, path: Path) -> None:
    if path.suffix.lower() == ".xlsx":
        from daboard.core.exports import xlsx_bytes

        path.write_bytes(xlsx_bytes({"Return": (frame.columns, frame.iter_rows())}))
    else:
        frame.write_csv(path, null_value="")
