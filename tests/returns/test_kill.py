"""A process killed in the middle of an import leaves no partial version (SIGKILL)."""

import os
import signal
import subprocess
import sys
import time

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_an_import_killed_mid_way_leaves_nothing_stored(tmp_path, transactional_audit):
    from django.db import connection

    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]  # the cluster's own database, not the test one
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path}/kill.sqlite3"
    env["DABOARD_DEMO_SKIP_RETURNS"] = "1"

    def daboard(*args, **kw):
        return subprocess.run([sys.executable, "-m", "daboard.cli", *args], env=env, capture_output=True, text=True,
                              timeout=600, **kw)

    assert daboard("demo").returncode == 0
    big = tmp_path / "big.csv"
    assert daboard("returns", "synthesize", "--contract", "LCC-DA-07", "--period", "2024-25-Q2", "--rows", "300000",
                   "--seed", "5", "--out", str(big)).returncode == 0
    count = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','daboard.settings.dev'); django.setup();"
             "from daboard.returns.models import *; "
             "print(ReturnSubmission.objects.filter(contract__reference='LCC-DA-07', period='2024-25-Q2').count(),"
             " CaseRecord.objects.filter(period='2024-25-Q2', submission__contract__reference='LCC-DA-07').count())")
    before = subprocess.run([sys.executable, "-c", count], env=env, capture_output=True, text=True, check=True).stdout
    stage = tmp_path / "stage"
    stage.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "daboard.cli", "returns", "import", str(big), "--contract", "LCC-DA-07",
                             "--period", "2024-25-Q2"], env={**env, "TMPDIR": str(stage)}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    if connection.vendor == "postgresql":
        # Kill the moment PostgreSQL shows the rows being copied in (not on a timer, which a
        # busy machine can make land after the commit): the watcher kills the import itself,
        # so its own exit does not delay the kill past the COPY.
        wait_for_copy = ("import django, os, signal, time; os.environ.setdefault('DJANGO_SETTINGS_MODULE','daboard.settings.dev');"
                         "django.setup(); from django.db import connection; c = connection.cursor()\n"
                         "for _ in range(6000):\n"
                         "    c.execute(\"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query ILIKE "
                         "'COPY returns_caserecord%%'\")\n"
                         "    if c.fetchone()[0]:\n"
                         f"        os.kill({proc.pid}, signal.SIGKILL); break\n"
                         "    time.sleep(0.01)\n")
        subprocess.run([sys.executable, "-c", wait_for_copy], env=env, check=True, timeout=120)
    else:
        # Kill while the rows move into the database: the staging file ADBC writes them to
        # (in the import's TMPDIR) exists and the database's write-ahead log is growing
        # with the rows, inside the import's transaction.
        staged = _wait_for(lambda: any(stage.glob("daboard-stage-*/rows.sqlite3")), 300)
        assert staged, "the import never staged its rows"
        wal = tmp_path / "kill.sqlite3-wal"
        start = wal.stat().st_size if wal.exists() else 0
        assert _wait_for(lambda: wal.exists() and wal.stat().st_size > start + (4 << 20), 60), \
            "the rows never reached the database"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed: use a bigger file"
    after = subprocess.run([sys.executable, "-c", count], env=env, capture_output=True, text=True, check=True).stdout
    assert after == before
    # The database is still usable: the same file then imports whole.
    done = daboard("returns", "import", str(big), "--contract", "LCC-DA-07", "--period", "2024-25-Q2")
    assert done.returncode == 0 and "300000 rows" in done.stdout


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False
