"""The training catalogue, sessions and attendance, compliance, and onboarding plans."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms import (
    AttendanceForm,
    OnboardingForm,
    SessionForm,
    SuggestionDecisionForm,
    SuggestionForm,
    TopicForm,
)
from ..models import OnboardingPlan, Person, TrainingSession, TrainingSuggestion, TrainingTopic
from ..selectors import STATE_LABELS, STATE_ORDER, onboarding_progress
from ..selectors import compliance as compliance_of
from ..services import (
    attendance_set,
    onboarding_plan_create,
    training_session_record,
    training_suggestion_add,
    training_suggestion_decide,
    training_topic_update,
    training_topics_seed,
)


def _url(request: HttpRequest, name: str) -> str:
    return reverse(name, kwargs={"partnership_slug": request.partnership.slug})  # type: ignore[attr-defined]


@partnership_view("personnel.view")
def topic_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    topics = TrainingTopic.objects.for_partnership(partnership)
    return render(request, "personnel/topic_list.html", {"topics": topics})


@partnership_view("training.manage")
@require_POST
def topics_seed(request: HttpRequest) -> HttpResponse:
    added = training_topics_seed(partnership=request.partnership)  # type: ignore[attr-defined]
    messages.success(request, _("%(n)d topics from the rubric were added.") % {"n": added})
    return redirect(_url(request, "personnel:topic_list"))


@partnership_view("training.manage")
@require_http_methods(["GET", "POST"])
def topic_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    topic = get_for_partnership_or_404(TrainingTopic, partnership=partnership, pk=pk)
    form = TopicForm(
        request.POST or None,
        initial={
            "refresh_months": topic.refresh_months,
            "roles": topic.roles,
            "onboarding": topic.onboarding,
        },
    )
    if request.method == "POST" and form.is_valid():
        training_topic_update(topic=topic, **form.cleaned_data)
        messages.success(request, _("The topic was saved."))
        return redirect(_url(request, "personnel:topic_list"))
    return render(request, "personnel/topic_form.html", {"form": form, "topic": topic})


@partnership_view("personnel.view")
def session_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    sessions = TrainingSession.objects.for_partnership(partnership).prefetch_related(
        "topics", "attendance"
    )
    return render(request, "personnel/session_list.html", {"sessions": sessions})


@partnership_view("training.manage")
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = SessionForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            session = training_session_record(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session was recorded."))
            return redirect(session)
    return render(request, "personnel/session_form.html", {"form": form})


@partnership_view("personnel.view")
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    session = get_for_partnership_or_404(TrainingSession, partnership=partnership, pk=pk)
    can_manage = member_can(request, "training.manage")
    form = None
    if can_manage:
        form = AttendanceForm(
            request.POST or None,
            partnership=partnership,
            initial={"attendees": list(session.attendance.values_list("person_id", flat=True))},
        )
        if request.method == "POST" and form.is_valid():
            attendance_set(session=session, people=form.cleaned_data["attendees"])
            messages.success(request, _("Attendance was saved."))
            return redirect(session)
    elif request.method == "POST":
        raise PermissionDenied
    return render(
        request,
        "personnel/session_detail.html",
        {
            "session": session,
            "attendance": session.attendance.select_related("person").order_by("person__full_name"),
            "form": form,
        },
    )


@partnership_view("personnel.view")
def compliance(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    rows = compliance_of(partnership=partnership, today=timezone.localdate())
    states = [STATE_LABELS[s] for s in STATE_ORDER]
    plans = OnboardingPlan.objects.for_partnership(partnership).select_related("person", "mentor")
    return render(
        request,
        "personnel/compliance.html",
        {
            "rows": rows,
            "states": states,
            "plans": [(plan, onboarding_progress(person=plan.person)) for plan in plans],
        },
    )


@partnership_view("training.manage")
@require_http_methods(["GET", "POST"])
def onboarding_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    person = get_for_partnership_or_404(Person, partnership=partnership, pk=pk)
    form = OnboardingForm(request.POST or None, partnership=partnership, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            onboarding_plan_create(person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The onboarding plan was saved."))
            return redirect(person)
    return render(request, "personnel/onboarding_form.html", {"form": form, "person": person})


@partnership_view("personnel.view")
@require_http_methods(["GET", "POST"])
def suggestions(request: HttpRequest) -> HttpResponse:
    """SROs and staff suggest training; trainers record which manual or handbook took it up."""
    partnership = request.partnership  # type: ignore[attr-defined]
    action = request.POST.get("action") if request.method == "POST" else None
    form = SuggestionForm(request.POST if action == "suggest" else None)
    decision = SuggestionDecisionForm(
        request.POST if action in ("incorporate", "decline") else None
    )
    if action == "suggest":
        if not member_can(request, "training.suggest"):
            raise PermissionDenied
        if form.is_valid():
            training_suggestion_add(
                partnership=partnership,
                submitted_by=request.membership,  # type: ignore[attr-defined]
                **form.cleaned_data,
            )
            messages.success(request, _("Thank you: your suggestion was recorded."))
            return redirect(request.path)
    elif action in ("incorporate", "decline"):
        if not member_can(request, "training.manage"):
            raise PermissionDenied
        if decision.is_valid():
            suggestion = get_for_partnership_or_404(
                TrainingSuggestion, partnership=partnership, pk=decision.cleaned_data["suggestion"]
            )
            try:
                training_suggestion_decide(
                    suggestion=suggestion,
                    incorporated=action == "incorporate",
                    material=decision.cleaned_data["material"],
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                messages.success(request, _("The decision was recorded."))
            return redirect(request.path)
    elif request.method == "POST":
        raise PermissionDenied
    found = TrainingSuggestion.objects.for_partnership(partnership)
    return render(
        request,
        "personnel/suggestions.html",
        {
            "form": form if member_can(request, "training.suggest") else None,
            "can_decide": member_can(request, "training.manage"),
            "open": found.filter(status=TrainingSuggestion.Status.OPEN),
            "decided": found.exclude(status=TrainingSuggestion.Status.OPEN),
        },
    )
