"""The engine against a hand-computed district and against a row-by-row reading of the methods."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secure.equity import EquityConfig, count_table_from_rows, equity_for_table
from secure.equity.engine import METRIC_COLUMNS

from .reference import naive_metrics

GROUPS = ("Black", "Hispanic", "White", "Asian")


def district(**overrides: tuple[int, int]) -> list[dict[str, object]]:
    """Rows of one district and outcome: (count, population) per group."""
    numbers = {"Black": (40, 200), "White": (30, 600), "Hispanic": (20, 200)} | overrides
    return [
        {"unit": "A", "outcome": "oss", "group": group, "count": c, "population": n}
        for group, (c, n) in numbers.items()
    ]


STATE = [
    {"unit": "ST", "outcome": "oss", "group": "Black", "count": 1000, "population": 10000},
    {"unit": "ST", "outcome": "oss", "group": "White", "count": 2000, "population": 40000},
    {"unit": "ST", "outcome": "oss", "group": "Hispanic", "count": 1000, "population": 10000},
]


def result_for(rows, state=None, **config):
    return equity_for_table(
        table=count_table_from_rows(rows=rows),
        state=None if state is None else count_table_from_rows(rows=state),
        config=EquityConfig(**config),
    )


def test_hand_computed_district_reproduces_every_idea_metric():
    """A hand-computed example (not from a publication): Black students 40 of 200 suspended.

    Risk 40/200 = 0.2; comparison (30+20)/(600+200) = 0.0625; risk ratio 3.2; state
    comparison (2000+1000)/(40000+10000) = 0.06 so alternate risk ratio 0.2/0.06 = 3.3333...;
    state shares 1/6, 2/3, 1/6 so weighted risk ratio 0.2*(5/6) / (2/3*0.05 + 1/6*0.1) = 3.3333...;
    risk difference 0.1375; composition 40/90; population share 0.2.
    """
    result = result_for(district(), STATE)
    black = 0
    assert result.risk[black] == pytest.approx(0.2)
    assert result.comparison_risk[black] == pytest.approx(0.0625)
    assert result.risk_ratio[black] == pytest.approx(3.2)
    assert result.alternate_risk_ratio[black] == pytest.approx(10 / 3)
    assert result.weighted_risk_ratio[black] == pytest.approx(10 / 3)
    assert result.risk_difference[black] == pytest.approx(0.1375)
    assert result.composition[black] == pytest.approx(40 / 90)
    assert result.population_share[black] == pytest.approx(0.2)
    assert result.composition_difference[black] == pytest.approx(40 / 90 - 0.2)
    assert result.relative_rate_index[black] == pytest.approx(0.2 / 0.05)
    assert not result.used_alternate[black]
    assert result.flagged[black]


def test_white_students_risk_ratio_and_index_in_the_hand_computed_district():
    """White students: risk 0.05 against (40+20)/400 = 0.15, so a risk ratio of 1/3; index 1."""
    result = result_for(district(), STATE)
    white = 1
    assert result.risk_ratio[white] == pytest.approx(1 / 3)
    assert result.relative_rate_index[white] == pytest.approx(1.0)
    assert not result.flagged[white]


def test_small_comparison_group_switches_to_the_alternate_risk_ratio():
    """When the other groups have fewer than 10 with the outcome, the alternate ratio applies."""
    rows = district(White=(5, 600), Hispanic=(2, 200))
    result = result_for(rows, STATE)
    assert result.used_alternate[0]
    assert result.applicable_ratio[0] == pytest.approx(0.2 / 0.06)
    assert result.flagged[0]
    assert not math.isnan(result.risk_ratio[0])


def test_group_below_the_minimum_sizes_has_no_ratios_and_is_never_flagged():
    """9 of 29 is a high risk, but below both minimums: ratios are empty, nothing is flagged."""
    result = result_for(district(Black=(9, 29)), STATE)
    assert math.isnan(result.risk_ratio[0])
    assert math.isnan(result.alternate_risk_ratio[0])
    assert math.isnan(result.weighted_risk_ratio[0])
    assert not result.meets_cell_size[0]
    assert not result.meets_n_size[0]
    assert not result.flagged[0]
    assert result.risk[0] == pytest.approx(9 / 29)


def test_threshold_is_inclusive():
    """A ratio exactly at the threshold is flagged (the contract says "at or above")."""
    result = result_for(district(), STATE, threshold=3.2)
    assert result.risk_ratio[0] == 3.2
    assert result.flagged[0]


def test_state_comparison_below_the_sizes_leaves_the_alternate_ratio_empty():
    """34 CFR 300.647(c)(2): no alternate ratio when the state's comparison group is too small."""
    tiny_state = [dict(row, count=1) for row in STATE]
    result = result_for(district(), tiny_state)
    assert np.isnan(result.alternate_risk_ratio).all()


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(("U1", "U2", "U3")),
        st.sampled_from(("2021", "2022")),
        st.sampled_from(("oss", "arrest")),
        st.sampled_from(GROUPS),
        st.integers(0, 60),
        st.integers(0, 90),
    ),
    min_size=1,
    max_size=30,
    unique_by=lambda t: t[:4],
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=rows_strategy, min_cell=st.integers(0, 12), min_n=st.integers(0, 35))
def test_vectorised_engine_matches_the_row_by_row_definitions(raw, min_cell, min_n):
    """Every metric of every row equals the slow reading of the definitions (SciPy p-values)."""
    rows = [
        {
            "unit": u,
            "year": y,
            "dimension": "race",
            "outcome": o,
            "group": g,
            "count": min(c, n),
            "population": n,
        }
        for u, y, o, g, c, n in raw
    ]
    result = result_for(rows, min_cell=min_cell, min_n=min_n)
    expected = naive_metrics(rows, min_cell=min_cell, min_n=min_n)
    for index, want in enumerate(expected):
        for name in METRIC_COLUMNS:
            got = getattr(result, name)[index]
            wanted = want[name]
            if isinstance(wanted, bool):
                assert bool(got) is wanted, (name, index)
            elif wanted is None:
                assert math.isnan(got), (name, index, got)
            else:
                tolerance = 1e-6 if name == "p_value" else 1e-9
                assert got == pytest.approx(wanted, rel=tolerance, abs=1e-12), (name, index)


def test_results_follow_input_order_and_length():
    """One result per input row, in the order given, whatever the order of units and groups."""
    rows = [
        *district(),
        {"unit": "B", "outcome": "oss", "group": "White", "count": 3, "population": 40},
        {"unit": "A", "outcome": "arrest", "group": "Black", "count": 12, "population": 200},
        {"unit": "B", "outcome": "oss", "group": "Black", "count": 12, "population": 40},
    ]
    result = result_for(rows)
    assert len(result) == len(rows)
    assert result.risk.tolist() == pytest.approx([r["count"] / r["population"] for r in rows])
