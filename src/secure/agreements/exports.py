"""An MOU version as a Word document or a PDF (WeasyPrint, fetching nothing from outside)."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.text import slugify

from secure.rubric.pdf import html_to_pdf

from .models import MouVersion


def export_filename(version: MouVersion, extension: str) -> str:
    """``our-mou-v3.docx``."""
    return f"{slugify(version.draft.title) or 'mou'}-v{version.number}.{extension}"


def version_to_docx(version: MouVersion) -> bytes:
    """Title, then each section as a heading and its paragraphs."""
    from docx import Document

    document = Document()
    document.core_properties.title = version.draft.title
    document.add_heading(version.draft.title, level=0)
    for section in version.sections:
        document.add_heading(section["heading"], level=1)
        for paragraph in section["body"].split("\n"):
            if paragraph.strip():
                document.add_paragraph(paragraph.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def version_to_pdf(version: MouVersion) -> bytes:
    """The same content as the Word file, rendered to PDF on the server."""
    html = render_to_string(
        "agreements/version_pdf.html", {"version": version, "draft": version.draft}
    )
    return html_to_pdf(html)
