"""On PostgreSQL the case rows are partitioned by quarter: a quarter's rows land in its own
partition, made when the quarter is first stored; SQLite keeps one plain table."""

import pytest
from django.db import connection

from daboard.commissioning.models import Contract
from daboard.returns import partitions, services
from daboard.returns.models import CaseRecord

from .conftest import PERIOD, csv_of, row

pytestmark = pytest.mark.django_db


def _accept(contract, rows):
    return services.return_accept(acting_user=None, contract=contract, period=PERIOD, data=csv_of(rows),
                                  filename="r.csv", source="cli")


def _rows_by_table() -> dict[str, int]:
    with connection.cursor() as cur:
        cur.execute("SELECT tableoid::regclass::text, count(*) FROM returns_caserecord GROUP BY 1")
        return dict(cur.fetchall())


def test_on_postgresql_a_quarters_rows_are_stored_in_the_quarters_own_partition(demo):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps one plain table")
    contract = Contract.objects.get(reference="LCC-DA-08")
    assert partitions.partitioned()
    outcome = _accept(contract, [row(case_ref="P-1"), row(case_ref="P-2"), row(case_ref="P-3")])
    assert outcome.accepted
    assert partitions.exists(PERIOD)
    assert _rows_by_table().get(partitions.partition_name(PERIOD)) == CaseRecord.objects.filter(period=str(PERIOD)).count() == 3
    # A second version of the same quarter goes to the same partition; the rows are read as before.
    _accept(contract, [row(case_ref="P-1")])
    assert _rows_by_table()[partitions.partition_name(PERIOD)] == 4
    assert list(outcome.submission.cases.order_by("case_ref").values_list("case_ref", flat=True)) == ["P-1", "P-2", "P-3"]


def test_on_postgresql_a_rejected_file_makes_no_partition(demo):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps one plain table")
    contract = Contract.objects.get(reference="LCC-DA-08")
    outcome = _accept(contract, [row(case_ref="P-1", gender="dragon")])
    assert not outcome.accepted and not partitions.exists(PERIOD)


def test_sqlite_keeps_one_plain_case_table(demo):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL partitions the case table")
    contract = Contract.objects.get(reference="LCC-DA-08")
    assert not partitions.partitioned()
    assert _accept(contract, [row(case_ref="P-1")]).accepted
    assert CaseRecord.objects.filter(period=str(PERIOD)).count() == 1
