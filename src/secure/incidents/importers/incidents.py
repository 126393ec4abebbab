"""Importing incidents, the students involved and their actions (one row per action).

Validation reads the whole file and parses each incident once and each student once per
incident; later rows of the same incident or student must repeat the same values. Student IDs
are turned into keyed pseudonyms as they are read and never kept; errors name the line, never
the ID. Writing matches incidents on their number, students on (incident, key) and actions on
(student, action, sequence): only new and changed rows are saved, so a second import of the same
file changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from .. import rules
from ..models import Incident, IncidentAction, IncidentStudent
from ..models.choices import age_band_for
from ..pseudonyms import looks_like_key, pseudonym_secret
from ..standard import INCIDENTS
from ..values import school_year_of
from ..versions import data_changed
from .base import ImportJob, import_run
from .errors import EMPTY_FILE, HIDDEN_VALUE, ImportRefused, ImportResult, RowError
from .keying import StudentKeyer
from .lookups import OffenseLookup, SchoolLookup
from .reading import Table, mapping_indices
from .writing import (
    chunks,
    compare_and_split,
    foreign_keys_checked_once,
    rows_estimate,
    rows_insert,
    rows_insert_ids,
    rows_update,
)

DIFFERS_FROM_INCIDENT = _("Differs from line %(line)d, an earlier row of the same incident.")
DIFFERS_FROM_STUDENT = _(
    "Differs from line %(line)d, an earlier row of the same student in this incident."
)
DUPLICATE_ACTION = _(
    "The same action for the same student in this incident is on line %(line)d too "
    "(number repeated actions with action_sequence)."
)
NOT_A_KEY = _("Not a pseudonymous key (the staged file was changed).")
SEQUENCE_ZERO = _("The sequence starts at 1.")

INCIDENT_COLUMNS = (
    "incident_date",
    "school",
    "location",
    "offense",
    "involvement",
    "officers",
    "narrative",
)
STUDENT_COLUMNS = ("age", "grade", "sex", "race", "english_learner", "disability")
ACTION_COLUMNS = (
    "action",
    "action_sequence",
    "action_date",
    "force_type",
    "parent_notified",
    "rights_advised",
    "outcome",
)
INCIDENT_FIELDS = (
    "occurred_on",
    "school_year",
    "school_id",
    "location",
    "offense",
    "involvement",
    "officers",
    "narrative",
)
STUDENT_FIELDS = (
    "age",
    "age_band",
    "grade",
    "sex",
    "race",
    "english_learner",
    "disability",
)
ACTION_FIELDS = ("action_date", "force_type", "parent_notified", "rights_advised", "outcome")
PROGRESS_EVERY = 5000
WHOLE_PASS_FROM = 5000
"""From this many keys on, rows already saved are read in one pass rather than in chunks."""
BULK_ROWS = 100_000
"""From this many actions on, foreign keys are checked once per table, not per row (PostgreSQL)."""
CLOCK_MARGIN = datetime.timedelta(days=2)
"""No time zone is a day or more ahead of UTC: a date two days old is in the past everywhere."""


FREE_TEXT = frozenset({"officers", "narrative", "outcome"})
REMEMBER_AT_MOST = 50_000


class _Remembered:
    """A cell parser that remembers its answer (a value or an error) for each text it has seen.

    The coded columns of a large file hold few distinct texts (a few hundred dates, a dozen
    codes), so each is parsed once; the answer is the parser's own, error message included.
    """

    def __init__(self, parse: Any) -> None:
        self.parse = parse
        self.seen: dict[str, tuple[bool, Any]] = {}

    def __call__(self, text: str) -> Any:
        found = self.seen.get(text)
        if found is None:
            try:
                found = (True, self.parse(text))
            except ValueError as problem:
                found = (False, problem.args)
            if len(self.seen) < REMEMBER_AT_MOST:
                self.seen[text] = found
        ok, value = found
        if ok:
            return value
        raise ValueError(*value)


@dataclass
class IncidentPlan:
    """The validated content of a file, keyed by natural keys."""

    rows: int = 0
    incidents: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    students: dict[tuple[str, str], tuple[Any, ...]] = field(default_factory=dict)
    actions: dict[tuple[str, str, str, int], tuple[Any, ...]] = field(default_factory=dict)


class _Validator:
    """Reads rows one by one, collecting every error and the parsed content."""

    def __init__(
        self, *, partnership: Partnership, indices: dict[str, int], ids_hashed: bool
    ) -> None:
        self.indices = indices
        self.ids_hashed = ids_hashed
        self.keyer = StudentKeyer(pseudonym_secret(partnership=partnership))
        self.past = timezone.now().date() - CLOCK_MARGIN
        self.parsers = {c.name: c.parse for c in INCIDENTS.columns}
        self.parsers["school"] = SchoolLookup(partnership)
        self.parsers["offense"] = OffenseLookup(partnership)
        for name in list(self.parsers):
            if name not in FREE_TEXT:
                self.parsers[name] = _Remembered(self.parsers[name])
        self.required = {c.name for c in INCIDENTS.columns if c.required}
        self.plan = IncidentPlan()
        self.errors: list[RowError] = []
        # First line and raw values of each incident / student, to check that repeats agree.
        self.incident_seen: dict[str, tuple[int, tuple[str, ...], dict[str, Any]]] = {}
        self.student_seen: dict[tuple[str, str], tuple[int, tuple[str, ...], dict[str, Any]]] = {}
        self.action_lines: dict[tuple[str, str, str, int], int] = {}
        self.memos: dict[tuple[str, ...], dict[tuple[str, ...], Any]] = {}

    def error(self, line: int, column: str, value: str, message: Any) -> None:
        shown = HIDDEN_VALUE if column == "student_id" else value
        self.errors.append(RowError(line, column, shown, str(message)))

    def parse(
        self, line: int, cells: dict[str, str], names: tuple[str, ...]
    ) -> dict[str, Any] | None:
        """Parse the named cells; report each bad one; None if any was bad."""
        parsed: dict[str, Any] = {}
        ok = True
        for name in names:
            text = cells.get(name, "")
            if not text.strip():
                if name in self.required:
                    self.error(line, name, text, _("A value is required."))
                    ok = False
                parsed[name] = None if name not in {"officers", "narrative", "outcome"} else ""
                continue
            try:
                parsed[name] = self.parsers[name](text)
            except ValueError as problem:
                self.error(line, name, text, problem.args[0])
                ok = False
        return parsed if ok else None

    def student_key_of(self, line: int, raw: str) -> str | None:
        if not raw.strip():
            self.error(line, "student_id", raw, _("A value is required."))
            return None
        if self.ids_hashed:
            if not looks_like_key(raw):
                self.error(line, "student_id", raw, NOT_A_KEY)
                return None
            return raw
        return self.keyer(raw)

    def surely_past(self, day: Any) -> bool:
        """Whether ``day`` is a date so long ago that a rule reading the clock would pass it.

        The date rules ask the clock for today's date in the site's time zone, which costs more
        than the rest of a row's checks; they are skipped for such dates, with the same result.
        """
        return isinstance(day, datetime.date) and day < self.past

    def incident_problems(self, incident: dict[str, Any]) -> rules.Problems:
        """The rules of an incident's own columns."""
        problems = rules.narrative_rule(incident)
        if not self.surely_past(incident.get("incident_date")):
            problems = rules.incident_date_rule(incident) + problems
        return problems

    def action_problems(self, merged: dict[str, Any]) -> rules.Problems:
        """The rules of an action's columns (``merged`` also holds the incident date)."""
        day, incident_day = merged.get("action_date"), merged.get("incident_date")
        clock_free = day is None or (
            self.surely_past(day)
            and not (isinstance(incident_day, datetime.date) and day < incident_day)
        )
        return (
            rules.force_type_rule(merged)
            + rules.questioning_rule(merged)
            + ([] if clock_free else rules.action_date_rule(merged))
            + rules.action_details_rule(merged)
        )

    def repeated(
        self,
        line: int,
        cells: dict[str, str],
        names: tuple[str, ...],
        seen: tuple[int, tuple[str, ...], dict[str, Any]],
        message: Any,
    ) -> dict[str, Any] | None:
        """Check a repeated incident / student against its first row; its parsed values if equal."""
        first_line, first_raw, parsed = seen
        raw = tuple(cells.get(n, "").strip() for n in names)
        if raw == first_raw:
            return parsed
        for name, now, before in zip(names, raw, first_raw, strict=True):
            if now != before:
                self.error(line, name, now, str(message) % {"line": first_line})
        return None

    def student_checked(
        self, line: int, cells: dict[str, str], _incident: Any = None
    ) -> dict[str, Any] | None:
        """A student's columns parsed and checked (None if any problem was reported)."""
        student = self.parse(line, cells, STUDENT_COLUMNS)
        if student is not None:
            problems = rules.age_rule(student) + rules.age_grade_rule(student)
            for column, message in problems:
                self.error(line, column, cells.get(column, ""), message)
            if problems:
                student = None
        return student

    def action_checked(
        self, line: int, cells: dict[str, str], incident: dict[str, Any] | None = None
    ) -> dict[str, Any] | None:
        """An action's columns parsed and checked (None if any problem was reported)."""
        action = self.parse(line, cells, ACTION_COLUMNS)
        if action is not None:
            merged = {**action, "incident_date": (incident or {}).get("incident_date")}
            problems = self.action_problems(merged)
            if action.get("action_sequence") == 0:
                problems.append(("action_sequence", SEQUENCE_ZERO))
            for column, message in problems:
                self.error(line, column, cells.get(column, ""), message)
            if problems:
                action = None
        return action

    def remembered(
        self, line: int, cells: dict[str, str], names: tuple[str, ...], check: Any
    ) -> dict[str, Any] | None:
        """``check`` of the named cells, done once per distinct set of texts.

        Only for checks that read nothing but these cells (and not the clock): a repeat gets
        the same parsed values and the same problems, reported on its own line.
        """
        raw = tuple(cells.get(n, "") for n in names)
        memo = self.memos.setdefault(names, {})
        found = memo.get(raw)
        if found is None:
            start = len(self.errors)
            found = (check(line, cells), [(e.column, e.message) for e in self.errors[start:]])
            if len(memo) < REMEMBER_AT_MOST:
                memo[raw] = found
        else:
            for column, message in found[1]:
                self.errors.append(RowError(line, column, cells.get(column, ""), message))
        return found[0]

    def row(self, line: int, raw: list[str]) -> None:
        self.plan.rows += 1
        size = len(raw)
        cells = {name: raw[i] for name, i in self.indices.items() if i < size}
        number_text = cells.get("incident_number", "").strip()
        if not number_text:
            self.error(line, "incident_number", "", _("A value is required."))
        incident = None
        if number_text in self.incident_seen:
            incident = self.repeated(
                line,
                cells,
                INCIDENT_COLUMNS,
                self.incident_seen[number_text],
                DIFFERS_FROM_INCIDENT,
            )
        else:
            incident = self.parse(line, cells, INCIDENT_COLUMNS)
            if incident is not None:
                problems = self.incident_problems(incident)
                for column, message in problems:
                    self.error(line, column, cells.get(column, ""), message)
                if problems:
                    incident = None
            if incident is not None and number_text:
                first = tuple(cells.get(n, "").strip() for n in INCIDENT_COLUMNS)
                self.incident_seen[number_text] = (line, first, incident)
        key = self.student_key_of(line, cells.get("student_id", ""))
        student = None
        if key is not None:
            student_id = (number_text, key)
            if student_id in self.student_seen:
                student = self.repeated(
                    line,
                    cells,
                    STUDENT_COLUMNS,
                    self.student_seen[student_id],
                    DIFFERS_FROM_STUDENT,
                )
            else:
                student = self.remembered(line, cells, STUDENT_COLUMNS, self.student_checked)
                if student is not None:
                    first = tuple(cells.get(n, "").strip() for n in STUDENT_COLUMNS)
                    self.student_seen[student_id] = (line, first, student)
        if cells.get("action_date", "").strip():
            action = self.action_checked(line, cells, incident)
        else:
            # Without an action date, the action's rules read nothing but its own columns.
            action = self.remembered(line, cells, ACTION_COLUMNS, self.action_checked)
        if incident is None or student is None or not number_text or key is None:
            return
        self._keep(line, number_text, key, incident, student, action)

    def _keep(
        self,
        line: int,
        number: str,
        key: str,
        incident: dict[str, Any],
        student: dict[str, Any],
        action: dict[str, Any] | None,
    ) -> None:
        plan = self.plan
        if number not in plan.incidents:
            day: datetime.date = incident["incident_date"]
            plan.incidents[number] = (
                day,
                school_year_of(day),
                incident["school"],
                incident["location"],
                incident["offense"],
                incident["involvement"],
                incident["officers"],
                incident["narrative"],
            )
        if (number, key) not in plan.students:
            plan.students[(number, key)] = (
                student["age"],
                str(age_band_for(student["age"])),
                student["grade"],
                student["sex"],
                student["race"],
                student["english_learner"],
                student["disability"],
            )
        if action is None or not action.get("action"):
            return
        action_key = (number, key, action["action"], action.get("action_sequence") or 1)
        if action_key in self.action_lines:
            self.error(
                line,
                "action",
                action["action"],
                str(DUPLICATE_ACTION) % {"line": self.action_lines[action_key]},
            )
            return
        self.action_lines[action_key] = line
        plan.actions[action_key] = (
            action["action_date"],
            action["force_type"] or "",
            action["parent_notified"],
            action["rights_advised"],
            action["outcome"] or "",
        )


def incidents_validate(
    *,
    partnership: Partnership,
    table: Table,
    mapping: dict[str, str] | None = None,
    ids_hashed: bool = False,
    progress: Any = None,
) -> IncidentPlan:
    """Read and check the whole file; raise ``ImportRefused`` listing every bad row."""
    indices, header_errors = mapping_indices(
        wanted=INCIDENTS.names,
        required=[c.name for c in INCIDENTS.columns if c.required],
        header=table.header,
        mapping=mapping,
    )
    if header_errors:
        raise ImportRefused(header_errors, 0)
    validator = _Validator(partnership=partnership, indices=indices, ids_hashed=ids_hashed)
    for line, cells in table.rows:
        validator.row(line, cells)
        if progress is not None and validator.plan.rows % PROGRESS_EVERY == 0:
            progress("check", validator.plan.rows, table.total)
    if progress is not None:
        progress("check", validator.plan.rows, validator.plan.rows)
    if validator.plan.rows == 0:
        validator.errors.append(RowError(1, "", "", str(EMPTY_FILE)))
    if validator.errors:
        raise ImportRefused(validator.errors, validator.plan.rows)
    return validator.plan


def incidents_write(
    *,
    partnership: Partnership,
    plan: IncidentPlan,
    source: str,
    progress: Any = None,
    bulk_rows: int | None = None,
) -> ImportResult:
    """Save the plan's new and changed incidents, students and actions (inside a transaction).

    Rows already saved are read once per table (not at all on a partnership's first import);
    new rows get their keys as they are written, so nothing is read back. A large file (from
    ``bulk_rows`` actions, and at least a quarter of the actions table) has its foreign keys
    checked once per table instead of once per row (``foreign_keys_checked_once``), and on a
    partnership's first import (nothing to read back) the indexes are built once at the end.
    """
    report = progress or (lambda *a: None)
    fresh = not Incident.objects.for_partnership(partnership).exists()
    bulk_rows = BULK_ROWS if bulk_rows is None else bulk_rows
    bulk = len(plan.actions) >= bulk_rows and 4 * len(plan.actions) >= rows_estimate(
        model=IncidentAction
    )
    with foreign_keys_checked_once(
        models_=(Incident, IncidentStudent, IncidentAction), enabled=bulk, indexes=fresh
    ):
        summary = _plan_save(
            partnership=partnership, plan=plan, source=source, fresh=fresh, report=report
        )
    # Bulk writes send no model signals: cached dashboard counts are let go here (0044).
    data_changed(partnership.pk)
    return ImportResult(kind=INCIDENTS.kind, rows=plan.rows, summary=summary)


def _plan_save(
    *, partnership: Partnership, plan: IncidentPlan, source: str, fresh: bool, report: Any
) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    incident_ids, moved, summary["incidents"] = _incidents_save(
        partnership=partnership, plan=plan, source=source, fresh=fresh
    )
    report("save", len(plan.incidents), None)
    student_ids, summary["students"] = _students_save(
        partnership=partnership, plan=plan, incident_ids=incident_ids, fresh=fresh
    )
    report("save", len(plan.incidents) + len(plan.students), None)
    summary["actions"] = _actions_save(
        partnership=partnership,
        plan=plan,
        incident_ids=incident_ids,
        student_ids=student_ids,
        fresh=fresh,
    )
    _actions_follow(incident_pks=moved)
    report("save", len(plan.incidents) + len(plan.students) + len(plan.actions), None)
    return summary


def narrowed(queryset: QuerySet[Any], field: str, values: list[Any]) -> Iterator[QuerySet[Any]]:
    """The rows of ``queryset`` whose ``field`` is among ``values``, as one or more querysets.

    A few values are asked for in chunks; for many, one pass over the (partnership's) queryset
    costs less than thousands of queries, and the caller ignores the rows it did not ask for.
    """
    if len(values) >= WHOLE_PASS_FROM:
        yield queryset
        return
    for part in chunks(values):
        yield queryset.filter(**{f"{field}__in": part})


def _incidents_save(
    *, partnership: Partnership, plan: IncidentPlan, source: str, fresh: bool
) -> tuple[dict[str, int], list[int], dict[str, int]]:
    """Incidents by number: their keys, the keys of updated ones, and the counts."""
    existing: dict[str, tuple[int, tuple[Any, ...]]] = {}
    if not fresh:
        rows = Incident.objects.for_partnership(partnership)
        for part in narrowed(rows, "number", list(plan.incidents)):
            for pk, number, *fields in part.values_list("pk", "number", *INCIDENT_FIELDS):
                if number in plan.incidents:
                    existing[number] = (pk, tuple(fields))
    create, update, same = compare_and_split(wanted=plan.incidents, existing=existing)
    now = timezone.now()
    new_ids = rows_insert_ids(
        model=Incident,
        fields=("partnership_id", "number", "source", "created_at", *INCIDENT_FIELDS),
        rows=[(partnership.pk, n, source, now, *plan.incidents[n]) for n in create],
    )
    rows_update(
        model=Incident,
        objects=[
            Incident(pk=pk, **dict(zip(INCIDENT_FIELDS, plan.incidents[n], strict=True)))
            for pk, n in update
        ],
        fields=INCIDENT_FIELDS,
    )
    ids = {number: pk for number, (pk, _fields) in existing.items()}
    ids.update(zip(create, new_ids, strict=True))
    counts = {"created": len(create), "updated": len(update), "unchanged": same}
    return ids, [pk for pk, _number in update], counts


def _students_save(
    *, partnership: Partnership, plan: IncidentPlan, incident_ids: dict[str, int], fresh: bool
) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Students by (incident number, key): their keys and the counts."""
    existing: dict[tuple[str, str], tuple[int, tuple[Any, ...]]] = {}
    if not fresh:
        number_of = {pk: number for number, pk in incident_ids.items()}
        rows = IncidentStudent.objects.for_partnership(partnership)
        for part in narrowed(rows, "incident_id", list(number_of)):
            for pk, incident_id, key, *fields in part.values_list(
                "pk", "incident_id", "student_key", *STUDENT_FIELDS
            ):
                if incident_id in number_of:
                    existing[(number_of[incident_id], key)] = (pk, tuple(fields))
    create, update, same = compare_and_split(wanted=plan.students, existing=existing)
    new_ids = rows_insert_ids(
        model=IncidentStudent,
        fields=("partnership_id", "incident_id", "student_key", *STUDENT_FIELDS),
        rows=[(partnership.pk, incident_ids[n], k, *plan.students[(n, k)]) for n, k in create],
    )
    rows_update(
        model=IncidentStudent,
        objects=[
            IncidentStudent(pk=pk, **dict(zip(STUDENT_FIELDS, plan.students[k], strict=True)))
            for pk, k in update
        ],
        fields=STUDENT_FIELDS,
    )
    ids = {key: pk for key, (pk, _fields) in existing.items()}
    ids.update(zip(create, new_ids, strict=True))
    return ids, {"created": len(create), "updated": len(update), "unchanged": same}


def _actions_save(
    *,
    partnership: Partnership,
    plan: IncidentPlan,
    incident_ids: dict[str, int],
    student_ids: dict[tuple[str, str], int],
    fresh: bool,
) -> dict[str, int]:
    """Actions by (student, action, sequence), school and year copied from the incident."""
    existing: dict[tuple[str, str, str, int], tuple[int, tuple[Any, ...]]] = {}
    if not fresh:
        key_of = {pk: key for key, pk in student_ids.items()}
        rows = IncidentAction.objects.for_partnership(partnership)
        for part in narrowed(rows, "student_id", list(key_of)):
            for pk, student_id, action, sequence, *fields in part.values_list(
                "pk", "student_id", "action", "sequence", *ACTION_FIELDS
            ):
                if student_id in key_of:
                    number, key = key_of[student_id]
                    existing[(number, key, action, sequence)] = (pk, tuple(fields))
    create, update, same = compare_and_split(wanted=plan.actions, existing=existing)
    rows_insert(
        model=IncidentAction,
        fields=(
            "partnership_id",
            "incident_id",
            "student_id",
            "school_id",
            "school_year",
            "action",
            "sequence",
            *ACTION_FIELDS,
        ),
        rows=[
            (
                partnership.pk,
                incident_ids[n],
                student_ids[(n, k)],
                plan.incidents[n][2],
                plan.incidents[n][1],
                action,
                sequence,
                *plan.actions[(n, k, action, sequence)],
            )
            for n, k, action, sequence in create
        ],
    )
    rows_update(
        model=IncidentAction,
        objects=[
            IncidentAction(pk=pk, **dict(zip(ACTION_FIELDS, plan.actions[k], strict=True)))
            for pk, k in update
        ],
        fields=ACTION_FIELDS,
    )
    return {"created": len(create), "updated": len(update), "unchanged": same}


def _actions_follow(*, incident_pks: list[int]) -> None:
    """An incident that moved to another school or date moves its actions along."""
    for part in chunks(incident_pks):
        for incident in Incident.objects.filter(pk__in=part).only("pk", "school", "school_year"):
            IncidentAction.objects.filter(incident_id=incident.pk).update(
                school_id=incident.school_id, school_year=incident.school_year
            )


def incidents_import(
    *,
    job: ImportJob,
    table: Table,
    mapping: dict[str, str] | None = None,
    ids_hashed: bool = False,
    dry_run: bool = False,
    source: str = Incident.Source.IMPORT,
) -> ImportResult:
    """Import an incidents file: check it whole, then save it in one transaction (or nothing)."""
    return import_run(
        job=job,
        validate=lambda: incidents_validate(
            partnership=job.partnership,
            table=table,
            mapping=mapping,
            ids_hashed=ids_hashed,
            progress=job.progress,
        ),
        write=lambda plan: incidents_write(
            partnership=job.partnership, plan=plan, source=source, progress=job.progress
        ),
        dry_run=dry_run,
    )
