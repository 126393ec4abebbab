"""Importing CRDC school-level public-use files.

With ``lea`` (an NCES district ID), that district's schools become (or are matched to) the
partnership's schools and the rest of the file is kept as state comparison data; without it,
every school in the file is the partnership's. Every figure is kept as a ``CrdcCount``; the
partnership's enrollment and sworn officers also feed its denominators. A reserve code is kept
as a missing value with its code and is never added into a number: a count that needs it is
missing too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School
from secure.partnerships.services import school_create

from ..models import CrdcCount, CrdcSchool, DataSource
from ..models.crdc import ENROLLMENT_MEASURE
from .base import ImportJob, import_run
from .crdc_columns import CRDC_OUTCOME_STEMS, OFFICERS_COLUMN, Formula, measure_formulas
from .denominators import enrollment_write, officers_write
from .errors import EMPTY_FILE, MISSING_COLUMN, ImportRefused, ImportResult, RowError
from .reading import Table
from .writing import compare_and_split, rows_insert, rows_update

RESERVE_CODES: dict[int, str] = {
    -3: "Skip logic failure",
    -4: "Reserve code added in 2021-22 (missing value)",
    -5: "Action plan",
    -6: "Force certified",
    -8: "EDFacts missing data",
    -9: "Not applicable / skipped",
    -11: "Suppressed data",
    -12: "Suppressed for privacy (2021-22)",
    -13: "Reserve code added in 2021-22 (missing value)",
}
"""CRDC reserve codes: a missing value, never a number (2017-18 list; 2021-22 adds -4, -12, -13)."""

IDENTITY_COLUMNS = ("COMBOKEY", "LEAID", "SCH_NAME", "LEA_NAME")
NOT_A_COUNT = _("Not a count: a whole number of zero or more, or a CRDC reserve code.")
NOT_A_COMBOKEY = _("Not an NCES school ID: 12 digits.")
NOT_A_LEAID = _("Not an NCES district ID: 7 digits.")
COMBOKEY_NOT_IN_LEA = _("The school ID does not start with the district ID.")
DUPLICATE_SCHOOL = _("The same school is on line %(line)d too.")
LEA_NOT_IN_FILE = _("No school of district %(lea)s is in the file.")
NO_MEASURES = _("The file has none of the enrollment or discipline columns SECURE reads.")

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Missing:
    """A value the CRDC did not give: its reserve code, or None when it cannot be derived."""

    code: int | None


@dataclass
class CrdcSchoolRow:
    combokey: str
    leaid: str
    name: str
    lea_name: str
    state: str
    level: str
    own: bool
    values: dict[tuple[str, str, str], int | Missing] = field(default_factory=dict)
    officers: Decimal | Missing | None = None


@dataclass
class CrdcPlan:
    rows: int = 0
    schools: list[CrdcSchoolRow] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)


def cell_count(text: str) -> int | Missing:
    """A CRDC count cell: a whole number, or a reserve code as ``Missing``; ValueError otherwise."""
    value = text.strip()
    if value.endswith(".0"):
        value = value[:-2]
    if _DIGITS.fullmatch(value):
        return int(value)
    if value.startswith("-") and _DIGITS.fullmatch(value[1:]) and int(value) in RESERVE_CODES:
        return Missing(int(value))
    raise ValueError(NOT_A_COUNT)


def officers_value(text: str) -> Decimal | Missing:
    """A CRDC FTE cell: a number of zero or more, or a reserve code as ``Missing``."""
    value = text.strip()
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(NOT_A_COUNT) from None
    if number < 0:
        if number == number.to_integral_value() and int(number) in RESERVE_CODES:
            return Missing(int(number))
        raise ValueError(NOT_A_COUNT)
    return number.quantize(Decimal("0.01"))


def formula_value(formula: Formula, cells: dict[str, int | Missing]) -> int | Missing:
    """Apply a formula; any missing input makes the result missing (reserve codes never add up)."""
    total = 0
    for sign, names in ((1, formula.plus), (-1, formula.minus)):
        for name in names:
            value = cells[name]
            if isinstance(value, Missing):
                return value
            total += sign * value
    return total if total >= 0 else Missing(None)


def school_level(row: dict[str, str]) -> str:
    """The school's level from the CRDC grade flags (SCH_GRADE_KG … SCH_GRADE_G12)."""

    def offered(*grades: str) -> bool:
        return any(row.get(f"SCH_GRADE_{g}", "").strip().lower() == "yes" for g in grades)

    elementary = offered("PS", "KG", "G01", "G02", "G03", "G04", "G05")
    middle = offered("G06", "G07", "G08")
    high = offered("G09", "G10", "G11", "G12")
    if [elementary, middle, high].count(True) != 1:
        return School.Level.COMBINED
    if high:
        return School.Level.HIGH
    return School.Level.MIDDLE if middle else School.Level.ELEMENTARY


def crdc_validate(
    *, partnership: Partnership, table: Table, year: str, lea: str | None
) -> CrdcPlan:
    """Read and check the whole CRDC file; raise ``ImportRefused`` listing every bad cell."""
    header = table.header
    errors = [RowError(1, c, "", str(MISSING_COLUMN)) for c in IDENTITY_COLUMNS if c not in header]
    formulas = measure_formulas(set(header))
    if not formulas:
        errors.append(RowError(1, "", "", str(NO_MEASURES)))
    if errors:
        raise ImportRefused(errors, 0)
    needed = sorted({c for fs in formulas.values() for f in fs.values() for c in f.columns()})
    position = {name: i for i, name in enumerate(header)}
    plan = CrdcPlan(measures=list(formulas))
    seen: dict[str, int] = {}
    for line, cells in table.rows:
        plan.rows += 1
        row = {name: cells[i] if i < len(cells) else "" for name, i in position.items()}
        combokey, leaid = row["COMBOKEY"].strip(), row["LEAID"].strip()
        problems = len(errors)
        if not (len(combokey) == 12 and combokey.isdigit()):
            errors.append(RowError(line, "COMBOKEY", combokey, str(NOT_A_COMBOKEY)))
        if not (len(leaid) == 7 and leaid.isdigit()):
            errors.append(RowError(line, "LEAID", leaid, str(NOT_A_LEAID)))
        elif not combokey.startswith(leaid):
            errors.append(RowError(line, "COMBOKEY", combokey, str(COMBOKEY_NOT_IN_LEA)))
        if combokey in seen:
            errors.append(
                RowError(
                    line, "COMBOKEY", combokey, str(DUPLICATE_SCHOOL) % {"line": seen[combokey]}
                )
            )
        seen.setdefault(combokey, line)
        parsed: dict[str, int | Missing] = {}
        for name in needed:
            try:
                parsed[name] = cell_count(row[name])
            except ValueError as problem:
                errors.append(RowError(line, name, row[name], str(problem.args[0])))
        officers: Decimal | Missing | None = None
        if OFFICERS_COLUMN in row and row[OFFICERS_COLUMN].strip():
            try:
                officers = officers_value(row[OFFICERS_COLUMN])
            except ValueError as problem:
                errors.append(
                    RowError(line, OFFICERS_COLUMN, row[OFFICERS_COLUMN], str(problem.args[0]))
                )
        if len(errors) > problems:
            continue
        school = CrdcSchoolRow(
            combokey=combokey,
            leaid=leaid,
            name=row["SCH_NAME"].strip()[:200],
            lea_name=row["LEA_NAME"].strip()[:200],
            state=row.get("LEA_STATE", "").strip()[:2],
            level=school_level(row),
            own=lea is None or leaid == lea,
            officers=officers,
        )
        for measure, measure_formula in formulas.items():
            for (dimension, group), formula in measure_formula.items():
                school.values[(measure, dimension, group)] = formula_value(formula, parsed)
        plan.schools.append(school)
    if plan.rows == 0:
        errors.append(RowError(1, "", "", str(EMPTY_FILE)))
    elif lea is not None and not any(s.leaid == lea for s in plan.schools) and not errors:
        errors.append(RowError(1, "LEAID", lea, str(LEA_NOT_IN_FILE) % {"lea": lea}))
    if errors:
        raise ImportRefused(errors, plan.rows)
    return plan


def _partnership_schools(*, partnership: Partnership, plan: CrdcPlan) -> tuple[dict[str, int], int]:
    """Match (or create) the partnership's schools for the file's own schools, by NCES ID or name."""
    schools = list(School.objects.for_partnership(partnership))
    by_id = {s.nces_id: s for s in schools if s.nces_id}
    by_name = {s.name.lower(): s for s in schools if not s.nces_id}
    taken = {s.name.lower() for s in schools}
    matched: dict[str, int] = {}
    created = 0
    for row in plan.schools:
        if not row.own:
            continue
        school = by_id.get(row.combokey)
        if school is None and row.name.lower() in by_name:
            school = by_name.pop(row.name.lower())
            school.nces_id = row.combokey
            school.full_clean()
            school.save()
        if school is None:
            name = _free_name(row=row, taken=taken)
            taken.add(name.lower())
            school = school_create(
                partnership=partnership,
                name=name,
                nces_id=row.combokey,
                level=row.level,
                state=row.state,
            )
            created += 1
        matched[row.combokey] = school.pk
    return matched, created


def _free_name(*, row: CrdcSchoolRow, taken: set[str]) -> str:
    """The school's CRDC name, or with its district (then its ID) added when the name is taken."""
    for name in (row.name, f"{row.name} ({row.lea_name})", f"{row.name} ({row.combokey})"):
        if name.lower() not in taken:
            return name[:200]
    return f"{row.name[:180]} ({row.combokey})"


def crdc_write(*, partnership: Partnership, plan: CrdcPlan, year: str) -> ImportResult:
    """Save the CRDC schools, every count, and the partnership's enrollment and officers."""
    matched, created_schools = _partnership_schools(partnership=partnership, plan=plan)
    existing_schools = {s.combokey: s for s in CrdcSchool.objects.for_partnership(partnership)}
    new_schools = [
        CrdcSchool(
            partnership=partnership,
            combokey=r.combokey,
            leaid=r.leaid,
            name=r.name,
            lea_name=r.lea_name,
            school_id=matched.get(r.combokey),
        )
        for r in plan.schools
        if r.combokey not in existing_schools
    ]
    CrdcSchool.objects.bulk_create(new_schools, batch_size=500)
    changed_schools = []
    for r in plan.schools:
        found = existing_schools.get(r.combokey)
        if found is None:
            continue
        target = (r.leaid, r.name, r.lea_name, matched.get(r.combokey))
        if (found.leaid, found.name, found.lea_name, found.school_id) != target:
            found.leaid, found.name, found.lea_name, found.school_id = target
            changed_schools.append(found)
    rows_update(
        model=CrdcSchool, objects=changed_schools, fields=("leaid", "name", "lea_name", "school")
    )
    crdc_ids = dict(CrdcSchool.objects.for_partnership(partnership).values_list("combokey", "pk"))

    wanted: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for r in plan.schools:
        for (measure, dimension, group), value in r.values.items():
            pair = (None, value.code) if isinstance(value, Missing) else (value, None)
            wanted[(crdc_ids[r.combokey], measure, dimension, group)] = pair
    existing = {
        (crdc_school_id, measure, dimension, group): (pk, (count, reserve))
        for pk, crdc_school_id, measure, dimension, group, count, reserve in CrdcCount.objects.for_partnership(
            partnership
        )
        .filter(school_year=year)
        .values_list(
            "pk", "crdc_school_id", "measure", "dimension", "group", "count", "reserve_code"
        )
    }
    create, update, same = compare_and_split(wanted=wanted, existing=existing)
    rows_insert(
        model=CrdcCount,
        fields=(
            "partnership_id",
            "crdc_school_id",
            "school_year",
            "measure",
            "dimension",
            "group",
            "count",
            "reserve_code",
        ),
        rows=[
            (partnership.pk, key[0], year, key[1], key[2], key[3], *wanted[key]) for key in create
        ],
    )
    rows_update(
        model=CrdcCount,
        objects=[
            CrdcCount(pk=pk, count=wanted[key][0], reserve_code=wanted[key][1])
            for pk, key in update
        ],
        fields=("count", "reserve_code"),
    )
    enrollment = {
        (matched[r.combokey], year, dimension, group): (value,)
        for r in plan.schools
        if r.own
        for (measure, dimension, group), value in r.values.items()
        if measure == ENROLLMENT_MEASURE and not isinstance(value, Missing)
    }
    officers = {
        (matched[r.combokey], year): (r.officers,)
        for r in plan.schools
        if r.own and isinstance(r.officers, Decimal)
    }
    missing = sum(isinstance(v, Missing) for r in plan.schools for v in r.values.values())
    summary = {
        "schools": {
            "created": created_schools,
            "updated": 0,
            "unchanged": len(matched) - created_schools,
        },
        "comparison_schools": {
            "created": sum(1 for s in new_schools if s.school_id is None),
            "updated": 0,
            "unchanged": sum(1 for r in plan.schools if not r.own)
            - sum(1 for s in new_schools if s.school_id is None),
        },
        "crdc_counts": {"created": len(create), "updated": len(update), "unchanged": same},
        "enrollment": enrollment_write(
            partnership=partnership, values=enrollment, source=DataSource.CRDC
        ),
        "sworn_officers": officers_write(
            partnership=partnership, values=officers, source=DataSource.CRDC
        ),
    }
    notes = [f"measures: {', '.join(plan.measures)}", f"missing values (reserve codes): {missing}"]
    return ImportResult(kind="crdc", rows=plan.rows, summary=summary, notes=notes)


def crdc_import(
    *, job: ImportJob, table: Table, year: str, lea: str | None = None, dry_run: bool = False
) -> ImportResult:
    """Import a CRDC school-level file for one school year, checked whole, saved all or nothing."""
    job.options = {**job.options, "year": year, "lea": lea or ""}
    return import_run(
        job=job,
        validate=lambda: crdc_validate(
            partnership=job.partnership, table=table, year=year, lea=lea
        ),
        write=lambda plan: crdc_write(partnership=job.partnership, plan=plan, year=year),
        dry_run=dry_run,
    )


def crdc_standard_lines() -> list[str]:
    """The CRDC part of the data standard."""
    lines = [
        "## CRDC school-level public-use files (`crdc`)",
        "",
        "The Civil Rights Data Collection's school-level CSV files, as published (2017-18 and "
        "later; `LEP` columns are read where later files say `EL`). Command line: "
        "`secure import crdc FILE --partnership SLUG --year 2021-22 [--lea LEAID]`. With "
        "`--lea`, that district's schools become the partnership's (matched by NCES ID, then by "
        "name, or added) and every other school is kept as state comparison data; without it, "
        "every school in the file is the partnership's. Natural key: `COMBOKEY` and the year.",
        "",
        "Columns read: `COMBOKEY`, `LEAID`, `SCH_NAME`, `LEA_NAME`, `LEA_STATE`, the grade flags "
        f"`SCH_GRADE_*` (for a new school's level), `{OFFICERS_COLUMN}` (sworn officers, FTE), "
        "enrollment `SCH_ENR_<race>_<sex>`, `SCH_ENR_IDEA_<sex>`, `SCH_ENR_504_<sex>`, "
        "`SCH_ENR_EL_<sex>`, and for each outcome below "
        "`SCH_DISCWODIS_<stem>_<race>_<sex>`, `SCH_DISCWDIS_<stem>_IDEA_<race>_<sex>`, "
        "`SCH_DISCWDIS_<stem>_504_<sex>`, `SCH_DISCWODIS_<stem>_EL_<sex>` and "
        "`SCH_DISCWDIS_<stem>_EL_<sex>`. An outcome whose columns are not all in the file is "
        "skipped.",
        "",
        "| outcome | CRDC stems (students added) |",
        "|---|---|",
    ]
    for outcome, stems in CRDC_OUTCOME_STEMS.items():
        lines.append(f"| `{outcome}` | {', '.join(f'`{s}`' for s in stems)} |")
    lines += [
        "",
        "Counts by race, sex and English-learner status are students without disabilities plus "
        "students served under IDEA (the CRDC does not report Section 504-only students by "
        "race); counts by disability status and the total also include Section 504-only "
        "students. Enrollment is K-12 enrollment of all sexes.",
        "",
        "Reserve codes are missing values, never numbers: a count that needs one is stored as "
        "missing with its code, left out of exports and shown as missing.",
        "",
        "| reserve code | meaning |",
        "|---|---|",
        *[
            f"| `{code}` | {meaning} |"
            for code, meaning in sorted(RESERVE_CODES.items(), reverse=True)
        ],
        "",
    ]
    return lines
