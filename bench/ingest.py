"""Ingest benchmark: a generated 1,000,000-row return, validated and stored.

    python bench/ingest.py [--rows N] [--database-url URL]

Prints rows per second, peak memory of the import process, and the ratio to a bare
`polars.read_csv` of the same file (the median of three), with the load average. Each measurement runs in its own process so its peak
memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


PEAK = """
import resource as _r
print(json.dumps({**_result, "peak_mb": round(_r.getrusage(_r.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


def child(code: str, env: dict) -> dict:
    """Run `code` in a fresh interpreter; it sets `_result`, and reports its own peak memory."""
    out = subprocess.run([sys.executable, "-c", code + PEAK], env=env, capture_output=True, text=True, check=True,
                         cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


SETUP = """
import os, django, json, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daboard.settings.dev")
django.setup()
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    load_before = os.getloadavg()[0]  # the machine is shared: the figures say how busy it was
    work = Path(tempfile.mkdtemp(prefix="daboard-bench-"))
    env = dict(os.environ)
    env["DATABASE_URL"] = args.database_url or f"sqlite:///{work}/bench.sqlite3"
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    engine = "postgresql" if env["DATABASE_URL"].startswith("postgres") else "sqlite"
    subprocess.run([sys.executable, "-m", "daboard.cli", "demo"], env={**env, "DABOARD_DEMO_SKIP_RETURNS": "1"},
                   check=True, capture_output=True, cwd=ROOT)
    data = work / "return.csv"
    subprocess.run([sys.executable, "-m", "daboard.cli", "returns", "synthesize", "--contract", "LCC-DA-08", "--period",
                    "2024-25-Q3", "--rows", str(args.rows), "--seed", "42", "--out", str(data)],
                   env=env, check=True, capture_output=True, cwd=ROOT)
    size_mb = data.stat().st_size / (1024 * 1024)
    # The reference is a second or so, so a burst of other work on a shared machine moves it
    # far more than the imports: the median of three reads, each in a fresh process.
    reads = sorted(child(f"""
import json, time, polars as pl
t = time.perf_counter(); f = pl.read_csv({str(data)!r}, infer_schema=False)
_result = {{"seconds": time.perf_counter() - t, "rows": f.height}}
""", env)["seconds"] for _ in range(3))
    bare = {"seconds": reads[1]}
    check = child(SETUP + f"""
from daboard.commissioning.models import Contract
from daboard.returns import services
from daboard.core.periods import Period
from pathlib import Path
contract = Contract.objects.get(reference="LCC-DA-08")
t = time.perf_counter()
result = services.return_check(contract=contract, period=Period.parse("2024-25-Q3"), data=Path({str(data)!r}))
_result = {{"seconds": time.perf_counter() - t, "ok": result.ok}}
""", env)
    ingest = child(SETUP + f"""
from daboard.commissioning.models import Contract
from daboard.returns import services
from daboard.core.periods import Period
contract = Contract.objects.get(reference="LCC-DA-08")
t = time.perf_counter()
from pathlib import Path
data = Path({str(data)!r})
outcome = services.return_accept(acting_user=None, contract=contract, period=Period.parse("2024-25-Q3"),
                                 data=data, filename="bench.csv", source="cli")
seconds = time.perf_counter() - t
assert outcome.accepted, [i.line() for i in outcome.result.errors[:5]]
_result = {{"seconds": seconds, "rows": outcome.submission.row_count}}
""", env)
    report = {
        "engine": engine, "rows": ingest["rows"], "file_mb": round(size_mb, 1),
        "ingest_seconds": round(ingest["seconds"], 2), "rows_per_second": round(ingest["rows"] / ingest["seconds"]),
        "peak_memory_mb": ingest["peak_mb"], "bare_read_csv_seconds": round(bare["seconds"], 2),
        "ratio_to_bare_read_csv": round(ingest["seconds"] / bare["seconds"], 1),
        "validate_seconds": round(check["seconds"], 2),
        "validate_ratio_to_bare_read_csv": round(check["seconds"] / bare["seconds"], 1),
        "bare_read_csv_runs": [round(x, 2) for x in reads],
        "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }
    shutil.rmtree(work, ignore_errors=True)  # the generated file is hundreds of MB
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
