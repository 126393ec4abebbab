"""Reads of incidents for lists and detail pages."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from secure.partnerships.models import Partnership, School

from ..models import ImportRecord, Incident


def incident_list(
    *, partnership: Partnership, year: str | None = None, school: School | None = None
) -> QuerySet[Incident]:
    """The partnership's incidents, newest first, with their numbers of students and actions."""
    rows = Incident.objects.for_partnership(partnership).select_related("school")
    if year:
        rows = rows.filter(school_year=year)
    if school is not None:
        rows = rows.filter(school=school)
    return rows.annotate(
        student_count=Count("students", distinct=True), action_count=Count("actions", distinct=True)
    ).order_by("-occurred_on", "-id")


def import_list(*, partnership: Partnership) -> QuerySet[ImportRecord]:
    """The partnership's imports, newest first."""
    return ImportRecord.objects.for_partnership(partnership).select_related("actor")
