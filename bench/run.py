"""`make bench`: every benchmark, on SQLite and on the PostgreSQL given by DATABASE_URL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

TARGETS = {"sqlite": {"ingest_seconds": 30, "peak_memory_mb": 1536},
           "postgresql": {"ingest_seconds": 20, "peak_memory_mb": 1536}}


def run(url: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "ingest.py"), "--database-url", url], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


KPI_TARGETS = {"kpis_one_council_quarter_seconds": 1.0, "kpis_all_councils_quarter_seconds": 5.0}


def kpis(url: str) -> dict:
    out = subprocess.run([sys.executable, str(HERE / "kpis.py")], capture_output=True, text=True, check=True,
                         env={**os.environ, "DATABASE_URL": url})
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    results = [run("")]
    pg = os.environ.get("DATABASE_URL", "")
    if pg.startswith("postgres"):
        results.append(run(pg))
    failed = False
    print(f"{'engine':<11}{'rows':>10}{'seconds':>9}{'rows/s':>10}{'peak MB':>9}{'x read_csv':>11}  target")
    for r in results:
        t = TARGETS[r["engine"]]
        ok = r["ingest_seconds"] < t["ingest_seconds"] and r["peak_memory_mb"] < t["peak_memory_mb"]
        failed |= not ok
        print(f"{r['engine']:<11}{r['rows']:>10}{r['ingest_seconds']:>9}{r['rows_per_second']:>10}{r['peak_memory_mb']:>9}"
              f"{r['ratio_to_bare_read_csv']:>11}  < {t['ingest_seconds']} s, < {t['peak_memory_mb']} MB: "
              f"{'met' if ok else 'NOT MET'}")
    if pg.startswith("postgres"):
        k = kpis(pg)
        print(f"\nKPIs over {k['rows']:,} stored case rows on PostgreSQL ({k['councils']} councils, "
              f"{k['rows_per_council_quarter']:,} rows per council-quarter; generated in {k['generate_seconds']} s)")
        for key, target in KPI_TARGETS.items():
            ok = k[key] < target
            failed |= not ok
            print(f"  {key:<38}{k[key]:>8} s   target < {target} s: {'met' if ok else 'NOT MET'}")
        print(f"  {'dashboard_page_seconds':<38}{k['dashboard_page_seconds']:>8} s   (one council-quarter, analyst)")
        load = subprocess.run([sys.executable, str(HERE / "load.py")], capture_output=True, text=True,
                              env={**os.environ, "DATABASE_URL": pg})
        result = json.loads(load.stdout.strip().splitlines()[-1])
        failed |= result["failures"] != 0
        print(f"\nLoad: {result['users']} signed-in users for {result['seconds']} s on gunicorn + PostgreSQL "
              f"(failures: {result['failures']}; target 0: {'met' if result['failures'] == 0 else 'NOT MET'})")
        print(f"  {'request':<24}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}")
        for name, r in result["requests"].items():
            print(f"  {name:<24}{r['count']:>7}{r['p50_ms']:>9.0f}{r['p95_ms']:>9.0f}")
    else:
        print("No PostgreSQL (DATABASE_URL): the KPI and load benchmarks need one; make bench starts it.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
