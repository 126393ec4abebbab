"""Integer-coded count tables: what the vectorised metrics run on.

Every row gets a *cell* (its unit, year, dimension and outcome: the rows compared with one
another) and a *group* code; every cell gets a *scope* (its year, dimension and outcome: the rows
pooled into state totals). Both loaders (rows in memory, CSV through DuckDB) end here, so the
metrics never see text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from . import errors
from .tables import CountTable, key_label

Scope = tuple[str, str, str]
"""(year, dimension, outcome)."""


@dataclass(frozen=True, kw_only=True)
class CodedColumn:
    """One text column as integer codes into its distinct labels."""

    codes: NDArray[np.int64]
    labels: tuple[str, ...]
    width: int | None = None
    """Number of distinct codes when ``labels`` are not kept (units from the fast loader)."""

    @property
    def size(self) -> int:
        """How many distinct codes there are."""
        return len(self.labels) if self.width is None else self.width


@dataclass(frozen=True, kw_only=True)
class EncodedCounts:
    """Counts with integer cell, group and scope codes, in input row order."""

    count: NDArray[np.int64]
    population: NDArray[np.int64]
    cell: NDArray[np.int64]
    group: NDArray[np.int64]
    cell_scope: NDArray[np.int64]
    group_labels: tuple[str, ...]
    scope_labels: tuple[Scope, ...]

    @property
    def n_rows(self) -> int:
        """Number of input rows."""
        return int(self.count.shape[0])

    @property
    def n_cells(self) -> int:
        """Number of comparison cells (unit, year, dimension, outcome)."""
        return int(self.cell_scope.shape[0])

    @property
    def n_groups(self) -> int:
        """Number of distinct groups."""
        return len(self.group_labels)

    @property
    def row_scope(self) -> NDArray[np.int64]:
        """The scope of every row."""
        return self.cell_scope[self.cell]


def column_code(*, values: NDArray[np.object_]) -> CodedColumn:
    """Dictionary-encode a text column (labels in sorted order)."""
    if values.shape[0] == 0:
        return CodedColumn(codes=np.zeros(0, dtype=np.int64), labels=())
    labels, codes = np.unique(values.astype(str), return_inverse=True)
    return CodedColumn(codes=codes.astype(np.int64), labels=tuple(str(x) for x in labels))


def dense_codes(*, key: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Number the distinct keys 0..k-1 and return (code per row, first row of each code).

    Files usually keep a cell's rows together; when every key forms one run, this is a
    single linear pass, and otherwise it falls back to sorting.
    """
    size = key.shape[0]
    if size == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    change = np.empty(size, dtype=bool)
    change[0] = True
    np.not_equal(key[1:], key[:-1], out=change[1:])
    starts = np.flatnonzero(change)
    run_keys = key[starts]
    # Runs in increasing key order (the usual sorted file) are distinct without a search.
    if bool(np.all(run_keys[1:] > run_keys[:-1])) or (
        np.unique(run_keys).shape[0] == starts.shape[0]
    ):
        return np.cumsum(change, dtype=np.int64) - 1, starts.astype(np.int64)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return inverse.astype(np.int64).reshape(size), first.astype(np.int64)


def combined_key(*, columns: Sequence[CodedColumn]) -> NDArray[np.int64]:
    """One integer per row that is equal exactly when all the given codes are equal."""
    size = columns[0].codes.shape[0]
    key = np.zeros(size, dtype=np.int64)
    span = 1
    for column in columns:
        width = max(column.size, 1)
        if span * width >= 2**62:
            # Too many combinations for one int64: renumber what we have so far, then go on.
            key, _ = dense_codes(key=key)
            span = int(key.max()) + 1 if size else 1
        key = key * width + column.codes
        span *= width
    return key


def first_duplicate(
    *, cell: NDArray[np.int64], group: NDArray[np.int64], n_groups: int
) -> tuple[int, int] | None:
    """The (first, repeat) row indexes of the earliest repeated (cell, group), or None."""
    if cell.shape[0] == 0:
        return None
    key = cell * max(n_groups, 1) + group
    if np.bincount(key).max() <= 1:
        return None
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    repeats = np.flatnonzero(ordered[1:] == ordered[:-1])
    later = order[repeats + 1]
    chosen = int(np.argmin(later))
    repeat = int(later[chosen])
    first = int(order[np.searchsorted(ordered, ordered[repeats[chosen]])])
    return first, repeat


def counts_encode(
    *,
    unit: CodedColumn,
    year: CodedColumn,
    dimension: CodedColumn,
    outcome: CodedColumn,
    group: CodedColumn,
    count: NDArray[np.int64],
    population: NDArray[np.int64],
) -> EncodedCounts:
    """Turn per-column codes into cell, group and scope codes, refusing repeated keys.

    A repeated key raises ``EquityInputError`` whose ``record`` is the repeat's row index;
    loaders turn that into a line number.
    """
    cell, cell_first = dense_codes(key=combined_key(columns=(unit, year, dimension, outcome)))
    duplicate = first_duplicate(cell=cell, group=group.codes, n_groups=len(group.labels))
    if duplicate is not None:
        first, repeat = duplicate
        key = (
            _label(unit, repeat),
            _label(year, repeat),
            _label(dimension, repeat),
            _label(outcome, repeat),
            _label(group, repeat),
        )
        raise DuplicateRowError(first=first, repeat=repeat, key=key)
    scope_key = combined_key(columns=(year, dimension, outcome))[cell_first]
    cell_scope, scope_first = dense_codes(key=scope_key)
    first_rows = cell_first[scope_first]
    scope_labels = tuple(
        (
            year.labels[year.codes[row]],
            dimension.labels[dimension.codes[row]],
            outcome.labels[outcome.codes[row]],
        )
        for row in first_rows.tolist()
    )
    return EncodedCounts(
        count=np.ascontiguousarray(count, dtype=np.int64),
        population=np.ascontiguousarray(population, dtype=np.int64),
        cell=cell,
        group=group.codes.astype(np.int64, copy=False),
        cell_scope=cell_scope,
        group_labels=group.labels,
        scope_labels=scope_labels,
    )


class DuplicateRowError(errors.EquityInputError):
    """A (unit, year, dimension, outcome, group) that appears twice; rows are 0-based."""

    def __init__(self, *, first: int, repeat: int, key: Sequence[str]) -> None:
        self.first = first
        self.key = tuple(key)
        super().__init__(
            errors.DUPLICATE_KEY.format(first=f"row {first + 1}", key=key_label(key)),
            record=repeat,
        )


def count_table_encode(*, table: CountTable) -> EncodedCounts:
    """Encode an in-memory count table (already validated by ``count_table_from_rows``)."""
    return counts_encode(
        unit=column_code(values=table.unit),
        year=column_code(values=table.year),
        dimension=column_code(values=table.dimension),
        outcome=column_code(values=table.outcome),
        group=column_code(values=table.group),
        count=table.count,
        population=table.population,
    )


def _label(column: CodedColumn, row: int) -> str:
    """The text of ``column`` at ``row`` (unit labels may be absent for speed)."""
    if not column.labels:
        return "?"
    return column.labels[int(column.codes[row])]
