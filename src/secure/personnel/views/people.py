"""Officers and school staff, their assignments, and schools with a sworn officer."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.incidents.selectors.dashboard import officer_coverage
from secure.partnerships.access import partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms import AssignmentEndForm, AssignmentForm, PersonForm, PersonUpdateForm
from ..models import Assignment, Person
from ..selectors import (
    officer_coverage_on,
    onboarding_progress,
    requirements,
    school_year_of,
    staffing_by_school,
)
from ..selectors import (
    person_list as people_of,
)
from ..services import assignment_add, assignment_end


@partnership_view("personnel.view")
def person_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    today = timezone.localdate()
    reported = officer_coverage(partnership=partnership)
    # The table shows the latest year with reported counts (the current year is rarely in yet).
    year = reported[0].year if reported else school_year_of(today)
    return render(
        request,
        "personnel/person_list.html",
        {
            "people": people_of(partnership=partnership),
            "coverage": officer_coverage_on(partnership=partnership, day=today),
            "reported": reported[0] if reported else None,
            "school_year": year,
            "staffing": staffing_by_school(partnership=partnership, day=today, year=year),
        },
    )


@partnership_view("personnel.manage")
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = PersonForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("%(name)s was added.") % {"name": person.full_name})
        return redirect(person)
    return render(request, "personnel/person_form.html", {"form": form})


@partnership_view("personnel.view")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    person = get_for_partnership_or_404(Person, partnership=partnership, pk=pk)
    plan = getattr(person, "onboarding", None)
    return render(
        request,
        "personnel/person_detail.html",
        {
            "person": person,
            "assignments": person.assignments.select_related("school"),
            "requirements": requirements(
                partnership=partnership, today=timezone.localdate(), person=person
            ),
            "attendance": person.attendance.select_related("session").order_by("-session__held_on"),
            "plan": plan,
            "progress": onboarding_progress(person=person) if plan else None,
            "mentees": person.mentees.select_related("person"),
        },
    )


@partnership_view("personnel.manage")
@require_http_methods(["GET", "POST"])
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    person = get_for_partnership_or_404(Person, partnership=partnership, pk=pk)
    form = AssignmentForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_add(person=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assignment was saved."))
            return redirect(person)
    return render(request, "personnel/assignment_form.html", {"form": form, "person": person})


@partnership_view("personnel.manage")
@require_http_methods(["GET", "POST"])
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    person = get_for_partnership_or_404(Person, partnership=partnership, pk=pk)
    form = PersonUpdateForm(request.POST or None, instance=person, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("%(name)s was saved.") % {"name": person.full_name})
        return redirect(person)
    return render(request, "personnel/person_form.html", {"form": form, "person": person})


@partnership_view("personnel.manage")
@require_POST
def assignment_finish(request: HttpRequest, pk: int) -> HttpResponse:
    """End an assignment on the date given (a move to another school starts a new one)."""
    partnership = request.partnership  # type: ignore[attr-defined]
    assignment = get_for_partnership_or_404(Assignment, partnership=partnership, pk=pk)
    form = AssignmentEndForm(request.POST)
    if form.is_valid():
        try:
            assignment_end(assignment=assignment, ends_on=form.cleaned_data["ends_on"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, _("The assignment was ended."))
    else:
        messages.error(request, _("Give the date the assignment ended."))
    return redirect(assignment.person)
