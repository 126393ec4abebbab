"""Saving validated rows fast: COPY on PostgreSQL, ``bulk_create`` elsewhere; keys looked up in chunks.

``rows_insert_ids`` also gives back the primary keys of the new rows, so that rows referring
to them can be written without reading them back: on PostgreSQL the keys are taken from the
table's sequence in one query and written by COPY with the rows; elsewhere ``bulk_create``
returns them. Bulk writes send no model signals, so the importer records one audit event per
import itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

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


def rows_insert_ids(
    *, model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> list[int]:
    """Insert rows like ``rows_insert`` and return their new primary keys, in the same order."""
    if not rows:
        return []
    if connection.vendor == "postgresql":
        ids = ids_reserve(model=model, count=len(rows))
        _copy_insert(
            model=model,
            fields=("id", *fields),
            rows=[(pk, *row) for pk, row in zip(ids, rows, strict=True)],
        )
        return ids
    created = model._default_manager.bulk_create(
        [model(**dict(zip(fields, row, strict=True))) for row in rows], batch_size=CHUNK
    )
    return [obj.pk for obj in created]


def ids_reserve(*, model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys from the table's sequence (PostgreSQL; one query)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
        sequence = cursor.fetchone()[0]
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
