"""PDF reports rendered on the server by WeasyPrint, which may fetch nothing from outside."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

PDF_FETCH_REFUSED = "The PDF renderer fetches no external resources."


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Refuse every URL: reports are self-contained (inline CSS and SVG), so nothing leaks out."""
    raise ValueError(PDF_FETCH_REFUSED)


def html_to_pdf(html: str) -> bytes:
    """Render an HTML document to PDF bytes."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only reports need it

    result = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    assert result is not None
    return bytes(result)


def template_to_pdf(template: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template, context))
