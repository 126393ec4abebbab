"""Incident test data made through the real services."""

from __future__ import annotations

import datetime

from secure.incidents.importers import ImportJob, officers_import, table_open
from secure.incidents.models import ImportRecord, Incident, StagedImport
from secure.incidents.services.incidents import ActionEntry, StudentEntry, incident_record
from secure.incidents.services.staging import import_stage
from secure.partnerships.models import Membership, Partnership, School


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


def incident_for(partnership: Partnership) -> Incident:
    return Incident.objects.filter(partnership=partnership).first() or incident_make(partnership)


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
