"""The rules every count-table row must pass, and their messages."""

from __future__ import annotations

import pytest

from secure.equity import errors
from secure.equity.errors import EquityInputError
from secure.equity.tables import (
    count_table_from_rows,
    count_within_population,
    header_check,
    text_value,
    whole_number,
)


def row(**changes: object) -> dict[str, object]:
    return {"unit": "A", "outcome": "oss", "group": "Black", "count": 3, "population": 40} | changes


def test_header_must_name_every_required_column():
    """A header without ``population`` is refused, naming the column and what the header has."""
    with pytest.raises(EquityInputError) as caught:
        header_check(header=["unit", "outcome", "group", "count"])
    assert caught.value.message == errors.MISSING_COLUMN.format(
        column="population", header="unit, outcome, group, count"
    )


def test_header_columns_need_names():
    """An empty column name (a stray comma) is refused with its position."""
    with pytest.raises(EquityInputError, match="column 6 of the header has no name"):
        header_check(header=["unit", "outcome", "group", "count", "population", ""])


def test_header_may_not_repeat_a_column():
    """Two ``count`` columns would be ambiguous."""
    with pytest.raises(EquityInputError, match="more than once"):
        header_check(header=["unit", "outcome", "group", "count", "count", "population"])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("-3", errors.NEGATIVE_NUMBER.format(column="count", value="-3")),
        ("2.5", errors.NOT_WHOLE_NUMBER.format(column="count", value="2.5")),
        ("3.0", errors.NOT_WHOLE_NUMBER.format(column="count", value="3.0")),
        ("1e3", errors.NOT_WHOLE_NUMBER.format(column="count", value="1e3")),
        ("", errors.EMPTY_NUMBER.format(column="count")),
        ("1234567890123", errors.NUMBER_TOO_LARGE.format(column="count", value="1234567890123")),
        (-1, errors.NEGATIVE_NUMBER.format(column="count", value=-1)),
        (2.5, errors.NOT_WHOLE_NUMBER.format(column="count", value=2.5)),
        (True, errors.NOT_WHOLE_NUMBER.format(column="count", value=True)),
    ],
)
def test_counts_must_be_non_negative_whole_numbers(value, message):
    """Negative, fractional, empty, too long or boolean counts are refused with a precise reason."""
    with pytest.raises(EquityInputError) as caught:
        whole_number(value=value, column="count")
    assert caught.value.message == message


def test_whole_numbers_accept_text_with_spaces_and_integral_numbers():
    """' 42 ', 42 and 42.0 (a database SUM) are all 42."""
    assert whole_number(value=" 42 ", column="count") == 42
    assert whole_number(value=42, column="count") == 42
    assert whole_number(value=42.0, column="count") == 42


def test_count_may_not_exceed_population():
    """More children with the outcome than enrolled is impossible."""
    with pytest.raises(EquityInputError) as caught:
        count_within_population(count=41, population=40)
    assert caught.value.message == errors.COUNT_ABOVE_POPULATION.format(count=41, population=40)


def test_key_fields_are_trimmed_and_may_not_be_empty():
    """Surrounding spaces are dropped; a blank unit is refused."""
    assert text_value(value="  Black ", column="group") == "Black"
    with pytest.raises(EquityInputError, match="unit is empty"):
        text_value(value="   ", column="unit")


def test_rows_name_the_failing_row_number():
    """Without file lines, an error names the 1-based row."""
    with pytest.raises(EquityInputError) as caught:
        count_table_from_rows(rows=[row(), row(group="White", population=-2)])
    assert str(caught.value) == "row 2: population is negative (-2); counts cannot be below zero"


def test_rows_name_the_file_line_when_given():
    """With line numbers (a file), the error names the line of the bad row."""
    with pytest.raises(EquityInputError) as caught:
        count_table_from_rows(
            rows=[row(), row(group="White", count=50)], source="in.csv", lines=[2, 7]
        )
    assert str(caught.value) == "in.csv, line 7: count 50 is larger than population 40"


def test_duplicate_keys_are_refused_naming_both_rows():
    """The same unit, year, dimension, outcome and group twice is an error at the repeat."""
    with pytest.raises(EquityInputError) as caught:
        count_table_from_rows(rows=[row(), row(group="White"), row(count=4)])
    assert caught.value.record == 2
    assert "of row 1" in caught.value.message


def test_year_and_dimension_default_when_absent():
    """No year means an empty year; no dimension means race."""
    table = count_table_from_rows(rows=[row()])
    assert table.row(0)["year"] == ""
    assert table.row(0)["dimension"] == "race"
