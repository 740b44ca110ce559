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
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
