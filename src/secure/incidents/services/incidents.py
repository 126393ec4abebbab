"""Recording one incident with its students and actions (the web form's way in)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from .. import rules
from ..importers.lookups import offense_labels
from ..models import Incident, IncidentAction, IncidentStudent
from ..models.choices import age_band_for
from ..pseudonyms import pseudonym_secret, student_key
from ..values import school_year_of

NUMBER_TAKEN = _("The partnership already has an incident with this number.")
NO_STUDENTS = _("Add at least one student.")
SAME_STUDENT_TWICE = _("The same student is entered twice.")
UNKNOWN_OFFENSE = _("Choose an offense category of the partnership.")
WRONG_SCHOOL = _("Choose a school of the partnership.")


@dataclass
class ActionEntry:
    action: str
    force_type: str = ""
    parent_notified: bool | None = None
    rights_advised: bool | None = None
    outcome: str = ""
    action_date: datetime.date | None = None


@dataclass
class StudentEntry:
    """A student as entered: the raw ID is hashed at once and not kept."""

    student_id: str
    age: int
    grade: str
    sex: str
    race: str
    english_learner: bool
    disability: str
    actions: list[ActionEntry] = field(default_factory=list)


def incident_number_next(*, partnership: Partnership, day: datetime.date) -> str:
    """A new incident number for the web form: WEB-<date>-<n>."""
    prefix = f"WEB-{day:%Y%m%d}-"
    taken = Incident.objects.for_partnership(partnership).filter(number__startswith=prefix).count()
    number = taken + 1
    while Incident.objects.for_partnership(partnership).filter(number=f"{prefix}{number}").exists():
        number += 1
    return f"{prefix}{number}"


def entry_problems(*, occurred_on: datetime.date, student: StudentEntry) -> list[tuple[str, Any]]:
    """The data standard's row rules applied to one student and each of their actions."""
    base = {
        "incident_date": occurred_on,
        "age": student.age,
        "grade": student.grade,
    }
    problems = rules.age_rule(base) + rules.age_grade_rule(base)
    for action in student.actions:
        row = {**base, **action.__dict__}
        problems += (
            rules.force_type_rule(row) + rules.questioning_rule(row) + rules.action_date_rule(row)
        )
    return problems


@transaction.atomic
def incident_record(
    *,
    partnership: Partnership,
    occurred_on: datetime.date,
    school: School,
    location: str,
    offense: str,
    involvement: str,
    students: list[StudentEntry],
    number: str = "",
    officers: str = "",
    narrative: str = "",
) -> Incident:
    """Record an incident with its students and actions, checked by the data standard's rules."""
    if school.partnership_id != partnership.pk:
        raise ValidationError({"school": WRONG_SCHOOL})
    if offense not in offense_labels(partnership=partnership):
        raise ValidationError({"offense": UNKNOWN_OFFENSE})
    if not students:
        raise ValidationError(NO_STUDENTS)
    problems = rules.incident_date_rule({"incident_date": occurred_on}) + rules.narrative_rule(
        {"narrative": narrative}
    )
    if problems:
        raise ValidationError({_field(c): m for c, m in problems})
    number = number.strip() or incident_number_next(partnership=partnership, day=occurred_on)
    if Incident.objects.for_partnership(partnership).filter(number=number).exists():
        raise ValidationError({"number": NUMBER_TAKEN})
    secret = pseudonym_secret(partnership=partnership)
    keys = [student_key(secret=secret, raw_id=s.student_id) for s in students]
    if len(set(keys)) != len(keys):
        raise ValidationError(SAME_STUDENT_TWICE)
    for student in students:
        found = entry_problems(occurred_on=occurred_on, student=student)
        if found:
            raise ValidationError([m for _c, m in found])
    incident = Incident(
        partnership=partnership,
        number=number,
        occurred_on=occurred_on,
        school_year=school_year_of(occurred_on),
        school=school,
        location=location,
        offense=offense,
        involvement=involvement,
        officers=officers.strip(),
        narrative=narrative.strip(),
        source=Incident.Source.FORM,
    )
    incident.full_clean()
    incident.save()
    for key, entry in zip(keys, students, strict=True):
        involved = IncidentStudent(
            partnership=partnership,
            incident=incident,
            student_key=key,
            age=entry.age,
            age_band=age_band_for(entry.age),
            grade=entry.grade,
            sex=entry.sex,
            race=entry.race,
            english_learner=entry.english_learner,
            disability=entry.disability,
        )
        involved.full_clean(exclude=["incident"])
        involved.save()
        for action in entry.actions:
            IncidentAction.objects.create(
                partnership=partnership,
                incident=incident,
                student=involved,
                school=school,
                school_year=incident.school_year,
                action=action.action,
                action_date=action.action_date,
                force_type=action.force_type,
                parent_notified=action.parent_notified,
                rights_advised=action.rights_advised,
                outcome=action.outcome.strip(),
            )
    return incident


def _field(column: str) -> str:
    return {"incident_date": "occurred_on"}.get(column, column)


def today() -> datetime.date:
    return timezone.localdate()
