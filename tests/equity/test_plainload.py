"""The Polars loader for plain files: it loads exactly what DuckDB's loader does, or declines."""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import numpy as np
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from secure.equity import cli, plainload
from secure.equity.encoding import EncodedCounts
from secure.equity.errors import EquityInputError
from secure.equity.loading import counts_csv_load
from secure.equity.plainload import counts_csv_read_plain

HEADER = "unit,year,outcome,group,count,population\n"
ROWS = "A,2022,oss,White,3,40\nA,2022,oss,Black,5,50\nB,2022,oss,White,0,7\n"


def write(tmp_path: Path, text: str | bytes, name: str = "counts.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def duckdb_load(path: Path) -> tuple[EncodedCounts, dict[str, list[object]]] | None:
    """The DuckDB loader's codes and text columns (year NULL when empty), or None on an error."""
    con = duckdb.connect()
    try:
        loaded = counts_csv_load(con=con, path=path, table="t")
        columns = con.execute(
            """SELECT unit, NULLIF(year, '') AS year, dimension, outcome, "group", count,
                      population FROM t"""
        ).fetchnumpy()
    except EquityInputError:
        return None
    finally:
        con.close()
    return loaded.counts, {name: list(values.tolist()) for name, values in columns.items()}


def decoded(counts: EncodedCounts) -> list[tuple[object, ...]]:
    """Every row as (cell, scope, group label, count, population), codes renumbered by first use.

    The two loaders may number labels differently; what must agree is which rows share a
    cell, what scope and group each row has, and the numbers.
    """
    first_use: dict[int, int] = {}
    rows = []
    for row in range(counts.n_rows):
        cell = first_use.setdefault(int(counts.cell[row]), len(first_use))
        scope = counts.scope_labels[int(counts.row_scope[row])]
        group = counts.group_labels[int(counts.group[row])]
        rows.append((cell, scope, group, int(counts.count[row]), int(counts.population[row])))
    return rows


def assert_same_as_duckdb(path: Path) -> bool:
    """The plain loader either declines or gives what DuckDB gives; True if it loaded."""
    plain = counts_csv_read_plain(path=path)
    if plain is None:
        return False
    reference = duckdb_load(path)
    assert reference is not None, "the plain loader accepted a file DuckDB's loader refuses"
    counts, columns = reference
    assert decoded(plain.counts) == decoded(counts)
    assert plain.frame.to_dict(as_series=False) == columns
    return True


def test_a_plain_file_is_loaded_like_duckdb_loads_it(tmp_path):
    """The usual export: read by Polars, with the same values and codes."""
    assert assert_same_as_duckdb(write(tmp_path, HEADER + ROWS))


def test_padding_missing_columns_and_a_blank_dimension_are_handled_alike(tmp_path):
    """Spaces around text go, no year means empty, a blank dimension means race."""
    text = (
        "unit , outcome,dimension,group, count ,population\n"
        " A ,oss ,,White,3,40\nA,oss,sex, Black ,5,50\nB,arrest, race ,White,0,7\n"
    )
    assert assert_same_as_duckdb(write(tmp_path, text))


def test_a_file_without_a_final_newline_is_plain(tmp_path):
    """The last line may end the file."""
    assert assert_same_as_duckdb(write(tmp_path, HEADER + ROWS.rstrip("\n")))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEADER + 'A,2022,oss,"White",3,40\n', id="quotes"),
        pytest.param((HEADER + ROWS).replace("\n", "\r\n"), id="crlf"),
        pytest.param("\ufeff" + HEADER + ROWS, id="byte-order-mark"),
        pytest.param(HEADER + "A,2022,oss,White,3,40\n\nB,2022,oss,White,0,7\n", id="blank"),
        pytest.param(HEADER + ROWS + "\n", id="blank-at-end"),
        pytest.param(HEADER + "A,2022,oss,White,3\n", id="short-row"),
        pytest.param(HEADER + "A,2022,oss,White,3,40,9\n", id="long-row"),
        pytest.param(HEADER + "A,2022,oss,White,+3,40\n", id="plus-sign"),
        pytest.param(HEADER + "A,2022,oss,White,03,40\n", id="leading-zero"),
        pytest.param(HEADER + "A,2022,oss,White,0000000000003,40\n", id="thirteen-digits"),
        pytest.param(HEADER + "A,2022,oss,White, 3,40\n", id="space-before-number"),
        pytest.param(HEADER + "A,2022,oss,White,3 ,40\n", id="space-after-number"),
        pytest.param(HEADER + "A,2022,oss,White,-3,40\n", id="negative"),
        pytest.param(HEADER + "A,2022,oss,White,3.0,40\n", id="decimal"),
        pytest.param(HEADER + "A,2022,oss,White,1000000000000,1000000000000\n", id="too-big"),
        pytest.param(HEADER + "A,2022,oss,White,41,40\n", id="count-above-population"),
        pytest.param(HEADER + ",2022,oss,White,3,40\n", id="empty-unit"),
        pytest.param(HEADER + "   ,2022,oss,White,3,40\n", id="unit-of-spaces"),
        pytest.param(HEADER + "A,2022,oss,White,,40\n", id="empty-count"),
        pytest.param(HEADER + ROWS + "A,2022,oss,White,1,9\n", id="repeated-key"),
        pytest.param(HEADER, id="header-only"),
        pytest.param("unit,outcome,group,count\nA,oss,White,3\n", id="missing-column"),
        pytest.param(HEADER.encode() + b"A,2022,oss,Wh\xffite,3,40\n", id="not-utf8"),
        pytest.param(HEADER + "A,2022,oss,Wh\x00ite,3,40\n", id="nul-byte"),
    ],
)
def test_anything_unusual_is_left_to_duckdb(tmp_path, text):
    """Quoting, odd line ends, non-plain numbers and every invalid row: the loader declines."""
    assert counts_csv_read_plain(path=write(tmp_path, text)) is None


alphabet = st.sampled_from(["0", "1", "7", " ", "-", "+", ".", "a", "12", "999999999999"])
field = st.lists(alphabet, max_size=3).map("".join)


@example(rows=[("A", "W", "2", "1")])
@example(rows=[("A", "W", "1", "1"), ("A ", "W", "0", "12")])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", " ", "C ", ""]), st.sampled_from(["W", "B"]), field, field
        ),
        min_size=1,
        max_size=6,
    )
)
def test_plain_loader_never_disagrees_with_duckdb(tmp_path, rows):
    """For any rows, the plain loader declines or yields exactly DuckDB's values."""
    text = HEADER + "".join(f"{u},2022,oss,{g},{c},{p}\n" for u, g, c, p in rows)
    assert_same_as_duckdb(write(tmp_path, text, name="parity.csv"))


def test_cli_writes_the_same_bytes_through_either_loader(tmp_path, monkeypatch):
    """A plain file through Polars and the same file through DuckDB give one output."""
    rng = np.random.default_rng(11)
    lines = [HEADER.replace("year,", "year,dimension,")]
    for unit in range(300):
        for group in ("White", "Black", "Asian", "Hispanic or Latino"):
            population = int(rng.integers(0, 3000))
            count = int(rng.binomial(population, 0.03 if rng.random() < 0.8 else 0.0005))
            dimension = "" if unit % 3 else "race"
            lines.append(f"U-{unit} é,2023,{dimension},oss,{group},{count},{population}\n")
    path = write(tmp_path, "".join(lines))
    assert counts_csv_read_plain(path=path) is not None
    err = io.StringIO()
    assert (
        cli.main(["--input", str(path), "--output", str(tmp_path / "plain.csv")], stderr=err) == 0
    )
    monkeypatch.setattr(cli, "counts_csv_read_plain", lambda **_: None)
    assert cli.main(["--input", str(path), "--output", str(tmp_path / "duck.csv")], stderr=err) == 0
    assert (tmp_path / "plain.csv").read_bytes() == (tmp_path / "duck.csv").read_bytes()


def test_units_are_numbered_exactly_when_hashes_collide(tmp_path, monkeypatch):
    """A hash collision between units falls back to exact numbering (simulated here)."""
    path = write(tmp_path, HEADER + ROWS)
    expected = counts_csv_read_plain(path=path)
    assert expected is not None
    real_select = plainload.pl.DataFrame.select

    def colliding_select(frame, *exprs, **named):
        out = real_select(frame, *exprs, **named)
        if "unit_hash" in out.columns:
            out = out.with_columns(
                plainload.pl.lit(0, dtype=plainload.pl.UInt64).alias("unit_hash")
            )
        return out

    monkeypatch.setattr(plainload.pl.DataFrame, "select", colliding_select)
    collided = counts_csv_read_plain(path=path)
    assert collided is not None
    assert decoded(collided.counts) == decoded(expected.counts)
