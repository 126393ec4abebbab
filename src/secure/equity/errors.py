"""The one error the equity engine raises for bad input, and the messages it carries.

Messages are module constants so that tests (and the CLI) can assert them exactly.
"""

from __future__ import annotations

EMPTY_FILE = "the file is empty; expected a header line"
MISSING_COLUMN = "missing required column {column!r} (the header has: {header})"
REPEATED_COLUMN = "the header names column {column!r} more than once"
UNNAMED_COLUMN = "column {position} of the header has no name"
WRONG_FIELD_COUNT = "has {found} fields but the header has {expected}"
EMPTY_TEXT = "{column} is empty"
EMPTY_NUMBER = "{column} is empty; expected a whole number"
NEGATIVE_NUMBER = "{column} is negative ({value}); counts cannot be below zero"
NOT_WHOLE_NUMBER = "{column} is not a whole number ({value!r})"
NUMBER_TOO_LARGE = "{column} is too large ({value}); at most 12 digits are accepted"
COUNT_ABOVE_POPULATION = "count {count} is larger than population {population}"
DUPLICATE_KEY = (
    "repeats the unit, year, dimension, outcome and group of {first} ({key}); "
    "each combination may appear once"
)
DUPLICATE_STATE_KEY = (
    "repeats the year, dimension, outcome and group of {first} ({key}); "
    "a state file holds one total per combination"
)
UNREADABLE_CSV = "could not be read as CSV: {reason}"


class EquityInputError(ValueError):
    """Bad input to the equity engine, located by file and line (or row) when known."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        record: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.record = record

    def located(self, *, source: str | None = None, line: int | None = None) -> EquityInputError:
        """Return a copy of this error that names the file and line it came from."""
        return EquityInputError(
            self.message,
            source=source if source is not None else self.source,
            line=line if line is not None else self.line,
            record=self.record,
        )

    def __str__(self) -> str:
        where = []
        if self.source:
            where.append(self.source)
        if self.line is not None:
            where.append(f"line {self.line}")
        elif self.record is not None:
            where.append(f"row {self.record + 1}")
        return f"{', '.join(where)}: {self.message}" if where else self.message
