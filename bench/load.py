"""Load test: 25 concurrent signed-in users against gunicorn + PostgreSQL on loopback for
two minutes (dashboards, meeting pages, the performance report, the returns page and
uploads), zero errors allowed; prints p50/p95 per request as one JSON line.

    python bench/load.py [--users 25] [--seconds 120]      (DATABASE_URL: PostgreSQL)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-test-password-2026"  # noqa: S105 (throwaway users of a throwaway database)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env: dict, work: Path) -> str:
    """Migrate, load the demo with its returns, make the load users; return a meeting URL."""
    code = f"""
import os, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("demo", verbosity=0)
from daboard.core.models import Board, Council, Organisation, Role, RoleAssignment, User
from daboard.board.models import Meeting
lr = Board.objects.get(slug="leicestershire-and-rutland")
leics = Council.objects.get(gss_code="E10000018")
freeva = Organisation.objects.get(slug="freeva")
for i in range(10):
    for prefix, role, scope in (("load-member-", Role.BOARD_MEMBER, {{"board": lr}}),
                                ("load-analyst-", Role.ANALYST, {{"council": leics}}),
                                ("load-provider-", Role.PROVIDER, {{"organisation": freeva}})):
        user, _ = User.objects.get_or_create(username=f"{{prefix}}{{i}}", defaults={{"email": f"{{prefix}}{{i}}@example.invalid"}})
        user.set_password({PASSWORD!r}); user.save()
        RoleAssignment.objects.get_or_create(user=user, role=role, **scope)
m = Meeting.objects.filter(board=lr, status="minutes_confirmed").order_by("-date").first()
print(f"/meetings/{{m.pk}}/")
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=25)
    parser.add_argument("--seconds", type=int, default=120)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench/load.py needs DATABASE_URL pointing at PostgreSQL (make bench starts one)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="daboard-load-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "daboard.settings.dev", "DABOARD_VAR_DIR": str(work)}
    meeting = prepare(env, work)
    return_file = work / "return.csv"
    subprocess.run([sys.executable, "-m", "daboard.cli", "returns", "synthesize", "--contract", "LCC-DA-08", "--period",
                    "2024-25-Q1", "--rows", "200", "--seed", "7", "--out", str(return_file)],
                   env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    server_log = open(work / "server.log", "wb")  # noqa: SIM115 (closed after the run)
    server = subprocess.Popen([sys.executable, "-m", "daboard.cli", "serve", "--port", str(port), "--workers", "4"],
                              env=env, cwd=ROOT, stdout=server_log, stderr=subprocess.STDOUT)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.2)
        stats = work / "locust"
        subprocess.run([sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                        "-u", str(args.users), "-r", "5", "-t", f"{args.seconds}s", "--host",
                        f"http://127.0.0.1:{port}", "--csv", str(stats), "--only-summary"],
                       env={**env, "LOAD_PASSWORD": PASSWORD, "LOAD_MEETING_URL": meeting,
                            "LOAD_RETURN_FILE": str(return_file)}, cwd=ROOT, capture_output=True, check=False)
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    rows = list(csv.DictReader(open(f"{stats}_stats.csv")))  # noqa: SIM115
    report = {"users": args.users, "seconds": args.seconds, "requests": {}}
    for r in rows:
        report["requests"][r["Name"]] = {"count": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                                         "p50_ms": float(r["50%"] or 0), "p95_ms": float(r["95%"] or 0)}
    report["errors"] = [f"{r['Method']} {r['Name']}: {r['Error']} ({r['Occurrences']}x)"
                        for r in csv.DictReader(open(f"{stats}_failures.csv"))]  # noqa: SIM115
    report["server_log"] = str(work / "server.log")
    total = report["requests"].get("Aggregated", {})
    report["failures"] = total.get("failures", -1)
    print(json.dumps(report))
    return 0 if report["failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
