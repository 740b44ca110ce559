"""On PostgreSQL the case rows become a table partitioned by period (declarative
partitioning, one partition a quarter, created when a quarter is first stored:
returns.partitions). SQLite keeps its plain table: this migration does nothing there.

Ids still come from one sequence, so each stays unique; the table has no primary-key
constraint and the parent no index: each partition has its own index on the submission
(the rows are read by return version only). A constraint or index declared on the parent
is inherited by every partition, and `pg_restore --clean` (daboard restore) cannot drop an
inherited one. A DEFAULT partition takes the rows of any quarter that has no partition of
its own (rows written by other means than an import), so nothing written is ever refused;
it keeps the index name the model declares. The model does not change.
"""

from django.db import migrations

TABLE = "returns_caserecord"
INDEX = "returns_cas_submiss_56a049_idx"


def _partition(period: str) -> str:
    return f"{TABLE}_{period.lower().replace('-', '_')}"


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    with schema_editor.connection.cursor() as cur:
        cur.execute(f"SELECT DISTINCT period FROM {TABLE} ORDER BY 1")  # noqa: S608 (constant)
        periods = [p for (p,) in cur.fetchall()]
    run(f"CREATE TABLE {TABLE}_new (LIKE {TABLE} INCLUDING DEFAULTS) PARTITION BY LIST (period)")
    run(f"CREATE SEQUENCE {TABLE}_new_id_seq OWNED BY {TABLE}_new.id")
    run(f"ALTER TABLE {TABLE}_new ALTER COLUMN id SET DEFAULT nextval('{TABLE}_new_id_seq')")
    run(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE}_new DEFAULT")
    for period in periods:
        run(f"CREATE TABLE {_partition(period)} PARTITION OF {TABLE}_new FOR VALUES IN (%s)", [period])
        run(f"CREATE INDEX {_partition(period)}_submission ON {_partition(period)} (submission_id)")
    run(f"INSERT INTO {TABLE}_new SELECT * FROM {TABLE}")
    run(f"SELECT setval('{TABLE}_new_id_seq', COALESCE((SELECT max(id) FROM {TABLE}_new), 0) + 1, false)")
    run(f"DROP TABLE {TABLE}")
    run(f"ALTER TABLE {TABLE}_new RENAME TO {TABLE}")
    run(f"ALTER SEQUENCE {TABLE}_new_id_seq RENAME TO {TABLE}_id_seq")
    run(f"CREATE INDEX {INDEX} ON {TABLE}_default (submission_id)")


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    run = schema_editor.execute
    run(f"CREATE TABLE {TABLE}_plain (LIKE {TABLE} INCLUDING DEFAULTS)")
    run(f"INSERT INTO {TABLE}_plain SELECT * FROM {TABLE}")
    run(f"ALTER SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}_plain.id")
    run(f"DROP TABLE {TABLE}")  # and every partition
    run(f"ALTER TABLE {TABLE}_plain RENAME TO {TABLE}")
    run(f"ALTER TABLE {TABLE} ADD PRIMARY KEY (id)")
    run(f"CREATE INDEX {INDEX} ON {TABLE} (submission_id)")


class Migration(migrations.Migration):

    dependencies = [
        ("returns", "0007_return_waiver"),
    ]

    operations = [migrations.RunPython(partition, unpartition, elidable=False)]
