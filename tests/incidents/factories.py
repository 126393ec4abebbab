"""Incident test data made through the real services."""

from __future__ import annotations

import datetime

from secure.incidents.importers import ImportJob, officers_import, table_open
from secure.incidents.models import ImportRecord, Incident, StagedImport
from secure.incidents.services.incidents import ActionEntry, StudentEntry, incident_record
from secure.incidents.services.staging import import_stage
from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role
from secure.personnel.models import Person


def student_entry(**values: object) -> StudentEntry:
    data: dict[str, object] = {
        "student_id": "S1",
        "age": 15,
        "grade": "9",
        "sex": "female",
        "race": "black",
        "english_learner": False,
        "disability": "none",
        "actions": [ActionEntry(action="referral_to_law_enforcement")],
    }
    data.update(values)
    return StudentEntry(**data)  # type: ignore[arg-type]


def incident_make(partnership: Partnership, **values: object) -> Incident:
    data: dict[str, object] = {
        "occurred_on": datetime.date(2024, 3, 15),
        "school": School.objects.filter(partnership=partnership).first(),
        "location": "hallway",
        "offense": "fighting",
        "involvement": "staff_call_nonviolent",
        "students": [student_entry()],
        "narrative": "Two students argued in the hallway.",
    }
    data.update(values)
    return incident_record(partnership=partnership, **data)  # type: ignore[arg-type]


def member_assign(
    membership: Membership,
    school: School,
    *,
    badge: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
) -> Person:
    """Link a member account to a person record assigned to ``school`` (what a leader does on
    the People pages): this is what puts a school in an SRO's or administrator's scope."""
    from secure.personnel.services import assignment_add, person_create

    person = Person.objects.filter(member=membership).first()
    if person is None:
        role = Person.Role.SRO if membership.role == Role.SRO else Person.Role.SCHOOL_STAFF
        person = person_create(
            partnership=membership.partnership,
            full_name=f"Member {membership.pk}",
            role=role,
            sworn=role == Person.Role.SRO,
            badge_number=badge,
            member=membership,
        )
    assignment_add(
        person=person,
        school=school,
        starts_on=starts_on or datetime.date(2000, 1, 1),
        ends_on=ends_on,
    )
    return person


def scoped_members_assign(partnership: Partnership, school: School) -> None:
    """Assign every SRO and school administrator of the partnership to ``school`` (if not yet),
    so that pages walked for every role find the school's incidents in those roles' scope."""
    for membership in Membership.objects.filter(
        partnership=partnership, role__in=[Role.SRO, Role.SCHOOL_ADMIN]
    ):
        if not Person.objects.filter(member=membership, assignments__school=school).exists():
            member_assign(membership, school)


def incident_for(partnership: Partnership) -> Incident:
    incident = Incident.objects.filter(partnership=partnership).first() or incident_make(
        partnership
    )
    scoped_members_assign(partnership, incident.school)
    return incident


def import_record_for(partnership: Partnership) -> ImportRecord:
    found = ImportRecord.objects.filter(partnership=partnership).first()
    if found:
        return found
    school = School.objects.filter(partnership=partnership).first()
    content = f"school,school_year,sworn_officer_fte\n{school.name},2023-24,1\n".encode()
    job = ImportJob(
        partnership=partnership, kind="officers", file_name="o.csv", file_sha256="0" * 64
    )
    result = officers_import(job=job, table=table_open(name="o.csv", content=content))
    return ImportRecord.objects.get(pk=result.record_id)


def staged_import_for(partnership: Partnership) -> StagedImport:
    found = StagedImport.objects.filter(partnership=partnership).first()
    if found:
        return found
    school = School.objects.filter(partnership=partnership).first()
    user = Membership.objects.filter(partnership=partnership).first().user
    content = f"school,school_year,sworn_officer_fte\n{school.name},2023-24,1\n".encode()
    return import_stage(
        partnership=partnership, user=user, kind="officers", file_name="o.csv", content=content
    )
