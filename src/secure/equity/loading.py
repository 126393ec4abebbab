"""Fast loading of count-table CSV files through DuckDB, with errors that name the line.

DuckDB parses and types the file in parallel and detects bad rows with the same patterns as
``tables.py``; only when something is wrong does Python re-read the file to find the exact
line and let the rules of ``tables.py`` word the message. The text columns stay inside DuckDB
(the output writer joins them back); the metrics receive integer codes.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np

from . import errors
from .encoding import CodedColumn, DuplicateRowError, EncodedCounts, counts_encode, dense_codes
from .tables import (
    BLANK,
    DEFAULT_DIMENSION,
    KEY_COLUMNS,
    REQUIRED_COLUMNS,
    WHOLE_NUMBER_PATTERN,
    CountTable,
    count_table_from_columns,
    header_check,
    key_label,
    row_parse,
)

_TABLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


@dataclass(frozen=True, kw_only=True)
class LoadedCounts:
    """A validated count table held in a DuckDB table (text) and in integer codes (metrics)."""

    counts: EncodedCounts
    table: str
    """DuckDB table with the trimmed input columns, in input order."""
    source: str


def table_name_check(*, table: str) -> None:
    """Refuse a DuckDB table name that is not a plain identifier (it is put into SQL text).

    Every SQL string in this module and in ``output.py`` interpolates only such checked
    names and fixed column names; values always travel as bound parameters.
    """
    if not _TABLE_NAME.fullmatch(table):
        raise ValueError(f"table name must be a plain identifier, got {table!r}")


def csv_header(*, path: Path, source: str) -> list[str]:
    """The header fields of a CSV file, trimmed, or an error naming line 1."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            first = next(csv.reader(handle), None)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise errors.EquityInputError(
            errors.UNREADABLE_CSV.format(reason=exc), source=source, line=1
        ) from None
    if not first:
        raise errors.EquityInputError(errors.EMPTY_FILE, source=source, line=1)
    return [name.strip(BLANK) for name in first]


def records_with_lines(*, path: Path) -> Iterator[tuple[int, list[str]]]:
    """Data records of a CSV file with the line each starts on (blank lines skipped, as DuckDB does)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        start = reader.line_num + 1
        for fields in reader:
            if fields:
                yield start, fields
            start = reader.line_num + 1


def record_error(
    *, path: Path, source: str, header: list[str], record: int
) -> errors.EquityInputError:
    """Re-read data record ``record`` (0-based) and explain what is wrong with it."""
    for index, (line, fields) in enumerate(records_with_lines(path=path)):
        if index == record:
            if len(fields) != len(header):
                return errors.EquityInputError(
                    errors.WRONG_FIELD_COUNT.format(found=len(fields), expected=len(header)),
                    source=source,
                    line=line,
                )
            try:
                row_parse(row=dict(zip(header, fields, strict=True)))
            except errors.EquityInputError as error:
                return error.located(source=source, line=line)
            return errors.EquityInputError("this row is not valid", source=source, line=line)
    return errors.EquityInputError("this row is not valid", source=source, record=record)


def structure_error(
    *, path: Path, source: str, header: list[str], reason: str
) -> errors.EquityInputError:
    """Find the first record DuckDB could not parse (wrong field count, bad quoting, encoding)."""
    line = 1
    try:
        for line, fields in records_with_lines(path=path):
            if len(fields) != len(header):
                return errors.EquityInputError(
                    errors.WRONG_FIELD_COUNT.format(found=len(fields), expected=len(header)),
                    source=source,
                    line=line,
                )
    except (csv.Error, UnicodeDecodeError) as exc:
        return errors.EquityInputError(
            errors.UNREADABLE_CSV.format(reason=exc), source=source, line=line + 1
        )
    first_line = reason.strip().splitlines()[0] if reason.strip() else "unknown problem"
    return errors.EquityInputError(errors.UNREADABLE_CSV.format(reason=first_line), source=source)


def counts_csv_load(
    *, con: duckdb.DuckDBPyConnection, path: Path, table: str, source: str | None = None
) -> LoadedCounts:
    """Load, validate and encode a count-table CSV (see the CLI contract for its columns)."""
    table_name_check(table=table)
    source = source or str(path)
    header = csv_header(path=path, source=source)
    try:
        header_check(header=header, required=REQUIRED_COLUMNS)
    except errors.EquityInputError as error:
        raise error.located(source=source, line=1) from None
    _typed_table_create(con=con, path=path, table=table, header=header, source=source)
    bad, padded = _rows_check(con=con, table=table, padding=True)
    if padded:
        _padding_trim(con=con, table=table)
        bad, _ = _rows_check(con=con, table=table, padding=False)
    if bad is not None:
        raise record_error(path=path, source=source, header=header, record=bad)
    try:
        counts = _encode_in_duckdb(con=con, table=table)
    except DuplicateRowError as error:
        raise _duplicate_error(path=path, source=source, header=header, error=error) from None
    return LoadedCounts(counts=counts, table=table, source=source)


def count_table_read_csv(*, path: Path, source: str | None = None) -> CountTable:
    """Read a count-table CSV into memory (for library use and state files)."""
    con = duckdb.connect()
    try:
        counts_csv_load(con=con, path=path, table="equity_read", source=source)
        columns = con.execute(
            'SELECT unit, year, dimension, outcome, "group", count, population FROM equity_read'
        ).fetchnumpy()
    finally:
        con.close()
    keys = list(zip(*(columns[name].tolist() for name in KEY_COLUMNS), strict=True))
    return count_table_from_columns(
        keys=keys, count=columns["count"], population=columns["population"]
    )


def csv_record_lines(*, path: Path) -> list[int]:
    """The starting line of every data record (for errors about rows of an in-memory table)."""
    return [line for line, _ in records_with_lines(path=path)]


def _typed_table_create(
    *, con: duckdb.DuckDBPyConnection, path: Path, table: str, header: list[str], source: str
) -> None:
    """Create ``table`` with trimmed text columns and integer counts (NULL where not whole).

    It is a regular (not temporary) table so that the writer's parallel cursors can see it.
    """
    year = "coalesce(year, '')" if "year" in header else "''"
    dimension = (
        "coalesce(nullif(dimension, ''), $dimension)" if "dimension" in header else "$dimension"
    )
    # Plain digits (nearly every value) are recognised by a cheap pattern; anything else gets
    # the full rule, WHOLE_NUMBER_PATTERN (spaces around, at most 12 digits).
    number = (
        "CASE WHEN length({0}) <= 12 AND {0} <> '' AND NOT ({0} GLOB '*[!0-9]*')"
        " THEN CAST({0} AS BIGINT)"
        " WHEN regexp_full_match({0}, $whole) THEN CAST(trim({0}) AS BIGINT) END"
    )
    try:
        con.execute(
            f"""CREATE OR REPLACE TABLE {table} AS SELECT
                    unit,
                    {year} AS year,
                    {dimension} AS dimension,
                    outcome,
                    "group",
                    {number.format("count")} AS count,
                    {number.format("population")} AS population
                FROM read_csv($path, header = true, auto_detect = false, columns = $columns,
                              delim = ',', quote = '"', escape = '"')""",  # noqa: S608
            {
                "path": str(path),
                "columns": {name: "VARCHAR" for name in header},
                "whole": WHOLE_NUMBER_PATTERN,
                "dimension": DEFAULT_DIMENSION,
            },
        )
    except duckdb.Error as exc:
        raise structure_error(path=path, source=source, header=header, reason=str(exc)) from None


_TEXT_COLUMNS = ("unit", "year", "dimension", "outcome", "group")


def _rows_check(
    *, con: duckdb.DuckDBPyConnection, table: str, padding: bool
) -> tuple[int | None, bool]:
    """(first bad record or None, whether any text value has surrounding spaces), in one scan.

    A record is bad when a required text is empty, a number is not whole, or the count
    exceeds the population; Python then re-reads that record to word the error.
    """
    padded = (
        " OR ".join(f"""("{name}" LIKE ' %' OR "{name}" LIKE '% ')""" for name in _TEXT_COLUMNS)
        if padding
        else "false"
    )
    row = con.execute(
        f"""SELECT min(rowid) FILTER (WHERE coalesce(unit, '') = ''
                   OR coalesce(outcome, '') = '' OR coalesce("group", '') = ''
                   OR count IS NULL OR population IS NULL OR count > population),
                   coalesce(bool_or({padded}), false)
            FROM {table}"""  # noqa: S608 (checked table name, fixed column names)
    ).fetchone()
    if row is None:
        return None, False
    return (None if row[0] is None else int(row[0])), bool(row[1])


def _padding_trim(*, con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Trim surrounding spaces from the text columns (called only when some value has them).

    Trimming every value costs more than looking for padding (``_rows_check`` looks in the
    same scan as its other checks), so the table is rewritten only when needed; a value of
    spaces only is then emptied and refused like any empty one.
    """
    con.execute(
        f"""UPDATE {table} SET unit = trim(unit), year = trim(year),
                dimension = coalesce(nullif(trim(dimension), ''), $dimension),
                outcome = trim(outcome), "group" = trim("group")""",  # noqa: S608
        {"dimension": DEFAULT_DIMENSION},
    )


def _encode_in_duckdb(*, con: duckdb.DuckDBPyConnection, table: str) -> EncodedCounts:
    """Integer codes for NumPy: DuckDB enums for the short columns, a checked hash for units.

    Units are numbered from a 64-bit hash of their text (cheap for 100,000 units); the
    numbering is used only if the number of distinct hashes equals the number of distinct
    unit texts (no collision), else units get an enum like the other columns.
    """
    short = ("year", "dimension", "outcome", "group")
    arrays, labels = _enum_codes(con=con, table=table, names=short, extra="hash(unit) AS unit_hash")
    size = int(arrays["count"].shape[0])
    unit_codes, _ = dense_codes(key=np.asarray(arrays["unit_hash"]).view(np.int64))
    distinct = con.execute(f"SELECT count(DISTINCT unit) FROM {table}").fetchone()  # noqa: S608
    unit_count = int(unit_codes.max()) + 1 if size else 0
    if distinct is not None and int(distinct[0]) == unit_count:
        unit = CodedColumn(codes=unit_codes, labels=(), width=unit_count)
    else:
        unit_arrays, unit_labels = _enum_codes(con=con, table=table, names=("unit",), extra=None)
        unit = CodedColumn(
            codes=np.asarray(unit_arrays["unit"], dtype=np.int64).reshape(size),
            labels=unit_labels["unit"],
        )
    coded = {
        name: CodedColumn(
            codes=np.asarray(arrays[name], dtype=np.int64).reshape(size), labels=labels[name]
        )
        for name in short
    }
    return counts_encode(
        unit=unit,
        year=coded["year"],
        dimension=coded["dimension"],
        outcome=coded["outcome"],
        group=coded["group"],
        count=np.asarray(arrays["count"], dtype=np.int64).reshape(size),
        population=np.asarray(arrays["population"], dtype=np.int64).reshape(size),
    )


def _enum_codes(
    *, con: duckdb.DuckDBPyConnection, table: str, names: tuple[str, ...], extra: str | None
) -> tuple[dict[str, np.ndarray], dict[str, tuple[str, ...]]]:
    """Enum codes of ``names`` (plus counts, and ``extra`` as is) and each enum's labels."""
    # One scan finds the distinct combinations (few, for the short columns); each enum is
    # then read from that small table instead of scanning the input once per column.
    quoted = ", ".join(f'"{name}"' for name in names)
    distinct = f"SELECT DISTINCT {quoted} FROM {table}"  # noqa: S608 (checked names)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table}_distinct AS {distinct}")
    for name in names:
        con.execute(
            f'CREATE TYPE {table}_{name} AS ENUM (SELECT DISTINCT "{name}" FROM {table}_distinct)'  # noqa: S608
        )
    try:
        selected = [f'enum_code(CAST("{name}" AS {table}_{name})) AS "{name}"' for name in names]
        if extra is not None:
            selected.append(extra)
        arrays = con.execute(
            f"SELECT {', '.join(selected)}, count, population FROM {table}"  # noqa: S608
        ).fetchnumpy()
        labels = {
            name: tuple(
                str(row[0])
                for row in con.execute(
                    f"SELECT unnest(enum_range(NULL::{table}_{name}))"
                ).fetchall()
            )
            for name in names
        }
    finally:
        for name in names:
            con.execute(f"DROP TYPE IF EXISTS {table}_{name}")
        con.execute(f"DROP TABLE IF EXISTS {table}_distinct")
    return arrays, labels


def _duplicate_error(
    *, path: Path, source: str, header: list[str], error: DuplicateRowError
) -> errors.EquityInputError:
    """Word a repeated-key error with the line numbers of both occurrences."""
    repeat = error.record if error.record is not None else error.first
    found: dict[int, tuple[int, list[str]]] = {}
    records = records_with_lines(path=path)
    for index, (line, fields) in enumerate(itertools.islice(records, repeat + 1)):
        if index in (error.first, repeat):
            found[index] = (line, fields)
    repeat_line, fields = found[repeat]
    key, _, _ = row_parse(row=dict(zip(header, fields, strict=True)))
    return errors.EquityInputError(
        errors.DUPLICATE_KEY.format(
            first=f"line {found[error.first][0]}",
            key=key_label(key),
        ),
        source=source,
        line=repeat_line,
    )
