"""The public page's view of a published table: the latest school year only, so a phone on a slow
connection gets a short page; every year stays in the open-data files and the API.

Showing some rows of a published table reveals nothing the whole table does not: the rows are
the already-suppressed ones, unchanged (decision 0082).
"""

from __future__ import annotations

from typing import Any

from .published import PublishedTable

YEAR_COLUMN = "school_year"
# The equity table lists every group; the page shows the groups flagged for a closer look.
FLAGGED_ONLY = {"equity-indicators": "flagged"}


class PageTable:
    """A published table narrowed to its latest school year, for the include that renders it."""

    def __init__(self, table: PublishedTable) -> None:
        self.table = table
        names = [c.name for c in table.columns]
        self._year = names.index(YEAR_COLUMN) if YEAR_COLUMN in names else None
        years = [row[self._year] for row in table.rows] if self._year is not None else []
        self.year = max((y for y in years if y is not None), key=str, default=None)
        flag = FLAGGED_ONLY.get(table.key)
        self._flag = names.index(flag) if flag in names else None
        self._keep = [self._kept(row) for row in table.rows]

    def _kept(self, row: tuple[Any, ...]) -> bool:
        if self._year is not None and row[self._year] != self.year:
            return False
        return self._flag is None or row[self._flag] is True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.table, name)

    @property
    def flagged_only(self) -> bool:
        return self._flag is not None

    @property
    def columns(self) -> tuple[Any, ...]:
        return tuple(c for i, c in enumerate(self.table.columns) if not self._dropped(i))

    def _dropped(self, index: int) -> bool:
        return index in {self._year, self._flag}

    def display(self) -> list[list[Any]]:
        return [
            [cell for i, cell in enumerate(row) if not self._dropped(i)]
            for row, keep in zip(self.table.display(), self._keep, strict=True)
            if keep
        ]

    @property
    def shown(self) -> int:
        return sum(self._keep)

    @property
    def left_out(self) -> int:
        """Rows of the table not shown on the page (other years, groups not flagged)."""
        return len(self._keep) - self.shown
