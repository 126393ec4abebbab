"""What every import shares: the job, the one transaction, the record, the audit event.

``import_run`` validates first (the importer's ``validate`` reads the whole file and raises
``ImportRefused`` with every bad row), then writes everything in one transaction. A refused
import is recorded too (with its error count) and changes nothing else.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from secure.audit.context import current_actor
from secure.audit.models import AuditEvent
from secure.audit.registry import audit_record
from secure.partnerships.models import Partnership

from ..models import ImportRecord
from .errors import ImportRefused, ImportResult
from .writing import Progress, no_progress


@dataclass
class ImportJob:
    """One import: the partnership, the file's name and hash, who runs it, and its options."""

    partnership: Partnership
    kind: str
    file_name: str
    file_sha256: str
    actor: Any = None
    options: dict[str, Any] = field(default_factory=dict)
    progress: Progress = no_progress


class _DryRun(Exception):
    """Raised inside the transaction of a check so that everything written is rolled back."""


def import_run(
    *,
    job: ImportJob,
    validate: Callable[[], Any],
    write: Callable[[Any], ImportResult],
    dry_run: bool = False,
) -> ImportResult:
    """Validate, then write in one transaction; record the import (refused ones too)."""
    started = timezone.now()
    with _collector_paused():
        return _run(job=job, validate=validate, write=write, dry_run=dry_run, started=started)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is read into many small objects.

    A large file makes millions of long-lived tuples; without the pause the collector rescans
    them again and again, and the import slows down more than in proportion to its size.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(
    *,
    job: ImportJob,
    validate: Callable[[], Any],
    write: Callable[[Any], ImportResult],
    dry_run: bool,
    started: Any,
) -> ImportResult:
    try:
        plan = validate()
    except ImportRefused as refused:
        if not dry_run:
            _record(job=job, started=started, rows=refused.rows, errors=len(refused.errors))
        raise
    result: ImportResult | None = None
    try:
        with transaction.atomic():
            result = write(plan)
            if dry_run:
                raise _DryRun
            record = _record(job=job, started=started, rows=result.rows, result=result)
            result.record_id = record.pk
            audit_record(
                action=AuditEvent.Action.CREATE,
                instance=record,
                changes={
                    "import": {
                        "kind": job.kind,
                        "file_sha256": job.file_sha256,
                        "rows": result.rows,
                        **result.summary,
                    }
                },
                object_repr=f"{record} ({result.rows} rows)",
            )
    except _DryRun:
        assert result is not None
        result.dry_run = True
    return result


def _record(
    *,
    job: ImportJob,
    started: Any,
    rows: int,
    errors: int = 0,
    result: ImportResult | None = None,
) -> ImportRecord:
    user = job.actor if getattr(job.actor, "is_authenticated", False) else None
    label = user.email if user is not None else current_actor().label or "system"
    return ImportRecord.objects.create(
        partnership=job.partnership,
        kind=job.kind,
        file_name=job.file_name[:255],
        file_sha256=job.file_sha256,
        rows=rows,
        status=ImportRecord.Status.FAILED if result is None else ImportRecord.Status.SUCCEEDED,
        error_count=errors,
        summary=result.summary if result is not None else {},
        options=job.options,
        actor=user,
        actor_label=label[:254],
        started_at=started,
    )
