"""Importing enrollment and sworn officers: the denominators."""

from __future__ import annotations

import pytest

from secure.incidents.importers import ImportRefused
from secure.incidents.importers.denominators import OFFENSE_NOT_ENROLLMENT
from secure.incidents.models import Enrollment, SwornOfficers
from secure.partnerships.models import School

from .builders import csv_write, import_file

pytestmark = pytest.mark.django_db


def _rows(school):
    return [
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "race",
            "group": "BL",
            "count": "120",
        },
        {
            "school": school.name,
            "school_year": "2023-2024",
            "dimension": "race",
            "group": "White",
            "count": "300",
        },
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "total",
            "group": "all",
            "count": "420",
        },
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "el",
            "group": "yes",
            "count": "40",
        },
    ]


def test_enrollment_imports_and_reimports_without_change(riverside, tmp_path):
    """Groups by code, CRDC code or label; years in either form; a second import changes nothing."""
    school = School.objects.get(partnership=riverside)
    path = csv_write(tmp_path / "enrollment.csv", _rows(school))
    result = import_file(riverside, "enrollment", path)
    assert result.summary["enrollment"]["created"] == 4
    assert Enrollment.objects.get(group="white").school_year == "2023-24"
    assert Enrollment.objects.get(dimension="total").count == 420
    again = import_file(riverside, "enrollment", path)
    assert again.changed() == 0


def test_bad_enrollment_rows_are_all_reported(riverside, tmp_path):
    """A wrong group, a negative count, an offense dimension and a repeated key are each reported."""
    school = School.objects.get(partnership=riverside)
    rows = [
        *_rows(school),
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "race",
            "group": "green",
            "count": "1",
        },
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "sex",
            "group": "F",
            "count": "-3",
        },
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "offense",
            "group": "theft",
            "count": "3",
        },
        {
            "school": school.nces_id,
            "school_year": "2023-24",
            "dimension": "race",
            "group": "black",
            "count": "7",
        },
    ]
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "enrollment", csv_write(tmp_path / "e.csv", rows))
    found = [(e.line, e.column) for e in refused.value.errors]
    assert found == [(6, "group"), (7, "count"), (8, "dimension"), (9, "group")]
    assert refused.value.errors[2].message == str(OFFENSE_NOT_ENROLLMENT)
    assert Enrollment.objects.count() == 0


def test_sworn_officers_import(riverside, tmp_path):
    """FTEs per school and year, with decimals."""
    school = School.objects.get(partnership=riverside)
    rows = [{"school": school.nces_id, "school_year": "2023-24", "sworn_officer_fte": "1.5"}]
    import_file(riverside, "officers", csv_write(tmp_path / "o.csv", rows))
    assert float(SwornOfficers.objects.get().fte) == 1.5
    rows[0]["sworn_officer_fte"] = "lots"
    with pytest.raises(ImportRefused):
        import_file(riverside, "officers", csv_write(tmp_path / "p.csv", rows))
