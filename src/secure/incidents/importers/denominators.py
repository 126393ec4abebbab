"""Importing the denominators: enrollment by school, year, dimension and group; sworn officers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from ..models import DataSource, Enrollment, SwornOfficers
from ..standard import ENROLLMENT, OFFICERS, FileSpec, group_parser
from .base import ImportJob, import_run
from .errors import EMPTY_FILE, ImportRefused, ImportResult, RowError
from .lookups import SchoolLookup
from .reading import Table, mapping_indices
from .writing import compare_and_split, rows_insert, rows_update

DUPLICATE_ROW = _("The same %(what)s is on line %(line)d too.")
OFFENSE_NOT_ENROLLMENT = _("Offense is not a characteristic of enrolled students.")


@dataclass
class DenominatorPlan:
    rows: int = 0
    values: dict[tuple[Any, ...], tuple[Any, ...]] = field(default_factory=dict)


def _validate(
    *,
    spec: FileSpec,
    partnership: Partnership,
    table: Table,
    mapping: dict[str, str] | None,
    key_of: Any,
) -> DenominatorPlan:
    """Parse every row of an enrollment or officers file; refuse it with every error."""
    indices, errors = mapping_indices(
        wanted=spec.names, required=spec.names, header=table.header, mapping=mapping
    )
    if errors:
        raise ImportRefused(errors, 0)
    parsers = {c.name: c.parse for c in spec.columns}
    parsers["school"] = SchoolLookup(partnership)
    plan = DenominatorPlan()
    lines: dict[tuple[Any, ...], int] = {}
    for line, cells in table.rows:
        plan.rows += 1
        parsed: dict[str, Any] = {}
        for name, index in indices.items():
            text = cells[index] if index < len(cells) else ""
            try:
                parsed[name] = parsers[name](text)
            except ValueError as problem:
                errors.append(RowError(line, name, text, str(problem.args[0])))
        try:
            key, value = key_of(parsed, cells, indices)
        except ValueError as problem:
            column, message = problem.args
            text = cells[indices[column]] if indices[column] < len(cells) else ""
            errors.append(RowError(line, column, text, str(message)))
            continue
        if key is None:
            continue
        if key in lines:
            what = _("school, year, dimension and group") if len(key) == 4 else _("school and year")
            errors.append(
                RowError(
                    line,
                    spec.natural_key[-1],
                    "",
                    str(DUPLICATE_ROW) % {"what": what, "line": lines[key]},
                )
            )
            continue
        lines[key] = line
        plan.values[key] = value
    if plan.rows == 0:
        errors.append(RowError(1, "", "", str(EMPTY_FILE)))
    if errors:
        raise ImportRefused(errors, plan.rows)
    return plan


def _enrollment_key(
    parsed: dict[str, Any], cells: list[str], indices: dict[str, int]
) -> tuple[tuple[Any, ...] | None, tuple[Any, ...]]:
    if any(name not in parsed for name in ENROLLMENT.names):
        return None, ()
    dimension = parsed["dimension"]
    if dimension == "offense":
        raise ValueError("dimension", OFFENSE_NOT_ENROLLMENT)
    try:
        group = group_parser(dimension)(parsed["group"])
    except ValueError as problem:
        raise ValueError("group", problem.args[0]) from None
    return (parsed["school"], parsed["school_year"], dimension, group), (parsed["count"],)


def _officers_key(
    parsed: dict[str, Any], cells: list[str], indices: dict[str, int]
) -> tuple[tuple[Any, ...] | None, tuple[Any, ...]]:
    if any(name not in parsed for name in OFFICERS.names):
        return None, ()
    return (parsed["school"], parsed["school_year"]), (parsed["sworn_officer_fte"],)


def enrollment_write(
    *, partnership: Partnership, values: dict[tuple[Any, ...], tuple[Any, ...]], source: str
) -> dict[str, int]:
    """Save enrollment counts keyed by (school id, year, dimension, group)."""
    years = {key[1] for key in values}
    existing = {
        (school_id, year, dimension, group): (pk, (count,))
        for pk, school_id, year, dimension, group, count in Enrollment.objects.for_partnership(
            partnership
        )
        .filter(school_year__in=years)
        .values_list("pk", "school_id", "school_year", "dimension", "group", "count")
    }
    create, update, same = compare_and_split(wanted=values, existing=existing)
    rows_insert(
        model=Enrollment,
        fields=(
            "partnership_id",
            "school_id",
            "school_year",
            "dimension",
            "group",
            "count",
            "source",
        ),
        rows=[(partnership.pk, *key, values[key][0], source) for key in create],
    )
    rows_update(
        model=Enrollment,
        objects=[Enrollment(pk=pk, count=values[key][0], source=source) for pk, key in update],
        fields=("count", "source"),
    )
    return {"created": len(create), "updated": len(update), "unchanged": same}


def officers_write(
    *, partnership: Partnership, values: dict[tuple[Any, ...], tuple[Any, ...]], source: str
) -> dict[str, int]:
    """Save sworn-officer FTEs keyed by (school id, year)."""
    existing = {
        (school_id, year): (pk, (Decimal(fte),))
        for pk, school_id, year, fte in SwornOfficers.objects.for_partnership(partnership)
        .filter(school_year__in={key[1] for key in values})
        .values_list("pk", "school_id", "school_year", "fte")
    }
    create, update, same = compare_and_split(wanted=values, existing=existing)
    rows_insert(
        model=SwornOfficers,
        fields=("partnership_id", "school_id", "school_year", "fte", "source"),
        rows=[(partnership.pk, *key, values[key][0], source) for key in create],
    )
    rows_update(
        model=SwornOfficers,
        objects=[SwornOfficers(pk=pk, fte=values[key][0], source=source) for pk, key in update],
        fields=("fte", "source"),
    )
    return {"created": len(create), "updated": len(update), "unchanged": same}


def enrollment_import(
    *, job: ImportJob, table: Table, mapping: dict[str, str] | None = None, dry_run: bool = False
) -> ImportResult:
    """Import an enrollment file: check it whole, then save it in one transaction (or nothing)."""

    def write(plan: DenominatorPlan) -> ImportResult:
        counts = enrollment_write(
            partnership=job.partnership, values=plan.values, source=DataSource.FILE
        )
        return ImportResult(kind=ENROLLMENT.kind, rows=plan.rows, summary={"enrollment": counts})

    return import_run(
        job=job,
        validate=lambda: _validate(
            spec=ENROLLMENT,
            partnership=job.partnership,
            table=table,
            mapping=mapping,
            key_of=_enrollment_key,
        ),
        write=write,
        dry_run=dry_run,
    )


def officers_import(
    *, job: ImportJob, table: Table, mapping: dict[str, str] | None = None, dry_run: bool = False
) -> ImportResult:
    """Import a sworn-officers file: check it whole, then save it in one transaction (or nothing)."""

    def write(plan: DenominatorPlan) -> ImportResult:
        counts = officers_write(
            partnership=job.partnership, values=plan.values, source=DataSource.FILE
        )
        return ImportResult(kind=OFFICERS.kind, rows=plan.rows, summary={"sworn_officers": counts})

    return import_run(
        job=job,
        validate=lambda: _validate(
            spec=OFFICERS,
            partnership=job.partnership,
            table=table,
            mapping=mapping,
            key_of=_officers_key,
        ),
        write=write,
        dry_run=dry_run,
    )
