"""Evaluations: scheduling, the instrument with data indicators in context, commendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..feedback import feedback_for_evaluation, item_tables, start_campaign_url
from ..forms import CommendationForm, CycleForm, EvaluationCompleteForm, EvaluationForm
from ..indicators import evaluation_indicators
from ..models import Commendation, Evaluation, EvaluationCycle, Person, TrainingTopic
from ..services import (
    commendation_add,
    cycle_missing,
    evaluation_complete,
    evaluation_cycle_fill,
    evaluation_cycle_start,
    evaluation_schedule,
)


@partnership_view("evaluation.view")
def evaluation_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    return render(
        request,
        "personnel/evaluation_list.html",
        {
            "cycles": EvaluationCycle.objects.for_partnership(partnership).prefetch_related(
                "evaluations"
            ),
            "today": timezone.localdate(),
            "evaluations": Evaluation.objects.for_partnership(partnership).select_related(
                "person", "evaluator__user"
            ),
            "commendations": Commendation.objects.for_partnership(partnership).select_related(
                "person"
            ),
        },
    )


@partnership_view("evaluation.manage")
@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    person = get_for_partnership_or_404(Person, partnership=partnership, pk=pk)
    form = EvaluationForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = evaluation_schedule(person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evaluation was scheduled."))
            return redirect(evaluation)
    return render(request, "personnel/evaluation_form.html", {"form": form, "person": person})


@partnership_view("evaluation.view")
@require_http_methods(["GET", "POST"])
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    evaluation = get_for_partnership_or_404(Evaluation, partnership=partnership, pk=pk)
    form = None
    open_cycle = evaluation.status == Evaluation.Status.SCHEDULED
    if open_cycle and member_can(request, "evaluation.manage"):
        topics = [
            t
            for t in TrainingTopic.objects.for_partnership(partnership)
            if evaluation.person.role in t.roles
        ]
        form = EvaluationCompleteForm(request.POST or None, topics=topics)
        if request.method == "POST" and form.is_valid():
            evaluation_complete(
                evaluation=evaluation,
                ratings=form.ratings(),
                fit_review=form.cleaned_data["fit_review"],
                feedback=form.cleaned_data["feedback"],
                summary=form.cleaned_data["summary"],
                by=request.membership,  # type: ignore[attr-defined]
            )
            messages.success(request, _("The evaluation was completed."))
            return redirect(evaluation)
    elif request.method == "POST":
        raise PermissionDenied
    feedback = feedback_for_evaluation(evaluation)
    return render(
        request,
        "personnel/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "feedback": feedback,
            "feedback_items": item_tables(feedback),
            "start_campaign": start_campaign_url(evaluation.person)
            if member_can(request, "survey.manage")
            else None,
            "indicators": evaluation_indicators(evaluation=evaluation),
            "ratings": evaluation.ratings.select_related("topic"),
            "form": form,
        },
    )


@partnership_view("evaluation.manage")
@require_http_methods(["GET", "POST"])
def commendation_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    person = get_for_partnership_or_404(Person, partnership=partnership, pk=pk)
    form = CommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        commendation_add(person=person, **form.cleaned_data)
        messages.success(request, _("The commendation was recorded."))
        return redirect(person)
    return render(request, "personnel/commendation_form.html", {"form": form, "person": person})


@partnership_view("evaluation.manage")
@require_http_methods(["GET", "POST"])
def cycle_create(request: HttpRequest) -> HttpResponse:
    """Start a round of evaluations for every active SRO on the regular schedule."""
    partnership = request.partnership  # type: ignore[attr-defined]
    form = CycleForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = evaluation_cycle_start(
                partnership=partnership,
                by=request.membership,  # type: ignore[attr-defined]
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The cycle was started: %(n)d evaluations were scheduled.")
                % {"n": cycle.evaluations.count()},
            )
            return redirect(cycle)
    return render(request, "personnel/cycle_form.html", {"form": form})


@partnership_view("evaluation.view")
@require_http_methods(["GET", "POST"])
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Who the cycle evaluates, by whom, and who is overdue; add people who became due."""
    partnership = request.partnership  # type: ignore[attr-defined]
    cycle = get_for_partnership_or_404(EvaluationCycle, partnership=partnership, pk=pk)
    if request.method == "POST":
        if not member_can(request, "evaluation.manage"):
            raise PermissionDenied
        added = evaluation_cycle_fill(cycle=cycle)
        messages.success(request, _("%(n)d evaluations were added to the cycle.") % {"n": added})
        return redirect(cycle)
    today = timezone.localdate()
    evaluations = list(
        cycle.evaluations.select_related("person", "evaluator__user").order_by("person__full_name")
    )
    return render(
        request,
        "personnel/cycle_detail.html",
        {
            "cycle": cycle,
            "evaluations": [(e, e.is_overdue(today)) for e in evaluations],
            "completed": sum(1 for e in evaluations if e.status == Evaluation.Status.COMPLETED),
            "overdue": sum(1 for e in evaluations if e.is_overdue(today)),
            "missing": cycle_missing(cycle),
        },
    )
