"""Shared fixtures. The suite runs on SQLite by default and on PostgreSQL when
DATABASE_URL points at one (`make test` does both; see scripts/with-postgres)."""

from __future__ import annotations

import datetime as dt
import gc
import os
import tempfile
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from hypothesis import HealthCheck, settings

# Hypothesis runs derandomized (the same examples every run, so the suite is deterministic
# and a failure reproduces), with a bounded number of examples and no deadline (the machine
# is shared). `HYPOTHESIS_PROFILE=explore` searches afresh, with more examples, on purpose.
settings.register_profile("ci", derandomize=True, max_examples=100, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("explore", derandomize=False, max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

os.environ.setdefault("DABOARD_TEST_FILES", tempfile.mkdtemp(prefix="daboard-test-files-"))

# The day the suite runs on, whatever the wall clock says. Every test starts here (the
# clock then ticks); a test that needs another day travels there with time_machine.
# `DABOARD_TEST_TODAY=2030-02-14 make test` runs the whole suite on another day.
TEST_TODAY = dt.date.fromisoformat(os.environ.get("DABOARD_TEST_TODAY") or "2026-11-29")
LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.fixture(scope="session", autouse=True)
def pinned_clock():
    """No test reads the wall clock: the whole session runs on TEST_TODAY at 10:00 London
    time, and `daboard` commands started as subprocesses are pinned to the same day."""
    start = dt.datetime.combine(TEST_TODAY, dt.time(10, 0), tzinfo=LONDON)
    os.environ["DABOARD_TODAY"] = TEST_TODAY.isoformat()
    with time_machine.travel(start, tick=True):
        yield TEST_TODAY
    os.environ.pop("DABOARD_TODAY", None)


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}


def uses_no_database(item) -> bool:
    """pytest-django refuses the database to a test without one of these, so such a test
    does the same work whichever database the pass is on (its subprocesses, if any, are
    given their own SQLite file or none)."""
    return item.get_closest_marker("django_db") is None and not DB_FIXTURES & set(getattr(item, "fixturenames", ()))


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL: runs in the PostgreSQL pass of make test")
        for item in items:
            if "postgres_only" in item.keywords:
                item.add_marker(skip)
    elif os.environ.get("DABOARD_DB_FREE_TESTS_ONCE") == "1":
        # make test: a test that uses no database runs once, in the SQLite pass.
        once = pytest.mark.skip(reason="uses no database: the SQLite pass of make test runs it")
        for item in items:
            if uses_no_database(item):
                item.add_marker(once)
    if os.environ.get("DABOARD_JOURNEYS_ONCE") == "1":
        # make test: each browser journey file runs once, on one of the two databases.
        for item in items:
            home = journey_database(item.path)
            if home is not None and home != connection.vendor:
                item.add_marker(pytest.mark.skip(reason=f"browser journey: the {home} pass of make test runs it"))


JOURNEY_FILES = sorted(p.name for p in (Path(__file__).parent / "e2e").glob("test_*.py"))


def journey_database(path: Path) -> str | None:
    """The database a browser journey file runs on in `make test`: the journey files, in
    name order, take turns (PostgreSQL, SQLite, PostgreSQL…), so that both databases serve
    journeys through a real browser and each pass does half of them. A journey checks pages
    in a browser (axe-core, no JavaScript, the clicks a user makes); what it stores is the
    same on either database, which the rest of the suite checks on both."""
    if path.parent.name != "e2e" or path.name not in JOURNEY_FILES:
        return None
    return "postgresql" if JOURNEY_FILES.index(path.name) % 2 == 0 else "sqlite"


def pytest_collection_finish(session):
    """Python's cycle collector, tuned for a long test process. A worker holds Django, polars
    and every test module (about 400,000 objects) for the whole pass, and each full
    collection walked all of them again: measured, a sixth of a pass's time was spent
    there, most of it in the URL fuzzers' thousands of requests. What is loaded by now
    lives as long as the process, so it is frozen out of the collector's sight, and young
    objects are collected ten times less often (10,000 allocations rather than 700); the
    memory a test may use is measured in subprocesses, which keep Python's defaults."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, pinned_clock):
    """The seeds' facts are loaded once per test database (per worker), committed, and
    copied aside (tests/dbstate.py): the `demo` fixture then costs nothing, each test's own
    changes roll back with it, and after a browser journey's flush the same rows are put
    back by copying, not by loading the seeds again."""
    from daboard.demo.loader import load_all

    from . import dbstate

    with django_db_blocker.unblock():
        load_all(live=False)
        dbstate.capture_seeds()


@pytest.fixture
def _seeds_committed(django_db_setup, django_db_blocker):
    """The seeds are in the database, committed (put back by copying after a flush)."""
    from . import dbstate

    with django_db_blocker.unblock():
        if not dbstate.seeds_present():
            dbstate.restore_seeds()


@pytest.fixture
def demo(_seeds_committed, db):
    """The seed boards' public facts as `daboard demo` loads them, without the synthetic
    activity laid relative to today (use `demo_with_returns` for the live demo). They are
    loaded once per test database; a browser journey's flush empties the database, and
    the next test that asks for them gets the same rows back (tests/dbstate.py)."""
    from . import dbstate

    if not dbstate.seeds_present():  # a test that asked for `db` before `demo`
        dbstate.restore_seeds()


@pytest.fixture(scope="session")
def _live_demo(django_db_setup, django_db_blocker):
    """The live demo as a delta over the seeds: loaded once per test database, in a
    transaction rolled back, and kept as the rows it added and the keys it replaced."""
    from . import dbstate

    with django_db_blocker.unblock():
        if not dbstate.seeds_present():
            dbstate.restore_seeds()
        return dbstate.capture_live()


@pytest.fixture
def demo_with_returns(_live_demo, demo):
    """The whole demo as `daboard demo` loads it on the suite's day: the seeds' facts and
    the synthetic activity (successor contracts, eight quarters of returns, the next
    meeting, a strategy review coming up). Loaded once per test database and restored by
    copying rows (tests/dbstate.py); `tests/demo/test_demo_data.py` holds the copy to a
    real load."""
    _live_demo.apply()


@pytest.fixture
def make_user(db):
    """make_user("commissioner", council="E10000018") → a user holding that role."""
    from daboard.core.models import Board, Council, Organisation, Role, RoleAssignment, User

    counter = {"n": 0}

    def factory(role: str | None = None, *, board: str | None = None, council: str | None = None,
                organisation: str | None = None, username: str | None = None, password: str = "correct horse battery staple"):
        counter["n"] += 1
        user = User.objects.create(username=username or f"user{counter['n']}-{role or 'none'}",
                                   first_name="Test", last_name=(role or "user").title(),
                                   email=f"u{counter['n']}@example.invalid")
        user.set_password(password)
        user.save()
        if role:
            scope = {}
            if board:
                scope["board"] = Board.objects.get(slug=board)
            if council:
                scope["council"] = Council.objects.get(gss_code=council)
            if organisation:
                scope["organisation"] = Organisation.objects.get(slug=organisation)
            ra = RoleAssignment(user=user, role=Role(role), **scope)
            ra.full_clean()
            ra.save()
        return user

    return factory


def verified_login(client, user, device: str = "test"):
    """Sign `client` in as `user` with the second factor verified (a confirmed TOTP device of
    that name); returns the client."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    totp, _ = TOTPDevice.objects.get_or_create(user=user, name=device, defaults={"confirmed": True})
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = totp.persistent_id
    session.save()
    return client


@pytest.fixture
def signed_in(client):
    """signed_in(user) → the test client signed in as that user, second factor verified."""
    return lambda user: verified_login(client, user)


@pytest.fixture
def transactional_audit(transactional_db):
    """Transactional tests (the browser journeys) end with a flush, which is a TRUNCATE,
    and PostgreSQL's trigger refuses to truncate the audit log. The trigger is enabled while
    the test runs and lifted only for the flush. pytest-django runs these tests after all
    the others, so the tests of the trigger itself always meet it enabled."""
    from django.db import connection

    def set_trigger(state: str) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE core_auditentry {state} TRIGGER core_auditentry_no_truncate")

    set_trigger("ENABLE")
    yield
    set_trigger("DISABLE")
