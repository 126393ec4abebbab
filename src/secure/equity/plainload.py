"""Loading plain count-table CSV files with Polars, straight into the writer's columns.

A *plain* file is the usual export: no quotes, no carriage returns, no byte-order mark, no
blank lines, every row with the header's number of fields, counts and populations written as
plain digits, and every row valid. Polars reads it in parallel -- text as text, numbers as
integers -- into columns that the CSV writer uses as they are, so the text never enters
DuckDB and never comes back out of it (docs/decisions/0019).

Anything else -- a quoted field, a bad row, a repeated key, a file Polars cannot read -- makes
``counts_csv_read_plain`` return None, and the caller loads the file with the DuckDB loader
(``loading.py``), which accepts the same files and words every error. This loader therefore
never refuses a file itself, and for the files it accepts it yields exactly the values the
DuckDB loader would: the same trimming, default dimension, empty year and whole numbers.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from . import errors
from .encoding import CodedColumn, EncodedCounts, counts_encode, dense_codes
from .loading import csv_header
from .tables import BLANK, DEFAULT_DIMENSION, MAX_DIGITS, REQUIRED_COLUMNS, header_check

_TEXT_COLUMNS = ("unit", "year", "dimension", "outcome", "group")
_NUMBER_COLUMNS = ("count", "population")
_NUMBER_LIMIT = 10**MAX_DIGITS
"""Numbers have at most ``tables.MAX_DIGITS`` digits."""
_NOT_PLAIN = (b'"', b"\r", b"\x00")
"""Bytes that make a file not plain: quoting, carriage returns and NUL bytes."""
_LONGEST_LINE = 1 << 20
"""Bytes; longer lines are left to DuckDB, which has its own line-length limit."""


@dataclass(frozen=True, kw_only=True)
class PlainCounts:
    """A validated count table: integer codes for the metrics, text columns for the writer."""

    counts: EncodedCounts
    frame: pl.DataFrame
    """unit, year (null when empty), dimension, outcome, group, count, population, in file order."""
    source: str


def counts_csv_read_plain(*, path: Path, source: str | None = None) -> PlainCounts | None:
    """Load a plain count-table CSV, or None when the file is not plain or not valid."""
    source = source or str(path)
    try:
        header = csv_header(path=path, source=source)
        header_check(header=header, required=REQUIRED_COLUMNS)
        data = path.read_bytes()
        if not _bytes_are_plain(data=data):
            return None
        frame = pl.read_csv(
            data,
            has_header=True,
            new_columns=header,
            infer_schema=False,
            schema_overrides={name: pl.Int64 for name in _NUMBER_COLUMNS},
            quote_char=None,
            encoding="utf8",
        )
    except (errors.EquityInputError, pl.exceptions.PolarsError, OSError, ValueError):
        return None
    if frame.height == 0 or frame.width != len(header):
        return None
    if any(frame.schema[name] != pl.Int64 for name in _NUMBER_COLUMNS):
        return None
    if not _rows_whole(frame=frame, last=header[-1], data=data):
        return None
    del data
    columns = _columns_typed(frame=frame, header=header)
    if not _rows_valid(frame=columns):
        return None
    try:
        counts = _codes(frame=columns)
    except errors.EquityInputError:  # a repeated key: the DuckDB loader names both lines
        return None
    year = pl.col("year")
    written = columns.with_columns(pl.when(year != "").then(year).alias("year"))
    return PlainCounts(counts=counts, frame=written, source=source)


def _bytes_are_plain(*, data: bytes) -> bool:
    """No byte-order mark, quote, carriage return or NUL byte in the file.

    (Blank lines need no search: Polars reads them as rows of nulls, which ``_rows_whole``
    refuses.)
    """
    return not data.startswith(codecs.BOM_UTF8) and not any(piece in data for piece in _NOT_PLAIN)


def _rows_whole(*, frame: pl.DataFrame, last: str, data: bytes) -> bool:
    """Every row complete, every number written plainly, no line too long for DuckDB.

    Polars gives a missing trailing field as null, like an empty one; a null in the last
    column therefore sends the file to DuckDB, which tells the two apart. A blank line is a
    row of nulls and goes the same way.

    Polars also reads numbers the whole-number rule refuses (``+5``, thirteen digits with
    leading zeros) or accepts only after trimming (`` 5``). So the file is rebuilt in
    length: header, text fields as read, numbers as their plain digits, commas and newlines.
    Written any other way a number takes more bytes, so only if the total is exactly the
    file's size was every number plain digits with nothing around them; otherwise the file
    goes to DuckDB, whose rules decide.
    """
    if frame.get_column(last).null_count():
        return False
    numbers = [frame.get_column(name) for name in _NUMBER_COLUMNS]
    if any(column.null_count() for column in numbers):  # an empty number: a bad row
        return False
    text = [name for name in frame.columns if name not in _NUMBER_COLUMNS]
    lengths = frame.select(
        *(pl.col(name).str.len_bytes().sum().alias(f"{name} total") for name in text),
        *(pl.col(name).str.len_bytes().max().alias(f"{name} longest") for name in text),
    ).row(0)
    total = sum(int(value or 0) for value in lengths[: len(text)])
    digits = sum(_digits_total(column.to_numpy()) for column in numbers)
    separators = frame.width  # commas between the fields and the newline after them
    rebuilt = data.index(b"\n") + 1 + total + digits + separators * frame.height
    if not data.endswith(b"\n"):
        rebuilt -= 1
    # No line is longer than the longest value of every column together.
    widest = sum(int(value or 0) for value in lengths[len(text) :]) + 2 * MAX_DIGITS
    return rebuilt == len(data) and widest + separators < _LONGEST_LINE


def _digits_total(values: np.ndarray) -> int:
    """How many digits the values take written plainly (never more than they do).

    Exact for 0 <= value < 10**13; fewer for larger or negative values, which the rules
    refuse anyway.
    """
    digits = values.shape[0]
    for power in range(1, MAX_DIGITS + 1):
        digits += int(np.count_nonzero(values >= 10**power))
    return digits


def _columns_typed(*, frame: pl.DataFrame, header: list[str]) -> pl.DataFrame:
    """The key columns trimmed (year empty, dimension defaulted), the numbers as read.

    Text is trimmed of spaces only when some value has them, as the DuckDB loader does.
    """
    padded = frame.select(
        pl.any_horizontal(
            (pl.col(name).str.starts_with(BLANK) | pl.col(name).str.ends_with(BLANK))
            .fill_null(False)
            .any()
            for name in _TEXT_COLUMNS
            if name in header
        )
    ).item()

    def text(name: str) -> pl.Expr:
        column = pl.col(name)
        return column.str.strip_chars(BLANK) if padded else column

    year = text("year").fill_null("") if "year" in header else pl.lit("", dtype=pl.String)
    dimension = (
        pl.when(text("dimension").fill_null("") != "")
        .then(text("dimension"))
        .otherwise(pl.lit(DEFAULT_DIMENSION))
        if "dimension" in header
        else pl.lit(DEFAULT_DIMENSION, dtype=pl.String)
    )
    return frame.select(
        text("unit").alias("unit"),
        year.alias("year"),
        dimension.alias("dimension"),
        text("outcome").alias("outcome"),
        text("group").alias("group"),
        pl.col("count"),
        pl.col("population"),
    )


def _rows_valid(*, frame: pl.DataFrame) -> bool:
    """Required texts present, numbers whole with at most 12 digits, no count above its population.

    (Plain digits are checked by ``_rows_whole``; these are the rest of ``tables.py``'s rules.)
    """
    bad = frame.select(
        (
            (pl.col("unit").fill_null("") == "")
            | (pl.col("outcome").fill_null("") == "")
            | (pl.col("group").fill_null("") == "")
            | pl.col("count").is_null()
            | pl.col("population").is_null()
            | (pl.col("count") < 0)
            | (pl.col("population") >= _NUMBER_LIMIT)
            | (pl.col("count") > pl.col("population"))
        )
        .fill_null(True)
        .any()
    ).item()
    return not bad


def _codes(*, frame: pl.DataFrame) -> EncodedCounts:
    """Integer codes: labels in order of first appearance; units numbered by a checked hash.

    Each step is one Polars ``select``, so the columns are worked on in parallel.
    """
    short = _TEXT_COLUMNS[1:]
    found = frame.select(
        *(pl.col(name).unique(maintain_order=True).implode() for name in short),
        pl.col("unit").n_unique().alias("unit_count"),
    ).row(0, named=True)
    labels = {name: tuple(found[name]) for name in short}
    arrays = frame.select(
        *(
            pl.col(name).cast(pl.Enum(labels[name])).to_physical().cast(pl.Int64)
            for name in short
            if len(labels[name]) > 1
        ),
        pl.col("unit").hash(seed=0).alias("unit_hash"),
        pl.col("count"),
        pl.col("population"),
    )
    size = frame.height
    coded = {
        name: CodedColumn(
            codes=arrays.get_column(name).to_numpy()
            if len(labels[name]) > 1
            else np.zeros(size, dtype=np.int64),  # one year or one dimension, as is usual
            labels=labels[name],
        )
        for name in short
    }
    unit_codes, _ = dense_codes(key=arrays.get_column("unit_hash").to_numpy().view(np.int64))
    width = int(unit_codes.max()) + 1
    if width != found["unit_count"]:  # a hash collision: number the units exactly
        unit_codes = frame.get_column("unit").rank("dense").to_numpy().astype(np.int64) - 1
        width = int(unit_codes.max()) + 1
    return counts_encode(
        unit=CodedColumn(codes=unit_codes.reshape(size), labels=(), width=width),
        year=coded["year"],
        dimension=coded["dimension"],
        outcome=coded["outcome"],
        group=coded["group"],
        count=arrays.get_column("count").to_numpy(),
        population=arrays.get_column("population").to_numpy(),
    )
