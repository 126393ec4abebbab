"""Text out of an uploaded MOU: PDF text layer, DOCX paragraphs, or plain text."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext_lazy as _

NO_TEXT_LAYER = _(
    "This PDF has no text layer: it looks like a scan of paper pages. SECURE reads text, not "
    "images. Run the file through OCR (many scanners and PDF tools offer “recognize text”), or "
    "upload the Word file or a copy with selectable text."
)
UNREADABLE = _("This file could not be read as a PDF, a Word (.docx) document or plain text.")
UNSUPPORTED = _(
    "SECURE reads PDF, Word (.docx) and plain-text (.txt) MOUs; this file is none of these."
)

# Fewer readable characters per page than this means a scan without OCR.
MIN_CHARS_PER_PAGE = 20


class ExtractionError(ValueError):
    """The file gave no text to analyse; the message says why in plain words."""


@dataclass(frozen=True)
class Page:
    """The text of one page (PDF) or of the whole document (DOCX, text): ``number`` is 1-based."""

    number: int
    text: str


def pages_from_pdf(data: bytes) -> list[Page]:
    """The text layer of each page of a PDF; raises ExtractionError for scans without one."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        texts = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ExtractionError(str(UNREADABLE)) from error
    readable = sum(len("".join(t.split())) for t in texts)
    if not texts or readable < MIN_CHARS_PER_PAGE * len(texts):
        raise ExtractionError(str(NO_TEXT_LAYER))
    return [Page(number=i, text=t) for i, t in enumerate(texts, start=1)]


def pages_from_docx(data: bytes) -> list[Page]:
    """The paragraphs and table cells of a Word document, one paragraph a line."""
    import zipfile

    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractionError(str(UNREADABLE)) from error
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return [Page(number=1, text="\n\n".join(lines))]


def pages_from_text(data: bytes) -> list[Page]:
    """Plain text in UTF-8 (or Windows-1252 as used by older word processors)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ExtractionError(str(UNREADABLE))
    return [Page(number=1, text=text)]


def pages_from_upload(name: str, data: bytes) -> list[Page]:
    """Pick the reader from the file's content (PDF and DOCX signatures) or its name."""
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF"):
        return pages_from_pdf(data)
    if data.startswith(b"PK") and suffix in {".docx", ""}:
        return pages_from_docx(data)
    if suffix in {".txt", ".text", ".md", ""}:
        return pages_from_text(data)
    if suffix in {".pdf", ".docx"}:
        raise ExtractionError(str(UNREADABLE))
    raise ExtractionError(str(UNSUPPORTED))
