"""Incident pages: the list, one incident, and the form for a new one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import member_can, partnership_view

from ..dimensions import group_labels
from ..forms.incident import IncidentForm, StudentFormSet
from ..models.choices import Dimension
from ..scope import request_scope, scope_school_names
from ..selectors.dashboard import school_years
from ..selectors.incidents import incident_get
from ..selectors.incidents import incident_list as incidents_of
from ..services.incidents import incident_record


@partnership_view("incident.view")
def incident_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    scope = request_scope(request)
    years = school_years(partnership=partnership, scope=scope)
    year = request.GET.get("year") if request.GET.get("year") in years else None
    page = Paginator(incidents_of(partnership=partnership, year=year, scope=scope), 50).get_page(
        request.GET.get("page")
    )
    offenses = group_labels(dimension=Dimension.OFFENSE, partnership=partnership)
    return render(
        request,
        "incidents/incident_list.html",
        {
            "page": page,
            "years": years,
            "year": year or "",
            "offenses": offenses,
            "scope": scope,
            "scope_schools": scope_school_names(partnership, scope),
        },
    )


@partnership_view("incident.view")
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    incident = incident_get(partnership=partnership, pk=pk, scope=request_scope(request))
    students = incident.students.prefetch_related("actions")
    offenses = group_labels(dimension=Dimension.OFFENSE, partnership=partnership)
    return render(
        request,
        "incidents/incident_detail.html",
        {
            "incident": incident,
            "students": students,
            "offense_label": offenses.get(incident.offense, incident.offense),
            "show_narrative": member_can(request, "incident.narrative"),
        },
    )


@partnership_view("incident.record")
@require_http_methods(["GET", "POST"])
def incident_create(request: HttpRequest) -> HttpResponse:
    """Enter an incident with its students; "Add another student" works without JavaScript."""
    partnership = request.partnership  # type: ignore[attr-defined]
    scope = request_scope(request)
    shown = {"scope": scope, "scope_schools": scope_school_names(partnership, scope)}
    data = request.POST if request.method == "POST" else None
    if data is not None and "add_student" in data:
        # Show what was typed again, unchecked, with one more blank student.
        total = min(int(data.get("students-TOTAL_FORMS") or 1) + 1, 30)
        form = IncidentForm(initial=data.dict(), partnership=partnership, scope=scope)
        students = StudentFormSet(
            prefix="students", initial=[_student_initial(data, i) for i in range(total - 1)]
        )
        students.extra = 1
        return render(
            request,
            "incidents/incident_form.html",
            {"form": form, "students": students, **shown},
        )
    form = IncidentForm(data, partnership=partnership, scope=scope)
    students = StudentFormSet(data, prefix="students")
    if data is not None:
        incident_ok = form.is_valid()
        students_ok = students.is_valid()
        occurred_on = form.cleaned_data.get("occurred_on") if incident_ok else None
        for student_form in students.forms:
            student_form.check_rules(occurred_on)
        filled = [f for f in students.forms if f.is_valid() and f.cleaned_data]
        if incident_ok and students_ok and all(f.is_valid() for f in students.forms):
            try:
                incident = incident_record(
                    partnership=partnership,
                    students=[f.entry() for f in filled],
                    **form.cleaned_data,
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, problems in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, problems)
                else:
                    form.add_error(None, error)
            else:
                messages.success(
                    request, _("Incident %(number)s recorded.") % {"number": incident.number}
                )
                return redirect(incident)
    return render(
        request, "incidents/incident_form.html", {"form": form, "students": students, **shown}
    )


def _student_initial(data: QueryDict, index: int) -> dict[str, object]:
    prefix = f"students-{index}-"
    initial: dict[str, object] = {
        key.removeprefix(prefix): value for key, value in data.items() if key.startswith(prefix)
    }
    initial["actions"] = data.getlist(f"{prefix}actions")
    return initial
