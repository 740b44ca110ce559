"""A council-quarter's protected figures are worked out once and kept: every worker and
every restart reads them back instead of solving the protection again, and new returns
give new figures."""

import pytest

from daboard.core.models import Council
from daboard.insights import release
from daboard.insights.models import ProtectedRelease
from daboard.insights.queries import latest_period

pytestmark = pytest.mark.django_db


def test_after_a_restart_the_board_members_figures_come_back_without_solving_again(demo_with_returns, monkeypatch):
    council = Council.objects.get(gss_code="E10000018")
    period = latest_period(council)
    first = release.quarters(council, period.back(8))
    assert ProtectedRelease.objects.count() >= 8
    release._CACHE.clear()  # a new worker process: nothing in memory
    release._RAW.clear()

    def no_solving(*args, **kwargs):
        raise AssertionError("the protection was solved again")

    monkeypatch.setattr(release, "protect", no_solving)
    again = release.quarters(council, period.back(8))
    assert {q: (r.kpis, r.providers) for q, r in again.items()} == {q: (r.kpis, r.providers) for q, r in first.items()}


def test_a_quarter_whose_returns_change_is_protected_anew(demo_with_returns):
    council = Council.objects.get(gss_code="E10000018")
    period = latest_period(council)
    release.quarters(council, [period])
    kept = set(ProtectedRelease.objects.values_list("digest", flat=True))
    release._CACHE.clear()
    release._RAW.clear()
    from daboard.returns.models import ReturnSubmission

    newest = ReturnSubmission.objects.filter(contract__council=council, period=str(period), is_current=True).first()
    newest.is_current = False  # as when a version is superseded or withdrawn
    newest.save(update_fields=["is_current"])
    release.quarters(council, [period])
    assert set(ProtectedRelease.objects.values_list("digest", flat=True)) - kept, "no new protection for new figures"
