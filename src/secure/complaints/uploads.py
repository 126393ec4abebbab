"""Attachments: which files are accepted, decided by their first bytes and never by their name."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext_lazy as _

TOO_BIG = _("%(name)s is larger than %(limit)s MB. Please send a smaller file.")
WRONG_TYPE = _(
    "%(name)s is not a file type we accept. Please send a PDF, a Word document (.docx), "
    "or a photo (JPEG, PNG, GIF, WebP or HEIC)."
)
TOO_MANY = _("You can send up to %(count)s files.")
EMPTY = _("%(name)s is empty.")


def max_bytes() -> int:
    return int(getattr(settings, "SECURE_COMPLAINT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def max_files() -> int:
    return int(getattr(settings, "SECURE_COMPLAINT_MAX_FILES", 5))


def _is_pdf(head: bytes, data: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _is_png(head: bytes, data: bytes) -> bool:
    return head.startswith(b"\x89PNG\r\n\x1a\n")


def _is_jpeg(head: bytes, data: bytes) -> bool:
    return head.startswith(b"\xff\xd8\xff")


def _is_gif(head: bytes, data: bytes) -> bool:
    return head.startswith((b"GIF87a", b"GIF89a"))


def _is_webp(head: bytes, data: bytes) -> bool:
    return head.startswith(b"RIFF") and head[8:12] == b"WEBP"


def _is_heic(head: bytes, data: bytes) -> bool:
    """HEIC/HEIF photos (what many phones take): an ISO box ``ftyp`` with a HEIF brand."""
    return head[4:8] == b"ftyp" and head[8:12] in {b"heic", b"heix", b"mif1", b"msf1", b"heif"}


def _is_docx(head: bytes, data: bytes) -> bool:
    """A Word document: a ZIP archive holding ``word/document.xml`` and its content types."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and "word/document.xml" in names


ACCEPTED: tuple[tuple[str, Callable[[bytes, bytes], bool]], ...] = (
    ("application/pdf", _is_pdf),
    ("image/png", _is_png),
    ("image/jpeg", _is_jpeg),
    ("image/gif", _is_gif),
    ("image/webp", _is_webp),
    ("image/heic", _is_heic),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _is_docx,
    ),
)

EXTENSIONS = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}


def sniff_content_type(data: bytes) -> str | None:
    """The accepted type these bytes are, or None."""
    head = data[:16]
    for content_type, check in ACCEPTED:
        if check(head, data):
            return content_type
    return None
