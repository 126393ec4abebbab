"""What one member may see of the incident data: the whole partnership, or some schools.

Leaders, data analysts and auditors see the partnership's whole data. A school administrator
sees the schools they are assigned to today; an SRO the schools they are assigned to today and,
in lists and on incident pages, every incident that names their badge number. The link from a
member account to schools is the people register (``secure.personnel``): a person record linked
to the member (``Person.member``) and that person's assignments to schools. A member of a scoped
role with no such link sees nothing until a leader links them.

Every read of the incident data goes through the row functions below (``incident_rows``,
``action_rows``, ...), so the scope is applied in one place. Counts on the dashboards and in
CSV exports cover the scope's schools only (their enrollment is the denominator); an SRO's
incidents at other schools are listed, not counted.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role

from .models import (
    CrdcCount,
    Enrollment,
    Incident,
    IncidentAction,
    IncidentStudent,
    SwornOfficers,
)

SCOPED_ROLES = frozenset({Role.SCHOOL_ADMIN, Role.SRO})
"""Roles that see only their schools (and, for SROs, the incidents naming them)."""


@dataclass(frozen=True)
class DataScope:
    """The part of a partnership's incident data a member may see.

    ``school_ids`` is None for the whole partnership; ``badges`` are badge numbers whose
    incidents may be seen wherever they happened.
    """

    school_ids: frozenset[int] | None = None
    badges: frozenset[str] = field(default_factory=frozenset)

    @property
    def everything(self) -> bool:
        return self.school_ids is None

    @property
    def empty(self) -> bool:
        return self.school_ids is not None and not self.school_ids and not self.badges

    def _schools_q(self, prefix: str = "") -> Q:
        if self.school_ids is None:
            return Q()
        return Q(**{f"{prefix}school_id__in": sorted(self.school_ids)})

    def _badges_q(self, prefix: str = "") -> Q:
        found = Q(pk__in=[])
        for badge in sorted(self.badges):
            found |= Q(**{f"{prefix}officers__iregex": badge_pattern(badge)})
        return found

    def records_q(self, prefix: str = "") -> Q:
        """Incidents (``prefix=""``) or rows of an incident (``prefix="incident__"``) in scope."""
        if self.school_ids is None:
            return Q()
        return self._schools_q(prefix) | self._badges_q(prefix)


EVERYTHING = DataScope()


def badge_pattern(badge: str) -> str:
    """A regular expression matching ``badge`` as one of the semicolon-separated officers."""
    return r"(^|;)\s*" + re.escape(badge.strip()) + r"\s*(;|$)"


def data_scope(*, membership: Membership, today: datetime.date | None = None) -> DataScope:
    """The member's scope on ``today`` (the site's local date by default)."""
    if membership.role not in SCOPED_ROLES:
        return EVERYTHING
    from secure.personnel.models import Assignment, Person

    today = today or timezone.localdate()
    people = Person.objects.for_partnership(membership.partnership).filter(
        member=membership, is_active=True
    )
    schools = (
        Assignment.objects.for_partnership(membership.partnership)
        .filter(person__in=people, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("school_id", flat=True)
    )
    badges: frozenset[str] = frozenset()
    if membership.role == Role.SRO:
        badges = frozenset(
            b.strip() for b in people.values_list("badge_number", flat=True) if b.strip()
        )
    return DataScope(school_ids=frozenset(schools), badges=badges)


def request_scope(request: HttpRequest) -> DataScope:
    """The scope of the member behind a request that passed ``partnership_view``."""
    cached = getattr(request, "_incident_scope", None)
    if cached is None:
        cached = data_scope(membership=request.membership)  # type: ignore[attr-defined]
        request._incident_scope = cached  # type: ignore[attr-defined]
    return cached


def _scope(scope: DataScope | None) -> DataScope:
    return EVERYTHING if scope is None else scope


def school_rows(partnership: Partnership, scope: DataScope | None = None) -> QuerySet[School]:
    """The schools whose numbers the scope covers (for counts, filters and the entry form)."""
    scope = _scope(scope)
    rows = School.objects.for_partnership(partnership)
    return rows if scope.everything else rows.filter(pk__in=sorted(scope.school_ids or ()))


def _by_school(rows: QuerySet[Any], scope: DataScope | None, prefix: str = "") -> QuerySet[Any]:
    scope = _scope(scope)
    return rows if scope.everything else rows.filter(scope._schools_q(prefix))


def incident_rows(partnership: Partnership, scope: DataScope | None = None) -> QuerySet[Incident]:
    """Incidents the scope may see (its schools' and, for an SRO, those naming them)."""
    return Incident.objects.for_partnership(partnership).filter(_scope(scope).records_q())


def action_rows(
    partnership: Partnership, scope: DataScope | None = None
) -> QuerySet[IncidentAction]:
    """Actions counted for the scope: those at its schools."""
    return _by_school(IncidentAction.objects.for_partnership(partnership), scope)


def student_rows(
    partnership: Partnership, scope: DataScope | None = None
) -> QuerySet[IncidentStudent]:
    """Students involved, counted for the scope: those in incidents at its schools."""
    return _by_school(IncidentStudent.objects.for_partnership(partnership), scope, "incident__")


def enrollment_rows(
    partnership: Partnership, scope: DataScope | None = None
) -> QuerySet[Enrollment]:
    return _by_school(Enrollment.objects.for_partnership(partnership), scope)


def officer_rows(
    partnership: Partnership, scope: DataScope | None = None
) -> QuerySet[SwornOfficers]:
    return _by_school(SwornOfficers.objects.for_partnership(partnership), scope)


def crdc_rows(partnership: Partnership, scope: DataScope | None = None) -> QuerySet[CrdcCount]:
    """CRDC counts; a scoped member sees only the CRDC rows of their own schools."""
    return _by_school(CrdcCount.objects.for_partnership(partnership), scope, "crdc_school__")


def scope_school_names(partnership: Partnership, scope: DataScope | None) -> list[str]:
    """The names of a narrowed scope's schools (empty for the whole partnership)."""
    if scope is None or scope.everything:
        return []
    return list(school_rows(partnership, scope).values_list("name", flat=True))
