"""Reads of incidents for lists and detail pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from secure.partnerships.models import Partnership, School

from ..models import ImportRecord, Incident
from ..scope import DataScope, incident_rows


def incident_list(
    *,
    partnership: Partnership,
    year: str | None = None,
    school: School | None = None,
    scope: DataScope | None = None,
) -> QuerySet[Incident]:
    """The incidents the scope may see, newest first, with their numbers of students and actions."""
    rows = incident_rows(partnership, scope).select_related("school")
    if year:
        rows = rows.filter(school_year=year)
    if school is not None:
        rows = rows.filter(school=school)
    return rows.annotate(
        student_count=Count("students", distinct=True), action_count=Count("actions", distinct=True)
    ).order_by("-occurred_on", "-id")


def incident_get(*, partnership: Partnership, pk: int, scope: DataScope | None = None) -> Incident:
    """One incident the scope may see, or 404 (out of scope looks the same as not there)."""
    try:
        return incident_rows(partnership, scope).get(pk=pk)
    except (Incident.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def import_list(*, partnership: Partnership) -> QuerySet[ImportRecord]:
    """The partnership's imports, newest first."""
    return ImportRecord.objects.for_partnership(partnership).select_related("actor")
