"""Suppression: small counts hidden, and no hidden count recoverable from what is published."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from secure.equity.suppression import entry_signs, rounded, suppress_table


def feasible_range(
    grid: np.ndarray, hidden: np.ndarray, target: tuple[int, int]
) -> tuple[float, float]:
    """The smallest and largest value an attacker can give one hidden entry.

    The attacker knows every published entry, that each cell row and column adds up to its
    total, and that counts are never negative. The constraint matrix is a network matrix, so
    the linear-programming bounds are whole numbers: a range of width zero means recovered
    (an unbounded maximum means nothing limits the entry at all).
    """
    signs = entry_signs(shape=grid.shape)
    unknowns = [tuple(p) for p in np.argwhere(hidden)]
    index = {p: k for k, p in enumerate(unknowns)}
    rows_eq, rhs = [], []
    lines = [[(r, c) for c in range(grid.shape[1])] for r in range(grid.shape[0])]
    lines += [[(r, c) for r in range(grid.shape[0])] for c in range(grid.shape[1])]
    for line in lines:
        coefficients = np.zeros(len(unknowns))
        known = 0
        for position in line:
            if position in index:
                coefficients[index[position]] = signs[position]
            else:
                known += signs[position] * grid[position]
        if coefficients.any():
            rows_eq.append(coefficients)
            rhs.append(-known)
    objective = np.zeros(len(unknowns))
    objective[index[target]] = 1
    low = linprog(objective, A_eq=rows_eq, b_eq=rhs, bounds=(0, None), method="highs")
    high = linprog(-objective, A_eq=rows_eq, b_eq=rhs, bounds=(0, None), method="highs")
    assert low.status == 0 and high.status in (0, 3)
    return low.fun, (float("inf") if high.status == 3 else -high.fun)


tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(
            st.lists(
                st.one_of(st.integers(0, 12), st.integers(0, 60)), min_size=cols, max_size=cols
            ),
            min_size=rows,
            max_size=rows,
        )
    )
)


@settings(max_examples=80, deadline=None)
@given(cells=tables, minimum=st.integers(2, 12), totals=st.booleans())
def test_no_suppressed_count_can_be_recovered_from_the_published_table(cells, minimum, totals):
    """For any table, every hidden entry can take at least two values consistent with it all."""
    table = suppress_table(cells=cells, minimum=minimum, totals=totals)
    grid = table.grid
    assert ((grid > 0) & (grid < minimum) & table.primary).sum() == table.primary.sum()
    for position in np.argwhere(table.suppressed):
        low, high = feasible_range(grid, table.suppressed, tuple(position))
        assert high - low >= 1 - 1e-7, (cells, tuple(position), low, high)


@settings(max_examples=40, deadline=None)
@given(cells=tables, minimum=st.integers(2, 12))
def test_every_small_count_is_hidden_and_everything_else_is_exact(cells, minimum):
    """Counts 1..minimum-1 never appear; published entries are the true values."""
    table = suppress_table(cells=cells, minimum=minimum)
    published = table.published()
    for (r, c), value in np.ndenumerate(table.grid):
        if 0 < value < minimum:
            assert published[r][c] is None
        if published[r][c] is not None:
            assert published[r][c] == value


def test_the_checker_catches_a_table_with_one_hidden_cell_per_row():
    """Hiding only the small cell lets a reader subtract it back out of the row total."""
    grid = suppress_table(cells=[[3, 40], [20, 30]], minimum=10).grid
    naive = np.zeros(grid.shape, dtype=bool)
    naive[0, 0] = True
    low, high = feasible_range(grid, naive, (0, 0))
    assert low == high == 3


def test_hand_worked_table():
    """3 and 8 are small; hiding the corners 50 and 25 completes a rectangle that protects both."""
    table = suppress_table(cells=[[3, 40, 50], [20, 30, 12], [25, 0, 8]], minimum=10)
    assert table.published() == [
        [None, 40, None, 93],
        [20, 30, 12, 62],
        [None, 0, None, 33],
        [48, 70, 70, 188],
    ]


def test_a_single_small_cell_table_hides_its_totals_too():
    """A 1x1 table's totals equal its cell, so they must be hidden with it."""
    table = suppress_table(cells=[[4]], minimum=10)
    assert table.published() == [[None, None], [None, None]]


def test_zeros_are_published():
    """The project publishes zeros (they are not small counts of people)."""
    table = suppress_table(cells=[[0, 50], [40, 60]], minimum=10)
    assert table.published()[0][0] == 0
    assert not table.suppressed.any()


def test_rounding_publishes_multiples_of_the_base_halves_up():
    """Base 5: 12 -> 10, 13 -> 15, 15 -> 15; hidden entries stay hidden."""
    assert rounded(values=np.array([12, 13, 15, 17, 0]), base=5).tolist() == [10, 15, 15, 15, 0]
    table = suppress_table(cells=[[3, 42], [21, 33]], minimum=10, round_to=5)
    published = table.published()
    assert published[0][0] is None
    assert all(v is None or v % 5 == 0 for row in published for v in row)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"cells": [[1, -1]]},
        {"cells": [1, 2]},
        {"cells": [[1.5]]},
        {"cells": [[1]], "minimum": 0},
        {"cells": [[1]], "round_to": 0},
    ],
)
def test_bad_arguments_are_refused(kwargs):
    """Negative, fractional or one-dimensional tables and a minimum below 1 are errors."""
    with pytest.raises(ValueError):
        suppress_table(**kwargs)
