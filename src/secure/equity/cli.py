"""``secure equity``: disproportionality metrics for a count-table CSV.

The project's console command calls ``main(argv)`` with the arguments after ``equity``;
``python -m secure.equity.cli ...`` does the same. Exit status 0 on success, 2 for bad input
or options (with the reason, and the line, on stderr); no output file is left behind on
failure.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, TextIO, cast

import duckdb

from . import output as equity_output
from .config import EquityConfig
from .encoding import EncodedCounts
from .engine import equity_compute
from .errors import EquityInputError
from .loading import counts_csv_load, csv_record_lines
from .output import FORMATS, InputSource, results_write
from .plainload import counts_csv_read_plain
from .state import state_scopes_missing, state_totals_from_table, state_totals_from_units
from .tables import CountTable, count_table_from_columns

EXIT_OK = 0
EXIT_BAD_INPUT = 2
NO_INPUT_FILE = "input file {path} does not exist"
NO_OUTPUT_DIRECTORY = "output directory {path} does not exist"
STATE_MISSING_SCOPE = (
    "warning: the state file has no rows for year {0!r}, dimension {1!r}, outcome {2!r}"
)
REFERENCE_ABSENT = "warning: reference group {reference!r} does not appear in the input"


def parser_build() -> argparse.ArgumentParser:
    """The argument parser of ``secure equity`` (options as in the CLI contract)."""
    parser = argparse.ArgumentParser(
        prog="secure equity",
        description=(
            "Risk, risk ratios (IDEA: 34 CFR 300.646-300.647), alternate and weighted risk "
            "ratios, relative rate index (OJJDP), Katz intervals and significance tests for "
            "every row of a count table. See docs/methods.md."
        ),
    )
    parser.add_argument(
        "--input",
        required=True,
        type=Path,
        metavar="COUNTS.csv",
        help="CSV with unit, outcome, group, count, population [, year, dimension]",
    )
    parser.add_argument(
        "--state",
        type=Path,
        metavar="STATE.csv",
        help="state totals of the same shape (default: the sum of all units)",
    )
    parser.add_argument(
        "--reference",
        default="White",
        help="reference group of the relative rate index (default: White)",
    )
    parser.add_argument(
        "--min-cell",
        type=int,
        default=10,
        help="minimum numerator, 34 CFR 300.647(a)(3) (default: 10)",
    )
    parser.add_argument(
        "--min-n",
        type=int,
        default=30,
        help="minimum denominator, 34 CFR 300.647(a)(4) (default: 30)",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=2.0,
        help="risk ratio threshold; flagged at or above it (default: 2.0)",
    )
    parser.add_argument(
        "--confidence",
        type=float,
        default=0.95,
        help="confidence level of the Katz interval (default: 0.95)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        dest="output_format",
        help="output format (default: csv)",
    )
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="output file (default: standard output)"
    )
    return parser


def main(argv: Sequence[str] | None = None, *, stderr: TextIO | None = None) -> int:
    """Run ``secure equity`` with ``argv`` (the arguments after ``equity``); return the exit code."""
    err = stderr if stderr is not None else sys.stderr
    parser = parser_build()
    try:
        with contextlib.redirect_stderr(err):
            options = parser.parse_args(list(argv) if argv is not None else None)
    except SystemExit as exit_:
        return int(exit_.code) if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        try:
            config = EquityConfig(
                min_cell=options.min_cell,
                min_n=options.min_n,
                threshold=options.threshold,
                confidence=options.confidence,
                reference=options.reference,
            )
        except ValueError as error:
            raise EquityInputError(str(error)) from None
        run(options=options, config=config, err=err)
    except EquityInputError as error:
        print(f"secure equity: error: {error}", file=err)
        return EXIT_BAD_INPUT
    except OSError as error:  # e.g. an output directory we may not write to
        print(f"secure equity: error: {error.strerror or error}: {error.filename}", file=err)
        return EXIT_BAD_INPUT
    return EXIT_OK


def run(*, options: argparse.Namespace, config: EquityConfig, err: TextIO) -> None:
    """Load, compute and write; raises ``EquityInputError`` for any bad input."""
    input_path: Path = options.input
    if not input_path.is_file():
        raise EquityInputError(NO_INPUT_FILE.format(path=input_path))
    output: Path | None = options.output
    if output is not None and not output.parent.resolve().is_dir():
        raise EquityInputError(NO_OUTPUT_DIRECTORY.format(path=output.parent))
    state_path: Path | None = options.state
    if state_path is not None and not state_path.is_file():
        raise EquityInputError(NO_INPUT_FILE.format(path=state_path))

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")  # keep stderr for our own messages
    try:
        counts, source = _input_load(con=con, path=input_path, output_format=options.output_format)
        if state_path is None:
            totals = state_totals_from_units(counts=counts)
        else:
            state_table, lines = _state_read(con=con, path=state_path)
            totals = state_totals_from_table(
                counts=counts, state=state_table, source=str(state_path), lines=lines
            )
            for scope in state_scopes_missing(counts=counts, state=totals):
                print(STATE_MISSING_SCOPE.format(*scope), file=err)
        if counts.n_rows and config.reference not in counts.group_labels:
            print(REFERENCE_ABSENT.format(reference=config.reference), file=err)
        result = equity_compute(counts=counts, state=totals, config=config)
        results_write(
            con=con,
            source=source,
            result=result,
            destination=output,
            output_format=options.output_format,
            stdout=_binary_stdout() if output is None else None,
        )
    finally:
        con.close()


def _input_load(
    *, con: duckdb.DuckDBPyConnection, path: Path, output_format: str
) -> tuple[EncodedCounts, InputSource]:
    """The input's codes and where the writer finds its text columns.

    A plain file bound for the Polars CSV writer is read by Polars and stays there
    (``plainload``); any other file, or JSON output, goes through the DuckDB loader, which
    also words every error (docs/decisions/0019).
    """
    if output_format == "csv" and equity_output.CSV_WRITER == "polars":
        plain = counts_csv_read_plain(path=path)
        if plain is not None:
            return plain.counts, plain.frame
    loaded = counts_csv_load(con=con, path=path, table="equity_input")
    return loaded.counts, loaded.table


class _TextSink(io.RawIOBase):
    """Bytes written here go to a text stream (sys.stdout replaced by a StringIO, say)."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._stream.write(bytes(data).decode("utf-8"))
        return len(data)

    def flush(self) -> None:
        self._stream.flush()


def _binary_stdout() -> BinaryIO:
    """Standard output as bytes, whether it is the real one or a text stand-in."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        return cast(BinaryIO, buffer)
    return cast(BinaryIO, io.BufferedWriter(_TextSink(sys.stdout)))


def _state_read(*, con: duckdb.DuckDBPyConnection, path: Path) -> tuple[CountTable, list[int]]:
    """Load the state file with the same validation as the input, keeping its line numbers."""
    counts_csv_load(con=con, path=path, table="equity_state")
    columns = con.execute(
        'SELECT unit, year, dimension, outcome, "group", count, population FROM equity_state'
    ).fetchnumpy()
    keys = list(
        zip(
            *(columns[name].tolist() for name in ("unit", "year", "dimension", "outcome", "group")),
            strict=True,
        )
    )
    return (
        count_table_from_columns(
            keys=keys, count=columns["count"], population=columns["population"]
        ),
        csv_record_lines(path=path),
    )


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
