"""Count tables in the equity engine's input shape, from incident records or from CRDC files.

One row per (unit, year, dimension, outcome, group): ``count`` is the number of students of the
group with one or more of the outcome (distinct pseudonymous students), ``population`` the
number enrolled (from the enrollment denominators). For the offense dimension, the population is
the students involved in incidents of that offense, since offense is not a characteristic of
enrolled students. Groups without a population are left out and reported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F
from django.utils import translation

from secure.partnerships.models import Partnership, School

from ..dimensions import (
    COUNT_DIMENSIONS,
    export_group_labels,
    group_code,
    group_expression,
)
from ..models.choices import ActionType, Dimension
from ..models.crdc import ENROLLMENT_MEASURE
from ..scope import DataScope, action_rows, crdc_rows, enrollment_rows, school_rows, student_rows

COLUMNS = ("unit", "year", "dimension", "outcome", "group", "count", "population")
UNITS = ("school", "district")
SOURCES = ("records", "crdc")
NO_POPULATION = "{unit} {year} {group}: {count} student(s) with the outcome but no enrollment for the group; left out"
MISSING_CRDC = "{unit} {year} {group}: a CRDC value is missing (reserve code); left out"


@dataclass
class CountTableResult:
    rows: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def unit_label(*, school: School | None, partnership: Partnership) -> str:
    """A unit's name in count tables: the school's NCES ID (or name), or the district's name."""
    if school is None:
        return partnership.district_name
    return school.nces_id or school.name


def _schools(partnership: Partnership) -> dict[int, School]:
    return {s.pk: s for s in school_rows(partnership)}


def _enrollment(
    *,
    partnership: Partnership,
    dimension: str,
    year: str | None,
    by_school: bool,
    scope: DataScope | None = None,
) -> dict[tuple[Any, str, str], int]:
    """(school id or None, year, group) -> students enrolled."""
    rows = enrollment_rows(partnership, scope).filter(dimension=dimension)
    if year:
        rows = rows.filter(school_year=year)
    found: dict[tuple[Any, str, str], int] = defaultdict(int)
    for school_id, school_year, group, count in rows.values_list(
        "school_id", "school_year", "group", "count"
    ):
        found[(school_id if by_school else None, school_year, group)] += count
    return found


def _student_counts(
    *,
    partnership: Partnership,
    outcome: str | None,
    dimension: str,
    year: str | None,
    by_school: bool,
    scope: DataScope | None = None,
) -> dict[tuple[Any, str, str], int]:
    """(school id or None, year, group) -> distinct students with the outcome (any when None)."""
    if outcome is None:
        rows: Any = student_rows(partnership, scope).annotate(
            school_year=F("incident__school_year"), school_id=F("incident__school_id")
        )
        group = group_expression(dimension, from_action=False)
        key_field = "student_key"
    else:
        rows = action_rows(partnership, scope).filter(action=outcome)
        group = group_expression(dimension)
        key_field = "student__student_key"
    if year:
        rows = rows.filter(school_year=year)
    keys = ["school_year", "grp"] + (["school_id"] if by_school else [])
    found: dict[tuple[Any, str, str], int] = {}
    for row in rows.annotate(grp=group).values(*keys).annotate(n=Count(key_field, distinct=True)):
        school = row["school_id"] if by_school else None
        found[(school, row["school_year"], group_code(dimension, row["grp"]))] = row["n"]
    return found


def record_count_table(
    *,
    partnership: Partnership,
    outcome: str,
    dimension: str,
    year: str | None = None,
    unit: str = "school",
    scope: DataScope | None = None,
) -> CountTableResult:
    """The count table of an outcome from the partnership's incident records (in the scope)."""
    by_school = unit == "school"
    counts = _student_counts(
        partnership=partnership,
        outcome=outcome,
        dimension=dimension,
        year=year,
        by_school=by_school,
        scope=scope,
    )
    if dimension == Dimension.OFFENSE:
        population = _student_counts(
            partnership=partnership,
            outcome=None,
            dimension=dimension,
            year=year,
            by_school=by_school,
            scope=scope,
        )
    else:
        population = _enrollment(
            partnership=partnership,
            dimension=dimension,
            year=year,
            by_school=by_school,
            scope=scope,
        )
    return _assemble(
        partnership=partnership,
        outcome=outcome,
        dimension=dimension,
        counts=counts,
        population=population,
        missing=set(),
    )


def crdc_count_table(
    *,
    partnership: Partnership,
    outcome: str,
    dimension: str,
    year: str | None = None,
    unit: str = "school",
    comparison: bool = False,
    scope: DataScope | None = None,
) -> CountTableResult:
    """The count table of an outcome from CRDC files: the partnership's schools (or the state's).

    With ``comparison`` every school of the files counts (the partnership's and the state
    comparison schools), summed into one unit: the state totals of the alternate risk ratio.
    A missing value (reserve code) in a school leaves its group out of that school and of any
    total it would be part of. A scope narrows the rows to its own schools.
    """
    rows = crdc_rows(partnership, scope).filter(
        dimension=dimension, measure__in=[outcome, ENROLLMENT_MEASURE]
    )
    if not comparison:
        rows = rows.filter(crdc_school__school__isnull=False)
    if year:
        rows = rows.filter(school_year=year)
    by_school = unit == "school" and not comparison
    counts: dict[tuple[Any, str, str], int] = defaultdict(int)
    population: dict[tuple[Any, str, str], int] = defaultdict(int)
    missing: set[tuple[Any, str, str]] = set()
    for school_id, school_year, measure, group, count in rows.values_list(
        "crdc_school__school_id", "school_year", "measure", "group", "count"
    ):
        key = (school_id if by_school else None, school_year, group)
        if count is None:
            missing.add(key)
            continue
        target = population if measure == ENROLLMENT_MEASURE else counts
        target[key] += count
    result = _assemble(
        partnership=partnership,
        outcome=outcome,
        dimension=dimension,
        counts=counts,
        population=population,
        missing=missing,
    )
    if comparison:
        for row in result.rows:
            row["unit"] = "state"
    return result


def _assemble(
    *,
    partnership: Partnership,
    outcome: str,
    dimension: str,
    counts: dict[tuple[Any, str, str], int],
    population: dict[tuple[Any, str, str], int],
    missing: set[tuple[Any, str, str]],
) -> CountTableResult:
    schools = _schools(partnership)
    labels = export_group_labels(dimension=dimension, partnership=partnership)
    result = CountTableResult()

    def unit_of(school_id: Any) -> str:
        return unit_label(school=schools.get(school_id), partnership=partnership)

    for key in sorted(missing, key=_sort_key):
        result.warnings.append(
            MISSING_CRDC.format(unit=unit_of(key[0]), year=key[1], group=labels.get(key[2], key[2]))
        )
    for key in sorted(set(counts) - set(population) - missing, key=_sort_key):
        if counts[key]:
            result.warnings.append(
                NO_POPULATION.format(
                    unit=unit_of(key[0]),
                    year=key[1],
                    group=labels.get(key[2], key[2]),
                    count=counts[key],
                )
            )
    order = {code: i for i, code in enumerate(labels)}
    for key in sorted(
        set(population) - missing, key=lambda k: (_sort_key(k), order.get(k[2], len(order)))
    ):
        school_id, school_year, group = key
        result.rows.append(
            {
                "unit": unit_of(school_id),
                "year": school_year,
                "dimension": dimension,
                "outcome": outcome,
                "group": labels.get(group, group),
                "count": counts.get(key, 0),
                "population": population[key],
            }
        )
    return result


def _sort_key(key: tuple[Any, str, str]) -> tuple[str, str]:
    return (str(key[1]), str(key[0] or ""))


def counts_standard_lines() -> list[str]:
    """The count-table part of the data standard (``secure export counts``)."""
    with translation.override("en"):
        outcomes = [(str(v), str(label)) for v, label in ActionType.choices]
        lines = [
            "## Count tables (`secure export counts`)",
            "",
            "`secure export counts --partnership SLUG --outcome OUTCOME --dimension DIMENSION "
            "[--year YEAR] [--unit school|district] [--format csv|json] [--source records|crdc]` "
            "writes the equity engine's input: columns "
            f"{', '.join(f'`{c}`' for c in COLUMNS)}.",
            "",
            "- `unit`: the school's NCES ID (or its name when it has none), or the district's "
            "name.",
            "- `count`: students of the group with one or more of the outcome in the school year "
            "(distinct pseudonymous students; from CRDC files, the CRDC's count).",
            "- `population`: students of the group enrolled. For `offense`, the students "
            "involved in incidents of that offense. Groups without enrollment are left out "
            "with a warning; CRDC values that are reserve codes are left out with a warning.",
            "",
            "Outcomes (from CRDC files only those the CRDC collects):",
            "",
            *[f"- `{code}`: {label}" for code, label in outcomes],
            "",
            "Dimensions and their group labels (printed exactly so):",
            "",
        ]
        for dimension in COUNT_DIMENSIONS:
            labels = export_group_labels(dimension=dimension)
            shown = "; ".join(f"`{label}`" for label in labels.values()) or (
                "the offense category labels"
            )
            lines.append(f"- `{dimension}`: {shown}")
        lines.append("")
    return lines


def count_rows_csv(rows: Iterable[dict[str, Any]]) -> str:
    """Count rows as CSV text with the contract's header."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
