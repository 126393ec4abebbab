"""Assessment cycles: list, start, overview with progress, one step's items, complete or reopen."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import partnership_view

from .. import selectors, services
from ..charts import progress_bars
from ..content import rubric_load
from ..forms import AssessmentStartForm
from ..models import Assessment
from .common import assessment_or_404, base_context, partnership_of


@partnership_view("rubric.view")
def assessment_list(request: HttpRequest) -> HttpResponse:
    partnership = partnership_of(request)
    cycles = [
        (cycle, selectors.assessment_progress(assessment=cycle))
        for cycle in selectors.assessment_list(partnership=partnership)
    ]
    return render(request, "rubric/assessment_list.html", base_context(request, cycles=cycles))


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest) -> HttpResponse:
    partnership = partnership_of(request)
    form = AssessmentStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_start(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Started the %(year)s assessment.") % {"year": assessment.year_label}
            )
            return redirect(
                "rubric:assessment_detail", partnership_slug=partnership.slug, pk=assessment.pk
            )
    return render(request, "rubric/assessment_form.html", base_context(request, form=form))


@partnership_view("rubric.view")
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_or_404(request, pk)
    progress = selectors.assessment_progress(assessment=assessment)
    return render(
        request,
        "rubric/assessment_detail.html",
        base_context(
            request, assessment=assessment, progress=progress, chart=progress_bars(progress)
        ),
    )


def _step_page(request: HttpRequest, assessment: Assessment | None, number: int) -> HttpResponse:
    step = rubric_load().step(number)
    if step is None:
        raise Http404
    rows = selectors.assessment_rows(assessment=assessment, step=number) if assessment else {}
    progress = selectors.assessment_progress(assessment=assessment) if assessment else None
    return render(
        request,
        "rubric/assessment_step.html",
        base_context(
            request,
            assessment=assessment,
            step=step,
            rows=rows,
            step_progress=progress.steps[number - 1] if progress else None,
        ),
    )


@partnership_view("rubric.view")
def assessment_step(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    return _step_page(request, assessment_or_404(request, pk), number)


@partnership_view("rubric.view")
def current_step(request: HttpRequest, number: int) -> HttpResponse:
    """A step's items in the current cycle (the link each step page shows)."""
    current = selectors.assessment_current(partnership=partnership_of(request))
    return _step_page(request, current, number)


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def assessment_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Complete a cycle (what is open stays on record) or reopen it for corrections."""
    assessment = assessment_or_404(request, pk)
    progress = selectors.assessment_progress(assessment=assessment)
    if request.method == "POST":
        try:
            if assessment.is_open:
                services.assessment_complete(assessment=assessment)
                messages.success(request, _("The assessment is completed."))
            else:
                services.assessment_reopen(assessment=assessment)
                messages.success(request, _("The assessment is open again."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(
            reverse(
                "rubric:assessment_detail",
                kwargs={"partnership_slug": partnership_of(request).slug, "pk": assessment.pk},
            )
        )
    return render(
        request,
        "rubric/assessment_status.html",
        base_context(request, assessment=assessment, progress=progress),
    )


@partnership_view("rubric.view")
def compare(request: HttpRequest) -> HttpResponse:
    """Year over year: each cycle's progress by step, and what changed between the last two."""
    data = selectors.cycles_compare(partnership=partnership_of(request))
    return render(request, "rubric/compare.html", base_context(request, **data))
