"""Each IDEA metric on its own, with hand-computed numbers."""

from __future__ import annotations

import numpy as np
import pytest

from secure.equity import metrics

# One unit (cell 0) with three groups and a second unit (cell 1) with one group.
COUNT = np.array([40, 30, 20, 5])
POPULATION = np.array([200, 600, 200, 50])
CELL = np.array([0, 0, 0, 1])


def test_risk_is_a_proportion_and_empty_without_enrollment():
    """40 of 200 is 0.2; a group with nobody enrolled has no risk."""
    got = metrics.risk(count=np.array([40, 0]), population=np.array([200, 0]))
    assert got[0] == 0.2
    assert np.isnan(got[1])


def test_comparison_group_is_every_other_group_of_the_same_unit():
    """For the first group: 30 + 20 of 600 + 200; a unit with one group has an empty comparison."""
    count, population = metrics.comparison_totals(
        count=COUNT, population=POPULATION, cell=CELL, n_cells=2
    )
    assert count.tolist() == [50, 60, 70, 0]
    assert population.tolist() == [800, 400, 800, 0]


def test_minimum_sizes_are_inclusive():
    """10 meets a cell size of 10 and 30 meets an n-size of 30."""
    assert metrics.meets_cell_size(count=np.array([9, 10]), min_cell=10).tolist() == [False, True]
    assert metrics.meets_n_size(population=np.array([29, 30]), min_n=30).tolist() == [False, True]


def test_risk_ratio_divides_by_the_comparison_risk_when_eligible():
    """0.2 / 0.0625 = 3.2; ineligible or zero comparison risk gives no ratio."""
    got = metrics.risk_ratio(
        risk=np.array([0.2, 0.2, 0.2]),
        comparison_risk=np.array([0.0625, 0.0625, 0.0]),
        eligible=np.array([True, False, True]),
    )
    assert got[0] == pytest.approx(3.2)
    assert np.isnan(got[1]) and np.isnan(got[2])


def test_alternate_risk_ratio_divides_by_the_state_comparison_risk():
    """0.2 / 0.06 with the state's other groups at 6 percent."""
    got = metrics.alternate_risk_ratio(
        risk=np.array([0.2]), state_comparison_risk=np.array([0.06]), eligible=np.array([True])
    )
    assert got[0] == pytest.approx(10 / 3)


def test_alternate_is_needed_when_the_comparison_misses_either_size():
    """9 with the outcome, or 29 enrolled, is too small a comparison group."""
    got = metrics.needs_alternate(
        comparison_count=np.array([9, 10, 10]),
        comparison_population=np.array([100, 29, 30]),
        min_cell=10,
        min_n=30,
    )
    assert got.tolist() == [True, True, False]


def test_weighted_risk_ratio_uses_state_shares_of_the_other_groups():
    """Hand-computed: risks 0.2, 0.05, 0.1; state shares 1/6, 2/3, 1/6.

    First group: 0.2 * (2/3 + 1/6) / (2/3 * 0.05 + 1/6 * 0.1) = 10/3.
    """
    risk = metrics.risk(count=COUNT, population=POPULATION)
    got = metrics.weighted_risk_ratio(
        risk=risk,
        population=POPULATION,
        weight=np.array([1 / 6, 2 / 3, 1 / 6, 1.0]),
        cell=CELL,
        n_cells=2,
        eligible=np.array([True, True, True, True]),
    )
    assert got[0] == pytest.approx(10 / 3)
    assert got[1] == pytest.approx(0.05 * (1 / 3) / (1 / 6 * 0.2 + 1 / 6 * 0.1))
    assert np.isnan(got[3])  # no other group in the unit


def test_weighted_risk_ratio_leaves_out_groups_nobody_belongs_to():
    """A group with no enrollment in the unit has no risk and no weight in the average."""
    got = metrics.weighted_risk_ratio(
        risk=np.array([0.2, 0.05, np.nan]),
        population=np.array([200, 600, 0]),
        weight=np.array([0.2, 0.5, 0.3]),
        cell=np.array([0, 0, 0]),
        n_cells=1,
        eligible=np.array([True, True, False]),
    )
    assert got[0] == pytest.approx(0.2 * 0.5 / (0.5 * 0.05))


def test_risk_difference_composition_and_population_share():
    """0.2 - 0.0625; 40 of the 90 with the outcome; 200 of the 1000 enrolled."""
    assert metrics.risk_difference(risk=np.array([0.2]), comparison_risk=np.array([0.0625]))[
        0
    ] == pytest.approx(0.1375)
    composition = metrics.composition(count=COUNT, cell=CELL, n_cells=2)
    share = metrics.population_share(population=POPULATION, cell=CELL, n_cells=2)
    assert composition[0] == pytest.approx(40 / 90)
    assert share[0] == pytest.approx(0.2)
    assert composition[3] == 1.0 and share[3] == 1.0
    assert metrics.composition_difference(composition=composition, population_share=share)[
        0
    ] == pytest.approx(40 / 90 - 0.2)
