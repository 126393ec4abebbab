"""State (or other larger-area) totals: the comparison group of the alternate risk ratio and the
population shares that weight the weighted risk ratio.

Sources: 34 CFR 300.647(a)(1)-(2) (the alternate risk ratio compares with "all other racial or
ethnic groups in the State"); Bollmer, Bethel, Munk & Bitterman, *Methods for Assessing
Racial/Ethnic Disproportionality in Special Education: A Technical Assistance Guide (Revised)*,
IDEA Data Center / Westat, 2014 (weighted risk ratio weights are state population shares).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from . import errors
from .encoding import EncodedCounts, Scope
from .tables import NO_YEAR, CountTable


@dataclass(frozen=True, kw_only=True)
class StateTotals:
    """Per scope (year, dimension, outcome): counts and populations by group, and in all."""

    group_count: NDArray[np.int64]
    """Shape (scopes, groups): children of each input group with the outcome in the state."""
    group_population: NDArray[np.int64]
    """Shape (scopes, groups): children of each input group enrolled in the state."""
    total_count: NDArray[np.int64]
    """Shape (scopes,): all children with the outcome, including groups absent from the input."""
    total_population: NDArray[np.int64]
    """Shape (scopes,): all children enrolled."""


def state_totals_from_units(*, counts: EncodedCounts) -> StateTotals:
    """Sum every unit of the input into state totals (used when no state file is given)."""
    n_scopes = len(counts.scope_labels)
    n_groups = max(counts.n_groups, 1)
    flat = counts.row_scope * n_groups + counts.group
    size = n_scopes * n_groups
    group_count = _sum_int(flat, counts.count, size).reshape(n_scopes, n_groups)
    group_population = _sum_int(flat, counts.population, size).reshape(n_scopes, n_groups)
    return StateTotals(
        group_count=group_count,
        group_population=group_population,
        total_count=group_count.sum(axis=1),
        total_population=group_population.sum(axis=1),
    )


def state_totals_from_table(
    *,
    counts: EncodedCounts,
    state: CountTable,
    source: str | None = None,
    lines: Sequence[int] | None = None,
) -> StateTotals:
    """Match a state count table to the input's scopes and groups.

    The state's ``unit`` is ignored; a row is matched on (year, dimension, outcome, group).
    A state file without years applies to every year of the input. A state group that the
    input lacks still counts in the state totals, so it is part of every comparison group.
    Raises ``EquityInputError`` when the state repeats a (year, dimension, outcome, group).
    """
    n_scopes = len(counts.scope_labels)
    n_groups = max(counts.n_groups, 1)
    group_index = {label: i for i, label in enumerate(counts.group_labels)}
    group_count = np.zeros((n_scopes, n_groups), dtype=np.int64)
    group_population = np.zeros((n_scopes, n_groups), dtype=np.int64)
    totals: dict[Scope, list[int]] = {}
    by_group: dict[tuple[Scope, str], tuple[int, int, int]] = {}
    for row in range(len(state)):
        scope: Scope = (str(state.year[row]), str(state.dimension[row]), str(state.outcome[row]))
        group = str(state.group[row])
        if (scope, group) in by_group:
            first = by_group[(scope, group)][2]
            where = f"line {lines[first]}" if lines is not None else f"row {first + 1}"
            key = (
                f"year={scope[0]!r}, dimension={scope[1]!r}, outcome={scope[2]!r}, group={group!r}"
            )
            raise errors.EquityInputError(
                errors.DUPLICATE_STATE_KEY.format(first=where, key=key),
                source=source,
                line=lines[row] if lines is not None else None,
                record=row,
            )
        count, population = int(state.count[row]), int(state.population[row])
        by_group[(scope, group)] = (count, population, row)
        total = totals.setdefault(scope, [0, 0])
        total[0] += count
        total[1] += population
    total_count = np.zeros(n_scopes, dtype=np.int64)
    total_population = np.zeros(n_scopes, dtype=np.int64)
    for index, scope in enumerate(counts.scope_labels):
        matched = scope_match(scope=scope, available=totals)
        if matched is None:
            continue
        total_count[index], total_population[index] = totals[matched]
        for label, code in group_index.items():
            found = by_group.get((matched, label))
            if found is not None:
                group_count[index, code], group_population[index, code] = found[0], found[1]
    return StateTotals(
        group_count=group_count,
        group_population=group_population,
        total_count=total_count,
        total_population=total_population,
    )


def scope_match(*, scope: Scope, available: dict[Scope, list[int]]) -> Scope | None:
    """The state scope for an input scope: the same year, else the state's year-less totals."""
    if scope in available:
        return scope
    yearless = (NO_YEAR, scope[1], scope[2])
    return yearless if yearless in available else None


def state_scopes_missing(*, counts: EncodedCounts, state: StateTotals) -> list[Scope]:
    """Input scopes for which the state file holds no rows at all (worth a warning)."""
    return [
        scope
        for index, scope in enumerate(counts.scope_labels)
        if state.total_population[index] == 0 and state.total_count[index] == 0
    ]


def _sum_int(index: NDArray[np.int64], values: NDArray[np.int64], size: int) -> NDArray[np.int64]:
    """Exact integer sums of ``values`` grouped by ``index`` (0..size-1)."""
    out = np.zeros(size, dtype=np.int64)
    np.add.at(out, index, values)
    return out
