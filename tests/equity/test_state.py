"""State totals: the alternate ratio's comparison group and the weighted ratio's weights."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from secure.equity import EquityConfig, EquityInputError, count_table_from_rows
from secure.equity.encoding import count_table_encode
from secure.equity.state import (
    state_scopes_missing,
    state_totals_from_table,
    state_totals_from_units,
)


def rows(unit: str, year: str, **groups: tuple[int, int]) -> list[dict[str, object]]:
    return [
        {"unit": unit, "year": year, "outcome": "oss", "group": g, "count": c, "population": n}
        for g, (c, n) in groups.items()
    ]


def test_state_groups_missing_from_the_input_still_join_the_comparison_group():
    """A state 'Other' group counts in every comparison group and in the total population."""
    counts = count_table_encode(
        table=count_table_from_rows(rows=rows("A", "2022", Black=(10, 50), White=(5, 50)))
    )
    state = count_table_from_rows(
        rows=rows("VA", "2022", Black=(100, 500), White=(50, 1000), Other=(30, 300))
    )
    totals = state_totals_from_table(counts=counts, state=state)
    assert totals.total_count.tolist() == [180]
    assert totals.total_population.tolist() == [1800]
    black = counts.group_labels.index("Black")
    assert totals.group_count[0, black] == 100


def test_a_state_file_without_years_applies_to_every_year():
    """Year-less state rows serve the 2021 and the 2022 input alike."""
    counts = count_table_encode(
        table=count_table_from_rows(
            rows=rows("A", "2021", Black=(1, 5)) + rows("A", "2022", Black=(2, 5))
        )
    )
    state = count_table_from_rows(rows=rows("VA", "", Black=(10, 50), White=(20, 90)))
    totals = state_totals_from_table(counts=counts, state=state)
    assert totals.total_population.tolist() == [140, 140]
    assert state_scopes_missing(counts=counts, state=totals) == []


def test_scopes_without_state_rows_are_reported():
    """An outcome the state file lacks is listed so the CLI can warn."""
    counts = count_table_encode(table=count_table_from_rows(rows=rows("A", "2022", Black=(1, 5))))
    state = count_table_from_rows(rows=rows("VA", "2021", Black=(10, 50)))
    totals = state_totals_from_table(counts=counts, state=state)
    assert state_scopes_missing(counts=counts, state=totals) == [("2022", "race", "oss")]


def test_state_file_may_hold_one_total_per_group():
    """Two rows for Black students in 2022 (from two 'units') is an error at the second."""
    counts = count_table_encode(table=count_table_from_rows(rows=rows("A", "2022", Black=(1, 5))))
    state = count_table_from_rows(
        rows=rows("VA", "2022", Black=(10, 50)) + rows("MD", "2022", Black=(10, 50))
    )
    with pytest.raises(EquityInputError, match="one total per combination") as caught:
        state_totals_from_table(counts=counts, state=state, source="state.csv", lines=[2, 3])
    assert caught.value.line == 3


def test_without_a_state_file_the_units_are_summed():
    """The default state is the sum of every unit in the input, per year and outcome."""
    counts = count_table_encode(
        table=count_table_from_rows(
            rows=rows("A", "2022", Black=(1, 5), White=(2, 8)) + rows("B", "2022", Black=(3, 7))
        )
    )
    totals = state_totals_from_units(counts=counts)
    black = counts.group_labels.index("Black")
    assert totals.group_count[0, black] == 4
    assert totals.group_population[0, black] == 12
    assert totals.total_population.tolist() == [20]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_cell": -1},
        {"min_n": 2.5},
        {"threshold": 0},
        {"confidence": 1.0},
        {"fisher_below_expected": -1},
        {"rri_min_count": -3},
    ],
)
def test_impossible_settings_are_refused(kwargs):
    """Sizes are whole numbers from 0; the threshold is positive; confidence lies in (0, 1)."""
    with pytest.raises(ValueError):
        EquityConfig(**kwargs)


def test_the_library_imports_without_django():
    """Importing the whole engine does not import Django (it runs outside the web app)."""
    code = (
        "import sys, secure.equity, secure.equity.cli, secure.equity.counting, "
        "secure.equity.suppression; assert 'django' not in sys.modules, 'django imported'"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": src},
    )
    assert done.returncode == 0, done.stderr
