"""`daboard backup FILE` and `daboard restore FILE`.

PostgreSQL: `pg_dump --format=custom` and `pg_restore --clean --if-exists` (Debian's
client binaries, found in DABOARD_PG_BIN, /usr/lib/postgresql/15/bin or on PATH).
SQLite: the online backup API, which copies a consistent snapshot while the service
runs, and copies it back page by page on restore.

`table_fingerprints()` gives each table's row count and a digest of its ordered rows; the
round-trip test compares them before backup and after restore. Uploaded files (papers,
packs, recordings) live in DABOARD_VAR_DIR/media and are backed up with the file system
(docs/deployment.md).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 (fixed argument lists, no shell)
from pathlib import Path

from django.db import connection

PG_BINS = [os.environ.get("DABOARD_PG_BIN", ""), "/usr/lib/postgresql/15/bin"]


def _pg_tool(name: str) -> str:
    for folder in PG_BINS:
        if folder and (Path(folder) / name).exists():
            return str(Path(folder) / name)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: install postgresql-client (scripts/system-deps)")
    return found


def _pg_args() -> tuple[list[str], dict]:
    s = connection.settings_dict
    args = ["--host", s.get("HOST") or "localhost", "--port", str(s.get("PORT") or 5432),
            "--username", s.get("USER") or "postgres", "--dbname", s["NAME"]]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def backup(path: Path) -> None:
    path = Path(path)
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(path), *args],  # noqa: S603
                       check=True, env=env, capture_output=True)
        return
    if connection.vendor != "sqlite":
        raise RuntimeError(f"No backup for {connection.vendor}")
    connection.ensure_connection()
    target = sqlite3.connect(str(path))
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def restore(path: Path) -> None:
    """Replace the database's contents with the backup's. The service should be stopped."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No backup at {path}")
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        connection.close()
        result = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",  # noqa: S603
                                 "--single-transaction", "--exit-on-error", *args, str(path)],
                                env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"pg_restore failed: {result.stderr.strip()[:2000]}")
        return
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise ValueError(f"{path} is not an SQLite backup made by daboard backup")
    connection.ensure_connection()
    source = sqlite3.connect(str(path))
    try:
        source.backup(connection.connection)
    finally:
        source.close()


def table_fingerprints() -> dict[str, tuple[int, str]]:
    """Every table: (rows, sha256 of its rows in a fixed order)."""
    out = {}
    with connection.cursor() as cur:
        for table in sorted(connection.introspection.table_names(cur)):
            if table.startswith(("sqlite_", "board_searchentry_")) or table.endswith(("_fts", "_fts_data",
                                                                                       "_fts_idx", "_fts_docsize",
                                                                                       "_fts_config")):
                continue
            columns = [c.name for c in connection.introspection.get_table_description(cur, table)]
            order = ", ".join(str(i + 1) for i in range(len(columns)))
            quoted = connection.ops.quote_name(table)
            cur.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608 (names from introspection)
            digest = hashlib.sha256()
            n = 0
            for row in cur.fetchall():
                digest.update(repr(tuple(_normal(v) for v in row)).encode())
                n += 1
            out[table] = (n, digest.hexdigest())
    return out


def _normal(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value
