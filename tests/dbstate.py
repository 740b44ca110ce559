"""The demo's two states in a test database, built once per test database and restored by
copying rows in SQL rather than loading the demo again.

- The seeds' facts (``load_all(live=False)``) are loaded once per test database and
  committed; ``capture_seeds`` then copies every table into a twin table (``zz_seed_N``)
  in the same database. After a browser journey's flush empties the database,
  ``restore_seeds`` puts the very same rows (same keys) back with one INSERT … SELECT a
  table, instead of loading the seeds again.
- The whole live demo (``load_all()``: eight quarters of returns and the rest) is loaded
  once, inside a transaction that is rolled back; what it changed against the seeds is
  kept as a delta (``LiveDelta``): the keys of the rows it replaced or removed, and the
  rows it added, as ``COPY`` text on PostgreSQL or SQL literals (``quote()``) on SQLite, so
  every value comes back exactly. Applying it to the seeds gives the live demo in well
  under a second, where loading it took tens of seconds.

The twin tables are not Django models: a flush leaves them alone, and they go with the
test database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction

_TABLES: list[tuple[str, str]] = []  # (table, primary key column), in a fixed order


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables() -> list[tuple[str, str]]:
    if not _TABLES:
        from django.apps import apps

        # A table may have no key constraint in the database (the case rows, partitioned on
        # PostgreSQL): its model names the key column.
        model_pks = {m._meta.db_table: m._meta.pk.column for m in apps.get_models(include_auto_created=True)}
        with connection.cursor() as cur:
            for table in sorted(connection.introspection.django_table_names(only_existing=True,
                                                                            include_views=False)):
                pk = connection.introspection.get_primary_key_column(cur, table) or model_pks.get(table)
                if pk:
                    _TABLES.append((table, pk))
    return _TABLES


def _twin(i: int) -> str:
    return f"zz_seed_{i}"


def capture_seeds() -> None:
    """Copy every table as it is now (the seeds' facts, committed) into its twin."""
    with transaction.atomic(), connection.cursor() as cur:
        for i, (table, _pk) in enumerate(_tables()):
            cur.execute(f"DROP TABLE IF EXISTS {_twin(i)}")
            cur.execute(f"CREATE TABLE {_twin(i)} AS SELECT * FROM {_q(table)}")  # noqa: S608 (names from introspection)


def seeds_present() -> bool:
    from daboard.core.models import Board

    return Board.objects.filter(slug="leicestershire-and-rutland").exists()


def restore_seeds() -> None:
    """Put the seeds' rows back, with their keys, into a flushed database. A flush leaves
    what Django's post_migrate makes again (content types, permissions) under new keys:
    those rows are replaced by the seeds' own."""
    with transaction.atomic(), connection.cursor() as cur:
        for i, (table, _pk) in enumerate(_tables()):
            cur.execute(f"SELECT 1 FROM {_q(table)} LIMIT 1")  # noqa: S608
            if cur.fetchone():
                cur.execute(f"DELETE FROM {_q(table)}")  # noqa: S608
            cur.execute(f"INSERT INTO {_q(table)} SELECT * FROM {_twin(i)}")  # noqa: S608
        _advance_sequences(cur, _tables())


_SEQUENCES: dict[str, str | None] = {}


def _advance_sequences(cur, tables) -> None:
    """PostgreSQL: rows inserted with their keys do not move the key sequences; move each
    past the largest key (never back), so that the next row a test makes gets a free key.
    (SQLite's AUTOINCREMENT follows inserted keys by itself.)"""
    if connection.vendor != "postgresql":
        return
    for table, pk in tables:
        if table not in _SEQUENCES:
            cur.execute("SELECT pg_get_serial_sequence(%s, %s)", [_q(table), pk])
            _SEQUENCES[table] = cur.fetchone()[0]
        seq = _SEQUENCES[table]
        if seq:
            cur.execute(f"SELECT setval(%s, GREATEST((SELECT last_value FROM {seq}), "  # noqa: S608
                        f"COALESCE((SELECT MAX({_q(pk)}) FROM {_q(table)}), 1)))", [seq])


@dataclass
class TableDelta:
    table: str
    pk: str
    columns: list[str]
    remove: list = field(default_factory=list)  # keys of seed rows the live demo changed or removed
    add: object = None  # PostgreSQL: COPY text; SQLite: list of "(literal, …)" rows


@dataclass
class LiveDelta:
    tables: list[TableDelta]

    def apply(self) -> None:
        """Turn the seeds' state into the live demo's (inside the caller's transaction, if any)."""
        with transaction.atomic(), connection.cursor() as cur:
            for d in self.tables:
                for start in range(0, len(d.remove), 500):
                    chunk = d.remove[start:start + 500]
                    cur.execute(f"DELETE FROM {_q(d.table)} WHERE {_q(d.pk)} IN ({', '.join(['%s'] * len(chunk))})",  # noqa: S608
                                chunk)
                if not d.add:
                    continue
                cols = ", ".join(_q(c) for c in d.columns)
                if connection.vendor == "postgresql":
                    with cur.cursor.copy(f"COPY {_q(d.table)} ({cols}) FROM STDIN") as copy:
                        copy.write(d.add)
                else:
                    for start in range(0, len(d.add), 200):
                        cur.execute(f"INSERT INTO {_q(d.table)} ({cols}) VALUES {', '.join(d.add[start:start + 200])}")  # noqa: S608
            _advance_sequences(cur, [(d.table, d.pk) for d in self.tables if d.add])


def capture_live() -> LiveDelta:
    """Load the live demo over the seeds in a transaction, keep what it changed, roll back."""
    from daboard.demo.loader import load_all

    deltas: list[TableDelta] = []
    with transaction.atomic():
        load_all()
        with connection.cursor() as cur:
            for i, (table, pk) in enumerate(_tables()):
                columns = [c.name for c in connection.introspection.get_table_description(cur, table)]
                cols = ", ".join(_q(c) for c in columns)
                # seed rows that are no longer there as they were (changed or removed)
                cur.execute(f"SELECT {_q(pk)} FROM (SELECT {cols} FROM {_twin(i)} EXCEPT "  # noqa: S608
                            f"SELECT {cols} FROM {_q(table)}) AS gone")
                remove = [r[0] for r in cur.fetchall()]
                added = f"SELECT {cols} FROM {_q(table)} EXCEPT SELECT {cols} FROM {_twin(i)}"
                if connection.vendor == "postgresql":
                    with cur.cursor.copy(f"COPY ({added}) TO STDOUT") as copy:
                        add = b"".join(bytes(chunk) for chunk in copy)
                else:
                    quoted = " || ', ' || ".join(f"quote({_q(c)})" for c in columns)
                    cur.execute(f"SELECT '(' || {quoted} || ')' FROM ({added}) AS added")  # noqa: S608
                    add = [r[0] for r in cur.fetchall()]
                if remove or add:
                    deltas.append(TableDelta(table, pk, columns, remove, add))
        transaction.set_rollback(True)
    return LiveDelta(deltas)
