"""The rubric as published: introduction, who should use it, the steps and both checklists."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from secure.partnerships.access import partnership_view

from ..exports import rubric_csv, rubric_json
from .common import base_context


@partnership_view("rubric.view")
def rubric_page(request: HttpRequest) -> HttpResponse:
    """The whole rubric, in English as published, with translated headings around it."""
    return render(request, "rubric/rubric.html", base_context(request))


def rubric_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The rubric as JSON or CSV (public: it is the published text, nothing of any partnership)."""
    if fmt == "json":
        response = HttpResponse(rubric_json(), content_type="application/json; charset=utf-8")
    elif fmt == "csv":
        response = HttpResponse(rubric_csv(), content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="secure-rubric.{fmt}"'
    return response
