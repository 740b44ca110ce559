"""The case rows' partitions on PostgreSQL: one a quarter (migration 0007 partitions the
table by period). A quarter's partition is created the first time a return for it is
stored, in a short transaction of its own before the import's, so the import never waits
on it. SQLite keeps one plain table: nothing to do there.

The shape is the one a sharded PostgreSQL takes (docs/deployment.md): with Citus the
case table is distributed by council and each shard keeps these partitions by period.
"""

from __future__ import annotations

from django.db import DatabaseError, connection, transaction

from daboard.core.periods import Period

from .models import CaseRecord


def partition_name(period: Period | str) -> str:
    return f"{CaseRecord._meta.db_table}_{str(period).lower().replace('-', '_')}"


def exists(period: Period | str) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass(%s) IS NOT NULL", [partition_name(period)])
        return cur.fetchone()[0]


def partitioned() -> bool:
    """Whether the case table is partitioned here (PostgreSQL, after migration 0007)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT relkind = 'p' FROM pg_class WHERE oid = to_regclass(%s)", [CaseRecord._meta.db_table])
        row = cur.fetchone()
        return bool(row and row[0])


def ensure(period: Period) -> None:
    """The quarter's partition, created if missing. Rows of the quarter already in the
    DEFAULT partition (written by other means) stay there: the partition is then not made,
    and the rows still go where the database puts them."""
    if not partitioned() or exists(period):
        return
    table = CaseRecord._meta.db_table
    text = str(Period.parse(str(period)))  # the one parser: the literal below is a well-formed quarter
    with connection.cursor() as cur:
        cur.execute(f"SELECT 1 FROM {table}_default WHERE period = %s LIMIT 1", [text])  # noqa: S608 (our name)
        if cur.fetchone():
            return
    try:
        # A savepoint when called inside a transaction: another import creating the same
        # partition at the same moment is not an error.
        with transaction.atomic():
            with connection.cursor() as cur:
                name = partition_name(text)
                cur.execute(f"CREATE TABLE IF NOT EXISTS {name} PARTITION OF {table} FOR VALUES IN ('{text}')")
                # Its own index (none is declared on the parent: migration 0007 says why).
                cur.execute(f"CREATE INDEX IF NOT EXISTS {name}_submission ON {name} (submission_id)")
    except DatabaseError:
        if not exists(period):
            raise
