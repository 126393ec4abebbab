"""Published tables as files: CSV, Parquet (written by DuckDB) and the data dictionary."""

from __future__ import annotations

import csv
import datetime
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from .table import Column, PublishedTable

DUCKDB_TYPES = {
    "text": "VARCHAR",
    "count": "BIGINT",
    "integer": "BIGINT",
    "number": "DOUBLE",
    "percent": "DOUBLE",
    "boolean": "BOOLEAN",
    "date": "DATE",
}


def table_csv(table: PublishedTable) -> str:
    """The table as CSV: a header of column names, hidden counts as empty fields."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow(["" if v is None else _csv_value(v) for v in row])
    return out.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def table_parquet(table: PublishedTable) -> bytes:
    """The table as Parquet, typed from the column kinds; hidden counts are nulls."""
    con = duckdb.connect(":memory:")
    try:
        names = [f'"{c.name}" {DUCKDB_TYPES[c.kind]}' for c in table.columns]
        con.execute(f"CREATE TABLE t ({', '.join(names)})")
        if table.rows:
            marks = ", ".join("?" for _c in table.columns)
            con.executemany(f"INSERT INTO t VALUES ({marks})", [list(r) for r in table.rows])  # noqa: S608
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "table.parquet"
            con.execute(f"COPY t TO '{path}' (FORMAT PARQUET)")
            return path.read_bytes()
    finally:
        con.close()


def field_help(source: str) -> str:
    """The help text of the model field ``app_label.Model.field`` (empty when none)."""
    if not source:
        return ""
    app_label, model_name, field_name = source.split(".")
    try:
        field = apps.get_model(app_label, model_name)._meta.get_field(field_name)
    except (LookupError, FieldDoesNotExist):
        return ""
    return str(getattr(field, "help_text", "") or "")


def column_entry(column: Column) -> dict[str, str]:
    return {
        "name": column.name,
        "label": str(column.label),
        "type": column.kind,
        "description": str(column.description),
        "source": column.source,
        "source_help": field_help(column.source),
    }


def dictionary(tables: list[PublishedTable]) -> list[dict[str, Any]]:
    """Every table with its columns, rule and date: the data dictionary."""
    return [
        {
            "table": t.key,
            "section": t.section,
            "title": str(t.title),
            "description": str(t.description),
            "data_as_of": t.data_as_of.isoformat() if t.data_as_of else None,
            "minimum": t.minimum,
            "suppression_rule": t.rule_text(),
            "exempt_reason": str(t.exempt_reason),
            "columns": [column_entry(c) for c in t.columns],
        }
        for t in tables
    ]


DICTIONARY_COLUMNS = ("table", "column", "label", "type", "description", "source", "source_help")


def dictionary_csv(tables: list[PublishedTable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(DICTIONARY_COLUMNS)
    for entry in dictionary(tables):
        for column in entry["columns"]:
            writer.writerow(
                [
                    entry["table"],
                    column["name"],
                    column["label"],
                    column["type"],
                    column["description"],
                    column["source"],
                    column["source_help"],
                ]
            )
    return out.getvalue()


def dictionary_json(tables: list[PublishedTable]) -> str:
    return json.dumps({"tables": dictionary(tables)}, ensure_ascii=False, indent=2, default=_date)


def _date(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)
