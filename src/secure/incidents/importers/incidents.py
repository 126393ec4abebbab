"""Importing incidents, the students involved and their actions (one row per action).

The file is checked a column at a time (``frames``): each distinct text of a column is parsed
once by the data standard's own parser, each rule runs once per distinct combination of the
values it reads, and the answers are joined back to every row, so every bad row is reported
with its own line, column, value and message. An incident's first good row is its reference:
later rows of the same incident must repeat its columns, and likewise for a student within an
incident. Student IDs become keyed pseudonyms (each distinct ID hashed once) and are never
kept; errors name the line, never the ID.

Writing matches incidents on their number, students on (incident, key) and actions on
(student, action, sequence): only new and changed rows are saved, so a second import of the
same file changes nothing. New rows go to PostgreSQL by ``COPY`` from the checked table.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from .. import rules
from ..models import Incident, IncidentAction, IncidentStudent
from ..models.choices import age_band_for
from ..pseudonyms import looks_like_key, pseudonym_secret
from ..standard import INCIDENTS
from ..values import REQUIRED, school_year_of
from ..versions import data_changed
from .base import ImportJob, import_run
from .errors import EMPTY_FILE, HIDDEN_VALUE, ImportRefused, ImportResult, RowError
from .frames import LINE, joined_beside, per_distinct, table_frame
from .keying import StudentKeyer
from .lookups import OffenseLookup, SchoolLookup
from .reading import Table, mapping_indices
from .writing import (
    chunks,
    foreign_keys_checked_once,
    frame_insert,
    frame_select,
    rows_estimate,
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
INCIDENT_TYPES = pl.Schema(
    {
        "number": pl.String,
        "occurred_on": pl.Date,
        "school_year": pl.String,
        "school_id": pl.Int64,
        "location": pl.String,
        "offense": pl.String,
        "involvement": pl.String,
        "officers": pl.String,
        "narrative": pl.String,
    }
)
STUDENT_TYPES = pl.Schema(
    {
        "number": pl.String,
        "student_key": pl.String,
        "age": pl.Int64,
        "age_band": pl.String,
        "grade": pl.String,
        "sex": pl.String,
        "race": pl.String,
        "english_learner": pl.Boolean,
        "disability": pl.String,
    }
)
ACTION_TYPES = pl.Schema(
    {
        "number": pl.String,
        "student_key": pl.String,
        "action": pl.String,
        "sequence": pl.Int64,
        "action_date": pl.Date,
        "force_type": pl.String,
        "parent_notified": pl.Boolean,
        "rights_advised": pl.Boolean,
        "outcome": pl.String,
    }
)
WHOLE_PASS_FROM = 5000
"""From this many keys on, rows already saved are read in one pass rather than in chunks."""
BULK_ROWS = 100_000
"""From this many actions on, foreign keys are checked once per table, not per row (PostgreSQL)."""
CLOCK_MARGIN = datetime.timedelta(days=2)
"""No time zone is a day or more ahead of UTC: a date two days old is in the past everywhere."""
FREE_TEXT = frozenset({"officers", "narrative", "outcome"})

NUMBER = "incident_number.s"
KEY = "student_key"
_SEP = "\x1f"
_ERROR_COLUMNS = pl.Schema(
    {
        LINE: pl.Int64,
        "stage": pl.Int64,
        "order": pl.Int64,
        "column": pl.String,
        "value": pl.String,
        "message": pl.String,
    }
)


def _v(name: str) -> str:
    """The column of a cell's parsed value."""
    return f"{name}.v"


def _e(name: str) -> str:
    """The column of a cell's parse error (null when it parsed)."""
    return f"{name}.e"


def _s(name: str) -> str:
    """The column of a cell's text without surrounding spaces (what repeats are compared on)."""
    return f"{name}.s"


def _line_message(template: Any, line: pl.Expr) -> pl.Expr:
    """``template % {"line": n}`` for each row's ``n`` (a message naming another line)."""
    marker = 987_654_321
    before, after = (str(template) % {"line": marker}).split(str(marker), 1)
    return pl.concat_str(pl.lit(before), line.cast(pl.String), pl.lit(after))


def _problems_encoded(problems: rules.Problems) -> list[str]:
    return [f"{column}{_SEP}{message}" for column, message in problems]


@dataclass
class IncidentPlan:
    """The checked content of a file: incidents, students and actions, one table each."""

    rows: int = 0
    incidents: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=INCIDENT_TYPES))
    students: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=STUDENT_TYPES))
    actions: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=ACTION_TYPES))


class _Check:
    """Checks a whole file as one table and collects every error with its line."""

    def __init__(self, *, partnership: Partnership, ids_hashed: bool) -> None:
        self.ids_hashed = ids_hashed
        self.keyer = StudentKeyer(pseudonym_secret(partnership=partnership))
        self.past = timezone.now().date() - CLOCK_MARGIN
        self.parsers = {c.name: c.parse for c in INCIDENTS.columns}
        self.parsers["school"] = SchoolLookup(partnership)
        self.parsers["offense"] = OffenseLookup(partnership)
        self.required = {c.name for c in INCIDENTS.columns if c.required}
        self.errors: list[pl.DataFrame] = []
        self.texts: dict[str, list[str]] = {}

    def distinct(self, frame: pl.DataFrame, name: str) -> list[str]:
        """The distinct texts of one of the file's columns (which never change)."""
        if name not in self.texts:
            self.texts[name] = frame.get_column(name).unique().to_list()
        return self.texts[name]

    def stripped(self, frame: pl.DataFrame, names: Sequence[str]) -> pl.DataFrame:
        """``frame`` with each named column's text without surrounding spaces (``.s``).

        Python's ``str.strip`` decides, once per distinct text; a column with nothing to
        strip is used as it is.
        """
        columns: list[pl.Expr] = []
        for name in names:
            texts = self.distinct(frame, name)
            trimmed = [text.strip() for text in texts]
            cell = pl.col(name)
            if trimmed != texts:
                cell = cell.replace_strict(texts, trimmed, return_dtype=pl.String)
            columns.append(cell.alias(_s(name)))
        return frame.with_columns(columns)

    # Parsing and rules, once per distinct value.

    def parsed(self, frame: pl.DataFrame, names: Sequence[str]) -> pl.DataFrame:
        """``frame`` with each named column's parsed value (``.v``) and parse error (``.e``)."""
        columns: list[pl.Expr] = []
        for name in names:
            parse, required = self.parsers[name], name in self.required
            empty = "" if name in FREE_TEXT else None
            texts = self.distinct(frame, name)
            values: list[Any] = []
            errors: list[str | None] = []
            for text in texts:
                if not text.strip():
                    values.append(empty)
                    errors.append(str(REQUIRED) if required else None)
                    continue
                try:
                    values.append(parse(text))
                    errors.append(None)
                except ValueError as problem:
                    values.append(None)
                    errors.append(str(problem.args[0]))
            cell = pl.col(name)
            new = pl.Series(values, strict=False)
            columns.append(cell.replace_strict(texts, new, return_dtype=new.dtype).alias(_v(name)))
            if any(error is not None for error in errors):
                error = cell.replace_strict(texts, errors, return_dtype=pl.String)
            else:  # the usual case: nothing to map
                error = pl.lit(None, dtype=pl.String)
            columns.append(error.alias(_e(name)))
        return frame.with_columns(columns)

    def surely_past(self, day: Any) -> bool:
        """Whether ``day`` is a date so long ago that a rule reading the clock would pass it.

        The date rules ask the clock for today's date in the site's time zone; they are
        skipped for such dates, with the same result.
        """
        return isinstance(day, datetime.date) and day < self.past

    def incident_problems(self, day: Any, narrative: Any) -> list[str]:
        """The rules of an incident's own columns."""
        incident = {"incident_date": day, "narrative": narrative}
        problems = rules.narrative_rule(incident)
        if not self.surely_past(day):
            problems = rules.incident_date_rule(incident) + problems
        return _problems_encoded(problems)

    @staticmethod
    def student_problems(age: Any, grade: Any) -> list[str]:
        student = {"age": age, "grade": grade}
        return _problems_encoded(rules.age_rule(student) + rules.age_grade_rule(student))

    def action_problems(self, incident_day: Any, *values: Any) -> list[str]:
        """The rules of an action's columns (and the incident date, when the action has one)."""
        merged = dict(zip(ACTION_COLUMNS, values, strict=True))
        merged["incident_date"] = incident_day
        day = merged["action_date"]
        clock_free = day is None or (
            self.surely_past(day)
            and not (isinstance(incident_day, datetime.date) and day < incident_day)
        )
        problems = (
            rules.force_type_rule(merged)
            + rules.questioning_rule(merged)
            + ([] if clock_free else rules.action_date_rule(merged))
            + rules.action_details_rule(merged)
        )
        if merged["action_sequence"] == 0:
            problems.append(("action_sequence", SEQUENCE_ZERO))
        return _problems_encoded(problems)

    def student_key(self, raw: str) -> tuple[str | None, str | None]:
        """The key of a student ID cell, or the error that keeps it from having one."""
        if not raw.strip():
            return None, str(REQUIRED)
        if self.ids_hashed:
            return (raw, None) if looks_like_key(raw) else (None, str(NOT_A_KEY))
        return self.keyer(raw), None

    # Errors.

    def report(
        self,
        frame: pl.DataFrame,
        when: pl.Expr,
        *,
        stage: int,
        order: int,
        column: str,
        value: pl.Expr,
        message: pl.Expr,
    ) -> None:
        """One error for each row where ``when`` holds."""
        found = (
            frame.lazy()
            .filter(when)
            .select(
                pl.col(LINE),
                pl.lit(stage, dtype=pl.Int64).alias("stage"),
                pl.lit(order, dtype=pl.Int64).alias("order"),
                pl.lit(column, dtype=pl.String).alias("column"),
                value.cast(pl.String).alias("value"),
                message.cast(pl.String).alias("message"),
            )
            .collect()
        )
        if found.height:
            self.errors.append(found)

    def report_problems(
        self, frame: pl.DataFrame, when: pl.Expr, *, stage: int, problems: str
    ) -> None:
        """The rule problems listed in column ``problems`` of each row where ``when`` holds."""
        found = frame.filter(when & (pl.col(problems).list.len() > 0))
        if not found.height:  # (rare: rule problems are few, so the wide filter is cheap)
            return
        found = (
            found.with_columns(pl.int_ranges(pl.col(problems).list.len()).alias("order"))
            .explode(problems, "order")
            .with_columns(
                pl.col(problems).str.split_exact(_SEP, 1).struct.rename_fields(["column", "m"])
            )
            .unnest(problems)
        )
        names = found.get_column("column").unique().to_list()
        value = pl.coalesce(
            [pl.when(pl.col("column") == n).then(pl.col(n)) for n in names if n in found.columns]
            + [pl.lit("")]
        )
        self.errors.append(
            found.select(
                pl.col(LINE),
                pl.lit(stage, dtype=pl.Int64).alias("stage"),
                (pl.col("order").cast(pl.Int64) + 100).alias("order"),
                pl.col("column"),
                value.alias("value"),
                pl.col("m").alias("message"),
            )
        )

    def parse_errors(
        self, frame: pl.DataFrame, when: pl.Expr, *, stage: int, names: Sequence[str]
    ) -> None:
        for order, name in enumerate(names):
            self.report(
                frame,
                when & pl.col(_e(name)).is_not_null(),
                stage=stage,
                order=order,
                column=name,
                value=pl.col(name),
                message=pl.col(_e(name)),
            )

    def row_errors(self) -> list[RowError]:
        if not self.errors:
            return []
        table = pl.concat([e.cast(_ERROR_COLUMNS) for e in self.errors]).sort(
            LINE, "stage", "order", maintain_order=True
        )
        return [RowError(*row) for row in table.select("line", "column", "value", "message").rows()]

    # The whole file.

    def repeats(
        self,
        frame: pl.DataFrame,
        *,
        group: list[str],
        ok: pl.Expr,
        names: Sequence[str],
        fields: dict[str, str],
        prefix: str,
        stage: int,
        message: Any,
    ) -> pl.DataFrame:
        """Find each group's reference (its first good row) and check later rows against it.

        Adds ``{prefix}ref`` (the reference's line), ``{prefix}valid`` and the reference's
        parsed values as ``{prefix}{field}``. Rows before the reference (or in a group with
        none) report their own errors (done by the caller); later rows report each cell that
        differs from the reference.
        """
        reference = (
            frame.lazy()
            .filter(ok)
            .select(
                *group,
                pl.col(LINE).alias(f"{prefix}ref"),
                *(pl.col(_s(n)).alias(f"{prefix}{n}.ref") for n in names),
                *(pl.col(source).alias(f"{prefix}{target}") for target, source in fields.items()),
            )
            .filter(pl.struct(group).is_first_distinct())
            .collect()
        )
        frame = joined_beside(frame, reference, on=group)
        repeat = pl.col(f"{prefix}ref").is_not_null() & (pl.col(LINE) > pl.col(f"{prefix}ref"))
        differs = [pl.col(_s(n)) != pl.col(f"{prefix}{n}.ref") for n in names]
        for order, (name, differ) in enumerate(zip(names, differs, strict=True)):
            self.report(
                frame,
                repeat & differ,
                stage=stage,
                order=order,
                column=name,
                value=pl.col(_s(name)),
                message=_line_message(message, pl.col(f"{prefix}ref")),
            )
        valid = pl.when(repeat).then(~pl.any_horizontal(differs)).otherwise(ok)
        return frame.with_columns(valid.alias(f"{prefix}valid"), repeat.alias(f"{prefix}repeat"))

    def level(
        self,
        frame: pl.DataFrame,
        *,
        names: Sequence[str],
        rule: Any,
        rule_columns: list[str],
        group: list[str],
        present: pl.Expr,
        reference: pl.Expr,
        fields: dict[str, str],
        prefix: str,
        stage: int,
        message: Any,
    ) -> pl.DataFrame:
        """Check one level of the file: an incident, or a student within an incident.

        Each row's cells of the level are parsed and its rules run (``rule`` over
        ``rule_columns``); rows where the level is ``present`` and that are not repeats of a
        reference report their own errors; repeats report what differs from the reference
        (``repeats``). Adds ``{prefix}valid``: whether the row's level is good.
        """
        frame = self.parsed(frame, names)
        parsed_ok = pl.all_horizontal(pl.col(_e(n)).is_null() for n in names)
        problems = f"{prefix}problems"
        frame = per_distinct(frame, rule_columns, rule, name=problems, dtype=pl.List(pl.String))
        own_ok = parsed_ok & (pl.col(problems).list.len() == 0)
        frame = self.repeats(
            frame,
            group=group,
            ok=own_ok & reference & present,
            names=names,
            fields=fields,
            prefix=prefix,
            stage=stage,
            message=message,
        )
        own = present & ~pl.col(f"{prefix}repeat")
        valid = pl.col(f"{prefix}valid")
        frame = frame.with_columns(
            pl.when(own).then(own_ok).otherwise(valid & present).alias(f"{prefix}valid")
        )
        self.parse_errors(frame, own, stage=stage, names=names)
        self.report_problems(frame, own & parsed_ok, stage=stage, problems=problems)
        return frame

    def keys(self, ids: pl.Series) -> pl.DataFrame:
        """Each distinct student ID cell with its key (``student_key``) or error (``key.e``)."""
        texts = ids.to_list()
        keys: list[str | None]
        errors: list[str | None]
        if self.ids_hashed:
            answers = [self.student_key(text) for text in texts]
            keys = [key for key, _error in answers]
            errors = [error for _key, error in answers]
        else:
            keys = list(self.keyer.many(texts))
            errors = [None] * len(texts)
            for position, text in enumerate(texts):
                if not text.strip():
                    keys[position], errors[position] = self.student_key(text)
        return pl.DataFrame(
            [
                ids,
                pl.Series(KEY, keys, dtype=pl.String),
                pl.Series("key.e", errors, dtype=pl.String),
            ]
        )

    def run(self, frame: pl.DataFrame, progress: Any) -> IncidentPlan:
        rows = frame.height
        step = 0

        def advance() -> None:
            nonlocal step
            step += 1
            progress("check", rows * step // 5, rows)

        frame = self.stripped(frame, ("incident_number", *INCIDENT_COLUMNS, *STUDENT_COLUMNS))
        number_missing = pl.col(NUMBER) == ""
        self.report(
            frame,
            number_missing,
            stage=0,
            order=0,
            column="incident_number",
            value=pl.lit(""),
            message=pl.lit(str(REQUIRED)),
        )

        # Incidents.
        frame = self.level(
            frame,
            names=INCIDENT_COLUMNS,
            rule=self.incident_problems,
            rule_columns=[_v("incident_date"), _v("narrative")],
            group=[NUMBER],
            present=pl.lit(True),
            reference=~number_missing,
            fields={"date": _v("incident_date")},
            prefix="incident.",
            stage=1,
            message=DIFFERS_FROM_INCIDENT,
        )
        # The incident date the action rules read: the reference's, or the row's own.
        frame = frame.with_columns(
            pl.when(pl.col("incident.repeat"))
            .then(pl.col("incident.date"))
            .otherwise(pl.col(_v("incident_date")))
            .alias("incident.date")
        )
        advance()

        # Students.
        keys = self.keys(frame.get_column("student_id").unique())
        frame = joined_beside(frame, keys, on=["student_id"])
        has_key = pl.col(KEY).is_not_null()
        self.report(
            frame,
            pl.col("key.e").is_not_null(),
            stage=2,
            order=0,
            column="student_id",
            value=pl.lit(HIDDEN_VALUE),
            message=pl.col("key.e"),
        )
        advance()
        frame = self.level(
            frame,
            names=STUDENT_COLUMNS,
            rule=self.student_problems,
            rule_columns=[_v("age"), _v("grade")],
            group=[NUMBER, KEY],
            present=has_key,
            reference=has_key,
            fields={},
            prefix="student.",
            stage=3,
            message=DIFFERS_FROM_STUDENT,
        )
        advance()

        # Actions.
        frame = self.parsed(frame, ACTION_COLUMNS)
        parsed_ok = pl.all_horizontal(pl.col(_e(n)).is_null() for n in ACTION_COLUMNS)
        # The action rules read the incident date only when the action has a date of its own.
        frame = frame.with_columns(
            pl.when(pl.col("action_date").str.strip_chars() != "")
            .then(pl.when(pl.col("incident.valid")).then(pl.col("incident.date")))
            .alias("action.incident_date")
        )
        frame = per_distinct(
            frame,
            ["action.incident_date", *(_v(n) for n in ACTION_COLUMNS)],
            self.action_problems,
            name="action.problems",
            dtype=pl.List(pl.String),
        )
        self.parse_errors(frame, pl.lit(True), stage=4, names=ACTION_COLUMNS)
        self.report_problems(frame, parsed_ok, stage=4, problems="action.problems")
        action_ok = parsed_ok & (pl.col("action.problems").list.len() == 0)
        advance()

        # The same action twice for the same student in an incident.
        kept = (
            pl.col("incident.valid")
            & pl.col("student.valid")
            & ~number_missing
            & has_key
            & action_ok
            & pl.col(_v("action")).is_not_null()
            & (pl.col(_v("action")) != "")
        )
        frame = frame.with_columns(pl.col(_v("action_sequence")).fill_null(1).alias("sequence"))
        action_key = [NUMBER, KEY, _v("action"), "sequence"]
        repeated = (
            frame.lazy()
            .filter(kept)
            .select(LINE, *action_key)
            .with_columns(pl.col(LINE).min().over(action_key).alias("first"))
            .filter(pl.col(LINE) > pl.col("first"))
            .collect()
        )
        self.report(
            repeated,
            pl.lit(True),
            stage=5,
            order=0,
            column="action",
            value=pl.col(_v("action")),
            message=_line_message(DUPLICATE_ACTION, pl.col("first")),
        )
        advance()
        errors = self.row_errors()
        if rows == 0:
            errors.append(RowError(1, "", "", str(EMPTY_FILE)))
        if errors:
            raise ImportRefused(errors, rows)
        return _plan(frame)


def _plan(frame: pl.DataFrame) -> IncidentPlan:
    """The incidents, students and actions of a file that passed every check."""
    wanted = [NUMBER, *(_v(n) for n in INCIDENT_COLUMNS)]
    incidents = frame.select(wanted).filter(pl.col(NUMBER).is_first_distinct())
    incidents = per_distinct(
        incidents, [_v("incident_date")], school_year_of, name="school_year", dtype=pl.String
    ).select(
        pl.col(NUMBER).alias("number"),
        pl.col(_v("incident_date")).alias("occurred_on"),
        "school_year",
        pl.col(_v("school")).alias("school_id"),
        *(pl.col(_v(n)).alias(n) for n in INCIDENT_COLUMNS[2:]),
    )
    wanted = [NUMBER, KEY, *(_v(n) for n in STUDENT_COLUMNS)]
    students = frame.select(wanted).filter(pl.struct(NUMBER, KEY).is_first_distinct())
    students = per_distinct(
        students, [_v("age")], lambda age: str(age_band_for(age)), name="age_band", dtype=pl.String
    ).select(
        pl.col(NUMBER).alias("number"),
        KEY,
        pl.col(_v("age")).alias("age"),
        "age_band",
        *(pl.col(_v(n)).alias(n) for n in STUDENT_COLUMNS[1:]),
    )
    has_action = pl.col(_v("action")).is_not_null() & (pl.col(_v("action")) != "")
    actions = (
        frame.lazy()
        .filter(has_action)
        .select(
            pl.col(NUMBER).alias("number"),
            KEY,
            pl.col(_v("action")).alias("action"),
            "sequence",
            pl.col(_v("action_date")).alias("action_date"),
            pl.col(_v("force_type")).cast(pl.String).fill_null("").alias("force_type"),
            pl.col(_v("parent_notified")).alias("parent_notified"),
            pl.col(_v("rights_advised")).alias("rights_advised"),
            pl.col(_v("outcome")).cast(pl.String).fill_null("").alias("outcome"),
        )
        .collect()
    )
    return IncidentPlan(
        rows=frame.height,
        incidents=incidents.cast(INCIDENT_TYPES),
        students=students.cast(STUDENT_TYPES),
        actions=actions.cast(ACTION_TYPES),
    )


def _no_progress(phase: str, done: int, total: int | None) -> None:
    """Progress goes nowhere unless the caller asks for it."""


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
    frame = table_frame(table=table, indices=indices, names=INCIDENTS.names)
    check = _Check(partnership=partnership, ids_hashed=ids_hashed)
    return check.run(frame, progress or _no_progress)


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
    new rows get their keys as they are written, so nothing is read back. A large file of
    mostly new incidents (from ``bulk_rows`` actions, at least a quarter of the actions table,
    and at least half its incidents new) has its foreign keys checked once per table instead
    of once per row (``foreign_keys_checked_once``), and on a partnership's first import
    (nothing to read back) the indexes are built once at the end. A file saved before, with
    little new in it, writes row by row and checks nothing it did not write.
    """
    report = progress or _no_progress
    fresh = not Incident.objects.for_partnership(partnership).exists()
    existing = None if fresh else _existing_incidents(partnership, plan.incidents)
    known = 0 if existing is None else plan.incidents.join(existing, on="number", how="semi").height
    bulk_rows = BULK_ROWS if bulk_rows is None else bulk_rows
    actions = plan.actions.height
    bulk = (
        actions >= bulk_rows
        and 4 * actions >= rows_estimate(model=IncidentAction)
        and 2 * known <= plan.incidents.height
    )
    with foreign_keys_checked_once(
        models_=(Incident, IncidentStudent, IncidentAction), enabled=bulk, indexes=fresh
    ):
        summary = _plan_save(
            partnership=partnership,
            plan=plan,
            source=source,
            fresh=fresh,
            existing=existing,
            report=report,
        )
    # Bulk writes send no model signals: cached dashboard counts are let go here (0044).
    data_changed(partnership.pk)
    return ImportResult(kind=INCIDENTS.kind, rows=plan.rows, summary=summary)


def _plan_save(
    *,
    partnership: Partnership,
    plan: IncidentPlan,
    source: str,
    fresh: bool,
    existing: pl.DataFrame | None,
    report: Any,
) -> dict[str, dict[str, int]]:
    summary: dict[str, dict[str, int]] = {}
    done = 0
    incidents = plan.incidents
    incident_ids, changed, summary["incidents"] = _rows_save(
        model=Incident,
        key=["number"],
        fields=INCIDENT_FIELDS,
        wanted=incidents,
        existing=existing,
        constants={"partnership_id": partnership.pk, "source": source},
        stamped="created_at",
    )
    done += incidents.height
    report("save", done, None)
    students = plan.students.join(
        incident_ids.rename({"pk": "incident_id"}), on="number", maintain_order="left"
    )
    existing = None if fresh else _existing_students(partnership, students)
    student_ids, _changed, summary["students"] = _rows_save(
        model=IncidentStudent,
        key=["incident_id", KEY],
        fields=STUDENT_FIELDS,
        wanted=students.drop("number"),
        existing=existing,
        constants={"partnership_id": partnership.pk},
    )
    done += students.height
    report("save", done, None)
    actions = (
        plan.actions.join(
            incidents.select("number", "school_id", "school_year").join(
                incident_ids.rename({"pk": "incident_id"}), on="number"
            ),
            on="number",
            maintain_order="left",
        )
        .join(
            student_ids.rename({"pk": "student_id"}),
            on=["incident_id", KEY],
            maintain_order="left",
        )
        .drop("number", KEY)
    )
    existing = None if fresh else _existing_actions(partnership, actions)
    _action_ids, _changed, summary["actions"] = _rows_save(
        model=IncidentAction,
        key=["student_id", "action", "sequence"],
        fields=ACTION_FIELDS,
        wanted=actions,
        existing=existing,
        constants={"partnership_id": partnership.pk},
        ids=False,
        extra=("incident_id", "school_id", "school_year"),
    )
    _actions_follow(incident_pks=changed)
    report("save", done + actions.height, None)
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


def _existing(
    queryset: QuerySet[Any], field: str, values: list[Any], columns: Sequence[str], schema: Any
) -> pl.DataFrame:
    """Saved rows (``pk`` and ``columns``) whose ``field`` is among ``values``."""
    types = pl.Schema({"pk": pl.Int64, **{c: schema[c] for c in columns}})
    parts = [
        frame_select(queryset=part, columns=("pk", *columns), schema=types)
        for part in narrowed(queryset, field, values)
    ]
    return pl.concat(parts) if parts else pl.DataFrame(schema=types)


def _existing_incidents(partnership: Partnership, wanted: pl.DataFrame) -> pl.DataFrame:
    return _existing(
        Incident.objects.for_partnership(partnership),
        "number",
        wanted.get_column("number").to_list(),
        ("number", *INCIDENT_FIELDS),
        wanted.schema,
    )


def _existing_students(partnership: Partnership, wanted: pl.DataFrame) -> pl.DataFrame:
    incident_ids = wanted.get_column("incident_id").drop_nulls().unique().to_list()
    return _existing(
        IncidentStudent.objects.for_partnership(partnership),
        "incident_id",
        incident_ids,
        ("incident_id", KEY, *STUDENT_FIELDS),
        wanted.schema,
    )


def _existing_actions(partnership: Partnership, wanted: pl.DataFrame) -> pl.DataFrame:
    student_ids = wanted.get_column("student_id").drop_nulls().unique().to_list()
    return _existing(
        IncidentAction.objects.for_partnership(partnership),
        "student_id",
        student_ids,
        ("student_id", "action", "sequence", *ACTION_FIELDS),
        wanted.schema,
    )


def _rows_save(
    *,
    model: type[models.Model],
    key: list[str],
    fields: Sequence[str],
    wanted: pl.DataFrame,
    existing: pl.DataFrame | None,
    constants: dict[str, Any],
    stamped: str | None = None,
    ids: bool = True,
    extra: Sequence[str] = (),
) -> tuple[pl.DataFrame, list[int], dict[str, int]]:
    """Insert the wanted rows not saved yet and update those that differ.

    Returns each wanted row's key with its primary key (``pk``), the primary keys of the
    updated rows, and the counts.
    """
    columns = [*key, *fields, *extra]
    if existing is None or existing.height == 0:
        create = wanted.select(columns)
        changed = existing_keys = None
        same = 0
    else:
        joined = wanted.join(existing, on=key, how="left", suffix=".old", maintain_order="left")
        found = pl.col("pk").is_not_null()
        differs = pl.any_horizontal(pl.col(f).ne_missing(pl.col(f"{f}.old")) for f in fields)
        create = joined.filter(~found).select(columns)
        changed = joined.filter(found & differs)
        existing_keys = joined.filter(found).select(*key, "pk")
        same = existing_keys.height - changed.height
    if stamped:
        constants = {**constants, stamped: timezone.now()}
    new_ids = frame_insert(model=model, frame=create, constants=constants, ids=ids)
    updated: list[int] = []
    if changed is not None and changed.height:
        updated = changed.get_column("pk").to_list()
        rows_update(
            model=model,
            objects=[
                model(pk=row["pk"], **{f: row[f] for f in fields})
                for row in changed.select("pk", *fields).iter_rows(named=True)
            ],
            fields=fields,
        )
    keyed = pl.DataFrame(schema={**{k: wanted.schema[k] for k in key}, "pk": pl.Int64})
    if ids:
        keyed = create.select(key).with_columns(pl.Series("pk", new_ids, dtype=pl.Int64))
        if existing_keys is not None:
            keyed = pl.concat([existing_keys, keyed])
    counts = {"created": create.height, "updated": len(updated), "unchanged": same}
    return keyed, updated, counts


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
