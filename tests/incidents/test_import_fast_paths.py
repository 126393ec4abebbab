"""The incident importer's fast paths give the same results as the plain ones they replace."""

from __future__ import annotations

import datetime

import polars as pl
import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from secure.incidents import rules
from secure.incidents.importers import ImportRefused
from secure.incidents.importers import incidents as incidents_importer
from secure.incidents.importers.keying import StudentKeyer
from secure.incidents.importers.writing import foreign_keys_checked_once, frame_insert
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
    raws = ["S1000001", " s1000001 ", "12345", "ÄB-7"]
    assert keyer.many(raws) == [student_key(secret=secret, raw_id=raw) for raw in raws]


def test_new_rows_come_back_with_their_keys_in_order(riverside):
    """``frame_insert`` returns the primary key of each new row, in the order given; text
    that looks like COPY's null marker or holds quotes, tabs, line breaks or backslashes is
    saved as it was."""
    school = _school(riverside)
    today = datetime.date(2024, 3, 15)
    numbers = ["A-3", "A-1", "A-2"]
    narratives = ["\\N", 'said "stop",\tthen\r\nleft C:\\temp', ""]
    rows = pl.DataFrame(
        {
            "number": numbers,
            "occurred_on": [today] * 3,
            "school_year": ["2023-24"] * 3,
            "school_id": [school.pk] * 3,
            "location": ["hallway"] * 3,
            "offense": ["fighting"] * 3,
            "involvement": ["officer_initiated"] * 3,
            "officers": ["", "4471", ""],
            "narrative": narratives,
        }
    )
    constants = {"partnership_id": riverside.pk, "source": "import", "created_at": timezone.now()}
    ids = frame_insert(model=Incident, frame=rows, constants=constants)
    saved = [Incident.objects.get(pk=pk) for pk in ids]
    assert [i.number for i in saved] == numbers
    assert [i.narrative for i in saved] == narratives
    assert saved[1].officers == "4471" and saved[0].occurred_on == today
    later = _incident_on_form(riverside, school, "A-4")
    assert later.pk not in ids


def _incident_on_form(partnership, school, number):
    """An incident saved one at a time, as the web form saves it."""
    return Incident.objects.create(
        partnership=partnership,
        number=number,
        occurred_on=datetime.date(2024, 3, 15),
        school_year="2023-24",
        school=school,
        location="hallway",
        offense="fighting",
        involvement="officer_initiated",
        source="form",
    )


def test_a_run_of_keys_is_taken_in_one_step_and_never_given_twice(riverside, monkeypatch):
    """Past ``RUN_FROM`` new rows, the keys are one run of the sequence, taken with the table
    locked against other writers; the next row saved gets a key after the run (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("keys are taken from the sequence on PostgreSQL only")
    from secure.incidents.importers import writing

    monkeypatch.setattr(writing, "RUN_FROM", 2)
    school = _school(riverside)
    before = _incident_on_form(riverside, school, "B-0")
    ids = writing.ids_reserve(model=Incident, count=5)
    assert ids == list(range(ids[0], ids[0] + 5)) and ids[0] > before.pk
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT mode FROM pg_locks WHERE relation = %s::regclass AND pid = pg_backend_pid()",
            [Incident._meta.db_table],
        )
        assert "ShareRowExclusiveLock" in {row[0] for row in cursor.fetchall()}
    after = _incident_on_form(riverside, school, "B-1")
    assert after.pk > ids[-1]


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


def _saved(partnership):
    """Everything an import saved for a partnership, without ids or keys (which differ)."""
    return sorted(
        IncidentAction.objects.filter(partnership=partnership).values_list(
            "incident__number",
            "incident__occurred_on",
            "incident__school__name",
            "incident__officers",
            "student__age",
            "student__race",
            "student__disability",
            "school__name",
            "school_year",
            "action",
            "sequence",
            "outcome",
        )
    )


def _constraints():
    """The constraints and indexes of the three incident tables, by name and definition
    (PostgreSQL)."""
    tables = ["incidents_incident", "incidents_incidentstudent", "incidents_incidentaction"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), convalidated "
            "FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
            [tables],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes "
            "WHERE tablename = ANY(%s) ORDER BY 1, 2",
            [tables],
        )
        return constraints + cursor.fetchall()


def test_a_bulk_import_saves_the_same_data_as_a_row_by_row_one(
    riverside, lakeside, tmp_path, monkeypatch
):
    """Checking foreign keys once per table (large files) changes nothing in what is saved,
    nor in the constraints; re-importing stays idempotent."""
    before = _constraints() if connection.vendor == "postgresql" else None
    river, lake = _school(riverside), _school(lakeside)
    lake.name = river.name
    lake.save()
    rows = [
        {
            **incident_row(
                river,
                incident_number=f"2024-{n:03d}",
                student_id=f"S{n % 7}",
                action=action,
                outcome="released" if n % 3 else "",
            ),
            "school": river.name,
        }
        for n in range(40)
        for action in ("search", "citation")
    ]
    import_file(lakeside, "incidents", csv_write(tmp_path / "plain.csv", rows))
    monkeypatch.setattr(incidents_importer, "BULK_ROWS", 1)
    result = import_file(riverside, "incidents", csv_write(tmp_path / "bulk.csv", rows))
    assert result.summary["actions"]["created"] == 80
    assert _saved(riverside) == _saved(lakeside) != []
    assert import_file(riverside, "incidents", tmp_path / "bulk.csv").changed() == 0
    if before is not None:
        assert _constraints() == before and len(before) > 10


def test_a_row_breaking_a_foreign_key_fails_the_bulk_write_and_keeps_the_constraints(riverside):
    """Adding the keys back checks every row: a dangling reference rolls everything back."""
    if connection.vendor != "postgresql":
        pytest.skip("foreign keys are checked once per table on PostgreSQL only")
    before = _constraints()
    school = _school(riverside)
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        foreign_keys_checked_once(models_=(IncidentAction,)),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "INSERT INTO incidents_incidentaction (partnership_id, incident_id, "
            "student_id, school_id, school_year, action, sequence, force_type, "
            "outcome) VALUES (%s, 987654321, 987654321, %s, '2023-24', 'search', 1, "
            "'', '')",
            [riverside.pk, school.pk],
        )
    assert _constraints() == before
    assert IncidentAction.objects.count() == 0


def test_checks_done_once_per_distinct_cells_still_report_every_line(riverside, tmp_path):
    """Repeated action and student cells are checked once, yet each bad line is reported with
    its own line number, column, value and message, like the first."""
    school = _school(riverside)
    rows = [
        incident_row(
            school,
            incident_number=f"2024-{n}",
            student_id=f"S{n}",
            action="use_of_force",
            age="2" if n % 2 else "15",
        )
        for n in range(6)
    ]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "bad.csv", rows))
    found = sorted((e.line, e.column, e.value, e.message) for e in refused.value.errors)
    assert {(n + 2, "force_type", "") for n in range(6)} <= {e[:3] for e in found}
    assert {(n + 2, "age", "2") for n in range(1, 6, 2)} <= {e[:3] for e in found}
    # The same as checking each row alone (where nothing is repeated), line by line.
    alone = []
    for n, row in enumerate(rows):
        with pytest.raises(ImportRefused) as one:
            import_file(riverside, "incidents", csv_write(tmp_path / f"{n}.csv", [row]))
        alone += [(n + 2, e.column, e.value, e.message) for e in one.value.errors]
    assert found == sorted(alone)


READER_CASES = {
    "plain": b"a,b,c\n1,2,3\n4,5,6\n",
    "byte order mark and CRLF": b"\xef\xbb\xbfa,b,c\r\n1,2,3\r\n4,5,6\r\n",
    "no final line end": b"a,b,c\n1,2,3\n4,5,6",
    "blank and space-only rows": b"a,b,c\n1,2,3\n\n , ,\n4,5,6\n,,\n",
    "short and long rows": b"a,b,c\n1,2\n4,5,6,7\n",
    "quotes, commas and a quoted line break": b'a,b,c\n"x, y","say ""hi""",3\n"two\nlines",5,6\n',
    "a lone carriage return": b'a,b,c\n"x\ry",2,3\n',
    "Windows-1252": "a,b,c\nJosé,2,3\n".encode("cp1252"),
    "first cell blank": b"a,b,c\n,2,3\n",
}
ROW_BY_ROW = {"quotes, commas and a quoted line break", "a lone carriage return", "Windows-1252"}


@pytest.mark.parametrize("name", list(READER_CASES))
def test_the_fast_csv_reader_gives_what_the_row_by_row_reader_gives(name, tmp_path):
    """Polars reads plain files, and any file it might read otherwise goes row by row: either
    way the lines, cells and skipped blank rows are those of Python's csv module."""
    from secure.incidents.importers.frames import _csv_frame, table_frame
    from secure.incidents.importers.reading import table_open

    path = tmp_path / "file.csv"
    path.write_bytes(READER_CASES[name])
    indices = {"a": 0, "b": 1, "c": 2}
    fast = table_frame(table=table_open(name="file.csv", path=path), indices=indices, names="abc")
    plain = table_open(name="file.csv", path=path)
    plain.source = None  # the row-by-row reader only
    slow = table_frame(table=plain, indices=indices, names="abc")
    assert fast.rows() == slow.rows() != []
    assert fast.schema == slow.schema
    polars_read = _csv_frame(table=table_open(name="file.csv", path=path), indices=indices)
    assert (polars_read is None) == (name in ROW_BY_ROW)


def test_repeated_rows_of_a_bad_incident_are_each_reported(riverside, tmp_path):
    """An incident with no good row reports the bad cell on every one of its rows; a student
    whose later row differs is reported on that row, naming the first."""
    school = _school(riverside)
    rows = [
        incident_row(school, incident_date="someday"),
        incident_row(school, incident_date="someday", action="search"),
        incident_row(school, incident_number="2024-002", student_id="S9"),
        incident_row(
            school, incident_number="2024-002", student_id="S9", race="WH", action="search"
        ),
    ]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "incidents", csv_write(tmp_path / "bad.csv", rows))
    found = [(e.line, e.column, e.value) for e in refused.value.errors]
    assert found == [
        (2, "incident_date", "someday"),
        (3, "incident_date", "someday"),
        (5, "race", "WH"),
    ]
    assert "line 4" in refused.value.errors[-1].message


def test_saved_rows_read_as_a_table_keep_nulls_empty_text_and_flags(riverside, tmp_path):
    """``frame_select`` (COPY on PostgreSQL) reads back what ``values_list`` reads: a null
    stays null, an empty text stays empty, yes/no stay booleans, odd text stays as it was."""
    from secure.incidents.importers.incidents import ACTION_TYPES
    from secure.incidents.importers.writing import frame_select

    school = _school(riverside)
    rows = [
        incident_row(school, action="questioning", parent_notified="yes", rights_advised="no"),
        incident_row(school, action="search", outcome='found "nothing", sent\nback'),
        incident_row(school, action="citation", action_date="2024-03-16"),
    ]
    import_file(riverside, "incidents", csv_write(tmp_path / "a.csv", rows))
    columns = ("action", "sequence", "action_date", "parent_notified", "rights_advised", "outcome")
    queryset = IncidentAction.objects.filter(partnership=riverside).order_by("action")
    schema = pl.Schema({c: ACTION_TYPES[c] for c in columns})
    table = frame_select(queryset=queryset, columns=columns, schema=schema).sort("action")
    assert table.rows() == list(queryset.values_list(*columns))
    assert table.schema == schema
