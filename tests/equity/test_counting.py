"""Count tables from the app database, from record files, and from CRDC files."""

from __future__ import annotations

import csv
import random
import sqlite3
from pathlib import Path

import duckdb
import numpy as np
import pytest

from secure.equity import EquityConfig, equity_for_table
from secure.equity.counting import (
    ABOVE_ENROLLMENT,
    CRDC_RACES,
    RESERVE_CODE,
    count_table_from_cursor,
    count_table_from_records_file,
    crdc_count_table,
    records_count_sql,
)

EXCERPT = Path(__file__).parent / "data" / "crdc_2021_22_va_excerpt.csv"


def student_records(seed: int = 5, size: int = 400) -> list[tuple[str, str, str, int, int]]:
    """(school, year, race, referred, arrested) for made-up students."""
    rng = random.Random(seed)
    records = []
    for _ in range(size):
        referred = rng.random() < 0.2
        records.append(
            (
                rng.choice(["North", "South", "East"]),
                rng.choice(["2022", "2023"]),
                rng.choice(["Black", "White", "Hispanic", "Asian"]),
                int(referred),
                int(referred and rng.random() < 0.4),
            )
        )
    return records


def as_rows(table) -> list[tuple]:
    return [tuple(table.row(i).values()) for i in range(len(table))]


def test_database_csv_and_parquet_give_the_same_count_table(tmp_path):
    """One GROUP BY text, run by SQLite and by DuckDB over CSV and Parquet, counts alike."""
    records = student_records()
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE TABLE student (school TEXT, school_year TEXT, race TEXT, "
        "referred BOOLEAN, arrested BOOLEAN)"
    )
    database.executemany("INSERT INTO student VALUES (?, ?, ?, ?, ?)", records)
    sql = records_count_sql(
        table="student",
        unit="school",
        group="race",
        year="school_year",
        outcomes=["referred", "arrested"],
    )
    from_database = count_table_from_cursor(cursor=database.cursor(), sql=sql)

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE student (school VARCHAR, school_year VARCHAR, race VARCHAR, "
        "referred BOOLEAN, arrested BOOLEAN)"
    )
    con.executemany(
        "INSERT INTO student VALUES (?, ?, ?, ?, ?)",
        [(s, y, r, bool(a), bool(b)) for s, y, r, a, b in records],
    )
    csv_path, parquet_path = tmp_path / "students.csv", tmp_path / "students.parquet"
    con.execute(f"COPY student TO '{csv_path}' (HEADER)")
    con.execute(f"COPY student TO '{parquet_path}' (FORMAT parquet)")
    con.close()
    options = {
        "unit": "school",
        "group": "race",
        "year": "school_year",
        "outcomes": ["referred", "arrested"],
    }
    from_csv = count_table_from_records_file(path=csv_path, **options)
    from_parquet = count_table_from_records_file(path=parquet_path, **options)

    assert as_rows(from_database) == as_rows(from_csv) == as_rows(from_parquet)
    north_black_2022 = [
        r for r in records if r[0] == "North" and r[1] == "2022" and r[2] == "Black"
    ]
    row = next(
        r for r in as_rows(from_database) if r[:5] == ("North", "2022", "race", "referred", "Black")
    )
    assert row[5:] == (sum(r[3] for r in north_black_2022), len(north_black_2022))


def test_identifiers_must_be_plain_names():
    """Column names are checked before they are put into SQL."""
    with pytest.raises(ValueError, match="plain SQL identifier"):
        records_count_sql(
            table="student; DROP TABLE x", unit="school", group="race", outcomes=["referred"]
        )


def crdc_sum(row: dict[str, str], stems: list[str], race: str) -> int:
    return sum(
        int(row[f"{stem}_{race}_{sex}"])
        for stem in stems
        for sex in "MFX"
        if f"{stem}_{race}_{sex}" in row
    )


def test_crdc_school_counts_add_the_sexes_and_both_disability_groups():
    """Each school's suspension count and enrollment equal the sums of its CRDC columns."""
    with EXCERPT.open(newline="", encoding="utf-8") as handle:
        schools = {row["COMBOKEY"]: row for row in csv.DictReader(handle)}
    result = crdc_count_table(path=EXCERPT, year="2021-22")
    table = result.table
    assert len(table) == 7 * (len(schools) - len(result.skipped))
    stems = [
        "SCH_DISCWODIS_SINGOOS",
        "SCH_DISCWODIS_MULTOOS",
        "SCH_DISCWDIS_SINGOOS_IDEA",
        "SCH_DISCWDIS_MULTOOS_IDEA",
    ]
    labels = {label: code for code, label in CRDC_RACES.items()}
    for index in range(len(table)):
        row = table.row(index)
        school = schools[row["unit"]]
        code = labels[row["group"]]
        assert row["count"] == crdc_sum(school, stems, code)
        assert row["population"] == crdc_sum(school, ["SCH_ENR"], code)
        assert row["outcome"] == "out_of_school_suspension"
        assert row["year"] == "2021-22"


def test_crdc_school_with_more_suspended_than_enrolled_is_left_out_and_reported():
    """The excerpt's Newport News academy reports more Black students suspended than enrolled."""
    result = crdc_count_table(path=EXCERPT, year="2021-22")
    assert ("510007302348", "out_of_school_suspension", ABOVE_ENROLLMENT) in result.skipped
    assert "510007302348" not in set(result.table.unit.tolist())


def test_crdc_counts_feed_the_engine():
    """District totals from the excerpt produce ratios without errors."""
    result = crdc_count_table(path=EXCERPT, year="2021-22", unit_column="LEAID")
    metrics = equity_for_table(table=result.table, config=EquityConfig())
    assert len(metrics) == len(result.table)
    assert np.isfinite(metrics.risk_ratio).any()


def test_crdc_reserve_codes_are_missing_values(tmp_path):
    """A -9 in any needed column leaves that school's outcome out rather than counting it."""
    header = ["COMBOKEY"]
    rows = [["1"], ["2"]]
    for code in CRDC_RACES:
        for sex in "MFX":
            header.append(f"SCH_ENR_{code}_{sex}")
            rows[0].append("20")
            rows[1].append("20")
        for stem in ("SCH_DISCWODIS_REF", "SCH_DISCWDIS_REF_IDEA"):
            for sex in "MF":
                header.append(f"{stem}_{code}_{sex}")
                rows[0].append("1")
                rows[1].append(
                    "-9" if (code, stem, sex) == ("BL", "SCH_DISCWODIS_REF", "F") else "2"
                )
    path = tmp_path / "crdc.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    result = crdc_count_table(path=path, year="2017-18")
    assert result.skipped == [("2", "referral_to_law_enforcement", RESERVE_CODE)]
    assert set(result.table.unit.tolist()) == {"1"}
    assert result.table.count.tolist() == [4] * 7
    assert result.table.population.tolist() == [60] * 7
