"""`secure export counts`: the equity engine's input shape, from records and from CRDC files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command

from secure.equity import count_table_from_rows, equity_for_table
from secure.incidents.selectors.counts import COLUMNS, record_count_table
from secure.partnerships.models import School

from .builders import DATA, csv_write, import_file, incident_row

pytestmark = pytest.mark.django_db
RACE_LABELS = {
    "Hispanic/Latino",
    "American Indian or Alaska Native",
    "Asian",
    "Black or African American",
    "Native Hawaiian or Other Pacific Islander",
    "White",
    "Two or more races",
}


def _seed(partnership, tmp_path):
    school = School.objects.get(partnership=partnership)
    rows = [
        incident_row(school, incident_number="A", student_id="S1", race="BL"),
        incident_row(school, incident_number="B", student_id="S1", race="BL"),  # same student again
        incident_row(school, incident_number="C", student_id="S2", race="WH", action="search"),
        incident_row(school, incident_number="D", student_id="S3", race="HI"),
    ]
    import_file(partnership, "incidents", csv_write(tmp_path / "i.csv", rows))
    enrollment = [
        {
            "school": school.name,
            "school_year": "2023-24",
            "dimension": "race",
            "group": code,
            "count": n,
        }
        for code, n in (
            ("black", "100"),
            ("white", "300"),
            ("hispanic_latino", "80"),
            ("asian", "20"),
        )
    ]
    import_file(partnership, "enrollment", csv_write(tmp_path / "e.csv", enrollment))
    return school


def _export(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("export", "counts", *args, stdout=out, stderr=err)
    return out.getvalue()


def test_the_csv_has_the_engine_columns_and_counts_distinct_students(riverside, tmp_path):
    """One row per group with enrollment; a student referred twice counts once."""
    school = _seed(riverside, tmp_path)
    text = _export(
        "--partnership",
        "riverside",
        "--outcome",
        "referral_to_law_enforcement",
        "--dimension",
        "race",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    by_group = {r["group"]: r for r in rows}
    assert by_group["Black or African American"] == {
        "unit": school.nces_id,
        "year": "2023-24",
        "dimension": "race",
        "outcome": "referral_to_law_enforcement",
        "group": "Black or African American",
        "count": "1",
        "population": "100",
    }
    assert by_group["White"]["count"] == "0"  # searched, not referred
    assert by_group["Asian"]["count"] == "0"
    assert set(by_group) <= RACE_LABELS


def test_the_export_feeds_the_equity_engine(riverside, tmp_path):
    """The JSON export, district level, is accepted by the equity engine as it is."""
    _seed(riverside, tmp_path)
    text = _export(
        "--partnership",
        "riverside",
        "--outcome",
        "referral_to_law_enforcement",
        "--dimension",
        "race",
        "--unit",
        "district",
        "--format",
        "json",
        "--year",
        "2023-24",
    )
    rows = json.loads(text)
    assert {r["unit"] for r in rows} == {riverside.district_name}
    result = equity_for_table(table=count_table_from_rows(rows=rows))
    assert len(result) == len(rows)


def test_groups_with_counts_but_no_enrollment_are_reported(riverside, tmp_path):
    """Without enrollment for a group, its row is left out and a warning says so."""
    school = School.objects.get(partnership=riverside)
    rows = [incident_row(school, race="TR")]
    import_file(riverside, "incidents", csv_write(tmp_path / "i.csv", rows))
    result = record_count_table(
        partnership=riverside, outcome="referral_to_law_enforcement", dimension="race"
    )
    assert result.rows == [] and "Two or more races" in result.warnings[0]


def test_offense_counts_use_the_students_involved_as_population(riverside, tmp_path):
    """For offense, the population is the students involved in incidents of that offense."""
    school = School.objects.get(partnership=riverside)
    rows = [
        incident_row(school, incident_number="A", student_id="S1"),
        incident_row(school, incident_number="A", student_id="S2", action=""),
    ]
    import_file(riverside, "incidents", csv_write(tmp_path / "i.csv", rows))
    result = record_count_table(
        partnership=riverside, outcome="referral_to_law_enforcement", dimension="offense"
    )
    assert [(r["group"], r["count"], r["population"]) for r in result.rows] == [
        ("Fighting (mutual, no serious injury)", 1, 2)
    ]


def test_every_dimension_exports(riverside, tmp_path):
    """Sex, disability, EL and age band come out with their documented labels."""
    _seed(riverside, tmp_path)
    school = School.objects.get(partnership=riverside)
    rows = [
        {"school": school.name, "school_year": "2023-24", "dimension": d, "group": g, "count": "50"}
        for d, g in (("sex", "F"), ("disability", "none"), ("el", "no"), ("age_band", "14_15"))
    ]
    import_file(riverside, "enrollment", csv_write(tmp_path / "e2.csv", rows))
    for dimension, label in (
        ("sex", "Female"),
        ("disability", "No disability"),
        ("el", "Not an English learner"),
        ("age_band", "14-15"),
    ):
        text = _export(
            "--partnership",
            "riverside",
            "--outcome",
            "referral_to_law_enforcement",
            "--dimension",
            dimension,
        )
        found = {r["group"]: r["count"] for r in csv.DictReader(io.StringIO(text))}
        assert found == {label: "2"}, dimension  # S1 (twice) and S3; S2 was only searched


def test_crdc_exports_leave_reserve_codes_out(riverside):
    """From a CRDC file, the export adds no reserve code and labels groups exactly."""
    import_file(
        riverside, "crdc", DATA / "crdc_2021_22_va_excerpt.csv", year="2021-22", lea="5100450"
    )
    text = _export(
        "--partnership",
        "riverside",
        "--outcome",
        "out_of_school_suspension",
        "--dimension",
        "race",
        "--source",
        "crdc",
        "--unit",
        "district",
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["group"] for r in rows} == RACE_LABELS
    assert all(int(r["count"]) >= 0 and int(r["population"]) > 0 for r in rows)


def test_exports_never_cross_partnerships(riverside, lakeside, tmp_path):
    """Lakeside's export holds none of Riverside's records."""
    _seed(riverside, tmp_path)
    text = _export(
        "--partnership",
        "lakeside",
        "--outcome",
        "referral_to_law_enforcement",
        "--dimension",
        "race",
    )
    assert text.strip() == ",".join(COLUMNS)
