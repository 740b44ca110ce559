"""Production settings refuse demo shortcuts; `check --deploy` is clean when configured."""

import os
import subprocess
import sys

import pytest

GOOD_SECRET = "x7Jq-" + "k" * 30 + "-Zp93_LmQw2" + "v" * 12


def run_daboard(*args, env_extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DABOARD_") and k not in ("DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL")}
    env.update({"DJANGO_SETTINGS_MODULE": "daboard.settings.prod", **env_extra})
    return subprocess.run([sys.executable, "-m", "daboard.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


@pytest.mark.slow
@pytest.mark.parametrize(("extra", "message"), [
    ({}, "DABOARD_SECRET_KEY"),
    ({"DABOARD_SECRET_KEY": "demo-only-insecure-key-daboard-not-for-real-data"}, "not the demo key"),
    ({"DABOARD_SECRET_KEY": GOOD_SECRET, "DABOARD_DEBUG": "1"}, "DEBUG on"),
    ({"DABOARD_SECRET_KEY": GOOD_SECRET, "DABOARD_TWO_FACTOR_REQUIRED": "0"}, "two-factor"),
    ({"DABOARD_SECRET_KEY": GOOD_SECRET, "DABOARD_TODAY": "2025-06-30"}, "clock pinned"),
])
def test_production_settings_refuse_to_start_with_a_demo_shortcut(extra, message):
    result = run_daboard("check", env_extra=extra)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.slow
def test_check_deploy_reports_no_warnings_on_a_configured_production(tmp_path):
    result = run_daboard("check", "--deploy", "--fail-level", "WARNING", env_extra={
        "DABOARD_SECRET_KEY": GOOD_SECRET, "DABOARD_ALLOWED_HOSTS": "daboard.example.gov.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
