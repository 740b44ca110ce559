"""KPI benchmark: the standard's KPIs over 10,000,000 stored case rows on PostgreSQL.

    python bench/kpis.py [--rows N] [--councils N]     (DATABASE_URL must be PostgreSQL)

Generates the rows in the database itself (INSERT ... SELECT over generate_series, so
nothing passes through Python): `--councils` tier-1 councils, one contract each, eight
quarters, the rows spread evenly. Then it times, warm, the median of several runs of:
the KPIs for one council and one quarter; the KPIs for all councils in one quarter; and
the dashboard page for one council-quarter (an analyst, through Django's test client, so
template rendering is included). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERIODS = ["2023-24-Q1", "2023-24-Q2", "2023-24-Q3", "2023-24-Q4", "2024-25-Q1", "2024-25-Q2", "2024-25-Q3",
           "2024-25-Q4"]


def pick(options: list[str], expr: str) -> str:
    """SQL choosing one of `options` by an integer expression."""
    array = "ARRAY[" + ",".join(f"'{o}'" for o in options) + "]"
    return f"({array})[1 + (({expr}) % {len(options)})]"


def generate(rows: int, councils: int) -> int:
    from django.db import connection, transaction

    from daboard.commissioning.models import Contract
    from daboard.core.models import Council, Organisation
    from daboard.returns.models import ReturnSubmission
    from daboard.returns.standard import CURRENT as std

    provider = Organisation.objects.get(slug="freeva")
    subs = []
    with transaction.atomic():
        for i in range(councils):
            council, _ = Council.objects.get_or_create(gss_code=f"E0699{i:04d}", defaults={
                "name": f"Bench council {i}", "council_name": f"Bench council {i}", "kind": "unitary",
                "population": 300_000})
            contract, _ = Contract.objects.get_or_create(reference=f"BENCH-{i:04d}", defaults={
                "council": council, "service": "Benchmark service", "provider": provider, "total_value": 100_000,
                "commitment_year": "2024-25"})
            for period in PERIODS:
                sub, _ = ReturnSubmission.objects.get_or_create(contract=contract, period=period, version=1, defaults={
                    "is_current": True, "source": "cli", "filename": "bench.csv", "sha256": "0" * 64, "size": 0,
                    "row_count": 0})
                subs.append((sub.pk, council.pk, provider.pk, period))
    from daboard.core.periods import Period
    from daboard.returns import partitions

    for period in PERIODS:  # each quarter's own partition, as an import makes it
        partitions.ensure(Period.parse(period))
    per_sub = -(-rows // len(subs))  # at least `rows` in all
    g = "(g.n * 7919 + s.id * 104729)"
    first = "s.first_day"
    columns = {
        "submission_id": "s.id", "council_id": "s.council_id", "provider_id": "s.provider_id", "period": "s.period",
        "case_ref": "'B' || g.n",
        "referral_date": f"(CASE WHEN {g} % 10 < 4 THEN {first} + ({g} % 90) ELSE {first} - (({g} % 400) + 1) END)",
        "referral_source": pick(list(std.REFERRAL_SOURCES), g),
        "referral_outcome": pick(["accepted"] * 6 + list(std.REFERRAL_OUTCOMES[1:]), f"{g} / 3"),
        "engaged": pick(["yes", "yes", "no", "not_known"], f"{g} / 5"),
        "age_band": pick(list(std.AGE_BANDS), f"{g} / 7"),
        "gender": pick(["female"] * 8 + list(std.GENDERS[1:]), f"{g} / 11"),
        "transgender": pick(["no", "yes", "not_known"], f"{g} / 13"),
        "sexual_orientation": pick(list(std.SEXUAL_ORIENTATIONS), f"{g} / 17"),
        "ethnicity": "'white_british'", "ethnic_group": pick(list(std.ETHNIC_GROUPS), f"{g} / 19"),
        "disability": pick(list(std.YES_NO), f"{g} / 23"),
        "residence": pick(["out_of_area", "not_known", "E07000129", "E07000130"], f"{g} / 29"),
        "risk_level": pick(list(std.RISK_LEVELS), f"{g} / 31"),
        "repeat_victim": pick(list(std.YES_NO), f"{g} / 37"), "child_victim": "'no'",
        "children_in_household": f"({g} / 41) % 4", "vulnerabilities": f"({g} / 43) % 1024",
        "needs": f"({g} / 47) % 4096", "support_setting": pick(list(std.SUPPORT_SETTINGS), f"{g} / 53"),
        "sessions_in_period": f"({g} / 59) % 12", "session_types": f"({g} / 61) % 256",
        "sanctuary_referrals_in_period": f"({g} / 67) % 2", "onward_referrals_in_period": f"({g} / 71) % 16384",
        "closure_date": f"(CASE WHEN {g} % 10 < 3 THEN {first} + ({g} % 90) END)",
        "closure_reason": f"(CASE WHEN {g} % 10 < 3 THEN {pick(list(std.CLOSURE_REASONS), f'{g} / 73')} END)",
        "safety_intake": f"1 + ({g} / 79) % 10", "safety_exit": f"(CASE WHEN {g} % 10 < 3 THEN 1 + ({g} / 83) % 10 END)",
        "wellbeing_intake": f"1 + ({g} / 89) % 10",
        "wellbeing_exit": f"(CASE WHEN {g} % 10 < 3 THEN 1 + ({g} / 97) % 10 END)",
        "risk_level_exit": f"(CASE WHEN {g} % 10 < 3 THEN {pick(list(std.RISK_LEVELS), f'{g} / 101')} END)",
        "abuse_stopped_exit": f"(CASE WHEN {g} % 10 < 3 THEN {pick(list(std.YES_NO), f'{g} / 103')} END)",
        "move_on": f"(CASE WHEN {g} % 10 < 3 THEN {pick(list(std.MOVE_ON), f'{g} / 107')} END)",
    }
    sub_ids = [s[0] for s in subs]
    with connection.cursor() as cur:
        for start in range(0, len(subs), 100):
            batch = subs[start:start + 100]
            values = ", ".join(["(%s, %s, %s, %s, %s::date)"] * len(batch))
            params = [x for sub_id, council_id, provider_id, period in batch
                      for x in (sub_id, period, council_id, provider_id, std.Period.parse(period).first_day)]
            cur.execute(
                f"INSERT INTO returns_caserecord ({', '.join(columns)}) "  # noqa: S608 (generated from constants)
                f"SELECT {', '.join(columns.values()).replace('%', '%%')} FROM (VALUES {values}) AS s(id, period, council_id, provider_id, "
                f"first_day) CROSS JOIN generate_series(1, %s) AS g(n)", [*params, per_sub])
        cur.execute("UPDATE returns_returnsubmission SET row_count = %s WHERE id = ANY(%s)", [per_sub, sub_ids])
        cur.execute("ANALYZE returns_caserecord")
        cur.execute("ANALYZE returns_returnsubmission")
        cur.execute("SELECT count(*) FROM returns_caserecord")
        return cur.fetchone()[0]


def reference_timings(period) -> dict:
    """The same KPIs over the same raw rows of one quarter (all councils) by bare polars
    (rows in memory) and by DuckDB (rows in a Parquet file), with the SQL the database's
    own aggregate query would run (insights.aggregates._orm_measures)."""
    import io
    import tempfile

    import polars as pl
    from django.db import connection

    from daboard.insights import aggregates
    from daboard.returns.models import CaseRecord

    with connection.cursor() as cur:
        raw = cur.cursor
        buf = io.BytesIO()
        cols = ", ".join(aggregates.COLUMNS)
        with raw.copy(f"COPY (SELECT period, {cols} FROM returns_caserecord WHERE period = '{period}') "
                      "TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
            for chunk in copy:
                buf.write(chunk)
    frame = pl.read_csv(buf.getvalue(), try_parse_dates=True, infer_schema_length=100_000)
    out = {"reference_rows": frame.height}
    measures = aggregates._polars_measures(period)
    out["polars_seconds"] = timed(lambda: frame.lazy().select(measures).collect(), 3)
    try:
        import duckdb
    except ImportError:
        return out
    exprs = aggregates._orm_measures(period)
    aliases = {f"m{i}": e for i, e in enumerate(exprs.values())}
    sql, params = (CaseRecord.objects.filter(period=str(period)).values("period").annotate(**aliases).order_by()
                   .query.sql_with_params())
    with tempfile.TemporaryDirectory() as tmp:
        path = f"{tmp}/rows.parquet"
        frame.with_columns(pl.lit(0).alias("id")).write_parquet(path)
        db = duckdb.connect()
        db.execute(f"CREATE VIEW returns_caserecord AS SELECT * FROM read_parquet('{path}')")
        duck_sql = sql.replace("%s", "?")
        out["duckdb_seconds"] = timed(lambda: db.execute(duck_sql, list(params)).fetchall(), 3)
        db.close()
    return out


def timed(fn, repeat: int) -> float:
    fn()  # warm
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times), 3)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--councils", type=int, default=150)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench/kpis.py needs DATABASE_URL pointing at PostgreSQL (make bench starts one)", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daboard.settings.dev")
    os.environ["DABOARD_DEMO_SKIP_RETURNS"] = "1"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("demo", verbosity=0)
    t = time.perf_counter()
    stored = generate(args.rows, args.councils)
    generate_seconds = round(time.perf_counter() - t, 1)
    from daboard.insights.aggregates import aggregates_rebuild

    t = time.perf_counter()
    aggregates_rebuild(acting_user=None)  # the rows were generated in SQL, not imported
    aggregates_seconds = round(time.perf_counter() - t, 1)

    from django.test import Client

    from daboard.core.models import Council, Role, RoleAssignment, User
    from daboard.core.periods import Period
    from daboard.insights.kpis import Scope, compute

    period = Period.parse("2024-25-Q3")
    one = timed(lambda: compute(period, Scope(council="E06990000")), 5)
    every = timed(lambda: compute(period, Scope()), 3)
    references = reference_timings(period)
    council = Council.objects.get(gss_code="E06990000")
    analyst, _ = User.objects.get_or_create(username="bench-analyst")
    RoleAssignment.objects.get_or_create(user=analyst, role=Role.ANALYST, council=council)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=analyst, name="bench", defaults={"confirmed": True})
    client = Client()
    client.force_login(analyst, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id  # the page timing is of the page, not of sign-in
    session.save()
    url = f"/dashboard/E06990000/?period={period}"

    def page():
        response = client.get(url, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code

    dashboard = timed(page, 3)
    pages = {"dashboard_page_seconds": dashboard}
    for name, path in (("report_page_seconds", f"/dashboard/E06990000/report/{period}/"),
                       ("needs_page_seconds", "/dashboard/E06990000/needs/")):
        url = path
        pages[name] = timed(page, 3)
    print(json.dumps({"engine": "postgresql", "rows": stored, "councils": args.councils,
                      "rows_per_council_quarter": stored // (args.councils * len(PERIODS)),
                      "generate_seconds": generate_seconds, "kpis_one_council_quarter_seconds": one,
                      "kpis_all_councils_quarter_seconds": every, "aggregates_build_seconds": aggregates_seconds,
                      **references, **pages}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
