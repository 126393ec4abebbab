"""Saving validated rows fast: COPY on PostgreSQL, ``bulk_create`` elsewhere; keys looked up in chunks.

``frame_insert`` writes a Polars table and gives back the primary keys of the new rows, so
that rows referring to them can be written without reading them back: on PostgreSQL the keys
are taken from the table's sequence and written by COPY with the rows; elsewhere
``bulk_create`` returns them. ``frame_select`` reads saved rows back as a table. Bulk writes
send no model signals, so the importer records one audit event per import itself.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import polars as pl
from django.db import connection, models

CHUNK = 500
Progress = Callable[[str, int, int | None], None]


def no_progress(phase: str, done: int, total: int | None) -> None:
    """The default progress reporter: silent."""


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rows_insert(
    *, model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert rows (tuples in ``fields`` order, attribute names such as ``school_id``)."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy_insert(model=model, fields=fields, rows=rows)
        return
    model._default_manager.bulk_create(
        [model(**dict(zip(fields, row, strict=True))) for row in rows], batch_size=CHUNK
    )


def frame_insert(
    *,
    model: type[models.Model],
    frame: pl.DataFrame,
    constants: dict[str, Any],
    ids: bool = True,
) -> list[int]:
    """Insert a table's rows, with ``constants`` for the same fields of every row.

    Columns are named by attribute (``school_id``). With ``ids``, returns the new rows'
    primary keys in the table's order. On PostgreSQL the rows go by one ``COPY`` of the table
    written as CSV by Polars (no Python object per row); elsewhere by ``bulk_create``.
    """
    if frame.height == 0:
        return []
    if connection.vendor == "postgresql":
        new_ids = ids_reserve(model=model, count=frame.height) if ids else []
        rows = frame.with_columns(
            pl.lit(value.isoformat() if hasattr(value, "isoformat") else value).alias(name)
            for name, value in constants.items()
        )
        if ids:
            rows = rows.with_columns(pl.Series("id", new_ids, dtype=pl.Int64))
        _copy_frame(model=model, frame=rows)
        return new_ids
    names = [*frame.columns, *constants]
    fixed = tuple(constants.values())
    created = model._default_manager.bulk_create(
        [model(**dict(zip(names, (*row, *fixed), strict=True))) for row in frame.iter_rows()],
        batch_size=CHUNK,
    )
    return [obj.pk for obj in created] if ids else []


_SPECIAL = r"[\\\t\n\r]"
"""Characters COPY's text format writes escaped: backslash, tab, line feed, carriage return."""


def _copy_frame(*, model: type[models.Model], frame: pl.DataFrame) -> None:
    """COPY a table into the model's table in PostgreSQL's text format (faster to read than CSV).

    Text columns holding a backslash, tab or line break are escaped first; ``\\N`` is null.
    """
    meta = model._meta
    by_attname = {field.attname: field.column for field in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(by_attname[c]) for c in frame.columns)
    table = connection.ops.quote_name(meta.db_table)
    texts = [name for name, kind in frame.schema.items() if kind == pl.String]
    if texts:
        found = frame.select(pl.col(texts).str.contains(_SPECIAL).any()).row(0)
        special = [name for name, has in zip(texts, found, strict=True) if has]
    if texts and special:
        frame = frame.with_columns(
            pl.col(special)
            .str.replace_all("\\", "\\\\", literal=True)
            .str.replace_all("\t", "\\t", literal=True)
            .str.replace_all("\n", "\\n", literal=True)
            .str.replace_all("\r", "\\r", literal=True)
        )
    text = frame.write_csv(
        None, include_header=False, separator="\t", quote_style="never", null_value="\\N"
    )
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        copy.write(text)


def frame_select(*, queryset: Any, columns: Sequence[str], schema: pl.Schema) -> pl.DataFrame:
    """The ``columns`` of a queryset's rows as a Polars table of the given schema.

    On PostgreSQL the rows come by one ``COPY … TO STDOUT`` in CSV with every value quoted (so
    an empty text and a null stay apart), read by Polars, with no Python object per row;
    elsewhere by ``values_list``.
    """
    query = queryset.order_by().values_list(*columns)
    if connection.vendor != "postgresql":
        return pl.DataFrame(list(query), schema=schema, orient="row")
    sql, params = query.query.sql_with_params()
    statement = connection.ops.compose_sql(sql, params)  # type: ignore[attr-defined]  # PostgreSQL
    read = pl.Schema({n: pl.String if t == pl.Boolean else t for n, t in schema.items()})
    buffer = io.BytesIO()
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY ({statement}) TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *)"
        ) as copy,
    ):
        for block in copy:
            buffer.write(block)
    if not buffer.tell():
        return pl.DataFrame(schema=schema)
    frame = pl.read_csv(buffer.getvalue(), has_header=False, new_columns=list(schema), schema=read)
    flags = [n for n, t in schema.items() if t == pl.Boolean]
    return frame.with_columns(
        pl.col(n).replace_strict({"t": True, "f": False}, return_dtype=pl.Boolean) for n in flags
    )


RUN_FROM = 10_000
"""From this many new rows on, their keys are taken as one run of the sequence."""


def ids_reserve(*, model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys from the table's sequence (PostgreSQL).

    Many keys are taken as one run: the table is locked against other writers (``SHARE ROW
    EXCLUSIVE``: readers go on; other inserts wait for this transaction) so that nothing else
    takes keys meanwhile, and the sequence is moved past the run in one step. A few keys are
    taken one by one in one query.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        if count >= RUN_FROM:
            cursor.execute(
                f"LOCK TABLE {connection.ops.quote_name(table)} IN SHARE ROW EXCLUSIVE MODE"
            )
            cursor.execute("SELECT nextval(%s::regclass)", [sequence])
            first = cursor.fetchone()[0]
            cursor.execute("SELECT setval(%s::regclass, %s)", [sequence, first + count - 1])
            return list(range(first, first + count))
        cursor.execute(
            "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, count]
        )
        return [row[0] for row in cursor.fetchall()]


def _copy_insert(
    *, model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """PostgreSQL's COPY FROM STDIN through psycopg 3 (the fastest way in)."""
    meta = model._meta
    by_attname = {field.attname: field.column for field in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(by_attname[f]) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def rows_update(
    *, model: type[models.Model], objects: Sequence[models.Model], fields: Sequence[str]
) -> None:
    """Save changed fields of existing rows in batches."""
    if objects:
        model._default_manager.bulk_update(list(objects), list(fields), batch_size=CHUNK)


def compare_and_split(
    *,
    wanted: dict[Any, tuple[Any, ...]],
    existing: dict[Any, tuple[int, tuple[Any, ...]]],
) -> tuple[list[Any], list[tuple[int, Any]], int]:
    """Keys to create, (pk, key) pairs to update, and how many rows are already as wanted."""
    create: list[Any] = []
    update: list[tuple[int, Any]] = []
    same = 0
    for key, fields in wanted.items():
        found = existing.get(key)
        if found is None:
            create.append(key)
        elif found[1] != fields:
            update.append((found[0], key))
        else:
            same += 1
    return create, update, same


def rows_estimate(*, model: type[models.Model]) -> int:
    """The planner's estimate of a table's rows (PostgreSQL; 0 elsewhere or never analysed)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        found = cursor.fetchone()
    return max(int(found[0]), 0) if found else 0


@contextmanager
def foreign_keys_checked_once(
    *,
    models_: Sequence[type[models.Model]],
    enabled: bool = True,
    indexes: bool = False,
) -> Iterator[None]:
    """Check the tables' foreign keys once, set-based, instead of once per written row.

    On PostgreSQL every foreign key is checked by a trigger for each row written (deferred to
    the commit): at a million rows that costs more than the writing. For a large import the
    tables' foreign-key constraints are dropped at the start of the write and added back, by
    their own name and definition, before the transaction ends: adding a constraint checks
    every row in one join, and refuses (rolling everything back) if any row breaks it. With
    ``indexes`` the tables' other indexes and unique constraints are dropped too and built
    again at the end (sorting once costs less than a million scattered insertions; a unique
    constraint built again checks every row too). The definitions are read from the database,
    so what comes back is what was there; the changes are part of the transaction, so any
    failure leaves everything as it was. While the write runs, the tables are locked against
    other readers (PostgreSQL's ``ACCESS EXCLUSIVE`` lock), so this is only for large imports
    (see ``BULK_ROWS`` in the importer), and ``indexes`` only where nothing is read back from
    the tables during the write. Must run inside ``transaction.atomic``; does nothing outside
    PostgreSQL.
    """
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    quote = connection.ops.quote_name
    tables = [model._meta.db_table for model in models_]
    with connection.cursor() as cursor:
        # Checks already queued in this transaction must run first: a table with queued
        # checks cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        kinds = ["f", "u"] if indexes else ["f"]
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
            "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype = ANY(%s) "
            "ORDER BY contype, conname",
            [tables, kinds],
        )
        constraints = [(t, name, d) for t, name, d, _kind in cursor.fetchall()]
        plain: list[tuple[str, str]] = []
        if indexes:
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) "
                "AND NOT i.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "ORDER BY 1",
                [tables],
            )
            plain = cursor.fetchall()
        for table, name, _definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        for name, _definition in plain:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        if indexes:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in plain:
            cursor.execute(definition)
        # Unique constraints (sorted before foreign keys) first.
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
