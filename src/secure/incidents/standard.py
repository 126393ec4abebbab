"""The data standard: every column of every file SECURE accepts, defined once.

The importers parse with these definitions, the CSV templates are built from them, and
``docs/data-standard.md`` is generated from them (``secure data_standard``; a test keeps the file
equal to the output), so the documentation cannot drift from the code.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import values
from .models.choices import (
    DEFAULT_OFFENSES,
    DIMENSION_GROUPS,
    RACE_CRDC_CODES,
    SEX_CRDC_CODES,
    TOTAL_GROUP,
    ActionType,
    Dimension,
    Disability,
    ForceType,
    Grade,
    Involvement,
    Location,
    Race,
    Sex,
)
from .models.imports import ImportKind

Parser = Callable[[str], Any]


@dataclass(frozen=True)
class Column:
    """One column of a file: its name, meaning, type, allowed values and parser."""

    name: str
    label: str | Promise
    kind: str | Promise
    help: str | Promise
    example: str
    parse: Parser
    required: bool = True
    choices: type[models.TextChoices] | None = None
    aliases: dict[str, str] = field(default_factory=dict)
    sensitive: bool = False


@dataclass(frozen=True)
class FileSpec:
    """A kind of file and its columns."""

    kind: str
    title: str | Promise
    description: str | Promise
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _choice(choices: type[models.TextChoices], aliases: dict[str, Any] | None = None) -> Parser:
    return values.ChoiceParser(choices, {k: str(v) for k, v in (aliases or {}).items()})


_GRADE_ALIASES = {
    "PK": Grade.PRE_K,
    "KG": Grade.KINDERGARTEN,
    "UG": Grade.UNGRADED,
    **{f"{n:02d}": str(n) for n in range(1, 13)},
    **{f"G{n:02d}": str(n) for n in range(1, 13)},
}
_DISABILITY_ALIASES = {"504": Disability.SECTION_504, "no": Disability.NONE, "n": Disability.NONE}

SCHOOL = Column(
    "school",
    _("School"),
    _("NCES ID or name"),
    _("The school's 12-digit NCES ID, or its name exactly as in SECURE."),
    "990000100001",
    values.text_required,
)
SCHOOL_YEAR = Column(
    "school_year",
    _("School year"),
    _("school year"),
    _("July to June, written 2023-24."),
    "2023-24",
    values.school_year_parse,
)

INCIDENTS = FileSpec(
    kind=ImportKind.INCIDENTS,
    title=_("Incidents, students and actions"),
    description=_(
        "One row per action taken with a student. Rows of the same incident repeat the incident's "
        "columns; rows of the same student in an incident repeat the student's columns. A student "
        "involved with no action has one row with the action empty."
    ),
    natural_key=("incident_number", "student_id", "action", "action_sequence"),
    columns=(
        Column(
            "incident_number",
            _("Incident number"),
            _("text"),
            _("The district's or agency's incident number, unique in the partnership."),
            "2024-0153",
            values.text_required,
        ),
        Column(
            "incident_date",
            _("Incident date"),
            _("date"),
            _("YYYY-MM-DD; not in the future. The school year follows from it."),
            "2024-03-15",
            values.date_parse,
        ),
        SCHOOL,
        Column(
            "location",
            _("Where in the school"),
            _("code"),
            _("Where the incident happened."),
            Location.HALLWAY,
            _choice(Location),
            choices=Location,
        ),
        Column(
            "offense",
            _("Alleged misconduct"),
            _("code"),
            _(
                "An offense category code from the list below, or one the partnership added in "
                "SECURE."
            ),
            "fighting",
            values.text_required,
        ),
        Column(
            "involvement",
            _("How law enforcement became involved"),
            _("code"),
            _("Who brought law enforcement in, and for what kind of behavior."),
            Involvement.STAFF_CALL_NONVIOLENT,
            _choice(Involvement),
            choices=Involvement,
        ),
        Column(
            "officers",
            _("SRO(s) involved"),
            _("text"),
            _("Badge numbers of the officers involved, separated by semicolons."),
            "4471;5120",
            str.strip,
            required=False,
        ),
        Column(
            "narrative",
            _("Short narrative"),
            _("text"),
            _("Optional and sensitive: never names. At most 2,000 characters."),
            "",
            str.strip,
            required=False,
        ),
        Column(
            "student_id",
            _("Student ID"),
            _("text"),
            _(
                "The district's student ID. SECURE keeps only a keyed hash of it (so the same "
                "student links across incidents); the ID itself is never stored or shown."
            ),
            "S1234567",
            values.text_required,
            sensitive=True,
        ),
        Column(
            "age",
            _("Age"),
            _("whole number"),
            _("Age on the incident date, 3 to 22."),
            "15",
            values.whole_number_parse,
        ),
        Column(
            "grade",
            _("Grade"),
            _("code"),
            _("Grade on the incident date."),
            "9",
            _choice(Grade, _GRADE_ALIASES),
            choices=Grade,
            aliases={str(k): str(v) for k, v in _GRADE_ALIASES.items()},
        ),
        Column(
            "sex",
            _("Sex"),
            _("code"),
            _("As recorded by the district on the incident date."),
            "F",
            _choice(Sex, SEX_CRDC_CODES),
            choices=Sex,
            aliases={k: str(v) for k, v in SEX_CRDC_CODES.items()},
        ),
        Column(
            "race",
            _("Race/ethnicity"),
            _("code"),
            _(
                "Federal seven categories: Hispanic/Latino of any race, otherwise the race. "
                "CRDC codes (HI, AM, AS, HP, BL, WH, TR) are accepted too."
            ),
            "BL",
            _choice(Race, RACE_CRDC_CODES),
            choices=Race,
            aliases={k: str(v) for k, v in RACE_CRDC_CODES.items()},
        ),
        Column(
            "english_learner",
            _("English learner"),
            _("yes/no"),
            _("English-learner status on the incident date."),
            "no",
            values.yes_no_parse,
        ),
        Column(
            "disability",
            _("Disability status"),
            _("code"),
            _("Served under IDEA, under Section 504 only, or neither."),
            Disability.NONE,
            _choice(Disability, _DISABILITY_ALIASES),
            choices=Disability,
            aliases={k: str(v) for k, v in _DISABILITY_ALIASES.items()},
        ),
        Column(
            "action",
            _("Action"),
            _("code"),
            _("What was done with the student. Empty: involved, no action."),
            ActionType.REFERRAL,
            _choice(ActionType),
            required=False,
            choices=ActionType,
        ),
        Column(
            "action_sequence",
            _("Action sequence"),
            _("whole number"),
            _("1 (the default) unless the same action was taken with the same student again."),
            "1",
            values.whole_number_parse,
            required=False,
        ),
        Column(
            "action_date",
            _("Action date"),
            _("date"),
            _("When the action was taken, if not the incident date; not before it."),
            "2024-03-15",
            values.date_parse,
            required=False,
        ),
        Column(
            "force_type",
            _("Type of force"),
            _("code"),
            _("Required when the action is use_of_force; empty otherwise."),
            "",
            _choice(ForceType),
            required=False,
            choices=ForceType,
        ),
        Column(
            "parent_notified",
            _("Parent notified"),
            _("yes/no"),
            _("Required when the action is questioning: was a parent or guardian notified?"),
            "",
            values.yes_no_parse,
            required=False,
        ),
        Column(
            "rights_advised",
            _("Rights advised"),
            _("yes/no"),
            _("Required when the action is questioning: was the student advised of their rights?"),
            "",
            values.yes_no_parse,
            required=False,
        ),
        Column(
            "outcome",
            _("Outcome"),
            _("text"),
            _("What came of the action, for example 'released to parent' or 'charges dismissed'."),
            "petition filed",
            str.strip,
            required=False,
        ),
    ),
)

ENROLLMENT = FileSpec(
    kind=ImportKind.ENROLLMENT,
    title=_("Enrollment"),
    description=_(
        "The denominators: students enrolled per school and school year, by the same dimensions "
        "as the incident data. One row per school, year, dimension and group; dimension 'total' "
        "has the one group 'all'."
    ),
    natural_key=("school", "school_year", "dimension", "group"),
    columns=(
        SCHOOL,
        SCHOOL_YEAR,
        Column(
            "dimension",
            _("Dimension"),
            _("code"),
            _("What the count is broken down by (offense is not a student characteristic)."),
            Dimension.RACE,
            _choice(Dimension),
            choices=Dimension,
        ),
        Column(
            "group",
            _("Group"),
            _("code"),
            _("A group of the dimension (see the lists below); 'all' for the total."),
            "BL",
            values.text_required,
        ),
        Column(
            "count",
            _("Students enrolled"),
            _("whole number"),
            _("Students of the group enrolled (the CRDC counts on one day in the fall)."),
            "212",
            values.whole_number_parse,
        ),
    ),
)

OFFICERS = FileSpec(
    kind=ImportKind.OFFICERS,
    title=_("Sworn officers"),
    description=_(
        "Sworn law-enforcement officers assigned to each school per school year, in full-time "
        "equivalents (0 for a school without an officer)."
    ),
    natural_key=("school", "school_year"),
    columns=(
        SCHOOL,
        SCHOOL_YEAR,
        Column(
            "sworn_officer_fte",
            _("Sworn officers (FTE)"),
            _("number"),
            _("Full-time equivalents, up to two decimals, for example 1 or 0.5."),
            "1.0",
            values.decimal_parse,
        ),
    ),
)

FILE_SPECS = {spec.kind: spec for spec in (INCIDENTS, ENROLLMENT, OFFICERS)}


def group_parser(dimension: str) -> Parser:
    """The parser of the groups of a (student) dimension."""
    if dimension == Dimension.TOTAL:
        return values.ChoiceParser(_TotalGroup)
    aliases: dict[str, str] = {}
    if dimension == Dimension.RACE:
        aliases = {k: str(v) for k, v in RACE_CRDC_CODES.items()}
    elif dimension == Dimension.SEX:
        aliases = {k: str(v) for k, v in SEX_CRDC_CODES.items()}
    elif dimension == Dimension.DISABILITY:
        aliases = {k: str(v) for k, v in _DISABILITY_ALIASES.items()}
    elif dimension == Dimension.EL:
        aliases = {"y": "yes", "n": "no", "el": "yes"}
    return values.ChoiceParser(DIMENSION_GROUPS[dimension], aliases)


class _TotalGroup(models.TextChoices):
    ALL = TOTAL_GROUP, _("All students")


def template_csv(kind: str) -> str:
    """A CSV template for ``kind``: the header and one example row."""
    spec = FILE_SPECS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.names)
    writer.writerow([c.example for c in spec.columns])
    return out.getvalue()


def _codes_table(choices: type[models.TextChoices], aliases: dict[str, str]) -> list[str]:
    by_code: dict[str, list[str]] = {}
    for alias, code in aliases.items():
        by_code.setdefault(code, []).append(f"`{alias}`")
    lines = ["| code | meaning | also accepted |", "|---|---|---|"]
    for code, label in values.english_labels(choices).items():
        lines.append(f"| `{code}` | {label} | {', '.join(by_code.get(code, []))} |")
    return lines


def standard_markdown() -> str:
    """The whole data standard as Markdown (docs/data-standard.md)."""
    from .importers.crdc import crdc_standard_lines
    from .selectors.counts import counts_standard_lines

    with translation.override("en"):
        return "\n".join(_standard_lines(crdc_standard_lines(), counts_standard_lines())) + "\n"


def _standard_lines(crdc: list[str], counts: list[str]) -> list[str]:
    lines = [
        "# SECURE data standard",
        "",
        "<!-- Generated by `secure data_standard` from src/secure/incidents/standard.py and the "
        "importers. Do not edit by hand. -->",
        "",
        "Every file SECURE accepts, column by column. Files are CSV (UTF-8, a header row, comma "
        "separated) or Excel (.xlsx, the first sheet, a header row). Column names are matched "
        "without regard to case; on the web you can map differently named columns. Codes may be "
        "written as the code or its English meaning, without regard to case.",
        "",
        "Every import checks the whole file first and lists every bad row (line, column, value, "
        "what is wrong); then it saves everything in one transaction, or nothing. Importing the "
        "same file again changes nothing: rows are matched on their natural key and only "
        "differences are saved. Each import is recorded with who, when, the file's SHA-256 and "
        "the number of rows.",
        "",
    ]
    for spec in FILE_SPECS.values():
        lines += [
            f"## {spec.title} (`{spec.kind}`)",
            "",
            str(spec.description),
            "",
            f"Natural key: {', '.join(f'`{n}`' for n in spec.natural_key)}. "
            f"Command line: `secure import {spec.kind} FILE --partnership SLUG`.",
            "",
            "| column | required | type | meaning | example |",
            "|---|---|---|---|---|",
        ]
        for column in spec.columns:
            required = "yes" if column.required else "no"
            lines.append(
                f"| `{column.name}` | {required} | {column.kind} | {column.label}: {column.help} "
                f"| {f'`{column.example}`' if column.example else ''} |"
            )
        lines.append("")
        for column in spec.columns:
            if column.choices is not None:
                lines += [f"### `{column.name}` values", ""]
                lines += _codes_table(column.choices, column.aliases)
                lines.append("")
        if spec.kind == ImportKind.INCIDENTS:
            lines += [
                "### `offense` values",
                "",
                "The documented default categories; a partnership may add its own in SECURE.",
                "",
                "| code | meaning | violent or threatening |",
                "|---|---|---|",
            ]
            for code, label, violent in DEFAULT_OFFENSES:
                lines.append(f"| `{code}` | {label} | {'yes' if violent else 'no'} |")
            lines += [
                "",
                "### Rules across columns",
                "",
                *[f"- {rule}" for rule in _incident_rules()],
                "",
            ]
        if spec.kind == ImportKind.ENROLLMENT:
            lines += ["### `group` values by dimension", ""]
            for dimension, choices in DIMENSION_GROUPS.items():
                lines += [f"`{dimension}`:", ""]
                lines += _codes_table(choices, {})
                lines.append("")
            lines += ["`total`: the one group `all`.", ""]
    lines += crdc
    lines += counts
    return lines


def _incident_rules() -> list[str]:
    from . import rules

    return [str(rule.__doc__).strip() for rule in rules.ROW_RULES]
