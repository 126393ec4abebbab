"""A file as one table of text columns (Polars), for checks done a column at a time.

``table_frame`` gives the wanted columns of a file and each row's line number. A plain UTF-8
CSV file is read by Polars' parser (multithreaded, about thirty times faster than reading it
row by row in Python); any file that parser might read differently from Python's ``csv``
module -- another encoding, a quoted line break, a blank line -- is read row by row instead,
so line numbers and cell texts are always those the row-by-row reader gives. Both ways drop
blank rows and give ``""`` for a cell a short row lacks.

``per_distinct`` runs a Python function once per distinct value of some columns and joins the
answers back, so a rule written for one row checks a million rows at the cost of the few
hundred distinct values they hold.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from typing import Any

import polars as pl

from .reading import Table

LINE = "line"


def table_frame(*, table: Table, indices: dict[str, int], names: Sequence[str]) -> pl.DataFrame:
    """``line`` and one text column per name (``""`` where the file has no such column)."""
    frame = _csv_frame(table=table, indices=indices) if table.source is not None else None
    if frame is None:
        frame = _rows_frame(table=table, indices=indices)
    missing = [pl.lit("", dtype=pl.String).alias(n) for n in names if n not in indices]
    return frame.with_columns(missing).select(LINE, *names)


def _rows_frame(*, table: Table, indices: dict[str, int]) -> pl.DataFrame:
    lines: list[int] = []
    columns: dict[str, list[str]] = {name: [] for name in indices}
    wanted = list(indices.items())
    for line, cells in table.rows:
        lines.append(line)
        size = len(cells)
        for name, position in wanted:
            columns[name].append(cells[position] if position < size else "")
    return pl.DataFrame(
        {LINE: pl.Series(lines, dtype=pl.Int64)}
        | {name: pl.Series(values, dtype=pl.String) for name, values in columns.items()}
    )


def _csv_frame(*, table: Table, indices: dict[str, int]) -> pl.DataFrame | None:
    """The file read by Polars, or None where it might differ from the row-by-row reader."""
    assert table.source is not None
    data = table.source()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    width = len(table.header)
    if width == 0 or data.count(b"\r") != data.count(b"\r\n"):
        return None  # a carriage return other than in a CRLF line end
    try:
        frame = pl.read_csv(
            data,
            has_header=False,
            skip_rows=1,
            schema={f"c{i}": pl.String for i in range(width)},
            empty_string_is_null=False,
            truncate_ragged_lines=True,
            missing_columns="insert",
            quote_char='"',
        )
    except (pl.exceptions.PolarsError, ValueError):
        return None
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if frame.height + 1 != lines:
        return None  # a quoted line break or a blank line: line numbers would differ
    frame = frame.with_row_index(LINE, offset=2).with_columns(pl.col(LINE).cast(pl.Int64))
    # A blank row (every cell empty or spaces) is skipped; only rows whose first cell is
    # blank can be one, so the whole row is looked at for those alone.
    first_blank = pl.col("c0").fill_null("").str.strip_chars() == ""
    cells = [pl.col(f"c{i}").fill_null("") for i in range(width)]
    blank = frame.lazy().filter(first_blank).filter(pl.concat_str(cells).str.strip_chars() == "")
    blank_lines = blank.select(LINE).collect().get_column(LINE)
    if len(blank_lines):
        frame = frame.filter(~pl.col(LINE).is_in(blank_lines.implode()))
    return frame.select(
        LINE, *(pl.col(f"c{position}").fill_null("").alias(n) for n, position in indices.items())
    )


def per_distinct(
    frame: pl.DataFrame,
    columns: Sequence[str],
    answer: Callable[..., Any],
    *,
    name: str,
    dtype: Any = None,
) -> pl.DataFrame:
    """``frame`` with a column ``name``: ``answer(*values)`` computed once per distinct values."""
    distinct = frame.select(columns).unique()
    answers = [answer(*row) for row in distinct.iter_rows()]
    mapping = distinct.with_columns(pl.Series(name, answers, dtype=dtype, strict=False))
    return joined_beside(frame, mapping, on=list(columns), nulls_equal=True)


def joined_beside(
    frame: pl.DataFrame, other: pl.DataFrame, *, on: list[str], nulls_equal: bool = False
) -> pl.DataFrame:
    """``frame`` with ``other``'s columns added by a left join on ``on``, rows kept in order.

    Only the key columns take part in the join; the new columns are then set beside the
    frame's own, so a wide frame is never copied row by row.
    """
    added = (
        frame.select(on)
        .join(other, on=on, how="left", nulls_equal=nulls_equal, maintain_order="left")
        .drop(on)
    )
    return frame.hstack(added.get_columns())
