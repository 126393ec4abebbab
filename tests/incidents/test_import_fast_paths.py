"""The incident importer's fast paths give the same results as the plain ones they replace."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from secure.incidents import rules
from secure.incidents.importers import ImportRefused
from secure.incidents.importers import incidents as incidents_importer
from secure.incidents.importers.keying import StudentKeyer
from secure.incidents.importers.writing import rows_insert_ids
from secure.incidents.models import Incident, IncidentAction, IncidentStudent
from secure.incidents.pseudonyms import pseudonym_secret, student_key
from secure.partnerships.models import School

from .builders import csv_write, import_file, incident_row

pytestmark = pytest.mark.django_db


def _school(partnership):
    return School.objects.get(partnership=partnership)


def test_the_keyer_makes_the_same_keys_as_student_key(riverside):
    """Copying the keyed HMAC state gives the documented key, normalization included."""
    secret = pseudonym_secret(partnership=riverside)
    keyer = StudentKeyer(secret)
    for raw in ("S1000001", " s1000001 ", "12345", "ÄB-7"):
        assert keyer(raw) == student_key(secret=secret, raw_id=raw)
    assert keyer("S1000001") == keyer("S1000001")


def test_new_rows_come_back_with_their_keys_in_order(riverside):
    """``rows_insert_ids`` returns the primary key of each new row, in the order given."""
    school = _school(riverside)
    today = datetime.date(2024, 3, 15)
    fields = ("partnership_id", "number", "source", "created_at", "occurred_on", "school_year")
    fields += ("school_id", "location", "offense", "involvement", "officers", "narrative")
    common = ("import", timezone.now(), today, "2023-24", school.pk, "hallway", "fighting")
    rows = [
        (riverside.pk, number, *common, "officer_initiated", "", "")
        for number in ("A-3", "A-1", "A-2")
    ]
    ids = rows_insert_ids(model=Incident, fields=fields, rows=rows)
    assert [Incident.objects.get(pk=pk).number for pk in ids] == ["A-3", "A-1", "A-2"]
    later = Incident.objects.create(
        partnership=riverside,
        number="A-4",
        occurred_on=today,
        school_year="2023-24",
        school=school,
        location="hallway",
        offense="fighting",
        involvement="officer_initiated",
        source="form",
    )
    assert later.pk not in ids


def _rows(school):
    return [
        incident_row(school),
        incident_row(school, action="search"),
        incident_row(school, student_id="S1000002", action="search"),
        incident_row(school, incident_number="2024-002", student_id="S1000003"),
    ]


def test_a_large_re_import_reads_saved_rows_in_one_pass_with_the_same_result(
    riverside, lakeside, tmp_path, monkeypatch
):
    """Past ``WHOLE_PASS_FROM`` keys, saved rows are read per partnership: other tenants stay apart."""
    monkeypatch.setattr(incidents_importer, "WHOLE_PASS_FROM", 1)
    other = _school(lakeside)
    import_file(lakeside, "incidents", csv_write(tmp_path / "lake.csv", _rows(other)))
    school = _school(riverside)
    first = import_file(riverside, "incidents", csv_write(tmp_path / "a.csv", _rows(school)))
    assert first.summary["actions"] == {"created": 4, "updated": 0, "unchanged": 0}
    again = import_file(riverside, "incidents", csv_write(tmp_path / "b.csv", _rows(school)))
    assert again.changed() == 0
    rows = _rows(school)
    rows[2]["outcome"] = "released to parent"
    rows.append(incident_row(school, incident_number="2024-003", student_id="S1000004"))
    changed = import_file(riverside, "incidents", csv_write(tmp_path / "c.csv", rows))
    assert changed.summary["incidents"] == {"created": 1, "updated": 0, "unchanged": 2}
    assert changed.summary["students"] == {"created": 1, "updated": 0, "unchanged": 3}
    assert changed.summary["actions"] == {"created": 1, "updated": 1, "unchanged": 3}
    for partnership, actions in ((riverside, 5), (lakeside, 4)):
        assert IncidentAction.objects.filter(partnership=partnership).count() == actions
        students = IncidentStudent.objects.filter(partnership=partnership)
        assert all(s.incident.partnership_id == partnership.pk for s in students)


def test_dates_near_today_are_still_checked_against_the_clock(riverside, tmp_path):
    """Only dates days in the past skip the clock; tomorrow is refused for incidents and actions."""
    school = _school(riverside)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    recent = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    rows = [
        incident_row(school, incident_number="future", incident_date=tomorrow),
        incident_row(school, incident_number="late-action", action_date=tomorrow),
        incident_row(school, incident_number="early-action", action_date="2024-03-01"),
        incident_row(school, incident_number="recent", incident_date=recent, action_date=recent),
    ]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "dates.csv", rows))
    found = [(e.line, e.column, e.message) for e in refused.value.errors]
    assert found == [
        (2, "incident_date", str(rules.DATE_IN_FUTURE)),
        (3, "action_date", str(rules.DATE_IN_FUTURE)),
        (4, "action_date", str(rules.ACTION_BEFORE_INCIDENT)),
    ]
