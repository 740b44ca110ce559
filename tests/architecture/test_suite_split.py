"""make test runs the two database passes side by side; some tests run in one of them only."""

from pathlib import Path

from tests.conftest import JOURNEY_FILES, journey_database

E2E = Path(__file__).parent.parent / "e2e"


def test_every_browser_journey_runs_in_exactly_one_pass_and_both_databases_serve_some():
    homes = {name: journey_database(E2E / name) for name in JOURNEY_FILES}
    assert len(homes) >= 8, sorted(homes)
    assert set(homes.values()) == {"postgresql", "sqlite"}, homes
    assert abs(sum(h == "sqlite" for h in homes.values()) - sum(h == "postgresql" for h in homes.values())) <= 1
    assert journey_database(E2E / "conftest.py") is None
    assert journey_database(Path(__file__)) is None
