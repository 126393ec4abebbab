"""Loading count-table CSV files through DuckDB: line-accurate errors, order, parity with the rules."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from secure.equity import errors
from secure.equity.errors import EquityInputError
from secure.equity.loading import count_table_read_csv, counts_csv_load
from secure.equity.tables import count_table_from_rows

HEADER = "unit,year,outcome,group,count,population\n"


def load(path: Path):
    con = duckdb.connect()
    try:
        return counts_csv_load(con=con, path=path, table="t")
    finally:
        con.close()


def write(tmp_path: Path, text: str, name: str = "counts.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path) -> EquityInputError:
    with pytest.raises(EquityInputError) as caught:
        load(path)
    return caught.value


def test_bad_count_is_reported_at_its_physical_line(tmp_path):
    """A quoted field spanning two lines and a blank line still leave the right line number."""
    path = write(
        tmp_path,
        HEADER
        + 'A,2022,oss,"Black\nor African American",3,40\n'
        + "\n"
        + "A,2022,oss,White,-2,60\n",
    )
    error = error_of(path)
    assert error.line == 5
    assert str(error) == f"{path}, line 5: count is negative (-2); counts cannot be below zero"


def test_missing_column_is_reported_on_line_one(tmp_path):
    """The header line is line 1."""
    error = error_of(write(tmp_path, "unit,outcome,group,count\nA,oss,Black,3\n"))
    assert error.line == 1
    assert "missing required column 'population'" in error.message


def test_row_with_too_few_fields_is_reported(tmp_path):
    """A short row is named with how many fields it has."""
    error = error_of(write(tmp_path, HEADER + "A,2022,oss,Black,3,40\nA,2022,oss,White,3\n"))
    assert error.line == 3
    assert error.message == errors.WRONG_FIELD_COUNT.format(found=5, expected=6)


def test_duplicate_key_names_both_lines(tmp_path):
    """The repeat is the error line; the message names the first occurrence's line."""
    path = write(
        tmp_path,
        HEADER
        + "A,2022,oss,Black,3,40\nA,2022,oss,White,3,40\nB,2022,oss,Black,3,40\n"
        + "A,2022,oss,Black,4,40\n",
    )
    error = error_of(path)
    assert error.line == 5
    assert "of line 2" in error.message
    assert "unit='A'" in error.message


def test_count_one_above_population_is_refused_and_equal_is_accepted(tmp_path):
    """The boundary: 40 of 40 is fine, 41 of 40 is an error on its line."""
    assert load(write(tmp_path, HEADER + "A,2022,oss,Black,40,40\n")).counts.n_rows == 1
    error = error_of(write(tmp_path, HEADER + "A,2022,oss,Black,41,40\n", name="bad.csv"))
    assert error.line == 2
    assert error.message == errors.COUNT_ABOVE_POPULATION.format(count=41, population=40)


def test_empty_file_is_refused(tmp_path):
    """Nothing at all is not a count table."""
    error = error_of(write(tmp_path, ""))
    assert error.message == errors.EMPTY_FILE


def test_header_only_file_is_an_empty_table(tmp_path):
    """A header and no rows loads as zero rows."""
    assert load(write(tmp_path, HEADER)).counts.n_rows == 0


def test_rows_keep_file_order_in_a_file_read_in_parallel(tmp_path):
    """DuckDB reads big files in parallel; rows must still come back in file order."""
    size = 120_000
    populations = np.arange(size) + 1
    con = duckdb.connect()
    con.register("g", {"i": np.arange(size), "p": populations})
    path = tmp_path / "big.csv"
    con.execute(
        f"""COPY (SELECT 'unit-with-a-long-name-' || (i // 4) || repeat('x', 40) AS unit,
                         'oss' AS outcome, 'group-' || (i % 4) AS "group",
                         0 AS count, p AS population FROM g)
            TO '{path}' (HEADER)"""  # noqa: S608 (a test's temporary path)
    )
    loaded = counts_csv_load(con=con, path=path, table="big")
    assert np.array_equal(loaded.counts.population, populations)
    con.close()


alphabet = st.sampled_from(["0", "1", "2", "-", ".", " ", "a", "e", "12", "1234567890123"])
field = st.lists(alphabet, max_size=3).map("".join)


@example(rows=[("A", "W", "2", "1")])
@example(rows=[("A", "W", "1", "1"), ("A", "W", "0", "2")])
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", " ", "C "]), st.sampled_from(["W", "B"]), field, field
        ),
        min_size=1,
        max_size=6,
    )
)
def test_duckdb_loader_refuses_exactly_what_the_python_rules_refuse(tmp_path, rows):
    """For any rows, the fast loader fails on the same line with the same message as the rules."""
    path = tmp_path / "parity.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "outcome", "group", "count", "population"])
        for unit, group, count, population in rows:
            writer.writerow([unit, "oss", group, count, population])
    dicts = [
        {"unit": u, "outcome": "oss", "group": g, "count": c, "population": p}
        for u, g, c, p in rows
    ]
    lines = list(range(2, 2 + len(rows)))
    try:
        count_table_from_rows(rows=dicts, source=str(path), lines=lines)
        expected = None
    except EquityInputError as error:
        expected = (error.line, error.message)
    try:
        load(path)
        got = None
    except EquityInputError as error:
        got = (error.line, error.message)
    assert got == expected


def test_read_csv_into_memory_keeps_values(tmp_path):
    """The in-memory reader returns trimmed text and whole numbers."""
    table = count_table_read_csv(path=write(tmp_path, HEADER + " A ,2022,oss, Black , 3 ,40\n"))
    assert table.row(0) == {
        "unit": "A",
        "year": "2022",
        "dimension": "race",
        "outcome": "oss",
        "group": "Black",
        "count": 3,
        "population": 40,
    }


def test_padding_is_trimmed_and_a_unit_of_spaces_is_empty(tmp_path):
    """Spaces around values go; a blank dimension means race; a unit of spaces is refused."""
    text = "unit,dimension,outcome,group,count,population\n A ,  ,oss ,White,1,9\n"
    table = count_table_read_csv(path=write(tmp_path, text))
    assert (table.unit[0], table.dimension[0], table.outcome[0]) == ("A", "race", "oss")
    error = error_of(write(tmp_path, text + "   ,sex,oss,White,1,9\n", name="blank.csv"))
    assert error.line == 3
    assert error.message == "unit is empty"
