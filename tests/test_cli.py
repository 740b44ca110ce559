"""The `daboard` command as a user runs it."""

import os
import subprocess
import sys

import pytest


def daboard(*args, env_extra=None, timeout=300):
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "daboard.cli", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def test_help_lists_the_commands():
    result = daboard("--help")
    assert result.returncode == 0
    for word in ("demo", "serve", "DATABASE_URL"):
        assert word in result.stdout


def test_django_management_commands_are_reachable():
    result = daboard("help")
    assert result.returncode == 0 and "migrate" in result.stdout and "demo" in result.stdout


def test_serve_rejects_a_port_out_of_range():
    result = daboard("serve", "--port", "70000")
    assert result.returncode != 0 and "between 1 and 65535" in result.stderr


@pytest.mark.slow
def test_demo_loads_into_the_database_named_by_database_url_and_reloads(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.sqlite3"
    first = daboard("demo", env_extra={"DATABASE_URL": url})
    assert first.returncode == 0, first.stderr
    assert "Demo loaded" in first.stdout and "commissioner" in first.stdout and "demo-daboard-2026" in first.stdout
    import sqlite3

    def counts():
        with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
            return [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608 (fixed names)
                    for t in ("core_user", "commissioning_contract", "returns_returnsubmission", "board_meeting")]

    loaded = counts()
    second = daboard("demo", env_extra={"DATABASE_URL": url})
    assert second.returncode == 0, second.stderr
    assert counts() == loaded  # a reload duplicates nothing
    from daboard.demo.seed import DEMO_USERS

    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = {n for (n,) in db.execute("SELECT username FROM core_user")}
        assert {u[0] for u in DEMO_USERS} <= names
        assert db.execute("SELECT count(*) FROM core_council").fetchone()[0] == 10
