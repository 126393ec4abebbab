"""Importing CRDC school-level files: the district's schools, state comparison data, reserve codes."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from secure.incidents.importers import ImportRefused
from secure.incidents.importers.crdc import NOT_A_COUNT, Missing, cell_count
from secure.incidents.models import CrdcCount, CrdcSchool, Enrollment, SwornOfficers
from secure.incidents.selectors.counts import crdc_count_table
from secure.partnerships.models import School

from .builders import DATA, SHARED_CRDC, import_file

pytestmark = pytest.mark.django_db
EXCERPT = DATA / "crdc_2021_22_va_excerpt.csv"
BRISTOL = "5100450"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _2017_18_file(path: Path, values: dict[str, str] | None = None) -> Path:
    """A one-school file laid out as the 2017-18 public-use file (referrals and arrests included)."""
    header = (DATA / "crdc_2017_18_columns.txt").read_text().split()
    row = {name: "2" for name in header}
    row.update(
        {
            "LEA_STATE": "VA",
            "LEA_STATE_NAME": "VIRGINIA",
            "LEAID": "5100450",
            "LEA_NAME": "BRISTOL CITY PBLC SCHS",
            "SCHID": "00001",
            "SCH_NAME": "TEST HIGH",
            "COMBOKEY": "510045000001",
            "JJ": "No",
            "SCH_FTESECURITY_LEO": "1.5",
        }
    )
    row.update(values or {})
    return _write(path, header, [row])


def test_with_lea_the_district_becomes_the_partnerships_and_the_rest_is_comparison(riverside):
    """Bristol's six schools become Riverside's; the other six are state comparison data."""
    result = import_file(riverside, "crdc", EXCERPT, year="2021-22", lea=BRISTOL)
    own = CrdcSchool.objects.filter(partnership=riverside, school__isnull=False)
    assert own.count() == 6 and {s.leaid for s in own} == {BRISTOL}
    assert CrdcSchool.objects.filter(school__isnull=True).count() == 6
    assert result.summary["schools"]["created"] == 6
    assert School.objects.filter(partnership=riverside, nces_id__startswith=BRISTOL).count() == 6
    assert Enrollment.objects.filter(source="crdc").exists()


def test_crdc_counts_match_the_published_columns(riverside):
    """Out-of-school suspensions of Black students add up the CRDC columns of every sex and IDEA."""
    import_file(riverside, "crdc", EXCERPT, year="2021-22", lea=BRISTOL)
    _header, rows = _rows(EXCERPT)
    school = next(r for r in rows if r["LEAID"] == BRISTOL)
    expected = sum(
        int(school[f"{stem}_BL_{sex}"])
        for stem in (
            "SCH_DISCWODIS_SINGOOS",
            "SCH_DISCWODIS_MULTOOS",
            "SCH_DISCWDIS_SINGOOS_IDEA",
            "SCH_DISCWDIS_MULTOOS_IDEA",
        )
        for sex in "MF"
    )
    stored = CrdcCount.objects.get(
        crdc_school__combokey=school["COMBOKEY"],
        measure="out_of_school_suspension",
        dimension="race",
        group="black",
    )
    assert stored.count == expected
    enrolled = sum(int(school[f"SCH_ENR_BL_{sex}"]) for sex in "MFX")
    assert (
        Enrollment.objects.get(
            school__nces_id=school["COMBOKEY"], dimension="race", group="black"
        ).count
        == enrolled
    )


def test_without_lea_every_school_is_the_partnerships(riverside):
    """All twelve schools of the file are imported into the partnership."""
    import_file(riverside, "crdc", EXCERPT, year="2021-22")
    assert CrdcSchool.objects.filter(school__isnull=False).count() == 12


def test_reserve_codes_are_missing_values_never_numbers(riverside, tmp_path):
    """A -9 in one referral column makes that count missing, keeps its code, and leaves the export."""
    path = _2017_18_file(tmp_path / "crdc.csv", {"SCH_DISCWODIS_REF_BL_F": "-9"})
    import_file(riverside, "crdc", path, year="2017-18")
    black = CrdcCount.objects.get(
        measure="referral_to_law_enforcement", dimension="race", group="black"
    )
    assert black.count is None and black.reserve_code == -9
    white = CrdcCount.objects.get(
        measure="referral_to_law_enforcement", dimension="race", group="white"
    )
    assert white.count == 2 * 2 * 2  # (without disabilities + IDEA) x two sexes x 2 each
    total = CrdcCount.objects.get(measure="referral_to_law_enforcement", dimension="total")
    assert total.count is None  # the total needs the missing cell too
    table = crdc_count_table(
        partnership=riverside, outcome="referral_to_law_enforcement", dimension="race"
    )
    groups = {row["group"] for row in table.rows}
    assert "Black or African American" not in groups and "White" in groups
    assert any("reserve code" in w for w in table.warnings)
    assert all(row["count"] >= 0 for row in table.rows)
    assert SwornOfficers.objects.get().fte == pytest.approx(1.5)


def test_an_unknown_negative_value_is_an_error(riverside, tmp_path):
    """-7 is not a reserve code, so the file is refused and names the cell."""
    path = _2017_18_file(tmp_path / "crdc.csv", {"SCH_DISCWODIS_ARR_WH_M": "-7"})
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "crdc", path, year="2017-18")
    assert [(e.line, e.column, e.value, e.message) for e in refused.value.errors] == [
        (2, "SCH_DISCWODIS_ARR_WH_M", "-7", str(NOT_A_COUNT))
    ]
    assert CrdcCount.objects.count() == 0


def test_a_district_not_in_the_file_is_refused(riverside):
    """--lea must name a district of the file."""
    with pytest.raises(ImportRefused) as refused:
        import_file(riverside, "crdc", EXCERPT, year="2021-22", lea="5199999")
    assert refused.value.errors[0].column == "LEAID"


def test_reimporting_a_crdc_file_changes_nothing(riverside):
    """Schools, counts, enrollment and officers are matched on their keys."""
    import_file(riverside, "crdc", EXCERPT, year="2021-22", lea=BRISTOL)
    again = import_file(riverside, "crdc", EXCERPT, year="2021-22", lea=BRISTOL)
    assert again.summary["crdc_counts"]["created"] == again.summary["crdc_counts"]["updated"] == 0
    assert again.summary["enrollment"]["created"] == again.summary["enrollment"]["updated"] == 0
    assert again.summary["schools"]["created"] == 0


@pytest.mark.parametrize(
    ("text", "expected"), [("12", 12), ("0", 0), ("-9", Missing(-9)), ("-12", Missing(-12))]
)
def test_cell_count_reads_counts_and_reserve_codes(text, expected):
    """Counts are whole numbers; known negative codes are missing values."""
    assert cell_count(text) == expected


@pytest.mark.skipif(not SHARED_CRDC.exists(), reason="../shared/data/crdc is not on this machine")
def test_the_whole_virginia_file_imports(riverside, tmp_path):
    """All 1,900 schools of the real 2021-22 Virginia extract import, Bristol's as Riverside's."""
    path = shutil.copy(SHARED_CRDC / "crdc_2021_22_virginia_schools.csv", tmp_path / "va.csv")
    result = import_file(riverside, "crdc", Path(path), year="2021-22", lea=BRISTOL)
    assert result.rows == 1900
    assert CrdcSchool.objects.filter(school__isnull=True).count() == 1894
