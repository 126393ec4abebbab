"""Reading CSV and Excel files into a header and numbered rows of text, and mapping columns."""

from __future__ import annotations

import codecs
import csv
import datetime
import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import MISSING_COLUMN, REPEATED_COLUMN, UNREADABLE_FILE, RowError

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Table:
    """A file as text: its header and an iterator of (line number, cells)."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    total: int | None
    """The number of data rows, when known in advance (for progress)."""
    source: Callable[[], bytes] | None = None
    """A CSV file's bytes, for readers that take the whole file at once (``frames``)."""


def normalize_name(name: str) -> str:
    """A column name for matching: trimmed, lower case, spaces and dashes as underscores."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def sha256_of(*, path: Path | None = None, content: bytes | None = None) -> str:
    """The SHA-256 of a file's bytes, as recorded with the import."""
    digest = hashlib.sha256()
    if content is not None:
        digest.update(content)
    elif path is not None:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def is_excel(*, name: str, head: bytes) -> bool:
    """Whether a file is an Excel workbook (by its name and its first bytes)."""
    return name.lower().endswith(EXCEL_SUFFIXES) or head.startswith(_ZIP_MAGIC)


def table_open(*, name: str, path: Path | None = None, content: bytes | None = None) -> Table:
    """Open a CSV or Excel file given as a path or as bytes. Raises ``ValueError`` if unreadable."""
    if path is not None:
        with path.open("rb") as handle:
            head = handle.read(4)
    else:
        head = (content or b"")[:4]
    try:
        if is_excel(name=name, head=head):
            return _excel_table(path=path, content=content)
        return _csv_table(path=path, content=content)
    except (OSError, UnicodeDecodeError, csv.Error, KeyError) as error:
        raise ValueError(str(UNREADABLE_FILE) % {"reason": error}) from error
    except Exception as error:  # openpyxl raises many kinds for a corrupt workbook
        if type(error).__module__.startswith(("openpyxl", "zipfile")):
            raise ValueError(str(UNREADABLE_FILE) % {"reason": error}) from error
        raise


def _count_lines(path: Path) -> int:
    lines = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
    return lines


def _text_stream(*, path: Path | None, content: bytes | None) -> IO[str]:
    """UTF-8 (with or without BOM), falling back to Windows-1252 as Excel writes it."""
    if content is not None:
        raw = content[: 1 << 20]
    else:
        assert path is not None
        with path.open("rb") as handle:
            raw = handle.read(1 << 20)
    encoding = "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8-sig")().decode(raw, final=False)
    except UnicodeDecodeError:
        encoding = "cp1252"
    if content is not None:
        return io.StringIO(content.decode(encoding, errors="strict"))
    assert path is not None
    return path.open(encoding=encoding, newline="")


def _csv_table(*, path: Path | None, content: bytes | None) -> Table:
    with _text_stream(path=path, content=content) as stream:
        header = next(csv.reader(stream), [])
    if path is not None:
        total: int | None = max(_count_lines(path) - 1, 0)
    else:
        total = max((content or b"").count(b"\n") - 1, 0)

    def rows() -> Iterator[tuple[int, list[str]]]:
        # Opened when first read: a reader that takes the whole file never opens it here.
        with _text_stream(path=path, content=content) as stream:
            reader = csv.reader(stream)
            next(reader, None)
            for cells in reader:
                if "".join(cells).strip():  # skip blank lines (any(...) per cell costs more)
                    yield reader.line_num, cells

    def source() -> bytes:
        if content is not None:
            return content
        assert path is not None
        return path.read_bytes()

    return Table(header=[h.strip() for h in header], rows=rows(), total=total, source=source)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _excel_table(*, path: Path | None, content: bytes | None) -> Table:
    from openpyxl import load_workbook

    source = path if path is not None else io.BytesIO(content or b"")
    workbook = load_workbook(source, read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    values = sheet.iter_rows(values_only=True)
    header = [_cell_text(v).strip() for v in next(values, ())]
    total = max((sheet.max_row or 1) - 1, 0)

    def rows() -> Iterator[tuple[int, list[str]]]:
        try:
            for line, cells in enumerate(values, start=2):
                texts = [_cell_text(v) for v in cells]
                if any(t.strip() for t in texts):
                    yield line, texts
        finally:
            workbook.close()

    return Table(header=header, rows=rows(), total=total)


def mapping_guess(*, wanted: Sequence[str], header: Sequence[str]) -> dict[str, str]:
    """For each wanted column, the file column of the same (normalized) name, if any."""
    by_name = {normalize_name(h): h for h in header if h}
    return {name: by_name[name] for name in wanted if name in by_name}


def mapping_indices(
    *,
    wanted: Sequence[str],
    required: Sequence[str],
    header: Sequence[str],
    mapping: dict[str, str] | None,
) -> tuple[dict[str, int], list[RowError]]:
    """Column positions for the wanted columns (mapping overrides matching names), and errors."""
    chosen = mapping_guess(wanted=wanted, header=header)
    chosen.update({k: v for k, v in (mapping or {}).items() if v})
    positions = {h: i for i, h in enumerate(header)}
    indices: dict[str, int] = {}
    errors: list[RowError] = []
    used: dict[int, str] = {}
    for name in wanted:
        column = chosen.get(name)
        if column is None or column not in positions:
            if name in required:
                errors.append(RowError(1, name, "", str(MISSING_COLUMN)))
            continue
        index = positions[column]
        if index in used:
            errors.append(RowError(1, name, column, str(REPEATED_COLUMN)))
            continue
        used[index] = name
        indices[name] = index
    return indices, errors
