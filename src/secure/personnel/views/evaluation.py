"""Evaluations: scheduling, the instrument with data indicators in context, commendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms import CommendationForm, EvaluationCompleteForm, EvaluationForm
from ..indicators import evaluation_indicators
from ..models import Commendation, Evaluation, Person, TrainingTopic
from ..services import commendation_add, evaluation_complete, evaluation_schedule


@partnership_view("evaluation.view")
def evaluation_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    return render(
        request,
        "personnel/evaluation_list.html",
        {
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
            )
            messages.success(request, _("The evaluation was completed."))
            return redirect(evaluation)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "personnel/evaluation_detail.html",
        {
            "evaluation": evaluation,
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
