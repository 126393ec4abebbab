"""Dashboard reads: counts and rates by group, cross-tabs, trends, schools, officers, staff calls.

Counts are distinct students with one or more of the action (and, beside them, the number of
actions); rates are per 100 students of the group enrolled. Cells with fewer than
``SMALL_CELL`` students are marked small: staff may see them, public material must not.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.db.models import Count, QuerySet, Sum

from secure.partnerships.models import Partnership, School

from ..dimensions import group_code, group_expression, group_labels
from ..models import IncidentAction
from ..models.choices import ActionType, Dimension, Involvement
from ..scope import (
    DataScope,
    enrollment_rows,
    incident_rows,
    officer_rows,
    school_rows,
)
from ..scope import action_rows as scoped_actions
from ..versions import data_version

SMALL_CELL = 10
"""Counts from 1 to 9 are small cells (the equity engine's default minimum cell size)."""


def is_small(count: int | None) -> bool:
    """Whether a count is a small cell (1 to 9)."""
    return count is not None and 0 < count < SMALL_CELL


def percent(part: float, whole: float) -> float | None:
    """``part`` as a percentage of ``whole`` (None when the whole is zero)."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class GroupRow:
    code: str
    label: str
    students: int = 0
    actions: int = 0
    enrolled: int | None = None
    share_of_students: float | None = None
    share_of_enrollment: float | None = None
    rate: float | None = None
    small: bool = False
    risk_ratio: float | None = None
    flagged: bool = False


@dataclass
class GroupTable:
    rows: list[GroupRow] = field(default_factory=list)
    total_students: int = 0
    total_actions: int = 0
    total_enrolled: int = 0

    @property
    def max_rate(self) -> float:
        return max((r.rate or 0 for r in self.rows), default=0) or 1


def school_years(*, partnership: Partnership, scope: DataScope | None = None) -> list[str]:
    """Every school year with incidents or enrollment (in the scope), newest first."""
    years = set(
        incident_rows(partnership, scope).values_list("school_year", flat=True).distinct()
    ) | set(enrollment_rows(partnership, scope).values_list("school_year", flat=True).distinct())
    return sorted(years, reverse=True)


def _actions(
    *,
    partnership: Partnership,
    year: str | None,
    school: School | None,
    scope: DataScope | None = None,
) -> QuerySet[IncidentAction]:
    rows = scoped_actions(partnership, scope)
    if year:
        rows = rows.filter(school_year=year)
    if school is not None:
        rows = rows.filter(school=school)
    return rows


def _enrolled(
    *,
    partnership: Partnership,
    dimension: str,
    year: str | None,
    school: School | None,
    scope: DataScope | None = None,
) -> dict[str, int]:
    rows = enrollment_rows(partnership, scope).filter(dimension=dimension)
    if year:
        rows = rows.filter(school_year=year)
    if school is not None:
        rows = rows.filter(school=school)
    return {row["group"]: row["n"] for row in rows.values("group").annotate(n=Sum("count"))}


COUNTS_CACHE_SECONDS = 24 * 3600
"""How long counted numbers stay cached (their key changes with the data anyway, 0044)."""

T = TypeVar("T")


def _counted_once(
    *,
    partnership: Partnership,
    name: str,
    params: tuple[object, ...],
    scope: DataScope | None,
    count: Callable[[], T],
) -> T:
    """``count()``, or its answer cached under the partnership's data version (0044).

    Counting distinct students over a year's actions takes from a fifth of a second to most of
    a second at a million actions. The version is taken *before* counting, and every write of
    incident data changes it (``incidents.versions``), so a cached answer is always the answer
    counting would give now. The key holds every filter and the scope's schools.
    """
    version = data_version(partnership)
    if version is None:
        return count()
    schools = (
        "all"
        if scope is None or scope.everything
        else ",".join(str(pk) for pk in sorted(scope.school_ids or ()))
    )
    digest = hashlib.sha256(repr((name, params, schools)).encode()).hexdigest()[:40]
    key = f"incidents:counts:{partnership.pk}:{version}:{digest}"
    found = cache.get(key)
    if found is None:
        found = count()
        cache.set(key, found, COUNTS_CACHE_SECONDS)
    return cast(T, found)


def _pk(school: School | None) -> int | None:
    return None if school is None else school.pk


def group_table(
    *,
    partnership: Partnership,
    action: str,
    dimension: str,
    year: str | None = None,
    school: School | None = None,
    scope: DataScope | None = None,
) -> GroupTable:
    """Students with the action, actions, enrollment, shares and rates for each group."""
    labels = group_labels(dimension=dimension, partnership=partnership)
    counted = _counted_once(
        partnership=partnership,
        name="group_table",
        params=(action, dimension, year, _pk(school)),
        scope=scope,
        count=lambda: list(
            _actions(partnership=partnership, year=year, school=school, scope=scope)
            .filter(action=action)
            .annotate(grp=group_expression(dimension))
            .values("grp")
            .annotate(students=Count("student__student_key", distinct=True), actions=Count("id"))
        ),
    )
    by_group = {group_code(dimension, r["grp"]): r for r in counted}
    enrolled = (
        {}
        if dimension == Dimension.OFFENSE
        else _enrolled(
            partnership=partnership, dimension=dimension, year=year, school=school, scope=scope
        )
    )
    table = GroupTable()
    table.total_students = sum(r["students"] for r in by_group.values())
    table.total_actions = sum(r["actions"] for r in by_group.values())
    table.total_enrolled = sum(enrolled.values())
    codes = [c for c in labels if c in by_group or c in enrolled] + [
        c for c in by_group if c not in labels
    ]
    for code in codes:
        found = by_group.get(code, {})
        row = GroupRow(
            code=code,
            label=labels.get(code, code),
            students=found.get("students", 0),
            actions=found.get("actions", 0),
            enrolled=enrolled.get(code),
        )
        row.share_of_students = percent(row.students, table.total_students)
        if row.enrolled is not None:
            row.share_of_enrollment = percent(row.enrolled, table.total_enrolled)
            row.rate = percent(row.students, row.enrolled)
        row.small = is_small(row.students)
        table.rows.append(row)
    return table


@dataclass
class CrossTab:
    row_labels: list[tuple[str, str]]
    column_labels: list[tuple[str, str]]
    cells: dict[tuple[str, str], int]

    def row(self, code: str) -> list[tuple[int, bool]]:
        return [
            (self.cells.get((code, c), 0), is_small(self.cells.get((code, c), 0)))
            for c, _label in self.column_labels
        ]

    def rows(self) -> list[tuple[str, list[tuple[int, bool]], int]]:
        return [
            (label, self.row(code), sum(n for n, _small in self.row(code)))
            for code, label in self.row_labels
        ]


def cross_tab(
    *,
    partnership: Partnership,
    action: str,
    rows: str,
    columns: str,
    year: str | None = None,
    school: School | None = None,
    scope: DataScope | None = None,
) -> CrossTab:
    """Students with the action by two dimensions at once."""
    found = _counted_once(
        partnership=partnership,
        name="cross_tab",
        params=(action, rows, columns, year, _pk(school)),
        scope=scope,
        count=lambda: list(
            _actions(partnership=partnership, year=year, school=school, scope=scope)
            .filter(action=action)
            .annotate(a=group_expression(rows), b=group_expression(columns))
            .values("a", "b")
            .annotate(n=Count("student__student_key", distinct=True))
        ),
    )
    cells = {(group_code(rows, r["a"]), group_code(columns, r["b"])): r["n"] for r in found}
    row_labels = group_labels(dimension=rows, partnership=partnership)
    column_labels = group_labels(dimension=columns, partnership=partnership)
    used_rows = {a for a, _b in cells}
    used_columns = {b for _a, b in cells}
    return CrossTab(
        row_labels=[(c, label) for c, label in row_labels.items() if c in used_rows],
        column_labels=[(c, label) for c, label in column_labels.items() if c in used_columns],
        cells=cells,
    )


def trend(
    *,
    partnership: Partnership,
    action: str,
    dimension: str,
    school: School | None = None,
    scope: DataScope | None = None,
) -> dict[str, GroupTable]:
    """The group table of each school year, oldest first."""
    years = sorted(school_years(partnership=partnership, scope=scope))
    return {
        year: group_table(
            partnership=partnership,
            action=action,
            dimension=dimension,
            year=year,
            school=school,
            scope=scope,
        )
        for year in years
    }


@dataclass
class SchoolRow:
    school: School
    students: int
    actions: int
    enrolled: int | None
    rate: float | None
    officers: Decimal | None
    small: bool


def by_school(
    *, partnership: Partnership, action: str, year: str | None, scope: DataScope | None = None
) -> list[SchoolRow]:
    """Students with the action, enrollment, rate and sworn officers for each school."""
    counted = _counted_once(
        partnership=partnership,
        name="by_school",
        params=(action, year),
        scope=scope,
        count=lambda: {
            r["school_id"]: r
            for r in _actions(partnership=partnership, year=year, school=None, scope=scope)
            .filter(action=action)
            .values("school_id")
            .annotate(students=Count("student__student_key", distinct=True), actions=Count("id"))
        },
    )
    enrollment = enrollment_rows(partnership, scope).filter(dimension=Dimension.TOTAL)
    officers = officer_rows(partnership, scope)
    if year:
        enrollment = enrollment.filter(school_year=year)
        officers = officers.filter(school_year=year)
    enrolled = {
        r["school_id"]: r["n"] for r in enrollment.values("school_id").annotate(n=Sum("count"))
    }
    fte = {r["school_id"]: r["n"] for r in officers.values("school_id").annotate(n=Sum("fte"))}
    result = []
    for school in school_rows(partnership, scope):
        found = counted.get(school.pk, {})
        students = found.get("students", 0)
        result.append(
            SchoolRow(
                school=school,
                students=students,
                actions=found.get("actions", 0),
                enrolled=enrolled.get(school.pk),
                rate=percent(students, enrolled[school.pk]) if enrolled.get(school.pk) else None,
                officers=fte.get(school.pk),
                small=is_small(students),
            )
        )
    return result


@dataclass
class OfficerYear:
    year: str
    schools: int
    with_officers: int
    fte: Decimal
    share: float | None


def officer_coverage(
    *, partnership: Partnership, scope: DataScope | None = None
) -> list[OfficerYear]:
    """For each year: schools reported, schools with at least one sworn officer, total FTE."""
    per_year: dict[str, list[Decimal]] = defaultdict(list)
    for year, fte in officer_rows(partnership, scope).values_list("school_year", "fte"):
        per_year[year].append(Decimal(fte))
    return [
        OfficerYear(
            year=year,
            schools=len(values),
            with_officers=sum(1 for v in values if v > 0),
            fte=sum(values, Decimal(0)),
            share=percent(sum(1 for v in values if v > 0), len(values)),
        )
        for year, values in sorted(per_year.items(), reverse=True)
    ]


@dataclass
class InvolvementRow:
    code: str
    label: str
    students: int
    actions: int
    share: float | None
    small: bool


def referrals_by_involvement(
    *,
    partnership: Partnership,
    year: str | None,
    school: School | None = None,
    scope: DataScope | None = None,
) -> list[InvolvementRow]:
    """Referrals and arrests by how law enforcement became involved (staff calls for
    non-violent behavior are the ones the rubric asks partnerships to reduce)."""
    found = _counted_once(
        partnership=partnership,
        name="involvement",
        params=(year, _pk(school)),
        scope=scope,
        count=lambda: {
            r["incident__involvement"]: r
            for r in _actions(partnership=partnership, year=year, school=school, scope=scope)
            .filter(action__in=[ActionType.REFERRAL, ActionType.ARREST])
            .values("incident__involvement")
            .annotate(students=Count("student__student_key", distinct=True), actions=Count("id"))
        },
    )
    total = sum(r["actions"] for r in found.values())
    return [
        InvolvementRow(
            code=str(code),
            label=str(label),
            students=found.get(code, {}).get("students", 0),
            actions=found.get(code, {}).get("actions", 0),
            share=percent(found.get(code, {}).get("actions", 0), total),
            small=is_small(found.get(code, {}).get("students", 0)),
        )
        for code, label in Involvement.choices
    ]


def _overview_counts(
    *,
    partnership: Partnership,
    year: str | None,
    school: School | None,
    scope: DataScope | None,
) -> dict[str, dict[str, int]]:
    """Incidents, distinct students and actions of each action type, counted in the database."""
    return {
        r["action"]: {
            "incidents": r["incidents"],
            "students": r["students"],
            "actions": r["actions"],
        }
        for r in _actions(partnership=partnership, year=year, school=school, scope=scope)
        .values("action")
        .annotate(
            incidents=Count("incident_id", distinct=True),
            students=Count("student__student_key", distinct=True),
            actions=Count("id"),
        )
    }


def action_overview(
    *,
    partnership: Partnership,
    year: str | None,
    school: School | None = None,
    scope: DataScope | None = None,
) -> list[dict[str, Any]]:
    """Every action: incidents, students and actions in the year (counted once per data
    version: the slowest of the dashboard's counts, most of a second at a million actions)."""
    found = _counted_once(
        partnership=partnership,
        name="overview",
        params=(year, _pk(school)),
        scope=scope,
        count=lambda: _overview_counts(
            partnership=partnership, year=year, school=school, scope=scope
        ),
    )
    return [
        {
            "code": str(code),
            "label": str(label),
            "incidents": found.get(code, {}).get("incidents", 0),
            "students": found.get(code, {}).get("students", 0),
            "actions": found.get(code, {}).get("actions", 0),
            "small": is_small(found.get(code, {}).get("students", 0)),
        }
        for code, label in ActionType.choices
    ]
