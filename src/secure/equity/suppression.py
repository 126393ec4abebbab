"""Privacy-safe publication of a two-way count table with its row, column and grand totals.

Primary suppression hides every count from 1 up to ``minimum - 1`` (cells and, by default,
totals). Complementary suppression then hides further counts until no hidden count can be
worked out from what is published -- the other cells, the totals, and the fact that counts
are never negative. An optional rounding step publishes multiples of a base.

Sources: Federal Committee on Statistical Methodology, *Report on Statistical Disclosure
Limitation Methodology*, Statistical Policy Working Paper 22 (2nd version, 2005) -- primary
and complementary ("secondary") cell suppression and rounding for tables of counts;
U.S. Department of Education, Privacy Technical Assistance Center, *Frequently Asked
Questions -- Disclosure Avoidance* -- minimum cell sizes for education data.
The minimum (default 10, matching the IDEA minimum cell size) and the choice to publish
zeros are **this project's choices**.

How the guarantee works. Write the table with its totals as an (R+1) x (C+1) grid. If four
hidden counts sit at the corners of a rectangle, adding t to two opposite corners and
subtracting t from the other two (with the signs flipped for totals, which move with their
cells) changes no published number. When every count that would decrease is at least 1, the
shifts t = +1 or t = -1 give a second table of non-negative counts that agrees with every
published number but differs in each corner. So a hidden count with such a rectangle cannot
be recovered. The algorithm gives *every* hidden count such a rectangle, choosing the
cheapest extra cells to hide (inner cells before totals, then the fewest, then the smallest).
Such a rectangle always exists for a count of at least 1 -- an inner cell has its row total,
column total and grand total; a total has a non-zero cell of its row or column together with
the matching totals -- so the procedure always finishes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

BAD_MINIMUM = "minimum must be a whole number of at least 1, got {value!r}"
BAD_ROUNDING = "round_to must be a whole number of at least 1, got {value!r}"
BAD_TABLE = "the table must be a two-dimensional array of non-negative whole numbers"


@dataclass(frozen=True, kw_only=True)
class SuppressedTable:
    """A table with its totals on the last row and column, and which entries are hidden."""

    grid: NDArray[np.int64]
    """The true counts, shape (R+1, C+1): cells, row totals (last column), column totals
    (last row), grand total (corner)."""
    primary: NDArray[np.bool_]
    """Entries hidden because they are small (1 .. minimum-1)."""
    complementary: NDArray[np.bool_]
    """Entries hidden so that the primary ones cannot be worked out."""
    round_to: int | None = None

    @property
    def suppressed(self) -> NDArray[np.bool_]:
        """Every hidden entry."""
        return self.primary | self.complementary

    def published(self) -> list[list[int | None]]:
        """The grid as it may be published: None where hidden, rounded when asked."""
        values = (
            self.grid if self.round_to is None else rounded(values=self.grid, base=self.round_to)
        )
        return [
            [None if hidden else int(value) for value, hidden in zip(row, mask, strict=True)]
            for row, mask in zip(values.tolist(), self.suppressed.tolist(), strict=True)
        ]


def grid_with_totals(*, cells: NDArray[np.int64]) -> NDArray[np.int64]:
    """The (R+1) x (C+1) grid: the cells with row totals, column totals and the grand total."""
    r, c = cells.shape
    grid = np.zeros((r + 1, c + 1), dtype=np.int64)
    grid[:r, :c] = cells
    grid[:r, c] = cells.sum(axis=1)
    grid[r, :c] = cells.sum(axis=0)
    grid[r, c] = cells.sum()
    return grid


def primary_mask(
    *, grid: NDArray[np.int64], minimum: int, totals: bool = True
) -> NDArray[np.bool_]:
    """Entries from 1 to ``minimum - 1`` (totals included unless ``totals`` is False)."""
    mask = (grid > 0) & (grid < minimum)
    if not totals:
        mask[-1, :] = False
        mask[:, -1] = False
    return mask


def entry_signs(*, shape: tuple[int, int]) -> NDArray[np.int64]:
    """+1 for inner cells and the grand total, -1 for row and column totals.

    With these signs every row and every column of the grid sums to zero, which is what
    makes a rectangle of hidden entries a publishable-invisible change.
    """
    signs = np.ones(shape, dtype=np.int64)
    signs[-1, :-1] = -1
    signs[:-1, -1] = -1
    return signs


def safe_rectangles(*, grid: NDArray[np.int64], row: int, column: int) -> NDArray[np.bool_]:
    """For the entry (row, column): which opposite corners (r, c) make a protecting rectangle.

    A rectangle protects when the four entries can shift by +1 or -1 without any of them
    going negative: not (a decreasing entry is 0 in both directions).
    """
    signs = entry_signs(shape=grid.shape)
    # Direction of each corner when t is added at (row, column): corners on the same
    # diagonal move with the sign of their entry, the other two against it.
    own = signs[row, column] * 1
    same_diagonal = signs  # entry (r, c)
    along_row = -signs[row, :][None, :]  # entry (row, c)
    along_column = -signs[:, column][:, None]  # entry (r, column)
    zero_here = grid[row, column] == 0
    zero_opposite = grid == 0
    zero_row = (grid[row, :] == 0)[None, :]
    zero_column = (grid[:, column] == 0)[:, None]
    up_blocked = (
        (zero_here & (own < 0))
        | (zero_opposite & (same_diagonal < 0))
        | (zero_row & (along_row < 0))
        | (zero_column & (along_column < 0))
    )
    down_blocked = (
        (zero_here & (own > 0))
        | (zero_opposite & (same_diagonal > 0))
        | (zero_row & (along_row > 0))
        | (zero_column & (along_column > 0))
    )
    ok = ~(up_blocked & down_blocked)
    ok[row, :] = False
    ok[:, column] = False
    return np.asarray(ok)


def protected(*, grid: NDArray[np.int64], hidden: NDArray[np.bool_], row: int, column: int) -> bool:
    """Whether the hidden entry (row, column) already has a protecting rectangle of hidden entries."""
    corners = hidden & hidden[row, :][None, :] & hidden[:, column][:, None]
    return bool((corners & safe_rectangles(grid=grid, row=row, column=column)).any())


def cheapest_rectangle(
    *, grid: NDArray[np.int64], hidden: NDArray[np.bool_], row: int, column: int
) -> tuple[int, int]:
    """The opposite corner whose rectangle hides the least: fewest totals, fewest entries, smallest sum."""
    columns = grid.shape[1]
    is_total = np.zeros(grid.shape, dtype=bool)
    is_total[-1, :] = True
    is_total[:, -1] = True
    new_opposite = ~hidden
    new_row = ~hidden[row, :][None, :]
    new_column = ~hidden[:, column][:, None]
    totals = (
        (new_opposite & is_total).astype(np.int64)
        + (new_row & is_total[row, :][None, :])
        + (new_column & is_total[:, column][:, None])
    )
    entries = new_opposite.astype(np.int64) + new_row + new_column
    value = (
        np.where(new_opposite, grid, 0)
        + np.where(new_row, grid[row, :][None, :], 0)
        + np.where(new_column, grid[:, column][:, None], 0)
    )
    candidates = np.flatnonzero(safe_rectangles(grid=grid, row=row, column=column).ravel())
    order = np.lexsort(
        (
            value.ravel()[candidates],
            entries.ravel()[candidates],
            totals.ravel()[candidates],
        )
    )
    best = int(candidates[order[0]])
    return best // columns, best % columns


def suppress_table(
    *,
    cells: NDArray[np.int64] | list[list[int]],
    minimum: int = 10,
    totals: bool = True,
    round_to: int | None = None,
) -> SuppressedTable:
    """Primary and complementary suppression of a two-way table of counts with its totals.

    ``totals`` applies the primary rule to totals as well (default); ``round_to`` publishes
    the remaining entries rounded to the nearest multiple of that base, halves rounded up
    (rounding can only widen what a reader can infer, so protection is kept).
    """
    array = np.asarray(cells)
    if array.ndim != 2 or not np.issubdtype(array.dtype, np.integer) or (array < 0).any():
        raise ValueError(BAD_TABLE)
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise ValueError(BAD_MINIMUM.format(value=minimum))
    if round_to is not None and (
        isinstance(round_to, bool) or not isinstance(round_to, int) or round_to < 1
    ):
        raise ValueError(BAD_ROUNDING.format(value=round_to))
    grid = grid_with_totals(cells=array.astype(np.int64))
    primary = primary_mask(grid=grid, minimum=minimum, totals=totals)
    hidden = primary.copy()
    queue = [tuple(int(i) for i in position) for position in np.argwhere(primary)]
    while queue:
        row, column = queue.pop(0)
        if protected(grid=grid, hidden=hidden, row=row, column=column):
            continue
        r, c = cheapest_rectangle(grid=grid, hidden=hidden, row=row, column=column)
        for position in ((r, c), (row, c), (r, column)):
            if not hidden[position]:
                hidden[position] = True
                queue.append(position)
    return SuppressedTable(
        grid=grid, primary=primary, complementary=hidden & ~primary, round_to=round_to
    )


def rounded(*, values: NDArray[np.int64], base: int) -> NDArray[np.int64]:
    """Round to the nearest multiple of ``base``, halves up (e.g. base 5: 12 -> 10, 13 -> 15)."""
    return np.asarray((values + base // 2) // base * base, dtype=np.int64)
