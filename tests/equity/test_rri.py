"""OJJDP's relative rate index, at one decision point and along a chain of them."""

from __future__ import annotations

import numpy as np
import pytest

from secure.equity.rri import decision_point_rates, relative_rate_indexes

GROUPS = ["White", "Black", "Hispanic"]


def test_chain_of_decision_points_uses_the_previous_stage_as_base():
    """Hand-computed example (not from the OJJDP manual).

    Enrollment 1000 / 400 / 300; referrals 20 / 24 / 9; arrests 10 / 18 / 3.
    Referral rates 0.02, 0.06, 0.03 -> indexes 1, 3, 1.5. Arrest rates per referral
    0.5, 0.75, 0.333... -> indexes 1, 1.5, and none for Hispanic students (3 arrests is
    below the minimum count of 10).
    """
    got = relative_rate_indexes(
        groups=GROUPS,
        population=[1000, 400, 300],
        stages={"referral": [20, 24, 9], "arrest": [10, 18, 3]},
        min_count=0,
        min_base=0,
    )
    assert got["referral"].tolist() == pytest.approx([1.0, 3.0, 1.5])
    strict = relative_rate_indexes(
        groups=GROUPS,
        population=[1000, 400, 300],
        stages={"referral": [20, 24, 9], "arrest": [10, 18, 3]},
        min_count=10,
        min_base=10,
    )
    assert strict["arrest"][:2].tolist() == pytest.approx([1.0, 1.5])
    assert np.isnan(strict["arrest"][2])
    assert np.isnan(strict["referral"][2])  # 9 referrals is below 10 as well


def test_a_stage_can_name_an_earlier_base():
    """Detention based on referrals (as the manual does) skips the diversion stage."""
    rates = decision_point_rates(
        population=[100, 100],
        stages={"referral": [50, 40], "diversion": [10, 20], "detention": [25, 10]},
        bases={"detention": "referral"},
    )
    assert rates["detention"][0].tolist() == pytest.approx([0.5, 0.25])
    with pytest.raises(ValueError):
        decision_point_rates(population=[1], stages={"a": [1]}, bases={"a": "later"})


def test_no_index_without_the_reference_group_or_with_a_zero_reference_rate():
    """Absent reference, or a reference rate of zero, leaves every index empty."""
    absent = relative_rate_indexes(
        groups=["Black", "Asian"],
        population=[100, 100],
        stages={"r": [10, 20]},
        min_count=0,
        min_base=0,
    )
    assert np.isnan(absent["r"]).all()
    zero = relative_rate_indexes(
        groups=GROUPS,
        population=[100, 100, 100],
        stages={"r": [0, 20, 10]},
        min_count=0,
        min_base=0,
    )
    assert np.isnan(zero["r"]).all()
