"""CSRF on every form (generated from the access matrix's table), download names made safe,
and the pinning discipline that stands in for pip-audit (which cannot reach its database
here): every dependency pinned exactly, and the lock agreeing with the pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from .test_access_matrix import EXPECTED, SKIP, client_for, world  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.slow
def test_every_form_refuses_a_post_without_its_csrf_token(world):  # noqa: F811
    users, args, _variants = world
    missing = []
    for name, (_read, write) in sorted(EXPECTED.items()):
        if write is SKIP or not write or name.startswith("api:"):
            continue
        role = sorted(write)[0]
        client = client_for(role, users)
        client.handler.enforce_csrf_checks = True
        with transaction.atomic():
            response = client.post(reverse(name, args=args.get(name, [])), {"anything": "x"})
            transaction.set_rollback(True)
        if response.status_code != 403:
            missing.append(f"{name} as {role}: {response.status_code}")
    assert not missing, "POST without a CSRF token was not refused:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_the_sign_in_form_needs_its_csrf_token_too(client):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("core:sign-in"), {"username": "x", "password": "y"}).status_code == 403


@pytest.mark.parametrize("hostile", ['../../etc/passwd', 'report"; filename="evil.exe', "a\r\nSet-Cookie: x=1.csv",
                                     "..\\windows\\system32.csv"])
def test_download_file_names_are_made_safe(hostile):
    from daboard.core.exports import download

    disposition = download(b"x", hostile, "text/csv")["Content-Disposition"]
    name = re.fullmatch(r'attachment; filename="([^"]*)"', disposition).group(1)
    assert "/" not in name and "\\" not in name and "\r" not in name and "\n" not in name and '"' not in name
    assert not name.startswith(".")


def _pins(requirements: list[str]) -> dict[str, str]:
    out = {}
    for req in requirements:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]+\])?==([^;\s]+)", req.strip())
        assert m, f"{req!r} is not pinned with == (see docs/security.md, supply chain)"
        out[m.group(1).lower().replace("_", "-")] = m.group(3)
    return out


def test_every_dependency_is_pinned_and_the_lock_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        pins |= _pins(extra)
    lock = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line and not line.startswith(("#", "-")):
            name, version = line.split("==")
            lock[name.lower().replace("_", "-")] = version
    wrong = {name: (version, lock.get(name)) for name, version in pins.items() if lock.get(name) != version}
    assert not wrong, f"pyproject pins and requirements.lock disagree (pin, lock): {wrong}"


def test_every_test_docs_security_names_exists():
    """docs/security.md maps each promise to tests; a renamed or deleted test must not leave
    the page pointing at nothing."""
    text = (ROOT / "docs" / "security.md").read_text()
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) > 20
    for path, test in named:
        source = ROOT / path
        assert source.exists(), path
        if test:
            assert f"def {test}(" in source.read_text(), f"{path}::{test}"
