"""IDEA significant-disproportionality metrics, vectorised over every row of a count table.

Sources (cited per function):

* 34 CFR 300.646-300.647 (IDEA Part B, "Significant disproportionality"), definitions in
  300.647(a): (1) alternate risk ratio, (2) comparison group, (3) minimum cell size,
  (4) minimum n-size, (5) risk, (6) risk ratio, (7) risk ratio threshold.
* J. M. Bollmer, J. W. Bethel, T. E. Munk & A. R. Bitterman, *Methods for Assessing
  Racial/Ethnic Disproportionality in Special Education: A Technical Assistance Guide
  (Revised)*, IDEA Data Center (Westat), 2014 -- "the IDC guide" below (risk, risk ratio,
  alternate and weighted risk ratio, risk difference, composition).

Every function takes and returns NumPy arrays aligned with the input rows; "cannot be
computed" is NaN (written as empty / null).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def safe_divide(*, numerator: NDArray[np.generic], denominator: NDArray[np.generic]) -> FloatArray:
    """Element-wise numerator / denominator, NaN where the denominator is zero or undefined."""
    top = np.asarray(numerator, dtype=np.float64)
    bottom = np.asarray(denominator, dtype=np.float64)
    out = np.full(np.broadcast(top, bottom).shape, np.nan)
    np.divide(top, bottom, out=out, where=bottom != 0)
    return out


def cell_sum(*, values: NDArray[Any], cell: IntArray, n_cells: int) -> NDArray[Any]:
    """Sum ``values`` over the rows of each cell (exact for integers)."""
    out = np.zeros(n_cells, dtype=values.dtype)
    np.add.at(out, cell, values)
    return out


def risk(*, count: IntArray, population: IntArray) -> FloatArray:
    """Risk: children of a group with the outcome divided by children of the group enrolled.

    Source: 34 CFR 300.647(a)(5); IDC guide, "Risk". A proportion (0.25, not 25 percent).
    """
    return safe_divide(numerator=count, denominator=population)


def comparison_totals(
    *, count: IntArray, population: IntArray, cell: IntArray, n_cells: int
) -> tuple[IntArray, IntArray]:
    """Count and population of all *other* groups in the same unit (the comparison group).

    Source: 34 CFR 300.647(a)(2) ("children in all other racial or ethnic groups within an
    LEA"); IDC guide, "Risk ratio".
    """
    cell_count = cell_sum(values=count, cell=cell, n_cells=n_cells)
    cell_population = cell_sum(values=population, cell=cell, n_cells=n_cells)
    return cell_count[cell] - count, cell_population[cell] - population


def meets_cell_size(*, count: IntArray, min_cell: int) -> BoolArray:
    """Whether the numerator reaches the minimum cell size.

    Source: 34 CFR 300.647(a)(3) and (b)(1); 10 is presumptively reasonable.
    """
    return np.asarray(count >= min_cell)


def meets_n_size(*, population: IntArray, min_n: int) -> BoolArray:
    """Whether the denominator reaches the minimum n-size.

    Source: 34 CFR 300.647(a)(4) and (b)(1); 30 is presumptively reasonable.
    """
    return np.asarray(population >= min_n)


def risk_ratio(*, risk: FloatArray, comparison_risk: FloatArray, eligible: BoolArray) -> FloatArray:
    """Risk ratio: a group's risk over the risk of all other groups in the same unit.

    Source: 34 CFR 300.647(a)(6); IDC guide, "Risk ratio". NaN when the group is below
    the minimum sizes (300.647(c)(1)) or the comparison risk is zero.
    """
    ratio = safe_divide(numerator=risk, denominator=comparison_risk)
    return np.where(eligible, ratio, np.nan)


def alternate_risk_ratio(
    *, risk: FloatArray, state_comparison_risk: FloatArray, eligible: BoolArray
) -> FloatArray:
    """Alternate risk ratio: a group's risk in the unit over all other groups' risk in the state.

    Source: 34 CFR 300.647(a)(1) and (b); IDC guide, "Alternate risk ratio". ``eligible``
    must already exclude a group below the sizes and a state comparison group below them
    (300.647(c)).
    """
    ratio = safe_divide(numerator=risk, denominator=state_comparison_risk)
    return np.where(eligible, ratio, np.nan)


def needs_alternate(
    *, comparison_count: IntArray, comparison_population: IntArray, min_cell: int, min_n: int
) -> BoolArray:
    """Whether the unit's comparison group misses the minimum cell size or n-size.

    Source: 34 CFR 300.647(b): the alternate risk ratio is used when "the comparison group
    in the LEA does not meet the minimum cell size or the minimum n-size".
    """
    return ~(
        meets_cell_size(count=comparison_count, min_cell=min_cell)
        & meets_n_size(population=comparison_population, min_n=min_n)
    )


def weighted_risk_ratio(
    *,
    risk: FloatArray,
    population: IntArray,
    weight: FloatArray,
    cell: IntArray,
    n_cells: int,
    eligible: BoolArray,
) -> FloatArray:
    """Weighted risk ratio: the group's risk over the other groups' risks averaged with state weights.

    Source: IDC guide, "Weighted risk ratio" (Westat): WRR_i = R_i * sum_j p_j / sum_j p_j R_j
    over the other groups j of the unit, p_j being group j's share of the *state*
    population, so units with unlike demographics are compared on a common footing. Groups
    with nobody enrolled in the unit have no risk and are left out of both sums (this
    project's reading; when every group is present the numerator weight is 1 - p_i as in
    the guide).
    """
    present = population > 0
    own_weight = np.where(present, weight, 0.0)
    own_weighted_risk = np.where(present, weight * np.nan_to_num(risk), 0.0)
    weight_sum = cell_sum(values=own_weight, cell=cell, n_cells=n_cells)[cell] - own_weight
    weighted_risk = (
        cell_sum(values=own_weighted_risk, cell=cell, n_cells=n_cells)[cell] - own_weighted_risk
    )
    ok = eligible & (weight_sum > 0) & (weighted_risk > 0) & np.isfinite(weight_sum)
    ratio = safe_divide(numerator=risk * weight_sum, denominator=np.where(ok, weighted_risk, 0))
    return np.where(ok, ratio, np.nan)


def risk_difference(*, risk: FloatArray, comparison_risk: FloatArray) -> FloatArray:
    """Risk difference: the group's risk minus the comparison group's risk, in the same unit.

    Source: IDC guide, "Risk difference". Proportions, so 0.05 means five percentage points.
    """
    return np.asarray(risk - comparison_risk, dtype=np.float64)


def composition(*, count: IntArray, cell: IntArray, n_cells: int) -> FloatArray:
    """Composition: the group's share of all children in the unit who had the outcome.

    Source: IDC guide, "Composition".
    """
    total = cell_sum(values=count, cell=cell, n_cells=n_cells)[cell]
    return safe_divide(numerator=count, denominator=total)


def population_share(*, population: IntArray, cell: IntArray, n_cells: int) -> FloatArray:
    """The group's share of all children enrolled in the unit (composition of the population).

    Source: IDC guide, "Composition" (the enrollment composition it is compared with).
    """
    total = cell_sum(values=population, cell=cell, n_cells=n_cells)[cell]
    return safe_divide(numerator=population, denominator=total)


def composition_difference(*, composition: FloatArray, population_share: FloatArray) -> FloatArray:
    """Difference in composition: outcome composition minus enrollment composition.

    Source: IDC guide, "Difference in composition" (a positive value means the group is
    over-represented among children with the outcome).
    """
    return np.asarray(composition - population_share, dtype=np.float64)
