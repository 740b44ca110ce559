"""SQLite: an FTS5 index over SearchEntry kept in step by triggers. PostgreSQL: a GIN
index on the same text as board/queries.py searches (english tsvector)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS board_search_fts USING fts5(title, body, content='board_searchentry', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS board_search_ai AFTER INSERT ON board_searchentry BEGIN INSERT INTO board_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS board_search_ad AFTER DELETE ON board_searchentry BEGIN INSERT INTO board_search_fts(board_search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS board_search_au AFTER UPDATE ON board_searchentry BEGIN INSERT INTO board_search_fts(board_search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); INSERT INTO board_search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "INSERT INTO board_search_fts(board_search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS board_search_ai", "DROP TRIGGER IF EXISTS board_search_ad",
               "DROP TRIGGER IF EXISTS board_search_au", "DROP TABLE IF EXISTS board_search_fts"]
PG = ("CREATE INDEX IF NOT EXISTS board_searchentry_fts ON board_searchentry USING GIN "
      "((setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', coalesce(body, '')), 'B')))")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql, params=None)
    elif vendor == "postgresql":
        schema_editor.execute(PG, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql, params=None)
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS board_searchentry_fts", params=None)


class Migration(migrations.Migration):
    dependencies = [("board", "0002_meeting_full_pack")]
    operations = [migrations.RunPython(forwards, backwards)]
