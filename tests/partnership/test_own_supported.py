"""The people a council's providers supported in safe accommodation, read once per change of
the return versions in use (cached), never stale when a version arrives or is withdrawn."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daboard.commissioning.models import Contract
from daboard.core.models import Council
from daboard.partnership.queries import own_supported
from daboard.returns import services
from daboard.returns.standard import v1 as std
from tests.returns.conftest import csv_of, row

pytestmark = pytest.mark.django_db
Q1 = std.Period.parse("2024-25-Q1")


def _accept(refs):
    outcome = services.return_accept(acting_user=None, contract=Contract.objects.get(reference="LCC-DA-08"), period=Q1,
                                     data=csv_of([row(case_ref=r, support_setting="refuge") for r in refs]),
                                     filename="r.csv", source="cli")
    assert outcome.accepted, [i.line() for i in outcome.result.errors]
    return outcome.submission


def test_a_new_version_is_counted_at_once_and_an_unchanged_year_is_not_read_again(demo):
    leics = Council.objects.get(gss_code="E10000018")
    assert own_supported(leics, ("2024-25",)) == {"2024-25": None}
    first = _accept(["A", "B"])
    assert own_supported(leics, ("2024-25",)) == {"2024-25": 2}
    with CaptureQueriesContext(connection) as ctx:
        assert own_supported(leics, ("2024-25",)) == {"2024-25": 2}
    assert not [q for q in ctx.captured_queries if "returns_caserecord" in q["sql"]]
    second = _accept(["A", "B", "C"])
    assert own_supported(leics, ("2024-25",)) == {"2024-25": 3}
    second.is_current, first.is_current = False, True  # the earlier version back in use
    second.save(update_fields=["is_current"])
    first.save(update_fields=["is_current"])
    assert own_supported(leics, ("2024-25",)) == {"2024-25": 2}
