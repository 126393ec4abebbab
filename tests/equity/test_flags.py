"""Threshold flags and the consecutive-years rule of 34 CFR 300.647(d)(1)."""

from __future__ import annotations

import numpy as np
import pytest

from secure.equity import EquityConfig, count_table_from_rows, equity_for_table
from secure.equity.flags import (
    applicable_ratio,
    consecutive_years_exceeded,
    identified,
    multi_year_streaks,
    ratio_flagged,
    year_ordinals,
)


def test_applicable_ratio_is_the_alternate_one_only_when_needed():
    """Alternate where the unit's comparison group is too small, risk ratio elsewhere."""
    got = applicable_ratio(
        risk_ratio=np.array([1.5, 2.5]),
        alternate_risk_ratio=np.array([3.0, 0.5]),
        used_alternate=np.array([True, False]),
    )
    assert got.tolist() == [3.0, 2.5]


def test_flag_needs_the_threshold_and_both_sizes():
    """At or above the threshold counts; a missing ratio or a missed size never flags."""
    got = ratio_flagged(
        ratio=np.array([2.0, 1.99, np.nan, 5.0, 5.0]),
        meets_cell_size=np.array([True, True, True, False, True]),
        meets_n_size=np.array([True, True, True, True, False]),
        threshold=2.0,
    )
    assert got.tolist() == [True, False, False, False, False]


def test_year_labels_become_calendar_numbers_or_ranks():
    """'2021-22' is 2021; labels without a leading year are ranked in sorted order."""
    assert year_ordinals(years=["2021-22", "2019-20", "2020-21"]) == {
        "2019-20": 2019,
        "2020-21": 2020,
        "2021-22": 2021,
    }
    assert year_ordinals(years=["b", "a", "c"]) == {"a": 0, "b": 1, "c": 2}


def test_streak_counts_consecutive_flagged_years_and_a_gap_breaks_it():
    """Flagged 2019, 2020, 2021 gives streaks 1, 2, 3; a missing 2022 restarts at 2023."""
    series = np.array([0, 0, 0, 0, 1, 1])
    ordinal = np.array([2019, 2020, 2021, 2023, 2020, 2021])
    flagged = np.array([True, True, True, True, True, False])
    got = consecutive_years_exceeded(series=series, ordinal=ordinal, flagged=flagged)
    assert got.tolist() == [1, 2, 3, 1, 1, 0]


def test_streak_does_not_depend_on_row_order():
    """Shuffled rows give the same streak per row."""
    series = np.array([0, 0, 0])
    ordinal = np.array([2021, 2019, 2020])
    flagged = np.array([True, True, True])
    assert consecutive_years_exceeded(series=series, ordinal=ordinal, flagged=flagged).tolist() == [
        3,
        1,
        2,
    ]


def test_identification_after_the_chosen_number_of_years():
    """With three years required, only the third consecutive year identifies."""
    assert identified(streak=np.array([0, 1, 2, 3, 4]), years_required=3).tolist() == [
        False,
        False,
        False,
        True,
        True,
    ]
    with pytest.raises(ValueError):
        identified(streak=np.array([1]), years_required=0)


def test_multi_year_identification_from_a_count_table():
    """A district over the threshold three years running is identified in the third year only."""
    rows = []
    for year, black in (("2019-20", 40), ("2020-21", 45), ("2021-22", 50), ("2022-23", 5)):
        rows.append(
            {
                "unit": "D",
                "year": year,
                "outcome": "oss",
                "group": "Black",
                "count": black,
                "population": 200,
            }
        )
        rows.append(
            {
                "unit": "D",
                "year": year,
                "outcome": "oss",
                "group": "White",
                "count": 30,
                "population": 600,
            }
        )
    table = count_table_from_rows(rows=rows)
    result = equity_for_table(table=table, config=EquityConfig(threshold=2.0))
    streak = multi_year_streaks(table=table, flagged=result.flagged)
    black = streak[::2]
    assert black.tolist() == [1, 2, 3, 0]
    assert identified(streak=black, years_required=3).tolist() == [False, False, True, False]
