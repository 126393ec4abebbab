"""Writes for the agreements app: analysing an uploaded MOU, marking the MOU in force."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from ..analyzer import ExtractionError, analyze_pages
from ..analyzer.extract import pages_from_upload
from ..models import MouAnalysis

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
TOO_LARGE = _("The file is larger than 10 MB. Upload the MOU alone, without attachments.")
EMPTY = _("The file has no text to analyse.")


def mou_analysis_create(
    *, partnership: Partnership, title: str, name: str, data: bytes, user: Any = None
) -> MouAnalysis:
    """Read an uploaded MOU, analyse it and keep the text and the report."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(TOO_LARGE)
    try:
        pages = pages_from_upload(name, data)
    except ExtractionError as error:
        raise ValidationError(str(error)) from error
    text = "\n\n".join(page.text for page in pages)
    if not text.strip():
        raise ValidationError(EMPTY)
    report = analyze_pages(pages)
    return MouAnalysis.objects.create(
        partnership=partnership,
        title=title,
        original_name=name[:255],
        text=text,
        report=report.as_json(),
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )


def mou_analysis_mark_current(*, analysis: MouAnalysis) -> MouAnalysis:
    """Mark one analysis as the partnership's MOU in force (and no other)."""
    with transaction.atomic():
        MouAnalysis.objects.for_partnership(analysis.partnership).filter(is_current=True).exclude(
            pk=analysis.pk
        ).update(is_current=False)
        analysis.is_current = True
        analysis.save(update_fields=["is_current"])
    return analysis
