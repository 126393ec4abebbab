"""Count tables from where the data lives: the app database, record files, CRDC files.

One SQL ``GROUP BY`` (``records_count_sql``) counts student records by unit, year and group,
once per outcome. The app runs it on its own database through any DB-API cursor; DuckDB runs
the very same text over CSV or Parquet files; so both give the same count table.

The Civil Rights Data Collection (U.S. Department of Education, Office for Civil Rights)
publishes school-level counts in wide files (one column per group and sex); ``crdc_count_table``
turns them into the long shape. CRDC reserve codes (negative values such as -9 "not
applicable" or -12 "suppressed") are missing values, never numbers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import duckdb

from .tables import CountTable, count_table_from_columns, count_table_from_rows

BAD_IDENTIFIER = "{what} must be a plain SQL identifier (letters, digits, _), got {value!r}"
UNKNOWN_FILE_TYPE = "cannot tell how to read {path}: expected .csv, .parquet or .pq"
CRDC_MISSING_COLUMNS = "the CRDC file lacks columns needed for {outcome!r}: {columns}"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

CRDC_RACES = {
    "HI": "Hispanic/Latino",
    "AM": "American Indian or Alaska Native",
    "AS": "Asian",
    "HP": "Native Hawaiian or Other Pacific Islander",
    "BL": "Black or African American",
    "WH": "White",
    "TR": "Two or more races",
}
"""CRDC race/ethnicity codes and the group labels of the data standard (White is the RRI reference)."""
CRDC_SEXES = ("M", "F", "X")
CRDC_ENROLLMENT = ("SCH_ENR",)
CRDC_OUTCOMES: dict[str, tuple[str, ...]] = {
    "out_of_school_suspension": (
        "SCH_DISCWODIS_SINGOOS",
        "SCH_DISCWODIS_MULTOOS",
        "SCH_DISCWDIS_SINGOOS_IDEA",
        "SCH_DISCWDIS_MULTOOS_IDEA",
    ),
    "expulsion": (
        "SCH_DISCWODIS_EXPWE",
        "SCH_DISCWODIS_EXPWOE",
        "SCH_DISCWDIS_EXPWE_IDEA",
        "SCH_DISCWDIS_EXPWOE_IDEA",
    ),
    "referral_to_law_enforcement": ("SCH_DISCWODIS_REF", "SCH_DISCWDIS_REF_IDEA"),
    "school_related_arrest": ("SCH_DISCWODIS_ARR", "SCH_DISCWDIS_ARR_IDEA"),
}
"""K-12 outcomes as sums of CRDC column stems (students without disabilities, plus students
with disabilities served under IDEA; single and multiple suspensions are exclusive). Expulsions
under zero-tolerance policies (EXPZT) are left out: CRDC asks for them alongside the other two
kinds, so adding them could count a student twice."""


class Cursor(Protocol):
    """The part of a DB-API 2.0 cursor used here (Django's ``connection.cursor()`` fits)."""

    def execute(self, sql: str, params: Any = ...) -> Any:
        """Run one statement."""

    def fetchall(self) -> Sequence[Sequence[Any]]:
        """Every remaining row."""


def identifier_check(*, value: str, what: str) -> str:
    """Return ``value`` quoted as an SQL identifier after checking it is a plain name."""
    if not _IDENTIFIER.fullmatch(value):
        raise ValueError(BAD_IDENTIFIER.format(what=what, value=value))
    return f'"{value}"'


def records_count_sql(
    *,
    table: str,
    unit: str,
    group: str,
    outcomes: Sequence[str],
    year: str | None = None,
    dimension: str = "race",
) -> str:
    """Portable SQL (SQLite, PostgreSQL, DuckDB) counting records into the count-table shape.

    One row per (unit, year, group, outcome): ``count`` is the number of records whose
    boolean outcome column is true, ``population`` the number of records. Records without a
    group are left out.
    """
    source = identifier_check(value=table, what="table")
    unit_sql = identifier_check(value=unit, what="unit column")
    group_sql = identifier_check(value=group, what="group column")
    year_sql = "''" if year is None else identifier_check(value=year, what="year column")
    if not _IDENTIFIER.fullmatch(dimension):
        raise ValueError(BAD_IDENTIFIER.format(what="dimension", value=dimension))
    if not outcomes:
        raise ValueError("at least one outcome column is required")
    selects = []
    for outcome in outcomes:
        column = identifier_check(value=outcome, what="outcome column")
        selects.append(
            f"""SELECT {unit_sql} AS unit, {year_sql} AS year, '{dimension}' AS dimension,
                   '{outcome}' AS outcome, {group_sql} AS grp,
                   SUM(CASE WHEN {column} THEN 1 ELSE 0 END) AS count, COUNT(*) AS population
            FROM {source} WHERE {group_sql} IS NOT NULL
            GROUP BY {unit_sql}, {year_sql}, {group_sql}"""  # noqa: S608 (checked identifiers)
        )
    return "\nUNION ALL\n".join(selects) + "\nORDER BY 1, 2, 3, 4, 5"


def count_table_from_cursor(*, cursor: Cursor, sql: str) -> CountTable:
    """Run a counting query (see ``records_count_sql``) on a DB-API cursor and validate the rows."""
    cursor.execute(sql)
    names = ("unit", "year", "dimension", "outcome", "group", "count", "population")
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return count_table_from_rows(rows=rows)


def count_table_from_records_file(
    *,
    path: Path,
    unit: str,
    group: str,
    outcomes: Sequence[str],
    year: str | None = None,
    dimension: str = "race",
) -> CountTable:
    """Count student records in a CSV or Parquet file with DuckDB, by ``records_count_sql``."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        reader = "read_csv($path, header = true)"
    elif suffix in (".parquet", ".pq"):
        reader = "read_parquet($path)"
    else:
        raise ValueError(UNKNOWN_FILE_TYPE.format(path=path))
    con = duckdb.connect()
    try:
        # The path is a bound parameter; ``reader`` is one of two constants.
        con.execute(f"CREATE TEMP TABLE records AS SELECT * FROM {reader}", {"path": str(path)})  # noqa: S608
        sql = records_count_sql(
            table="records",
            unit=unit,
            group=group,
            outcomes=outcomes,
            year=year,
            dimension=dimension,
        )
        return count_table_from_cursor(cursor=con, sql=sql)
    finally:
        con.close()


@dataclass(frozen=True, kw_only=True)
class CrdcCounts:
    """A count table from a CRDC file, and the (unit, outcome) cells that had to be left out."""

    table: CountTable
    skipped: list[tuple[str, str, str]] = field(default_factory=list)
    """(unit, outcome, reason): a needed value was a reserve code, or a count exceeded
    enrollment (CRDC counts students disciplined at any time in the year but enrollment on
    one day, and perturbs small counts for privacy, so this happens). A whole (unit, outcome)
    is left out so that no comparison group is silently incomplete."""


RESERVE_CODE = "a needed value is a CRDC reserve code (missing)"
ABOVE_ENROLLMENT = "a count is larger than the enrollment"


def crdc_columns(*, stems: Sequence[str], race: str, available: set[str]) -> list[str]:
    """The CRDC columns for ``race`` across the sexes that the file has (e.g. SCH_ENR_BL_M)."""
    return [
        f"{stem}_{race}_{sex}"
        for stem in stems
        for sex in CRDC_SEXES
        if f"{stem}_{race}_{sex}" in available
    ]


def crdc_count_table(
    *,
    path: Path,
    year: str,
    outcomes: Mapping[str, Sequence[str]] | None = None,
    unit_column: str = "COMBOKEY",
) -> CrdcCounts:
    """Long count table (one row per school, outcome and race) from a CRDC school-level CSV.

    ``outcomes`` maps outcome names to column stems (default: every entry of
    ``CRDC_OUTCOMES`` the file has columns for). Population is K-12 enrollment (SCH_ENR) of
    all sexes. Use ``unit_column="LEAID"`` to count districts instead of schools.
    """
    identifier_check(value=unit_column, what="unit column")
    for name, stems in (outcomes or {}).items():
        identifier_check(value=name, what="outcome name")
        for stem in stems:
            identifier_check(value=stem, what="CRDC column stem")
    con = duckdb.connect()
    try:
        con.execute(
            "CREATE TEMP TABLE crdc AS SELECT * FROM read_csv($path, header = true, "
            "all_varchar = true)",
            {"path": str(path)},
        )
        available = {
            row[0] for row in con.execute("SELECT column_name FROM (DESCRIBE crdc)").fetchall()
        }
        chosen = (
            dict(outcomes)
            if outcomes is not None
            else {
                name: stems
                for name, stems in CRDC_OUTCOMES.items()
                if all(crdc_columns(stems=[s], race="WH", available=available) for s in stems)
            }
        )
        return _crdc_collect(
            con=con, year=year, outcomes=chosen, unit=unit_column, available=available
        )
    finally:
        con.close()


def _crdc_collect(
    *,
    con: duckdb.DuckDBPyConnection,
    year: str,
    outcomes: Mapping[str, Sequence[str]],
    unit: str,
    available: set[str],
) -> CrdcCounts:
    """Sum the CRDC columns per unit, outcome and race; drop cells with reserve codes."""
    parts = []
    for outcome, stems in outcomes.items():
        for code, label in CRDC_RACES.items():
            needed = crdc_columns(stems=stems, race=code, available=available)
            enrolled = crdc_columns(stems=CRDC_ENROLLMENT, race=code, available=available)
            complete = all(
                crdc_columns(stems=[stem], race=code, available=available) for stem in stems
            )
            if not complete or not enrolled:
                raise ValueError(
                    CRDC_MISSING_COLUMNS.format(outcome=outcome, columns=", ".join(stems))
                )
            values = [f'TRY_CAST("{name}" AS BIGINT)' for name in needed]
            people = [f'TRY_CAST("{name}" AS BIGINT)' for name in enrolled]
            missing = " OR ".join(f"coalesce({v}, -1) < 0" for v in values + people)
            parts.append(
                f"""SELECT "{unit}" AS unit, '{outcome}' AS outcome, '{label}' AS grp,
                       {" + ".join(f"greatest({v}, 0)" for v in values)} AS count,
                       {" + ".join(f"greatest({v}, 0)" for v in people)} AS population,
                       ({missing}) AS reserve
                    FROM crdc"""  # noqa: S608 (checked identifiers, constant labels)
            )
    rows = con.execute(
        f"""SELECT unit, outcome, grp, sum(count) AS count, sum(population) AS population,
                   bool_or(reserve) AS reserve
            FROM ({" UNION ALL ".join(parts)}) GROUP BY unit, outcome, grp
            ORDER BY unit, outcome, grp"""  # noqa: S608 (built above from checked names)
    ).fetchall()
    reasons: dict[tuple[str, str], str] = {}
    for unit_value, outcome, _group, count, population, reserve in rows:
        key = (str(unit_value), str(outcome))
        if reserve:
            reasons[key] = RESERVE_CODE
        elif count > population:
            reasons.setdefault(key, ABOVE_ENROLLMENT)
    keys, counts, populations = [], [], []
    for unit_value, outcome, group, count, population, _reserve in rows:
        if (str(unit_value), str(outcome)) in reasons:
            continue
        keys.append((str(unit_value), year, "race", str(outcome), str(group)))
        counts.append(int(count))
        populations.append(int(population))
    table = count_table_from_columns(keys=keys, count=counts, population=populations)
    skipped = sorted(
        (unit_value, outcome, reason) for (unit_value, outcome), reason in reasons.items()
    )
    return CrdcCounts(table=table, skipped=skipped)
