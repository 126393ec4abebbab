"""The training catalogue, sessions and attendance, compliance, and onboarding plans."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..feedback import item_tables, training_feedback
from ..forms import (
    AttendanceForm,
    OnboardingForm,
    SessionForm,
    SuggestionDecisionForm,
    SuggestionForm,
    TopicForm,
)
from ..models import (
    Attendance,
    OnboardingPlan,
    Person,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)
from ..selectors import (
    STATE_LABELS,
    STATE_ORDER,
    assignments_on,
    onboarding_progress,
    requirements,
)
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


def _training_input(partnership: object) -> dict[str, object]:
    summary = training_feedback(partnership)
    return {"training_input": summary, "training_items": item_tables(summary)}


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
            **_training_input(partnership),
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
            **_training_input(partnership),
            "open": found.filter(status=TrainingSuggestion.Status.OPEN),
            "decided": found.exclude(status=TrainingSuggestion.Status.OPEN),
        },
    )


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@partnership_view("personnel.view")
def compliance_csv(request: HttpRequest) -> HttpResponse:
    """Every required training of every active person, with its state, as CSV."""
    partnership = request.partnership  # type: ignore[attr-defined]
    today = timezone.localdate()
    school_of: dict[int, str] = {}
    for a in assignments_on(partnership=partnership, day=today):
        school_of.setdefault(a.person_id, a.school.name)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="training-compliance-{partnership.slug}-{today:%Y%m%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["person", "role", "school", "topic", "rubric_item", "last_trained", "expires", "state"]
    )
    with translation.override("en"):
        for req in sorted(
            requirements(partnership=partnership, today=today),
            key=lambda r: (r.person.full_name, r.topic.position, r.topic.title),
        ):
            writer.writerow(
                [
                    _cell(req.person.full_name),
                    req.person.role,
                    _cell(school_of.get(req.person.pk, "")),
                    _cell(req.topic.title),
                    req.topic.rubric_item,
                    req.last.isoformat() if req.last else "",
                    req.expires.isoformat() if req.expires else "",
                    req.state,
                ]
            )
    return response


@partnership_view("personnel.view")
def certificate_pdf(request: HttpRequest, pk: int, attendance: int) -> HttpResponse:
    """A certificate of completion for one attendee of one session, as PDF."""
    from secure.rubric.pdf import template_to_pdf

    partnership = request.partnership  # type: ignore[attr-defined]
    session = get_for_partnership_or_404(TrainingSession, partnership=partnership, pk=pk)
    found = get_for_partnership_or_404(
        Attendance, partnership=partnership, pk=attendance, session=session
    )
    pdf = template_to_pdf(
        "personnel/certificate_pdf.html",
        {
            "partnership": partnership,
            "session": session,
            "attendance": found,
            "topics": session.topics.all(),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = found.certificate or f"{session.pk}-{found.pk}"
    response["Content-Disposition"] = f'attachment; filename="certificate-{name}.pdf"'
    return response
