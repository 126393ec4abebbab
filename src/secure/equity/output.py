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
from pathlib import Path
from typing import BinaryIO

import duckdb
import numpy as np

from .engine import METRIC_COLUMNS, EquityResult
from .loading import table_name_check

INPUT_COLUMNS = ("unit", "year", "dimension", "outcome", "group", "count", "population")
OUTPUT_COLUMNS = INPUT_COLUMNS + METRIC_COLUMNS
"""Every output column, in order, exactly as the CLI contract names them."""
FORMATS = ("csv", "json")
BOOLEAN_COLUMNS = frozenset({"used_alternate", "meets_cell_size", "meets_n_size", "flagged"})
InputSource = str | Mapping[str, np.ndarray]
"""Where the input columns are: a DuckDB table (rows in rowid order) or in-memory arrays."""
_ROWS_PER_PART = 200_000

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
        if destination is not None:
            os.replace(work, destination)
        else:
            assert stdout is not None
            with work.open("rb") as finished:
                shutil.copyfileobj(finished, stdout, 1 << 20)
            stdout.flush()
    finally:
        for leftover in (work, *parts):
            leftover.unlink(missing_ok=True)


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
            con.execute(
                f"""COPY (SELECT {_csv_select()} FROM {joined})
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


def _csv_select() -> str:
    """The SELECT list of the CSV output: input columns, then metrics as plain decimals."""
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
        if name in BOOLEAN_COLUMNS:
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
