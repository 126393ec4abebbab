"""Reports of an assessment: a printable page, the same as PDF, and CSV and JSON exports."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.access import partnership_view

from .. import selectors
from ..charts import progress_bars
from ..exports import assessment_csv, assessment_json
from ..models import Assessment
from ..pdf import html_to_pdf
from .common import assessment_or_404, base_context, show_names


def _live(assessment: Assessment) -> dict[str, list[Evidence]]:
    return {
        row.item_id: evidence_for(partnership=assessment.partnership, item_id=row.item_id)
        for row in assessment.items.all()
    }


def _report_context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    progress = selectors.assessment_progress(assessment=assessment)
    steps = [
        (step, selectors.assessment_rows(assessment=assessment, step=step.number))
        for step in base_context(request)["rubric"].steps
    ]
    return base_context(
        request,
        assessment=assessment,
        progress=progress,
        chart=progress_bars(progress),
        steps=steps,
        generated_at=timezone.localtime(),
    )


def _filename(assessment: Assessment, suffix: str) -> str:
    return f"secure-{slugify(assessment.partnership.slug)}-{assessment.school_year}.{suffix}"


@partnership_view("rubric.view")
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable report, as a page."""
    assessment = assessment_or_404(request, pk)
    return render(request, "rubric/report.html", _report_context(request, assessment))


@partnership_view("rubric.view")
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The same report as a PDF, rendered on the server."""
    assessment = assessment_or_404(request, pk)
    html = render_to_string("rubric/report_pdf.html", _report_context(request, assessment), request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "pdf")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@partnership_view("rubric.view")
def report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_or_404(request, pk)
    body = assessment_csv(
        assessment=assessment, show_names=show_names(request), live=_live(assessment)
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "csv")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@partnership_view("rubric.view")
def report_json(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_or_404(request, pk)
    body = assessment_json(
        assessment=assessment, show_names=show_names(request), live=_live(assessment)
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "json")}"'
    response["Cache-Control"] = "private, no-store"
    return response
