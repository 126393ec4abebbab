"""Data indicators for an evaluation: what the incident data shows at the officer's schools.

Indicators give context to an evaluator; they are never turned into a score. Counts of 1 to 9
carry a small-number caution, as everywhere else in SECURE.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from secure.incidents.models import Incident, IncidentAction, OffenseCategory
from secure.incidents.models.choices import DEFAULT_OFFENSES, ActionType
from secure.incidents.selectors.dashboard import is_small

from .models import Evaluation

INDICATORS: tuple[tuple[str, Promise, tuple[str, ...], bool], ...] = (
    # (key, label, actions, only minor (non-violent) offenses)
    (
        "arrests_minor",
        _("School-related arrests for minor (non-violent) offenses"),
        (ActionType.ARREST,),
        True,
    ),
    (
        "citations_minor",
        _("Citations and tickets for minor offenses"),
        (ActionType.CITATION, ActionType.TICKET),
        True,
    ),
    (
        "referrals_minor",
        _("Referrals to law enforcement for minor offenses"),
        (ActionType.REFERRAL,),
        True,
    ),
    ("diversion", _("Diversion and other alternatives to arrest"), (ActionType.DIVERSION,), False),
    ("use_of_force", _("Uses of force"), (ActionType.USE_OF_FORCE,), False),
)


@dataclass
class Indicator:
    label: str
    at_schools: int
    with_officer: int

    @property
    def small(self) -> bool:
        """Whether either count is small enough that one incident changes the picture."""
        return is_small(self.at_schools) or is_small(self.with_officer)


@dataclass
class Indicators:
    schools: list[str]
    start: datetime.date
    end: datetime.date
    rows: list[Indicator]
    badge: str


def minor_offense_codes(partnership) -> set[str]:
    """Offense codes that are not violent or threatening (the rubric's minor offenses)."""
    codes = {code for code, _label, violent in DEFAULT_OFFENSES if not violent}
    for code, violent in OffenseCategory.objects.for_partnership(partnership).values_list(
        "code", "violent"
    ):
        (codes.discard if violent else codes.add)(code)
    return codes


def _mentions(officers: str, badge: str) -> bool:
    return badge != "" and badge.lower() in {b.strip().lower() for b in officers.split(";")}


def evaluation_indicators(*, evaluation: Evaluation) -> Indicators:
    """Counts at the schools the officer was assigned to, within the evaluation period."""
    person = evaluation.person
    start, end = evaluation.period_start, evaluation.period_end
    where = Q(pk__in=[])
    schools = []
    for a in person.assignments.select_related("school").filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=start), starts_on__lte=end
    ):
        where |= Q(
            incident__school=a.school,
            incident__occurred_on__gte=max(start, a.starts_on),
            incident__occurred_on__lte=min(end, a.ends_on or end),
        )
        schools.append(a.school.name)
    minor = minor_offense_codes(person.partnership)
    actions = IncidentAction.objects.for_partnership(person.partnership).filter(where)
    rows = []
    for _key, label, codes, only_minor in INDICATORS:
        found = actions.filter(action__in=codes)
        if only_minor:
            found = found.filter(incident__offense__in=minor)
        officers = found.values_list("incident__officers", flat=True)
        rows.append(
            Indicator(
                label=str(label),
                at_schools=len(officers),
                with_officer=sum(1 for o in officers if _mentions(o, person.badge_number)),
            )
        )
    return Indicators(sorted(set(schools)), start, end, rows, person.badge_number)


def officer_incident_count(*, evaluation: Evaluation) -> int:
    """How many incidents in the period name the officer's badge number."""
    person = evaluation.person
    if not person.badge_number:
        return 0
    texts = (
        Incident.objects.for_partnership(person.partnership)
        .filter(
            occurred_on__range=(evaluation.period_start, evaluation.period_end),
            officers__icontains=person.badge_number,
        )
        .values_list("officers", flat=True)
    )
    return sum(1 for t in texts if _mentions(t, person.badge_number))
