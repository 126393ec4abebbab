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


@pytest.mark.parametrize(
    ("group", "comparison", "published", "places"),
    [
        # B. Gerstman, StatPrimer, ch. 16 "Risk Ratios" (San Jose State University, 2006),
        # p. 16.1, illustrative example "toxic.sav": cerebellar toxicity in 11 of 25 patients
        # given the generic drug and 3 of 34 given the brand; "the risk ratio of 4.99".
        ((11, 25), (3, 34), 4.99, 2),
        # J. Martin, "Disease Association - Risk Ratio", CTSpedia (UCSF), slide 1: illness in
        # 54 of 70 who ate the potato salad and 2 of 28 who did not; "Risk ratio = 11".
        ((54, 70), (2, 28), 11, 0),
    ],
)
def test_published_risk_ratio_examples_from_epidemiology_teaching_texts(
    group, comparison, published, places
):
    """Published worked examples of the risk ratio -- but NOT from the IDEA sources.

    The IDEA risk ratio (34 CFR 300.647(a)(6)) is the epidemiologists' risk ratio with "all
    other groups" as the unexposed group, so these published examples check the same
    arithmetic; each is reproduced to the places its source prints. The worked examples of
    the IDC guide, the 2016 final rule's preamble and the OJJDP manual could not be retrieved
    for this project (docs/methods.md, "Worked examples in the tests").
    """
    own = metrics.risk(count=np.array([group[0]]), population=np.array([group[1]]))
    other = metrics.risk(count=np.array([comparison[0]]), population=np.array([comparison[1]]))
    ratio = metrics.risk_ratio(risk=own, comparison_risk=other, eligible=np.array([True]))
    assert round(float(ratio[0]), places) == published
