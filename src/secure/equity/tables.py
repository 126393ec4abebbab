"""Count tables, the engine's input, and the rules every input row must pass.

A count table has one row per (unit, year, dimension, outcome, group): how many children of the
group had the outcome (``count``) out of how many enrolled (``population``). The rules here are
the single source of the error messages; the fast CSV loader (``loading.py``) detects bad rows in
SQL with the same patterns and then asks these functions to explain them.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from . import errors

REQUIRED_COLUMNS = ("unit", "outcome", "group", "count", "population")
OPTIONAL_COLUMNS = ("year", "dimension")
KEY_COLUMNS = ("unit", "year", "dimension", "outcome", "group")
DEFAULT_DIMENSION = "race"
NO_YEAR = ""
"""The year of rows from a file without a ``year`` column (written as empty / null)."""

BLANK = " "
"""Trimmed from both ends of every field (spaces only, as DuckDB's ``trim`` does)."""
MAX_DIGITS = 12
"""Counts have at most 12 digits, so sums over a million rows stay exact in 64 bits."""
WHOLE_NUMBER_PATTERN = r" *[0-9]{1,12} *"
"""A whole number as text: digits only, at most 12 of them, optional spaces around."""
BLANK_PATTERN = r" *"
_NEGATIVE = re.compile(r" *- *[0-9]+(\.[0-9]*)? *")
_DIGITS = re.compile(r" *[0-9]+ *")


@dataclass(frozen=True, kw_only=True)
class CountTable:
    """Validated counts, one entry per row, in input order (text columns as object arrays)."""

    unit: NDArray[np.object_]
    year: NDArray[np.object_]
    dimension: NDArray[np.object_]
    outcome: NDArray[np.object_]
    group: NDArray[np.object_]
    count: NDArray[np.int64]
    population: NDArray[np.int64]

    def __len__(self) -> int:
        return int(self.count.shape[0])

    def row(self, index: int) -> dict[str, object]:
        """The row at ``index`` as a plain dict (for messages and debugging)."""
        return {
            "unit": self.unit[index],
            "year": self.year[index],
            "dimension": self.dimension[index],
            "outcome": self.outcome[index],
            "group": self.group[index],
            "count": int(self.count[index]),
            "population": int(self.population[index]),
        }


def header_check(*, header: Sequence[str], required: Sequence[str] = REQUIRED_COLUMNS) -> None:
    """Raise when a required column is missing, or a column is unnamed or named twice."""
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            raise errors.EquityInputError(errors.UNNAMED_COLUMN.format(position=position))
        if name in seen:
            raise errors.EquityInputError(errors.REPEATED_COLUMN.format(column=name))
        seen.add(name)
    for column in required:
        if column not in seen:
            raise errors.EquityInputError(
                errors.MISSING_COLUMN.format(column=column, header=", ".join(header) or "nothing")
            )


def text_value(*, value: object, column: str) -> str:
    """Return a key field trimmed of surrounding spaces, refusing an empty one."""
    text = "" if value is None else str(value).strip(BLANK)
    if not text:
        raise errors.EquityInputError(errors.EMPTY_TEXT.format(column=column))
    return text


def optional_text_value(*, value: object, default: str) -> str:
    """Return an optional key field trimmed, or ``default`` when it is absent or empty."""
    text = "" if value is None else str(value).strip(BLANK)
    return text or default


def whole_number(*, value: object, column: str) -> int:
    """Parse a count or population: a non-negative whole number of at most 12 digits."""
    if isinstance(value, bool):
        raise errors.EquityInputError(errors.NOT_WHOLE_NUMBER.format(column=column, value=value))
    if isinstance(value, int | float | decimal.Decimal):
        if value != value or value in (float("inf"), float("-inf")) or value != int(value):
            raise errors.EquityInputError(
                errors.NOT_WHOLE_NUMBER.format(column=column, value=value)
            )
        number = int(value)
        if number < 0:
            raise errors.EquityInputError(errors.NEGATIVE_NUMBER.format(column=column, value=value))
        if number >= 10**MAX_DIGITS:
            raise errors.EquityInputError(
                errors.NUMBER_TOO_LARGE.format(column=column, value=value)
            )
        return number
    text = "" if value is None else str(value)
    if re.fullmatch(WHOLE_NUMBER_PATTERN, text):
        return int(text.strip(BLANK))
    if re.fullmatch(BLANK_PATTERN, text):
        raise errors.EquityInputError(errors.EMPTY_NUMBER.format(column=column))
    if _NEGATIVE.fullmatch(text):
        raise errors.EquityInputError(
            errors.NEGATIVE_NUMBER.format(column=column, value=text.strip(BLANK))
        )
    if _DIGITS.fullmatch(text):
        raise errors.EquityInputError(
            errors.NUMBER_TOO_LARGE.format(column=column, value=text.strip(BLANK))
        )
    raise errors.EquityInputError(errors.NOT_WHOLE_NUMBER.format(column=column, value=text))


def count_within_population(*, count: int, population: int) -> None:
    """Raise when more children had the outcome than were counted in the population."""
    if count > population:
        raise errors.EquityInputError(
            errors.COUNT_ABOVE_POPULATION.format(count=count, population=population)
        )


def row_parse(*, row: Mapping[str, object]) -> tuple[tuple[str, str, str, str, str], int, int]:
    """Validate one input row and return its key (unit, year, dimension, outcome, group) and numbers."""
    unit = text_value(value=row.get("unit"), column="unit")
    year = optional_text_value(value=row.get("year"), default=NO_YEAR)
    dimension = optional_text_value(value=row.get("dimension"), default=DEFAULT_DIMENSION)
    outcome = text_value(value=row.get("outcome"), column="outcome")
    group = text_value(value=row.get("group"), column="group")
    count = whole_number(value=row.get("count"), column="count")
    population = whole_number(value=row.get("population"), column="population")
    count_within_population(count=count, population=population)
    return (unit, year, dimension, outcome, group), count, population


def key_label(key: Sequence[str]) -> str:
    """A readable rendering of a row key for error messages."""
    return ", ".join(f"{name}={value!r}" for name, value in zip(KEY_COLUMNS, key, strict=True))


def count_table_from_rows(
    *,
    rows: Iterable[Mapping[str, object]],
    source: str | None = None,
    lines: Sequence[int] | None = None,
) -> CountTable:
    """Build a count table from mappings (CSV dicts, database rows), refusing any bad row.

    Errors name ``lines[i]`` when line numbers are given (a file), else the 1-based row number.
    """
    keys: list[tuple[str, str, str, str, str]] = []
    counts: list[int] = []
    populations: list[int] = []
    first_seen: dict[tuple[str, str, str, str, str], int] = {}
    for index, row in enumerate(rows):
        line = lines[index] if lines is not None else None
        try:
            key, count, population = row_parse(row=row)
        except errors.EquityInputError as error:
            raise _located(error, source=source, line=line, record=index) from None
        if key in first_seen:
            first = first_seen[key]
            where = f"line {lines[first]}" if lines is not None else f"row {first + 1}"
            repeated = errors.EquityInputError(
                errors.DUPLICATE_KEY.format(first=where, key=key_label(key))
            )
            raise _located(repeated, source=source, line=line, record=index)
        first_seen[key] = index
        keys.append(key)
        counts.append(count)
        populations.append(population)
    return count_table_from_columns(keys=keys, count=counts, population=populations)


def count_table_from_columns(
    *,
    keys: Sequence[tuple[str, str, str, str, str]],
    count: Sequence[int] | NDArray[np.int64],
    population: Sequence[int] | NDArray[np.int64],
) -> CountTable:
    """Assemble a count table from already validated keys and numbers."""
    columns = [np.empty(len(keys), dtype=object) for _ in KEY_COLUMNS]
    for position, column in enumerate(columns):
        column[:] = [key[position] for key in keys]
    return CountTable(
        unit=columns[0],
        year=columns[1],
        dimension=columns[2],
        outcome=columns[3],
        group=columns[4],
        count=np.asarray(count, dtype=np.int64).reshape(len(keys)),
        population=np.asarray(population, dtype=np.int64).reshape(len(keys)),
    )


def _located(
    error: errors.EquityInputError, *, source: str | None, line: int | None, record: int
) -> errors.EquityInputError:
    """Return ``error`` placed at a file line, or at a row number when there is no line."""
    return errors.EquityInputError(error.message, source=source, line=line, record=record)
