"""The CSV writers against each other and against an independent Python rendering.

Three routes must give the same bytes: the fast writer (Polars; values that would print with
an exponent rewritten from ``repr``), DuckDB's writer with its own fast path (a metric column
goes through the ``equity_plain`` SQL formatter only when some value in it would otherwise
print with an exponent), and DuckDB's writer with every column through ``equity_plain`` (the
reference). The tables are random, with empty values, whole numbers, signed zeros,
subnormals, huge values and text that needs quoting; the Python rendering of ``repr(float)``
in positional form checks all three.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import duckdb
import numpy as np
import pytest

from secure.equity import output
from secure.equity.engine import METRIC_COLUMNS, EquityResult
from secure.equity.output import BOOLEAN_COLUMNS, OUTPUT_COLUMNS, results_write


def random_metric(rng: np.random.Generator, size: int, *, awkward: bool) -> np.ndarray:
    """Doubles of every kind: NaN (empty), whole numbers, ordinary ratios and, if ``awkward``,
    values that print with an exponent (tiny p-values, subnormals, huge ratios)."""
    values = rng.random(size) * 10.0 ** rng.integers(-3, 4, size)
    kind = rng.integers(0, 6 if awkward else 4, size)
    values[kind == 0] = np.nan
    values[kind == 1] = rng.integers(0, 5, int((kind == 1).sum())).astype(np.float64)
    values[kind == 2] = -values[kind == 2]
    if awkward:
        tiny = kind == 4
        values[tiny] = rng.random(int(tiny.sum())) * 10.0 ** rng.integers(-323, -4, int(tiny.sum()))
        huge = kind == 5
        values[huge] = rng.random(int(huge.sum())) * 10.0 ** rng.integers(15, 300, int(huge.sum()))
    values[rng.random(size) < 0.02] = -0.0
    return values


def random_result(rng: np.random.Generator, size: int) -> EquityResult:
    """An EquityResult with random columns; some numeric columns need the exponent rewrite."""
    columns: dict[str, np.ndarray] = {}
    for field in fields(EquityResult):
        if field.name in BOOLEAN_COLUMNS:
            columns[field.name] = rng.random(size) < 0.5
        else:
            columns[field.name] = random_metric(rng, size, awkward=bool(rng.random() < 0.5))
    return EquityResult(**columns)


def random_input(rng: np.random.Generator, size: int) -> dict[str, np.ndarray]:
    """Input columns as the writer receives them from memory (year may be empty or missing)."""
    years = np.array(["2021-22", "", None, "2023"], dtype=object)
    names = np.array(
        ['Escuela "José Martí", Annex', "North\nCampus", "Ünïcode école", "a\\b", "plain"],
        dtype=object,
    )
    return {
        "unit": np.array([f"{names[(i // 7) % 5]} {i // 7}" for i in range(size)], dtype=object),
        "year": years[rng.integers(0, 4, size)],
        "dimension": np.array(["race"] * size, dtype=object),
        "outcome": np.array(["referral"] * size, dtype=object),
        "group": np.array([f"group {i % 7}" for i in range(size)], dtype=object),
        "count": rng.integers(0, 10**12, size),
        "population": rng.integers(0, 10**12, size),
    }


def python_plain(value: float) -> str:
    """Independent reference: ``repr(value)`` rewritten without an exponent; NaN is empty."""
    if np.isnan(value):
        return ""
    text = repr(value)
    if "e" not in text:
        return text
    plain = format(Decimal(text), "f")
    if text.startswith("-") and not plain.startswith("-"):
        plain = "-" + plain
    return plain if "." in plain else plain + ".0"


def python_csv(source: dict[str, np.ndarray], result: EquityResult) -> bytes:
    """The whole CSV file as the contract describes it, built row by row in Python."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    metrics = result.columns()
    for i in range(len(result)):
        row: list[str] = []
        for name in OUTPUT_COLUMNS:
            if name in METRIC_COLUMNS:
                value = metrics[name][i]
                if name in BOOLEAN_COLUMNS:
                    row.append("true" if value else "false")
                else:
                    row.append(python_plain(float(value)))
            else:
                value = source[name][i]
                row.append("" if value is None else str(value))
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def write(tmp_path: Path, name: str, source: dict[str, np.ndarray], result: EquityResult) -> bytes:
    destination = tmp_path / name
    con = duckdb.connect()
    try:
        results_write(
            con=con, source=source, result=result, destination=destination, output_format="csv"
        )
    finally:
        con.close()
    return destination.read_bytes()


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_fast_path_writes_the_same_bytes_as_the_reference_path(tmp_path, monkeypatch, seed):
    """Random tables, written in several row ranges so parts choose their columns separately."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(50, 400))
    source, result = random_input(rng, size), random_result(rng, size)
    cuts = sorted({0, size, *rng.integers(1, size, 3).tolist()})
    monkeypatch.setattr(output, "part_bounds", lambda **_: cuts)
    fast = write(tmp_path, "fast.csv", source, result)
    monkeypatch.setattr(output, "CSV_WRITER", "duckdb")
    duckdb_fast = write(tmp_path, "duckdb.csv", source, result)
    monkeypatch.setattr(output, "needs_positional_rewrite", lambda **_: True)
    reference = write(tmp_path, "reference.csv", source, result)
    assert duckdb_fast == reference
    assert fast == reference
    assert fast == python_csv(source, result)


def test_fast_writer_matches_the_reference_on_a_table_from_the_engine(tmp_path, monkeypatch):
    """Through the CLI's own route (input held in a DuckDB table), both writers agree."""
    from secure.equity import EquityConfig, equity_compute
    from secure.equity.loading import counts_csv_load
    from secure.equity.state import state_totals_from_units

    rng = np.random.default_rng(3)
    path = tmp_path / "counts.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "year", "outcome", "group", "count", "population"])
        for unit in range(300):
            for group in ("Black", "White", "Hispanic", "Asian"):
                population = int(rng.integers(0, 3000))
                count = int(rng.binomial(population, 0.02 if group != "Black" else 0.2))
                year = ("2022-23", "")[unit % 2]
                writer.writerow([f"school, {unit}", year, "oss", group, count, population])
    texts = []
    for writer_name in ("polars", "duckdb"):
        monkeypatch.setattr(output, "CSV_WRITER", writer_name)
        con = duckdb.connect()
        try:
            loaded = counts_csv_load(con=con, path=path, table="equity_input")
            result = equity_compute(
                counts=loaded.counts,
                state=state_totals_from_units(counts=loaded.counts),
                config=EquityConfig(),
            )
            destination = tmp_path / f"{writer_name}.csv"
            results_write(
                con=con,
                source=loaded.table,
                result=result,
                destination=destination,
                output_format="csv",
            )
        finally:
            con.close()
        texts.append(destination.read_bytes())
    assert texts[0] == texts[1]
    assert b"e-" not in texts[0]


def test_fast_path_is_taken_only_for_columns_without_exponents():
    """The check that decides the path: any finite non-zero value outside [1e-4, 1e15)."""
    check = output.needs_positional_rewrite
    assert not check(values=np.array([np.nan, 0.0, -0.0, 1e-4, 0.5, 9.99e14, -3.0]))
    assert check(values=np.array([np.nan, 9.99e-5]))
    assert check(values=np.array([1e15]))
    assert check(values=np.array([-5e-324]))
    assert not check(values=np.array([True, False]))


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_output_file_gets_ordinary_permissions(tmp_path, output_format):
    """The output is not left private like the temporary file it was built in."""
    rng = np.random.default_rng(9)
    source, result = random_input(rng, 20), random_result(rng, 20)
    destination = tmp_path / f"out.{output_format}"
    con = duckdb.connect()
    mask = os.umask(0o022)
    try:
        results_write(
            con=con,
            source=source,
            result=result,
            destination=destination,
            output_format=output_format,
        )
        assert destination.stat().st_mode & 0o777 == 0o644
        destination.chmod(0o640)
        results_write(
            con=con,
            source=source,
            result=result,
            destination=destination,
            output_format=output_format,
        )
        assert destination.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(mask)
        con.close()


class _NumpyOnlyRelation:
    """A DuckDB relation seen through the API of older DuckDB releases (no Arrow stream)."""

    def __init__(self, relation: duckdb.DuckDBPyRelation) -> None:
        self._relation = relation

    def fetchnumpy(self) -> dict[str, np.ndarray]:
        return self._relation.fetchnumpy()


def test_input_columns_reach_polars_with_or_without_arrow():
    """Both routes from DuckDB to Polars give the same frame, NULL years included."""
    con = duckdb.connect()
    try:
        con.execute(
            """CREATE TABLE t AS SELECT * FROM (VALUES
                   ('a, "b"', NULL, 'race', 'oss', 'Black', 3, 40),
                   ('é', '2023', 'race', 'oss', 'White', 0, 0)) AS v(unit, year, dimension,
                   outcome, "group", count, population)"""
        )
        query = 'SELECT unit, year, dimension, outcome, "group", count, population FROM t'
        arrow = output._frame_from_relation(con.sql(query))
        numpy_route = output._frame_from_relation(_NumpyOnlyRelation(con.sql(query)))
    finally:
        con.close()
    assert arrow.equals(numpy_route)
    assert numpy_route["year"].to_list() == [None, "2023"]
    assert numpy_route["count"].to_list() == [3, 0]


@pytest.mark.parametrize("output_format", ["csv", "json"])
def test_input_columns_from_a_polars_frame_write_the_same_bytes(tmp_path, output_format):
    """The plain loader hands the writer a Polars frame; both writers give the usual bytes."""
    import polars as pl

    rng = np.random.default_rng(21)
    source, result = random_input(rng, 300), random_result(rng, 300)
    frame = pl.DataFrame(
        [
            pl.Series(name, source[name].tolist(), dtype=pl.Int64)
            if name in ("count", "population")
            else pl.Series(name, source[name].tolist(), dtype=pl.String)
            for name in output.INPUT_COLUMNS
        ]
    )
    outputs = []
    for name, given in (("frame", frame), ("arrays", source)):
        destination = tmp_path / f"{name}.{output_format}"
        con = duckdb.connect()
        try:
            results_write(
                con=con,
                source=given,
                result=result,
                destination=destination,
                output_format=output_format,
            )
        finally:
            con.close()
        outputs.append(destination.read_bytes())
    assert outputs[0] == outputs[1]
    if output_format == "csv":
        assert outputs[0] == python_csv(source, result)


def test_polars_prints_its_positional_range_as_the_contract_does(tmp_path):
    """Between 1e-5 and 1e16 Polars needs no rewrite; just outside, the rewrite takes over."""
    rng = np.random.default_rng(8)
    low, high = output.POLARS_POSITIONAL
    edges = [low, np.nextafter(low, 0), np.nextafter(low, 1), 9.999999999999999e-05, 1e-4]
    edges += [1e15, 9.999999999999998e15, np.nextafter(high, 0), high, 2e15, 1234567890123456.0]
    inside = np.concatenate(
        [
            low + rng.random(2000) * 9e-5,
            1e15 + rng.random(2000) * (high - 1e15),
            np.floor(1e15 + rng.random(200) * 8e15),
        ]
    )
    values = np.concatenate([edges, inside, -inside[:100]])
    size = values.shape[0]
    result = random_result(rng, size)
    columns = {field.name: getattr(result, field.name) for field in fields(EquityResult)}
    columns["p_value"] = values
    result = EquityResult(**columns)
    source = random_input(rng, size)
    assert write(tmp_path, "edges.csv", source, result) == python_csv(source, result)
