"""Staging a web upload: pseudonymize the student IDs at once, keep the file until it is mapped.

The staged copy of an incidents file holds keys, not IDs, so no raw student ID reaches storage.
Staged files older than a day are deleted whenever someone stages a new one.
"""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from ..importers.reading import Table, normalize_name, sha256_of, table_open
from ..models import ImportKind, StagedImport
from ..pseudonyms import pseudonym_secret, student_key

NO_STUDENT_COLUMN = _(
    "The file has no column %(column)s. Its columns are: %(columns)s. Say which one holds the "
    "student ID."
)
STAGE_FOLDER = "incidents/staged"
KEEP_FOR = datetime.timedelta(days=1)


def import_stage(
    *,
    partnership: Partnership,
    user: Any,
    kind: str,
    file_name: str,
    content: bytes,
    student_id_column: str = "student_id",
    school_year: str = "",
    lea: str = "",
) -> StagedImport:
    """Read an upload, replace student IDs by keys (incidents), and keep it for mapping."""
    staged_imports_expire(partnership=partnership)
    try:
        table = table_open(name=file_name, content=content)
    except ValueError as error:
        raise ValidationError({"file": str(error)}) from None
    token = uuid.uuid4()
    stored_name = f"{STAGE_FOLDER}/{partnership.pk}/{token}.csv"
    rows = 0
    if kind == ImportKind.INCIDENTS:
        text, rows = _pseudonymized_csv(
            partnership=partnership, table=table, student_id_column=student_id_column
        )
        data = text.encode()
    else:
        data = content
        stored_name = f"{STAGE_FOLDER}/{partnership.pk}/{token}-{_safe(file_name)}"
        rows = sum(1 for _row in table.rows)
    stored_name = default_storage.save(stored_name, ContentFile(data))
    return StagedImport.objects.create(
        partnership=partnership,
        token=token,
        kind=kind,
        file_name=file_name[:255],
        file_sha256=sha256_of(content=content),
        stored_name=stored_name,
        header=table.header,
        rows=rows,
        school_year=school_year,
        lea=lea,
        created_by=user,
    )


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in name)[-80:]


def _pseudonymized_csv(
    *, partnership: Partnership, table: Table, student_id_column: str
) -> tuple[str, int]:
    """The file as CSV with the student ID column's values replaced by keys, and its row count."""
    wanted = normalize_name(student_id_column or "student_id")
    position = next(
        (i for i, name in enumerate(table.header) if normalize_name(name) == wanted), None
    )
    if position is None:
        raise ValidationError(
            {
                "student_id_column": str(NO_STUDENT_COLUMN)
                % {
                    "column": student_id_column,
                    "columns": ", ".join(h for h in table.header if h) or "—",
                }
            }
        )
    secret = pseudonym_secret(partnership=partnership)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = list(table.header)
    header[position] = "student_id"
    writer.writerow(header)
    rows = 0
    for _line, cells in table.rows:
        rows += 1
        if position < len(cells) and cells[position].strip():
            cells[position] = student_key(secret=secret, raw_id=cells[position])
        writer.writerow(cells)
    return out.getvalue(), rows


def staged_table(*, staged: StagedImport) -> Table:
    """The staged file, opened again."""
    with default_storage.open(staged.stored_name, "rb") as handle:
        content = handle.read()
    return table_open(name=staged.stored_name, content=content)


def staged_import_discard(*, staged: StagedImport) -> None:
    """Delete a staged file and its record."""
    if default_storage.exists(staged.stored_name):
        default_storage.delete(staged.stored_name)
    staged.delete()


def staged_imports_expire(*, partnership: Partnership) -> int:
    """Discard the partnership's staged files older than a day."""
    old = list(
        StagedImport.objects.for_partnership(partnership).filter(
            created_at__lt=timezone.now() - KEEP_FOR
        )
    )
    for staged in old:
        staged_import_discard(staged=staged)
    return len(old)
