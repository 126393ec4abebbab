"""The demo data for browser tests: seeded once per test process, then copied back in.

Seeding the demo runs every app's seeders through the real services (thousands of queries,
audit events, an incident import). Browser tests each need a fresh copy, so the first test in
a process seeds it and keeps a database-level copy; later tests put that copy back, which
takes a fraction of a second. Both databases are covered:

* SQLite: the test database lives in memory; the copy is another in-memory database filled
  with SQLite's online backup, and restoring is the same backup the other way.
* PostgreSQL: the copy is a schema holding one table per application table plus each
  sequence's position; restoring empties the tables and inserts the rows back with triggers
  off (``session_replication_role = replica``: the audit trail's append-only trigger and the
  foreign-key triggers, which the copy already satisfies), then moves the sequences back.

Only tests that commit for real (``transactional_db``: the live server reads what they
write) use it: the backup cannot run inside the test transaction the ``db`` fixture opens.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from secure.core.demo import PARTNERSHIPS, demo_seed
from secure.partnerships.models import Partnership

SCHEMA = "demo_snapshot"

_sqlite_copy: sqlite3.Connection | None = None
_postgres_tables: list[str] | None = None
_postgres_sequences: list[tuple[str, int | None]] = []


def demo_load() -> list[Partnership]:
    """The demo partnerships, freshly in the database, as ``secure demo`` would seed them."""
    assert not connection.in_atomic_block, "the demo copy needs a transactional test"
    if connection.vendor == "sqlite":
        _sqlite_load()
    elif connection.vendor == "postgresql":
        _postgres_load()
    else:  # pragma: no cover - the project runs on these two
        return demo_seed()
    ContentType.objects.clear_cache()
    return [Partnership.objects.get(slug=spec.slug) for spec in PARTNERSHIPS]


def _sqlite_load() -> None:
    global _sqlite_copy
    connection.ensure_connection()
    raw: Any = connection.connection
    if _sqlite_copy is None:
        demo_seed()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        raw.backup(copy)
        _sqlite_copy = copy
    else:
        _sqlite_copy.backup(raw)


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _postgres_load() -> None:
    global _postgres_tables, _postgres_sequences
    with connection.cursor() as cursor:
        if _postgres_tables is None:
            demo_seed()
            tables = sorted(connection.introspection.table_names(cursor))
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in tables:
                cursor.execute(
                    f"CREATE TABLE {SCHEMA}.{_quote(table)} AS TABLE public.{_quote(table)}"
                )
            cursor.execute(
                "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value"
                " FROM pg_sequences WHERE schemaname = 'public'"
            )
            _postgres_sequences = list(cursor.fetchall())
            _postgres_tables = tables
            return
        cursor.execute("SET session_replication_role = replica")
        try:
            # DELETE, not TRUNCATE: on tables this small it avoids a new file per table.
            cursor.execute("; ".join(_refill(table) for table in _postgres_tables))
            for sequence, last_value in _postgres_sequences:
                if last_value is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [sequence])
                else:
                    cursor.execute("SELECT setval(%s, %s, true)", [sequence, last_value])
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")


def _refill(table: str) -> str:
    """Empty one table and copy its demo rows back (names come from introspection)."""
    name = _quote(table)
    return f"DELETE FROM public.{name}; INSERT INTO public.{name} SELECT * FROM {SCHEMA}.{name}"  # noqa: S608
