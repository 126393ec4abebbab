"""Live rubric evidence from the incident data: what is collected, disaggregated and analyzed.

Each provider says what the records show; a person confirms any status.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from secure.core.evidence import Evidence, evidence_provider
from secure.partnerships.models import Partnership

from .models import (
    CrdcCount,
    CrdcSchool,
    Enrollment,
    ImportRecord,
    Incident,
    IncidentAction,
    SwornOfficers,
)
from .models.choices import ActionType, Dimension
from .selectors.dashboard import officer_coverage

DISCIPLINE = (
    ActionType.IN_SCHOOL_SUSPENSION,
    ActionType.OUT_OF_SCHOOL_SUSPENSION,
    ActionType.EXPULSION,
)
POLICE = (ActionType.CITATION, ActionType.TICKET, ActionType.ARREST)


def _url(partnership: Partnership, name: str) -> str:
    return reverse(name, kwargs={"partnership_slug": partnership.slug})


@evidence_provider("1.start.1.1")
def incident_data(partnership: Partnership) -> Evidence:
    """Discipline incidents, ticketing and arrests on record."""
    actions = IncidentAction.objects.for_partnership(partnership)
    incidents = Incident.objects.for_partnership(partnership).count()
    discipline = actions.filter(action__in=DISCIPLINE).count()
    police = actions.filter(action__in=POLICE).count()
    years = sorted(
        set(Incident.objects.for_partnership(partnership).values_list("school_year", flat=True))
    )
    if not incidents:
        return Evidence(
            summary=_("No discipline or law-enforcement incidents are recorded yet."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "incidents:import_list"),
        )
    return Evidence(
        summary=_(
            "%(incidents)d incidents recorded (%(years)s): %(discipline)d suspensions and "
            "expulsions, %(police)d citations, tickets and school-related arrests."
        )
        % {
            "incidents": incidents,
            "years": ", ".join(years),
            "discipline": discipline,
            "police": police,
        },
        suggested_status=Evidence.IN_PROGRESS if len(years) < 2 else Evidence.DONE,
        url=_url(partnership, "incidents:incident_list"),
        facts={"incidents": incidents, "years": years, "discipline": discipline, "police": police},
    )


@evidence_provider("1.start.1.2", "1.improve.1.2")
def mandated_collections(partnership: Partnership) -> Evidence:
    """CRDC files imported for the partnership's schools."""
    years = sorted(
        set(CrdcCount.objects.for_partnership(partnership).values_list("school_year", flat=True))
    )
    schools = CrdcSchool.objects.for_partnership(partnership).filter(school__isnull=False).count()
    if not years:
        return Evidence(
            summary=_("No Civil Rights Data Collection file has been imported yet."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "incidents:import_list"),
        )
    return Evidence(
        summary=_("CRDC data imported for %(schools)d schools: %(years)s.")
        % {"schools": schools, "years": ", ".join(years)},
        suggested_status=Evidence.DONE,
        url=_url(partnership, "incidents:dashboard"),
        facts={"crdc_years": years, "schools": schools},
    )


@evidence_provider("1.improve.1.1")
def disaggregated_with_officers(partnership: Partnership) -> Evidence:
    """Disaggregated data, and the number and percentage of schools with sworn officers."""
    coverage = officer_coverage(partnership=partnership)
    dimensions = set(
        Enrollment.objects.for_partnership(partnership).values_list("dimension", flat=True)
    )
    if not coverage:
        return Evidence(
            summary=_("No sworn-officer counts per school are recorded yet."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "incidents:import_list"),
        )
    latest = coverage[0]
    return Evidence(
        summary=_(
            "%(year)s: %(with)d of %(schools)d schools (%(share)s%%) have sworn officers "
            "(%(fte)s FTE). Enrollment is broken down by %(count)d dimensions."
        )
        % {
            "year": latest.year,
            "with": latest.with_officers,
            "schools": latest.schools,
            "share": latest.share,
            "fte": latest.fte,
            "count": len(dimensions - {Dimension.TOTAL}),
        },
        suggested_status=Evidence.DONE if len(dimensions) >= 5 else Evidence.IN_PROGRESS,
        url=_url(partnership, "incidents:dashboard"),
        facts={
            "year": latest.year,
            "schools_with_officers": latest.with_officers,
            "schools": latest.schools,
            "dimensions": sorted(dimensions),
        },
    )


@evidence_provider("2.start.3")
def law_enforcement_practices(partnership: Partnership) -> Evidence:
    """Which law-enforcement practices the records cover, presented on the dashboard."""
    found = set(
        IncidentAction.objects.for_partnership(partnership)
        .values_list("action", flat=True)
        .distinct()
    )
    labels = [str(label) for code, label in ActionType.choices if code in found]
    if not found:
        return Evidence(
            summary=_("No law-enforcement actions are recorded yet."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "incidents:import_list"),
        )
    return Evidence(
        summary=_("The dashboard presents %(count)d kinds of action: %(labels)s.")
        % {"count": len(labels), "labels": ", ".join(labels)},
        suggested_status=Evidence.IN_PROGRESS,
        url=_url(partnership, "incidents:dashboard"),
        facts={"actions": sorted(found)},
    )


@evidence_provider("2.start.4")
def disaggregation(partnership: Partnership) -> Evidence:
    """Every rubric dimension is recorded for students and has enrollment denominators."""
    enrolled: set[str] = set(
        Enrollment.objects.for_partnership(partnership).values_list("dimension", flat=True)
    )
    students = IncidentAction.objects.for_partnership(partnership).exists()
    needed: set[str] = {
        Dimension.RACE,
        Dimension.SEX,
        Dimension.DISABILITY,
        Dimension.EL,
        Dimension.AGE_BAND,
    }
    missing = sorted(str(Dimension(d).label) for d in needed - enrolled)
    if not students:
        return Evidence(
            summary=_("No student-level data to disaggregate yet."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "incidents:import_list"),
        )
    if missing:
        summary = _(
            "Actions are recorded by race/ethnicity, age, sex, offense, EL and disability status; "
            "enrollment is missing for: %(missing)s."
        ) % {"missing": ", ".join(missing)}
        status = Evidence.IN_PROGRESS
    else:
        summary = _(
            "Actions and enrollment are broken down by race/ethnicity, age, sex, offense, EL "
            "status and disability status."
        )
        status = Evidence.DONE
    return Evidence(
        summary=summary,
        suggested_status=status,
        url=_url(partnership, "incidents:dashboard"),
        facts={"missing_denominators": missing},
    )


@evidence_provider("2.improve.1")
def regular_collection(partnership: Partnership) -> Evidence:
    """Imports in the last year: is collection and analysis a regular process?"""
    year_ago = timezone.now() - datetime.timedelta(days=365)
    imports = ImportRecord.objects.for_partnership(partnership).filter(
        status=ImportRecord.Status.SUCCEEDED
    )
    recent = imports.filter(finished_at__gte=year_ago)
    months = {d.strftime("%Y-%m") for d in recent.values_list("finished_at", flat=True)}
    officers = SwornOfficers.objects.for_partnership(partnership).exists()
    if not imports.exists():
        return Evidence(
            summary=_("No data has been imported yet."),
            suggested_status=Evidence.NOT_STARTED,
            url=_url(partnership, "incidents:import_list"),
        )
    return Evidence(
        summary=_("%(count)d imports in the last twelve months, in %(months)d different months.")
        % {"count": recent.count(), "months": len(months)},
        suggested_status=Evidence.DONE if len(months) >= 3 and officers else Evidence.IN_PROGRESS,
        url=_url(partnership, "incidents:import_list"),
        facts={"imports_last_year": recent.count(), "months": sorted(months)},
    )
