"""Importing incidents: every bad row reported, all or nothing, idempotent, pseudonymous."""

from __future__ import annotations

import pytest
from django.db import connection

from secure.audit.models import AuditEvent
from secure.incidents.importers import ImportRefused
from secure.incidents.importers.errors import HIDDEN_VALUE
from secure.incidents.importers.incidents import DIFFERS_FROM_INCIDENT, DUPLICATE_ACTION
from secure.incidents.models import (
    ImportRecord,
    Incident,
    IncidentAction,
    IncidentStudent,
)
from secure.incidents.pseudonyms import pseudonym_secret, student_key
from secure.incidents.rules import FORCE_TYPE_REQUIRED
from secure.incidents.values import NOT_A_DATE
from secure.partnerships.models import School

from .builders import csv_write, import_file, incident_row, incidents_header

pytestmark = pytest.mark.django_db


def _school(partnership):
    return School.objects.get(partnership=partnership)


def _good_rows(school):
    return [
        incident_row(school),
        incident_row(school, action="search"),
        incident_row(school, student_id="S1000002", race="WH", sex="M", action="search"),
        incident_row(
            school,
            incident_number="2024-002",
            incident_date="2024-04-02",
            offense="drugs",
            involvement="officer_initiated",
            student_id="S1000001",
            action="questioning",
            parent_notified="yes",
            rights_advised="no",
        ),
        incident_row(
            school,
            incident_number="2024-002",
            incident_date="2024-04-02",
            offense="drugs",
            involvement="officer_initiated",
            student_id="S1000001",
            action="use_of_force",
            force_type="handcuffs",
        ),
    ]


def test_a_valid_file_creates_incidents_students_and_one_row_per_action(riverside, tmp_path):
    """Five action rows make two incidents, three student involvements and five actions."""
    path = csv_write(tmp_path / "incidents.csv", _good_rows(_school(riverside)))
    result = import_file(riverside, "incidents", path)
    assert result.summary["incidents"]["created"] == 2
    assert result.summary["students"]["created"] == 3
    assert result.summary["actions"]["created"] == 5
    incident = Incident.objects.get(number="2024-002")
    assert incident.school_year == "2023-24"
    force = IncidentAction.objects.get(action="use_of_force")
    assert force.force_type == "handcuffs" and force.school_year == "2023-24"
    assert IncidentAction.objects.get(action="questioning").rights_advised is False


def test_the_import_is_recorded_with_who_when_hash_and_rows(riverside, tmp_path):
    """The import record names the file's SHA-256 and row count; one audit event lists the counts."""
    path = csv_write(tmp_path / "incidents.csv", _good_rows(_school(riverside)))
    result = import_file(riverside, "incidents", path)
    record = ImportRecord.objects.get(pk=result.record_id)
    import hashlib

    assert record.file_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert record.rows == 5 and record.status == ImportRecord.Status.SUCCEEDED
    assert record.actor_label
    event = AuditEvent.objects.filter(object_id=str(record.pk), changes__has_key="import").get()
    assert event.changes["import"]["actions"]["created"] == 5
    assert event.partnership_id == riverside.pk


def test_every_bad_row_is_reported_with_line_column_value_and_problem(riverside, tmp_path):
    """Three bad rows in a file of five: each is reported, in file order."""
    school = _school(riverside)
    rows = _good_rows(school)
    rows[1]["incident_date"] = "15/03/2024"  # line 3; the incident's first row (line 2) is fine
    rows[2]["race"] = "purple"  # line 4
    rows[4]["force_type"] = ""  # line 6
    path = csv_write(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", path)
    found = [(e.line, e.column, e.value) for e in refused.value.errors]
    assert (3, "incident_date", "15/03/2024") in found
    assert (4, "race", "purple") in found
    assert (6, "force_type", "") in found
    messages = {e.column: e.message for e in refused.value.errors}
    assert messages["force_type"] == str(FORCE_TYPE_REQUIRED)
    assert str(DIFFERS_FROM_INCIDENT) % {"line": 2} == messages["incident_date"]
    assert refused.value.rows == 5


def test_one_bad_row_imports_nothing_and_the_refusal_is_recorded(riverside, tmp_path):
    """A single bad date anywhere leaves the database as it was; the attempt is on record."""
    school = _school(riverside)
    rows = [
        *_good_rows(school),
        incident_row(school, incident_number="2024-009", incident_date="not a date"),
    ]
    path = csv_write(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", path)
    assert [e.message for e in refused.value.errors] == [str(NOT_A_DATE)]
    assert Incident.objects.count() == IncidentStudent.objects.count() == 0
    assert IncidentAction.objects.count() == 0
    record = ImportRecord.objects.get()
    assert record.status == ImportRecord.Status.FAILED and record.error_count == 1


def test_importing_the_same_file_again_changes_nothing(riverside, tmp_path):
    """The second import finds every incident, student and action as it is."""
    path = csv_write(tmp_path / "incidents.csv", _good_rows(_school(riverside)))
    import_file(riverside, "incidents", path)
    before = list(IncidentAction.objects.values_list("pk", "action", "outcome"))
    again = import_file(riverside, "incidents", path)
    assert again.changed() == 0
    assert again.summary["actions"] == {"created": 0, "updated": 0, "unchanged": 5}
    assert list(IncidentAction.objects.values_list("pk", "action", "outcome")) == before


def test_a_corrected_file_updates_only_what_changed(riverside, tmp_path):
    """Changing one action's outcome and one incident's school updates them (and the action's copy)."""
    school = _school(riverside)
    other = School.objects.create(partnership=riverside, name="Second High", level="high")
    import_file(riverside, "incidents", csv_write(tmp_path / "a.csv", _good_rows(school)))
    rows = _good_rows(school)
    rows[3]["outcome"] = "released to parent"
    for row in rows[3:]:
        row["school"] = other.name
    result = import_file(riverside, "incidents", csv_write(tmp_path / "b.csv", rows))
    assert result.summary["incidents"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert result.summary["actions"] == {"created": 0, "updated": 1, "unchanged": 4}
    moved = IncidentAction.objects.filter(incident__number="2024-002")
    assert {a.school_id for a in moved} == {other.pk}


def test_raw_student_ids_are_never_stored(riverside, tmp_path):
    """No table holds the raw ID; the key links the same student across incidents."""
    raw = "S1000001"
    path = csv_write(tmp_path / "incidents.csv", _good_rows(_school(riverside)))
    import_file(riverside, "incidents", path)
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (test reads every table)
            for row in cursor.fetchall():
                assert raw not in " ".join(str(v) for v in row), table
    key = student_key(secret=pseudonym_secret(partnership=riverside), raw_id=raw)
    assert IncidentStudent.objects.filter(student_key=key).count() == 2


def test_the_same_id_gets_different_keys_in_two_partnerships(riverside, lakeside):
    """Each partnership's secret is its own, so keys cannot be matched across partnerships."""
    one = student_key(secret=pseudonym_secret(partnership=riverside), raw_id="S1")
    two = student_key(secret=pseudonym_secret(partnership=lakeside), raw_id="S1")
    assert one != two and len(one) == 64
    assert one == student_key(secret=pseudonym_secret(partnership=riverside), raw_id=" s1 ")


def test_errors_never_show_a_student_id(riverside, tmp_path):
    """A problem with the student's row names the line; the ID column's value is hidden."""
    school = _school(riverside)
    rows = [incident_row(school), incident_row(school, age="16", action="search")]
    path = csv_write(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", path)
    assert [(e.line, e.column) for e in refused.value.errors] == [(3, "age")]
    rows = [incident_row(school, student_id="")]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "b.csv", rows))
    assert refused.value.errors[0].column == "student_id"
    assert refused.value.errors[0].value == HIDDEN_VALUE


def test_the_same_action_twice_needs_a_sequence(riverside, tmp_path):
    """Two searches of one student in one incident are refused unless numbered 1 and 2."""
    school = _school(riverside)
    rows = [incident_row(school, action="search"), incident_row(school, action="search")]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "a.csv", rows))
    assert refused.value.errors[0].message == str(DUPLICATE_ACTION) % {"line": 2}
    rows[1]["action_sequence"] = "2"
    result = import_file(riverside, "incidents", csv_write(tmp_path / "b.csv", rows))
    assert result.summary["actions"]["created"] == 2


def test_a_school_of_another_partnership_is_unknown(riverside, lakeside, tmp_path):
    """A file cannot put an incident in another partnership's school."""
    foreign = _school(lakeside)
    rows = [incident_row(foreign)]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "a.csv", rows))
    assert [e.column for e in refused.value.errors] == ["school"]


def test_missing_columns_are_named(riverside, tmp_path):
    """A file without a required column is refused before any row is read."""
    rows = [{k: v for k, v in incident_row(_school(riverside)).items() if k != "race"}]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "a.csv", rows))
    assert [(e.line, e.column) for e in refused.value.errors] == [(1, "race")]


def test_columns_can_be_mapped_and_labels_are_accepted(riverside, tmp_path):
    """Differently named columns are mapped; codes may be written as their English labels."""
    row = incident_row(_school(riverside), race="Black or African American", sex="Female")
    renamed = {("Ethnicity" if k == "race" else k): v for k, v in row.items()}
    path = csv_write(tmp_path / "a.csv", [renamed])
    result = import_file(riverside, "incidents", path, mapping={"race": "Ethnicity"})
    assert result.summary["students"]["created"] == 1
    assert IncidentStudent.objects.get().race == "black"


def test_excel_files_import_like_csv(riverside, tmp_path):
    """An .xlsx workbook with real dates and numbers imports the same rows."""
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    header = incidents_header()
    sheet.append(header)
    for row in _good_rows(_school(riverside)):
        values: list[object] = [row[name] for name in header]
        values[header.index("incident_date")] = datetime.datetime.fromisoformat(
            row["incident_date"]
        )
        values[header.index("age")] = float(row["age"])
        sheet.append(values)
    path = tmp_path / "incidents.xlsx"
    workbook.save(path)
    result = import_file(riverside, "incidents", path)
    assert result.summary["actions"]["created"] == 5
    assert IncidentStudent.objects.filter(age=15).count() == 3


def test_a_check_changes_nothing_but_says_what_would_change(riverside, tmp_path):
    """A dry run reports the counts and leaves no rows and no import record."""
    path = csv_write(tmp_path / "incidents.csv", _good_rows(_school(riverside)))
    result = import_file(riverside, "incidents", path, dry_run=True)
    assert result.dry_run and result.summary["actions"]["created"] == 5
    assert Incident.objects.count() == 0 and ImportRecord.objects.count() == 0
