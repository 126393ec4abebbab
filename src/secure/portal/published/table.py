"""The published table: the only shape in which counts about people leave the portal.

A ``PublishedTable`` can be made in two ways only, both here:

- ``PublishedTable.from_counts`` takes grids of *true* counts (one grid per block, e.g. per school
  year) and passes each one through ``secure.equity.suppression.suppress_table`` (primary and
  complementary suppression, totals included) before laying out rows. Values derived from counts
  (a percentage, a share) are computed from the *published* row only, so they can never reveal a
  hidden count.
- ``PublishedTable.exempt`` takes rows of values that are not counts of people. It accepts only
  the table keys listed, each with its reason, in ``EXEMPT_TABLES`` -- the one place where a table
  may skip suppression.

Direct construction is refused (``__post_init__`` checks a private token), rows are tuples of
tuples and the dataclass is frozen, so nothing downstream can put a raw count back in.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from secure.equity.suppression import cheapest_rectangle, protected, suppress_table

from ..sections import SECTION_KEYS

Text = str | Promise
Value = str | int | float | bool | None

# Column kinds, as the data dictionary and the OpenAPI document name them.
KINDS = ("text", "count", "integer", "number", "percent", "boolean", "date")

SUPPRESSION_RULE = _(
    "Counts of people from 1 to %(last)d are hidden (primary suppression), and so are as many "
    "other counts as needed so that no hidden count can be worked out from the rest of the table "
    "and its totals (complementary suppression). Zeros are shown. A hidden count is shown as an "
    "empty value in files and the API (null) and as a marked symbol on the page."
)
EXEMPT_RULE = _("This table holds no counts of people, so no number in it is hidden.")

EXEMPT_TABLES: dict[str, Text] = {
    "schools-with-officers": _(
        "Counts schools and officer staffing (full-time equivalents of sworn officers), which "
        "public agencies report openly (the Civil Rights Data Collection publishes them per "
        "school); it says nothing about any student."
    ),
    "school-officers": _(
        "Lists each school with the sworn-officer staffing reported for it, public information "
        "that says nothing about any student."
    ),
    "equity-indicators": _(
        "Holds ratios, not counts, and only for groups whose count of students and enrollment "
        "both meet the equity engine's minimum cell size and minimum n-size."
    ),
}
"""The only tables published without suppression: table key -> why it needs none."""

REFUSED = "PublishedTable is built only by PublishedTable.from_counts or PublishedTable.exempt"
NOT_EXEMPT = "table {key!r} is not listed in EXEMPT_TABLES: counts must go through from_counts"
BAD_SECTION = "unknown section {section!r}"
BAD_KIND = "unknown column kind {kind!r}"
BAD_ROW = "row {row!r} does not match the columns of table {key!r}"

_TOKEN = object()


@dataclass(frozen=True)
class Column:
    """One column: its stable name, what readers see, and what it means (the data dictionary)."""

    name: str
    label: Text
    description: Text
    kind: str = "text"
    source: str = ""
    """``app_label.Model.field`` when the values come from a model field (its help_text is
    added to the dictionary)."""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(BAD_KIND.format(kind=self.kind))


@dataclass(frozen=True)
class Layout:
    """How the count cells of a suppressed table sit, so that a reader (and the walk test) can
    rebuild each grid with its totals from the published rows.

    Rows are grouped into blocks by the ``block_columns``; inside a block each row is a grid row
    named by ``label_column``, the last row (``label_column`` = ``total_label``) holds the column
    totals; ``count_columns`` are the grid columns and ``total_column`` the row totals. Tables of
    the same non-empty ``family`` publish the same totals row for the same block.
    """

    block_columns: tuple[str, ...]
    label_column: str
    count_columns: tuple[str, ...]
    total_column: str
    total_label: str
    family: str = ""


@dataclass(frozen=True)
class CountGrid:
    """True counts of one block: ``cells[i][j]`` for row ``rows[i]`` and count column ``j``."""

    block: tuple[Value, ...]
    rows: tuple[str, ...]
    cells: tuple[tuple[int, ...], ...]


Derived = Callable[[Mapping[str, Value]], Value]


@dataclass(frozen=True)
class PublishedTable:
    key: str
    section: str
    title: Text
    description: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    data_as_of: datetime.date | None
    minimum: int
    rule: Text
    layout: Layout | None = None
    suppressed_cells: int = 0
    _token: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._token is not _TOKEN:
            raise TypeError(REFUSED)
        if self.section not in SECTION_KEYS:
            raise ValueError(BAD_SECTION.format(section=self.section))
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(BAD_ROW.format(row=row, key=self.key))

    # -- the two constructors ------------------------------------------------------------------

    @classmethod
    def from_counts(
        cls,
        *,
        key: str,
        section: str,
        title: Text,
        description: Text,
        block_columns: Sequence[Column],
        label_column: Column,
        count_columns: Sequence[Column],
        total_column: Column,
        total_label: Text,
        grids: Sequence[CountGrid],
        minimum: int,
        data_as_of: datetime.date | None,
        derived: Sequence[tuple[Column, Derived]] = (),
        family: str = "",
        hidden_totals: Mapping[tuple[Value, ...], Sequence[bool]] | None = None,
    ) -> PublishedTable:
        """Suppress every grid (with its totals) and lay the published values out as rows.

        ``hidden_totals`` (block -> one flag per totals-row entry, the grand total last) hides
        further totals -- used to keep the totals row of a family identical across its tables;
        each entry hidden that way gets its own protection in this grid as well.
        """
        names = [c.name for c in count_columns]
        rows: list[tuple[Value, ...]] = []
        hidden_count = 0
        for grid in grids:
            suppressed = suppress_table(
                cells=np.asarray(grid.cells, dtype=np.int64).reshape(
                    len(grid.rows), len(count_columns)
                ),
                minimum=minimum,
            )
            hidden = suppressed.suppressed.copy()
            extra = (hidden_totals or {}).get(grid.block)
            if extra is not None:
                hidden = _hide_more(grid=suppressed.grid, hidden=hidden, totals_row=extra)
            hidden_count += int(hidden.sum())
            values = suppressed.grid.tolist()
            labels = [*grid.rows, str(total_label)]
            for label, line, mask in zip(labels, values, hidden.tolist(), strict=True):
                published = [None if m else int(v) for v, m in zip(line, mask, strict=True)]
                record: dict[str, Value] = dict(zip(names, published[:-1], strict=True))
                record[total_column.name] = published[-1]
                extras = tuple(function(record) for _column, function in derived)
                rows.append((*grid.block, label, *published, *extras))
        return cls(
            key=key,
            section=section,
            title=title,
            description=description,
            columns=(
                *block_columns,
                label_column,
                *count_columns,
                total_column,
                *(column for column, _function in derived),
            ),
            rows=tuple(rows),
            data_as_of=data_as_of,
            minimum=minimum,
            rule=SUPPRESSION_RULE,
            layout=Layout(
                block_columns=tuple(c.name for c in block_columns),
                label_column=label_column.name,
                count_columns=tuple(names),
                total_column=total_column.name,
                total_label=str(total_label),
                family=family,
            ),
            suppressed_cells=hidden_count,
            _token=_TOKEN,
        )

    @classmethod
    def exempt(
        cls,
        *,
        key: str,
        section: str,
        title: Text,
        description: Text,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Value]],
        minimum: int,
        data_as_of: datetime.date | None,
    ) -> PublishedTable:
        """A table without counts of people; only the keys of ``EXEMPT_TABLES`` are accepted."""
        if key not in EXEMPT_TABLES:
            raise ValueError(NOT_EXEMPT.format(key=key))
        return cls(
            key=key,
            section=section,
            title=title,
            description=description,
            columns=tuple(columns),
            rows=tuple(tuple(row) for row in rows),
            data_as_of=data_as_of,
            minimum=minimum,
            rule=EXEMPT_RULE,
            _token=_TOKEN,
        )

    # -- reading -------------------------------------------------------------------------------

    @property
    def is_exempt(self) -> bool:
        return self.layout is None

    @property
    def exempt_reason(self) -> Text:
        return EXEMPT_TABLES.get(self.key, "") if self.is_exempt else ""

    def rule_text(self) -> str:
        """The suppression rule in the current language, with this table's minimum."""
        if self.is_exempt:
            return str(self.rule)
        return str(self.rule) % {"last": self.minimum - 1}

    def records(self) -> list[dict[str, Value]]:
        """Rows as ``{column name: value}``."""
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def display(self) -> list[list[DisplayCell]]:
        return display_rows(self)

    def is_count(self, index: int) -> bool:
        return self.columns[index].kind == "count"

    def cells(self) -> list[list[tuple[Value, bool]]]:
        """Each row as (value, hidden) pairs: hidden only where a count column holds None."""
        return [
            [(value, value is None and self.is_count(i)) for i, value in enumerate(row)]
            for row in self.rows
        ]


@dataclass(frozen=True)
class DisplayCell:
    value: Value
    hidden: bool
    header: bool
    numeric: bool


def display_rows(table: PublishedTable) -> list[list[DisplayCell]]:
    """The rows as the page shows them: the label column as row header, hidden counts marked."""
    label = table.layout.label_column if table.layout else table.columns[0].name
    kinds = [
        (c.name == label, c.kind in {"count", "integer", "number", "percent"})
        for c in table.columns
    ]
    return [
        [
            DisplayCell(
                value=value,
                hidden=value is None and table.columns[i].kind == "count",
                header=kinds[i][0],
                numeric=kinds[i][1],
            )
            for i, value in enumerate(row)
        ]
        for row in table.rows
    ]


def _hide_more(*, grid: np.ndarray, hidden: np.ndarray, totals_row: Sequence[bool]) -> np.ndarray:
    """Hide more entries of the totals row and protect each one as the suppression module does:
    every hidden entry gets a rectangle of hidden entries whose +1/-1 shift keeps all published
    values and all counts non-negative."""
    hidden = hidden.copy()
    queue: list[tuple[int, int]] = []
    for column, flag in enumerate(totals_row):
        if flag and not hidden[-1, column] and grid[-1, column] > 0:
            hidden[-1, column] = True
            queue.append((grid.shape[0] - 1, column))
    while queue:
        row, column = queue.pop(0)
        if protected(grid=grid, hidden=hidden, row=row, column=column):
            continue
        r, c = cheapest_rectangle(grid=grid, hidden=hidden, row=row, column=column)
        for position in ((r, c), (row, c), (r, column)):
            if not hidden[position]:
                hidden[position] = True
                queue.append(position)
    return hidden


def share(numerator: str, denominator: str) -> Derived:
    """A percentage (one decimal) of two published columns; empty when either is hidden or 0."""

    def compute(record: Mapping[str, Value]) -> Value:
        top, bottom = record.get(numerator), record.get(denominator)
        if not isinstance(top, int) or not isinstance(bottom, int) or bottom == 0:
            return None
        return round(100 * top / bottom, 1)

    return compute


def grid_of(
    *,
    block: Sequence[Value],
    rows: Sequence[str],
    columns: Sequence[str],
    counts: Mapping[Any, int],
) -> CountGrid:
    """A ``CountGrid`` from ``counts[(row, column)]`` (absent pairs count 0)."""
    return CountGrid(
        block=tuple(block),
        rows=tuple(rows),
        cells=tuple(tuple(int(counts.get((r, c), 0)) for c in columns) for r in rows),
    )
