"""Importers: incidents, enrollment, sworn officers and CRDC files; all checked whole, saved atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .base import ImportJob
from .crdc import crdc_import
from .denominators import enrollment_import, officers_import
from .errors import ImportRefused, ImportResult, RowError
from .incidents import incidents_import
from .reading import Table, sha256_of, table_open

__all__ = [
    "ImportJob",
    "ImportRefused",
    "ImportResult",
    "RowError",
    "Table",
    "crdc_import",
    "enrollment_import",
    "file_import",
    "incidents_import",
    "officers_import",
    "sha256_of",
    "table_open",
]


def file_import(
    *,
    job: ImportJob,
    table: Table,
    mapping: dict[str, str] | None = None,
    dry_run: bool = False,
    ids_hashed: bool = False,
    year: str = "",
    lea: str | None = None,
) -> ImportResult:
    """Run the importer of ``job.kind`` on an opened file."""
    kind = job.kind
    if kind == "incidents":
        return incidents_import(
            job=job, table=table, mapping=mapping, dry_run=dry_run, ids_hashed=ids_hashed
        )
    if kind == "enrollment":
        return enrollment_import(job=job, table=table, mapping=mapping, dry_run=dry_run)
    if kind == "officers":
        return officers_import(job=job, table=table, mapping=mapping, dry_run=dry_run)
    if kind == "crdc":
        return crdc_import(job=job, table=table, year=year, lea=lea, dry_run=dry_run)
    raise ValueError(f"unknown kind of file {kind!r}")


def path_import(*, job: ImportJob, path: Path, **options: Any) -> ImportResult:
    """Open a file on disk and import it (the command line's way in)."""
    table = table_open(name=path.name, path=path)
    return file_import(job=job, table=table, **options)
