"""Writing results as CSV or JSON: contract column names, plain decimals, all or nothing.

Numbers are written in their shortest round-trip form (no rounding beyond float precision)
and always positionally -- ``0.00001``, never ``1e-05`` -- because other tools read these
files. A value that cannot be computed is empty in CSV and ``null`` in JSON. The file appears
only when complete: parts are written to temporary files next to the destination, joined,
and the result renamed over the destination.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import duckdb
import numpy as np
import polars as pl

from .engine import METRIC_COLUMNS, EquityResult
from .loading import table_name_check

INPUT_COLUMNS = ("unit", "year", "dimension", "outcome", "group", "count", "population")
OUTPUT_COLUMNS = INPUT_COLUMNS + METRIC_COLUMNS
"""Every output column, in order, exactly as the CLI contract names them."""
FORMATS = ("csv", "json")
BOOLEAN_COLUMNS = frozenset({"used_alternate", "meets_cell_size", "meets_n_size", "flagged"})
InputSource = str | Mapping[str, np.ndarray] | pl.DataFrame
"""Where the input columns are: a DuckDB table (rows in rowid order), in-memory arrays, or a
Polars frame of them (from ``plainload``; DuckDB's writer reads it as arrays)."""
_ROWS_PER_PART = 200_000
POLARS_POSITIONAL = (1e-5, 1e16)
"""Magnitudes Polars prints positionally, exactly as ``positional_text`` does (Python's
``repr`` switches to an exponent below 1e-4 and from 1e16); tests check the range and its
edges. Only values outside it are rewritten (docs/decisions/0019)."""
CSV_WRITER = "polars"
"""Who writes CSV: "polars" (fast) or "duckdb" (the reference; JSON is always DuckDB's).

Both print every double in its shortest round-trip form, positionally; tests check they
write identical bytes (docs/decisions/0017)."""

_MACROS = r"""
CREATE OR REPLACE MACRO equity_sci_digits(m, e) AS CASE
    WHEN e < 0 THEN '0.' || repeat('0', -e - 1) || replace(m, '.', '')
    WHEN length(replace(m, '.', '')) <= e + 1
        THEN replace(m, '.', '') || repeat('0', e + 1 - length(replace(m, '.', ''))) || '.0'
    ELSE left(replace(m, '.', ''), e + 1) || '.' || substr(replace(m, '.', ''), e + 2)
END;
CREATE OR REPLACE MACRO equity_sci_plain(s) AS CASE
    WHEN NOT contains(s, 'e') THEN s
    ELSE (CASE WHEN starts_with(s, '-') THEN '-' ELSE '' END)
        || equity_sci_digits(ltrim(split_part(s, 'e', 1), '-'),
                             CAST(split_part(s, 'e', 2) AS INTEGER))
END;
CREATE OR REPLACE MACRO equity_plain(x) AS CASE
    WHEN (abs(x) >= 0.0001 AND abs(x) < 1e15) OR x = 0 THEN CAST(x AS VARCHAR)
    WHEN isfinite(x) THEN equity_sci_plain(CAST(x AS VARCHAR))
END;
"""


def plain_macros_install(*, con: duckdb.DuckDBPyConnection) -> None:
    """Define ``equity_plain(x)``: a double as positional decimal text (NULL if not finite)."""
    con.execute(_MACROS)


def results_write(
    *,
    con: duckdb.DuckDBPyConnection,
    source: InputSource,
    result: EquityResult,
    destination: Path | None,
    output_format: str,
    stdout: BinaryIO | None = None,
) -> None:
    """Write every input row with its metrics to ``destination`` (or ``stdout``), atomically.

    Large outputs are written in row ranges by parallel DuckDB cursors, then joined.
    """
    if output_format not in FORMATS:
        raise ValueError(f"unknown format {output_format!r}; expected one of {FORMATS}")
    if destination is None and stdout is None:
        raise ValueError("either a destination or stdout is needed")
    if isinstance(source, str):
        table_name_check(table=source)
    if isinstance(source, pl.DataFrame) and not (output_format == "csv" and CSV_WRITER == "polars"):
        source = _arrays_from_frame(source)
    plain_macros_install(con=con)
    directory = destination.parent if destination is not None else Path(tempfile.gettempdir())
    handle, temporary = tempfile.mkstemp(prefix=".equity-", suffix=".partial", dir=directory)
    os.close(handle)
    work = Path(temporary)
    bounds = part_bounds(con=con, rows=len(result))
    # CSV part 0 is written straight into the work file; later parts are appended to it.
    first_in_place = output_format == "csv"
    parts = [
        work if k == 0 and first_in_place else work.with_suffix(f".part{k}")
        for k in range(len(bounds) - 1)
    ]
    try:
        if output_format == "csv" and CSV_WRITER == "polars":
            _csv_write_polars(con=con, source=source, result=result, path=work)
            parts = [work]
        else:
            _parts_write(
                con=con,
                source=source,
                result=result,
                bounds=bounds,
                parts=parts,
                work=work,
                output_format=output_format,
                first_in_place=first_in_place,
            )
        if destination is not None:
            _mode_match(work=work, destination=destination)
            os.replace(work, destination)
        else:
            assert stdout is not None
            with work.open("rb") as finished:
                shutil.copyfileobj(finished, stdout, 1 << 20)
            stdout.flush()
    finally:
        for leftover in (work, *parts):
            leftover.unlink(missing_ok=True)


def _parts_write(
    *,
    con: duckdb.DuckDBPyConnection,
    source: InputSource,
    result: EquityResult,
    bounds: list[int],
    parts: list[Path],
    work: Path,
    output_format: str,
    first_in_place: bool,
) -> None:
    """DuckDB's writer: row ranges written by parallel cursors, then joined into ``work``."""
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        futures = [
            pool.submit(
                _part_write,
                con=con.cursor(),
                source=source,
                result=result,
                start=bounds[k],
                stop=bounds[k + 1],
                path=parts[k],
                output_format=output_format,
                header=k == 0,
            )
            for k in range(len(parts))
        ]
        for future in futures:
            future.result()
    with work.open("r+b" if first_in_place else "wb") as out:
        out.seek(0, os.SEEK_END)
        if output_format == "json":
            out.write(b"[\n")
        for part in parts[1:] if first_in_place else parts:
            file_append(out=out, path=part)
        if output_format == "json":
            out.write(b"]\n")


def positional_text(value: float) -> str:
    """``repr(value)`` without an exponent: 1e-05 -> 0.00001, 1e+16 -> 10000000000000000.0."""
    text = repr(value)
    if "e" not in text:
        return text
    plain = format(Decimal(text), "f")
    return plain if "." in plain else plain + ".0"


def _exponent_rows(values: np.ndarray) -> np.ndarray:
    """Rows Polars would print with an exponent (finite, non-zero, outside [1e-5, 1e16))."""
    magnitude = np.abs(values)
    with np.errstate(invalid="ignore"):
        outside = (magnitude < POLARS_POSITIONAL[0]) | (magnitude >= POLARS_POSITIONAL[1])
    outside &= np.isfinite(magnitude) & (magnitude != 0)
    return np.flatnonzero(outside)


def _csv_write_polars(
    *, con: duckdb.DuckDBPyConnection, source: InputSource, result: EquityResult, path: Path
) -> None:
    """Write the CSV with Polars, whose double-to-text is about twice as fast as DuckDB's.

    Polars prints doubles in their shortest round-trip form; it uses an exponent below 1e-5
    and from 1e16, where the contract wants positional digits, so the (rare) values outside
    [1e-5, 1e16) are rewritten from ``repr`` and their column is written as text.
    """
    if isinstance(source, pl.DataFrame):
        frame = source.select(INPUT_COLUMNS)
    elif isinstance(source, str):
        cursor = con.cursor()
        try:
            relation = cursor.sql(
                f"SELECT {', '.join(_quoted_names(INPUT_COLUMNS))} FROM {source}"  # noqa: S608 (checked table name)
            )
            frame = _frame_from_relation(relation)
        finally:
            cursor.close()
    else:
        frame = pl.DataFrame(
            [
                pl.Series(name, np.asarray(source[name], dtype=np.int64))
                if name in ("count", "population")
                else pl.Series(
                    name, np.asarray(source[name], dtype=object).tolist(), dtype=pl.String
                )
                for name in INPUT_COLUMNS
            ]
        )
    frame = frame.with_columns(
        pl.col("year").cast(pl.String).replace("", None),
        pl.col("count").cast(pl.Int64),
        pl.col("population").cast(pl.Int64),
    )
    columns, metrics = _metric_columns(result)
    frame.hstack(columns, in_place=True)
    # One lazy query: Polars prepares and writes row ranges in parallel, in order.
    frame.lazy().select(*(pl.col(name) for name in INPUT_COLUMNS), *metrics).sink_csv(
        path, null_value="", line_terminator="\n", quote_style="necessary"
    )


def _metric_columns(result: EquityResult) -> tuple[list[pl.Series], list[pl.Expr]]:
    """The metric columns and how Polars writes them: NaN as null, exponents rewritten.

    A value outside [1e-5, 1e16) gets its positional text from ``repr`` (in a helper column);
    the rest of its column is cast to text, which Polars formats exactly as it would write
    the double.
    """
    columns: list[pl.Series] = []
    expressions: list[pl.Expr] = []
    for name, values in result.columns().items():
        if name in BOOLEAN_COLUMNS:
            columns.append(pl.Series(name, np.asarray(values, dtype=np.bool_)))
            expressions.append(pl.col(name))
            continue
        numbers = np.asarray(values, dtype=np.float64)
        columns.append(pl.Series(name, numbers))
        value = pl.col(name).fill_nan(None)
        rows = _exponent_rows(numbers)
        if rows.size:
            positional = f"{name} positional"
            texts = [positional_text(number) for number in numbers[rows].tolist()]
            columns.append(
                pl.repeat(None, numbers.shape[0], dtype=pl.String, eager=True)
                .alias(positional)
                .scatter(rows, texts)
            )
            value = pl.coalesce(pl.col(positional), value.cast(pl.String))
        expressions.append(value.alias(name))
    return columns, expressions


def _frame_from_relation(relation: Any) -> pl.DataFrame:
    """The input columns of a DuckDB relation as a Polars frame.

    Through Arrow when the DuckDB release offers it (no copy through Python objects),
    otherwise through NumPy.
    """
    if hasattr(relation, "__arrow_c_stream__"):
        return pl.DataFrame(relation)
    columns = relation.fetchnumpy()
    return pl.DataFrame(
        [
            pl.Series(name, np.asarray(columns[name], dtype=np.int64))
            if name in ("count", "population")
            else pl.Series(name, columns[name].tolist(), dtype=pl.String)
            for name in INPUT_COLUMNS
        ]
    )


def _arrays_from_frame(frame: pl.DataFrame) -> dict[str, np.ndarray]:
    """The input columns of a Polars frame as NumPy arrays (text as objects, None for null)."""
    return {
        name: frame.get_column(name).to_numpy()
        if name in ("count", "population")
        else np.asarray(frame.get_column(name).to_list(), dtype=object)
        for name in INPUT_COLUMNS
    }


def _quoted_names(names: tuple[str, ...]) -> list[str]:
    """Column names as SQL identifiers (year emptied to NULL as the DuckDB writer does)."""
    return ["NULLIF(year, '') AS year" if name == "year" else f'"{name}"' for name in names]


def _mode_match(*, work: Path, destination: Path) -> None:
    """Give the finished file the permissions a plainly created file would have.

    Temporary files are private (0600); the output replaces an existing file with that file's
    mode, or else gets the usual mode for new files under the process umask.
    """
    try:
        mode = destination.stat().st_mode & 0o7777
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        mode = 0o666 & ~mask
    os.chmod(work, mode)


def file_append(*, out: BinaryIO, path: Path) -> None:
    """Append the file at ``path`` to ``out``, in the kernel when the platform allows it."""
    out.flush()
    with path.open("rb") as piece:
        size = os.fstat(piece.fileno()).st_size
        copied = 0
        try:
            while copied < size:
                step = os.copy_file_range(piece.fileno(), out.fileno(), size - copied)
                if step == 0:
                    break
                copied += step
        except (AttributeError, OSError):
            pass
        if copied < size:
            piece.seek(copied)
            out.seek(0, os.SEEK_END)
            shutil.copyfileobj(piece, out, 1 << 22)


def part_bounds(*, con: duckdb.DuckDBPyConnection, rows: int) -> list[int]:
    """Row ranges for the parallel writers: one per DuckDB thread, at least 200,000 rows each."""
    setting = con.execute("SELECT current_setting('threads')").fetchone()
    threads = max(1, int(setting[0])) if setting is not None else 1
    count = max(1, min(threads, rows // _ROWS_PER_PART))
    return [rows * k // count for k in range(count + 1)]


def needs_positional_rewrite(*, values: np.ndarray) -> bool:
    """Whether any value of a metric column would print with an exponent (``1e-05``).

    DuckDB prints a double exactly as ``CAST(x AS VARCHAR)`` does: the shortest round-trip
    digits, positional for 0 and for magnitudes from 1e-4 up to 1e15, with an exponent
    otherwise. A column with no value outside that range is written as a plain DOUBLE (the
    same text, much faster); only the others go through ``equity_plain``. A test checks the
    two routes give identical bytes.
    """
    if values.dtype.kind != "f":
        return False
    magnitude = np.abs(values)
    with np.errstate(invalid="ignore"):
        outside = (magnitude < 1e-4) | (magnitude >= 1e15)
    outside &= np.isfinite(magnitude) & (magnitude != 0)
    return bool(outside.any())


def _part_write(
    *,
    con: duckdb.DuckDBPyConnection,
    source: InputSource,
    result: EquityResult,
    start: int,
    stop: int,
    path: Path,
    output_format: str,
    header: bool,
) -> None:
    """Write rows [start, stop) of the output to ``path`` with one DuckDB cursor."""
    try:
        metrics = {name: values[start:stop] for name, values in result.columns().items()}
        metrics["position"] = np.arange(start, stop, dtype=np.int64)
        con.register("equity_part_results", metrics)
        if isinstance(source, str):
            rows = f"(SELECT * FROM {source} WHERE rowid >= {start} AND rowid < {stop})"  # noqa: S608
        else:
            con.register(
                "equity_part_input", {name: source[name][start:stop] for name in INPUT_COLUMNS}
            )
            rows = "equity_part_input"
        joined = f"{rows} AS i POSITIONAL JOIN equity_part_results AS r"
        if output_format == "csv":
            rewrite = frozenset(
                name
                for name, values in metrics.items()
                if name in METRIC_COLUMNS and needs_positional_rewrite(values=values)
            )
            con.execute(
                f"""COPY (SELECT {_csv_select(rewrite=rewrite)} FROM {joined})
                    TO {_quoted(path)} (FORMAT csv, HEADER {"true" if header else "false"})"""  # noqa: S608
            )
        else:
            con.execute(
                f"""COPY (SELECT {_json_line(last=len(result) - 1)} AS line FROM {joined})
                    TO {_quoted(path)} (FORMAT csv, HEADER false, DELIMITER '\x02',
                                        QUOTE '\x01', ESCAPE '\x01')"""  # noqa: S608
            )
    finally:
        con.close()


def _csv_select(*, rewrite: frozenset[str] | None = None) -> str:
    """The SELECT list of the CSV output: input columns, then metrics as plain decimals.

    ``rewrite`` names the metric columns that need ``equity_plain`` (default: all of them);
    the others are written as doubles, which DuckDB prints in the same form.
    """
    parts = [
        "i.unit AS unit",
        "NULLIF(i.year, '') AS year",
        "i.dimension AS dimension",
        "i.outcome AS outcome",
        'i."group" AS "group"',
        "i.count AS count",
        "i.population AS population",
    ]
    for name in METRIC_COLUMNS:
        if name in BOOLEAN_COLUMNS or (rewrite is not None and name not in rewrite):
            parts.append(f"r.{name} AS {name}")
        else:
            parts.append(f"equity_plain(r.{name}) AS {name}")
    return ", ".join(parts)


def _json_line(*, last: int) -> str:
    """SQL for one JSON object per row, comma-terminated except on row ``last``."""
    fields = []
    for name in INPUT_COLUMNS:
        column = "NULLIF(i.year, '')" if name == "year" else f'i."{name}"'
        value = (
            f"CAST({column} AS VARCHAR)"
            if name in ("count", "population")
            else f"CAST(to_json({column}) AS VARCHAR)"
        )
        fields.append(f"""'"{name}":' || coalesce({value}, 'null')""")
    for name in METRIC_COLUMNS:
        value = (
            f"CASE WHEN r.{name} THEN 'true' ELSE 'false' END"
            if name in BOOLEAN_COLUMNS
            else f"coalesce(equity_plain(r.{name}), 'null')"
        )
        fields.append(f"""'"{name}":' || {value}""")
    body = " || ',' || ".join(fields)
    return f"'{{' || {body} || '}}' || CASE WHEN r.position < {last} THEN ',' ELSE '' END"


def _quoted(path: Path) -> str:
    """A file path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
