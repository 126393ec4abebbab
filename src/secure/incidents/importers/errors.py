"""What an import reports: every bad row (line, column, value, what is wrong), or what changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

HIDDEN_VALUE = "(hidden)"
"""Shown instead of the value of a sensitive column (the student ID) in error reports."""

MISSING_COLUMN = _("The file has no column for this (map one, or add it).")
REPEATED_COLUMN = _("Two columns of the file are mapped to this.")
EMPTY_FILE = _("The file has no data rows.")
UNREADABLE_FILE = _("The file could not be read as CSV or Excel: %(reason)s")


@dataclass(frozen=True)
class RowError:
    """One problem in one cell: line 1 is the header; ``value`` is hidden for sensitive columns."""

    line: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }


class ImportRefused(Exception):
    """The file has errors; nothing was changed."""

    def __init__(self, errors: list[RowError], rows: int) -> None:
        super().__init__(f"{len(errors)} problem(s) in {rows} row(s)")
        self.errors = errors
        self.rows = rows


@dataclass
class ImportResult:
    """What an import did (or, for a check, would do): per kind of record, created/updated/unchanged."""

    kind: str
    rows: int
    summary: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    record_id: int | None = None
    dry_run: bool = False

    def changed(self) -> int:
        return sum(c.get("created", 0) + c.get("updated", 0) for c in self.summary.values())
