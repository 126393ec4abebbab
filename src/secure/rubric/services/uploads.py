"""Checks on uploaded evidence files: size, kind, and that the contents match the kind."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES_DEFAULT = 10 * 1024 * 1024

FILE_TOO_LARGE = _("The file is larger than %(limit)s MB.")
FILE_EMPTY = _("The file is empty.")
FILE_KIND_NOT_ALLOWED = _(
    "Upload a PDF, Word, Excel, PowerPoint, OpenDocument, CSV, text, PNG or JPEG file."
)
FILE_CONTENT_MISMATCH = _("The file's contents do not match its name (%(suffix)s).")

_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
# Allowed extensions, the content type the download is served with, and the signatures the
# first bytes must start with (None: text, which must decode as UTF-8).
ALLOWED: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", _ZIP),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", _ZIP),
    ".doc": ("application/msword", _OLE),
    ".xls": ("application/vnd.ms-excel", _OLE),
    ".csv": ("text/csv; charset=utf-8", None),
    ".txt": ("text/plain; charset=utf-8", None),
}


def max_upload_bytes() -> int:
    """The size limit (``RUBRIC_MAX_UPLOAD_BYTES`` in settings, 10 MB by default)."""
    return int(getattr(settings, "RUBRIC_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES_DEFAULT))


def content_type_for(name: str) -> str:
    """The content type a stored file is served with (never guessed from its contents)."""
    kind = ALLOWED.get(PurePosixPath(name).suffix.lower())
    return kind[0] if kind else "application/octet-stream"


def upload_check(upload: UploadedFile) -> None:
    """Refuse files that are too large, of a kind we do not take, or whose bytes disagree."""
    limit = max_upload_bytes()
    if upload.size is None or upload.size > limit:
        raise ValidationError(FILE_TOO_LARGE, params={"limit": limit // (1024 * 1024)})
    if upload.size == 0:
        raise ValidationError(FILE_EMPTY)
    suffix = PurePosixPath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError(FILE_KIND_NOT_ALLOWED)
    signatures = ALLOWED[suffix][1]
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character may be cut at 4096 bytes: only fail well before the end.
            if error.start < len(head) - 4:
                raise ValidationError(FILE_CONTENT_MISMATCH, params={"suffix": suffix}) from None
        if b"\x00" in head:
            raise ValidationError(FILE_CONTENT_MISMATCH, params={"suffix": suffix})
    elif not head.startswith(signatures):
        raise ValidationError(FILE_CONTENT_MISMATCH, params={"suffix": suffix})


def clean_file_name(name: str) -> str:
    """The uploaded file's own name, without any folder part, for showing and downloading."""
    return PurePosixPath(name.replace("\\", "/")).name[:200] or "file"
