"""The registry of published tables: one builder per section, each reading aggregates only.

Every builder returns ``PublishedTable`` objects, which exist only through the suppressing
constructor (or the documented exemption) in ``table.py``. A new table is added here, with a
``@table_builder(section)`` function; it cannot publish an unsuppressed count.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import IntegerField, Max, Min
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Partnership, School

from .. import sections as s
from .table import Column, CountGrid, PublishedTable, Value, grid_of, share

Builder = Callable[[Partnership, int], list[PublishedTable]]
BUILDERS: list[tuple[str, Builder]] = []


def table_builder(section: str) -> Callable[[Builder], Builder]:
    """Register a function that builds the published tables of ``section``."""

    def register(function: Builder) -> Builder:
        BUILDERS.append((section, function))
        return function

    return register


TOTAL = pgettext_lazy("table row", "Total")

YEAR = Column(
    "school_year",
    _("School year"),
    _("July to June, e.g. 2023-24."),
    "text",
    source="incidents.Incident.school_year",
)


def _date(value: datetime.datetime | datetime.date | None) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


# -- schools and officers (exempt: no counts of people) -----------------------------------------


@table_builder(s.OFFICERS)
def officer_tables(partnership: Partnership, minimum: int) -> list[PublishedTable]:
    from secure.incidents.models import SwornOfficers

    schools = {x.pk: x for x in School.objects.for_partnership(partnership)}
    reported = list(
        SwornOfficers.objects.for_partnership(partnership)
        .order_by("school_year", "school_id")
        .values_list("school_year", "school_id", "fte")
    )
    if not reported:
        return []
    per_year: dict[str, list[Any]] = defaultdict(list)
    for year, _school, fte in reported:
        per_year[year].append(fte)
    summary_rows: list[list[Value]] = []
    for year in sorted(per_year, reverse=True):
        values = per_year[year]
        with_officer = sum(1 for v in values if v > 0)
        summary_rows.append(
            [
                year,
                len(values),
                with_officer,
                round(100 * with_officer / len(values), 1) if values else None,
                float(sum(values)),
            ]
        )
    school_rows: list[list[Value]] = [
        [year, schools[school_id].name, schools[school_id].nces_id, float(fte), fte > 0]
        for year, school_id, fte in sorted(reported, key=lambda r: (r[0], schools[r[1]].name))
        if school_id in schools
    ]
    fte_column = Column(
        "sworn_officer_fte",
        _("Sworn officers (full-time equivalents)"),
        _("Sworn law-enforcement officers assigned to the school(s), in full-time equivalents."),
        "number",
        source="incidents.SwornOfficers.fte",
    )
    return [
        PublishedTable.exempt(
            key="schools-with-officers",
            section=s.OFFICERS,
            title=_("Schools with a sworn officer, by year"),
            description=_(
                "How many of the partnership's schools reported officer staffing, how many had at "
                "least one sworn officer, and the share of schools with one."
            ),
            columns=[
                YEAR,
                Column(
                    "schools",
                    _("Schools reported"),
                    _("Schools for which officer staffing was reported in the year."),
                    "integer",
                ),
                Column(
                    "schools_with_officer",
                    _("Schools with a sworn officer"),
                    _("Schools with more than zero full-time equivalents of sworn officers."),
                    "integer",
                ),
                Column(
                    "percent_with_officer",
                    _("Percent of schools with a sworn officer"),
                    _("Schools with a sworn officer as a percentage of schools reported."),
                    "percent",
                ),
                fte_column,
            ],
            rows=summary_rows,
            minimum=minimum,
            data_as_of=None,
        ),
        PublishedTable.exempt(
            key="school-officers",
            section=s.OFFICERS,
            title=_("Sworn officers at each school"),
            description=_("The sworn-officer staffing reported for each school and year."),
            columns=[
                YEAR,
                Column(
                    "school",
                    _("School"),
                    _("The school's name."),
                    "text",
                    "partnerships.School.name",
                ),
                Column(
                    "nces_id",
                    _("NCES school ID"),
                    _("The school's federal ID (empty when unknown)."),
                    "text",
                    "partnerships.School.nces_id",
                ),
                fte_column,
                Column(
                    "has_sworn_officer",
                    _("Has a sworn officer"),
                    _("True when the school had more than zero full-time equivalents."),
                    "boolean",
                ),
            ],
            rows=school_rows,
            minimum=minimum,
            data_as_of=None,
        ),
    ]


# -- law-enforcement actions and discipline ------------------------------------------------------

ACTION_FAMILY = "students-with-action"

# (table key suffix, dimension, column name, title)
BREAKDOWNS = (
    ("race", "race", _("Race/ethnicity")),
    ("sex", "sex", _("Sex")),
    ("disability", "disability", _("Disability status")),
    ("el", "el", _("English-learner status")),
    ("age-band", "age_band", _("Age band")),
)


def _student_actions(partnership: Partnership) -> list[dict[str, Any]]:
    """One row per (school year, action, student) with one school and one set of groups.

    A student whose recorded school or group differs between incidents of a year is counted
    once, under the smallest code, so that every table of the family has the same totals.
    """
    from secure.incidents.models import IncidentAction

    return list(
        IncidentAction.objects.for_partnership(partnership)
        .values("school_year", "action", "student__student_key")
        .annotate(
            school=Min("school_id"),
            race=Min("student__race"),
            sex=Min("student__sex"),
            disability=Min("student__disability"),
            el=Min(Cast("student__english_learner", IntegerField())),
            age_band=Min("student__age_band"),
        )
        .order_by()
    )


@table_builder(s.ACTIONS)
def action_tables(partnership: Partnership, minimum: int) -> list[PublishedTable]:
    from secure.incidents.models import Incident
    from secure.incidents.models.choices import DIMENSION_GROUPS, ActionType

    rows = _student_actions(partnership)
    if not rows:
        return []
    as_of = _date(Incident.objects.for_partnership(partnership).aggregate(n=Max("created_at"))["n"])
    present = {r["action"] for r in rows}
    actions = [(code, label) for code, label in ActionType.choices if code in present]
    years = sorted({r["school_year"] for r in rows}, reverse=True)
    action_columns = [
        Column(
            str(code),
            label,
            _("Students with one or more of this action in the school year: %(action)s.")
            % {"action": label},
            "count",
            source="incidents.IncidentAction.action",
        )
        for code, label in actions
    ]
    total_column = Column(
        "total",
        pgettext_lazy("table column", "Total"),
        _("The sum of the row: a student with several kinds of action is counted once for each."),
        "count",
    )
    schools = list(School.objects.for_partnership(partnership).order_by("name"))
    specs: list[dict[str, Any]] = [
        {
            "key": "actions-by-school",
            "title": _("Law-enforcement actions and discipline by school and year"),
            "description": _(
                "Students with one or more of each action, by school and school year. The "
                "totals row is the whole partnership."
            ),
            "label": Column(
                "school", _("School"), _("The school's name."), "text", "partnerships.School.name"
            ),
            "field": "school",
            "groups": [(x.pk, x.name) for x in schools],
        }
    ]
    for suffix, dimension, title in BREAKDOWNS:
        choices = DIMENSION_GROUPS[dimension]
        if dimension == "el":
            groups: list[tuple[Any, str]] = [
                (1, str(choices("yes").label)),
                (0, str(choices("no").label)),
            ]
        else:
            groups = [(code, str(label)) for code, label in choices.choices]
        specs.append(
            {
                "key": f"actions-by-{suffix}",
                "title": _("Law-enforcement actions and discipline by %(group)s and year")
                % {"group": str(title).lower()},
                "description": _(
                    "Students with one or more of each action, by %(group)s and school year."
                )
                % {"group": str(title).lower()},
                "label": Column(
                    "group",
                    title,
                    _("The student group, as recorded with the incident."),
                    "text",
                    source=f"incidents.IncidentStudent.{'english_learner' if dimension == 'el' else dimension}",
                ),
                "field": dimension,
                "groups": groups,
            }
        )
    counts: list[Counter[tuple[Any, ...]]] = [Counter() for _spec in specs]
    for r in rows:
        for i, spec in enumerate(specs):
            counts[i][(r["school_year"], r[spec["field"]], r["action"])] += 1
    codes = [code for code, _label in actions]

    def grids(i: int) -> list[CountGrid]:
        spec = specs[i]
        found = counts[i]
        result = []
        for year in years:
            by_pair = {(g, a): n for (y, g, a), n in found.items() if y == year}
            grid = grid_of(
                block=[year], rows=[g for g, _l in spec["groups"]], columns=codes, counts=by_pair
            )
            result.append(
                CountGrid(
                    block=grid.block,
                    rows=tuple(label for _g, label in spec["groups"]),
                    cells=grid.cells,
                )
            )
        return result

    all_grids = [grids(i) for i in range(len(specs))]

    def build(i: int, hidden: dict[tuple[Value, ...], list[bool]]) -> PublishedTable:
        spec = specs[i]
        return PublishedTable.from_counts(
            key=spec["key"],
            section=s.ACTIONS,
            title=spec["title"],
            description=spec["description"],
            block_columns=[YEAR],
            label_column=spec["label"],
            count_columns=action_columns,
            total_column=total_column,
            total_label=TOTAL,
            grids=all_grids[i],
            minimum=minimum,
            data_as_of=as_of,
            family=ACTION_FAMILY,
            hidden_totals=hidden,
        )

    return linked(build=build, count=len(specs))


def linked(
    *, build: Callable[[int, dict[tuple[Value, ...], list[bool]]], PublishedTable], count: int
) -> list[PublishedTable]:
    """Build tables that share their totals row, until each total is hidden in all or none.

    A total hidden in one table (because it is small, or to protect a cell) would otherwise be
    published by another and give the hidden cells away. Hiding only grows, so this ends.
    """
    hidden: dict[tuple[Value, ...], list[bool]] = {}
    while True:
        tables = [build(i, hidden) for i in range(count)]
        union: dict[tuple[Value, ...], list[bool]] = {}
        for table in tables:
            for block, flags in _totals_hidden(table).items():
                current = union.setdefault(block, [False] * len(flags))
                union[block] = [a or b for a, b in zip(current, flags, strict=True)]
        if union == hidden:
            return tables
        hidden = union


def _totals_hidden(table: PublishedTable) -> dict[tuple[Value, ...], list[bool]]:
    layout = table.layout
    assert layout is not None
    names = [c.name for c in table.columns]
    block_at = [names.index(n) for n in layout.block_columns]
    label_at = names.index(layout.label_column)
    value_at = [names.index(n) for n in (*layout.count_columns, layout.total_column)]
    return {
        tuple(row[i] for i in block_at): [row[i] is None for i in value_at]
        for row in table.rows
        if row[label_at] == layout.total_label
    }


# -- equity indicators (exempt: ratios only where sizes are met) --------------------------------


def _published_group_counts(tables: list[PublishedTable]) -> set[tuple[Any, str, str, str]]:
    """(year, dimension, group code, action) whose count and column total are both published
    in the breakdown tables: a ratio is shown only there, so it cannot reveal a hidden count."""
    from secure.incidents.models.choices import DIMENSION_GROUPS

    found: set[tuple[Any, str, str, str]] = set()
    for _suffix, dimension, _title in BREAKDOWNS:
        table = next((t for t in tables if t.key == f"actions-by-{_suffix}"), None)
        if table is None or table.layout is None:
            continue
        code_of = {str(label): str(code) for code, label in DIMENSION_GROUPS[dimension].choices}
        names = [c.name for c in table.columns]
        records = table.records()
        totals = {r["school_year"]: r for r in records if r["group"] == table.layout.total_label}
        for record in records:
            if record["group"] == table.layout.total_label:
                continue
            for action in table.layout.count_columns:
                total = totals[record["school_year"]][action]
                if record[action] is not None and total is not None and action in names:
                    code = code_of.get(str(record["group"]), str(record["group"]))
                    found.add((record["school_year"], dimension, code, action))
    return found


@table_builder(s.EQUITY)
def equity_tables(partnership: Partnership, minimum: int) -> list[PublishedTable]:
    """Risk ratios from the equity engine, in one call over every year, action and dimension.

    The counts are those of the published breakdowns (one group per student, year and action)
    and the populations the enrollment counts; a ratio is published only where the group's
    count and enrollment meet the engine's sizes (minimum cell = the page's minimum) and where
    the breakdown table publishes both the group's count and its total.
    """
    from django.db.models import Sum

    from secure.equity import (
        EquityConfig,
        EquityInputError,
        count_table_from_rows,
        equity_for_table,
    )
    from secure.incidents.models import Enrollment, Incident
    from secure.incidents.models.choices import DIMENSION_GROUPS, ActionType, Dimension

    student_rows = _student_actions(partnership)
    if not student_rows:
        return []
    dimensions = [dimension for _suffix, dimension, _title in BREAKDOWNS]
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for r in student_rows:
        for dimension in dimensions:
            value = r[dimension]
            code = ("yes" if value else "no") if dimension == "el" else str(value)
            counts[(r["school_year"], dimension, code, r["action"])] += 1
    enrolled = {
        (e["school_year"], e["dimension"], e["group"]): e["n"]
        for e in Enrollment.objects.for_partnership(partnership)
        .filter(dimension__in=dimensions)
        .values("school_year", "dimension", "group")
        .annotate(n=Sum("count"))
        .order_by()
    }
    actions = sorted({(r["school_year"], r["action"]) for r in student_rows})
    engine_rows = [
        {
            "unit": partnership.slug,
            "year": year,
            "dimension": dimension,
            "outcome": action,
            "group": group,
            "count": counts.get((year, dimension, group, action), 0),
            "population": population,
        }
        for year, action in actions
        for (e_year, dimension, group), population in sorted(enrolled.items())
        if e_year == year
        and population > 0
        and counts.get((year, dimension, group, action), 0) <= population
    ]
    if not engine_rows:
        return []
    config = EquityConfig(min_cell=minimum)
    try:
        result = equity_for_table(table=count_table_from_rows(rows=engine_rows), config=config)
    except EquityInputError:
        return []
    shown = _published_group_counts(action_tables(partnership, minimum))
    action_labels = dict(ActionType.choices)
    dimension_labels = dict(Dimension.choices)
    rows: list[list[Value]] = []
    for index, row in enumerate(engine_rows):
        ratio = float(result.applicable_ratio[index])
        if not (result.meets_cell_size[index] and result.meets_n_size[index]) or ratio != ratio:
            continue
        key = (row["year"], row["dimension"], row["group"], row["outcome"])
        if key not in shown:
            continue  # its count or the total is hidden in the breakdown: keep it so
        labels = {
            str(v): str(label) for v, label in DIMENSION_GROUPS[str(row["dimension"])].choices
        }
        rows.append(
            [
                row["year"],
                str(action_labels.get(str(row["outcome"]), row["outcome"])),
                str(dimension_labels.get(str(row["dimension"]), row["dimension"])),
                labels.get(str(row["group"]), str(row["group"])),
                round(ratio, 2),
                bool(result.flagged[index]),
                config.threshold,
            ]
        )
    rows.sort(key=lambda r: (str(r[0]), str(r[1]), str(r[2])), reverse=False)
    rows.sort(key=lambda r: str(r[0]), reverse=True)
    if not rows:
        return []
    as_of = _date(Incident.objects.for_partnership(partnership).aggregate(n=Max("created_at"))["n"])
    return [
        PublishedTable.exempt(
            key="equity-indicators",
            section=s.EQUITY,
            title=_("Equity indicators: risk ratios by student group"),
            description=_(
                "How much more (or less) likely students of a group were to have the action than "
                "all other students (1 means equally likely; 2 means twice as likely). Shown only "
                "where the group's count and enrollment meet the minimum sizes."
            ),
            columns=[
                YEAR,
                Column(
                    "action",
                    _("Action"),
                    _("The law-enforcement or discipline action."),
                    "text",
                    "incidents.IncidentAction.action",
                ),
                Column("dimension", _("Broken down by"), _("The kind of student group."), "text"),
                Column("group", _("Group"), _("The student group."), "text"),
                Column(
                    "risk_ratio",
                    _("Risk ratio"),
                    _(
                        "The group's risk (students with the action per student enrolled) "
                        "divided by the risk of all other students; the equity engine's "
                        "applicable ratio."
                    ),
                    "number",
                ),
                Column(
                    "flagged",
                    _("At or above the threshold"),
                    _("True when the risk ratio is at or above the threshold."),
                    "boolean",
                ),
                Column(
                    "threshold",
                    _("Threshold"),
                    _("The risk ratio at which a group is flagged."),
                    "number",
                ),
            ],
            rows=rows,
            minimum=minimum,
            data_as_of=as_of,
        )
    ]


# -- complaints --------------------------------------------------------------------------------


def school_year_of(day: datetime.date) -> str:
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@table_builder(s.COMPLAINTS)
def complaint_tables(partnership: Partnership, minimum: int) -> list[PublishedTable]:
    from secure.complaints.models import Complaint
    from secure.complaints.models.choices import Concern

    received = list(
        Complaint.objects.for_partnership(partnership).values_list(
            "received_at", "status", "concerns"
        )
    )
    if not received:
        return []
    counts: Counter[tuple[str, str, str]] = Counter()
    for when, status, concerns in received:
        year = school_year_of(timezone.localdate(when))
        column = "resolved" if status in {"resolved", "closed"} else "open"
        for concern in set(concerns or ()):
            counts[(year, concern, column)] += 1
    years = sorted({y for y, _c, _s in counts}, reverse=True)
    codes = [code for code, _label in Concern.choices]
    labels = [str(label) for _code, label in Concern.choices]
    grids = []
    for year in years:
        grid = grid_of(
            block=[year],
            rows=codes,
            columns=["resolved", "open"],
            counts={(c, col): n for (y, c, col), n in counts.items() if y == year},
        )
        grids.append(CountGrid(block=grid.block, rows=tuple(labels), cells=grid.cells))
    return [
        PublishedTable.from_counts(
            key="complaints-by-type",
            section=s.COMPLAINTS,
            title=_("Complaints received and resolved, by type and year"),
            description=_(
                "Complaints received in each school year by the kind of concern they raise. A "
                "complaint can raise several kinds, so the totals count concerns, not complaints."
            ),
            block_columns=[
                Column(
                    "school_year",
                    _("School year"),
                    _("The school year (July to June) the complaint was received in."),
                    "text",
                    "complaints.Complaint.received_at",
                )
            ],
            label_column=Column(
                "concern",
                _("Kind of concern"),
                _("What the complaint is about."),
                "text",
                "complaints.Complaint.concerns",
            ),
            count_columns=[
                Column(
                    "resolved",
                    pgettext_lazy("complaints", "Resolved"),
                    _("Complaints resolved or closed."),
                    "count",
                    "complaints.Complaint.status",
                ),
                Column(
                    "open",
                    _("Not yet resolved"),
                    _("Complaints received or under review."),
                    "count",
                    "complaints.Complaint.status",
                ),
            ],
            total_column=Column(
                "received",
                pgettext_lazy("complaints", "Received"),
                _("Complaints received (resolved and not yet resolved)."),
                "count",
            ),
            total_label=TOTAL,
            grids=grids,
            minimum=minimum,
            data_as_of=timezone.localdate(max(when for when, _s, _c in received)),
            derived=[
                (
                    Column(
                        "percent_resolved",
                        _("Percent resolved"),
                        _("Resolved as a percentage of received, where both are shown."),
                        "percent",
                    ),
                    share("resolved", "received"),
                )
            ],
        )
    ]


# -- surveys -----------------------------------------------------------------------------------

AGREE = (4, 5)


@table_builder(s.SURVEYS)
def survey_tables(partnership: Partnership, minimum: int) -> list[PublishedTable]:
    from django.utils.translation import get_language

    from secure.surveys.models import Campaign, QuestionKind, Response

    today = timezone.localdate()
    campaigns = [
        c
        for c in Campaign.objects.for_partnership(partnership)
        .filter(closes_on__lt=today)
        .select_related("instrument")
        .order_by("-closes_on", "name")
    ]
    if not campaigns:
        return []
    language = (get_language() or "en")[:2]
    table_minimum = max([minimum, *(c.minimum_cell for c in campaigns)])
    grids = []
    for campaign in campaigns:
        questions = [
            q
            for section in campaign.instrument.sections.all()
            for q in section.questions.all()
            if q.kind == QuestionKind.LIKERT
        ]
        if not questions:
            continue
        counts: Counter[tuple[str, str]] = Counter()
        for answers in (
            Response.objects.for_partnership(partnership)
            .filter(campaign=campaign, status=Response.Status.COMPLETE)
            .values_list("answers", flat=True)
        ):
            for q in questions:
                value = (answers or {}).get(q.code)
                if isinstance(value, bool) or not isinstance(value, int | str):
                    continue
                try:
                    number = int(value)
                except ValueError:
                    continue  # not an answer on the scale
                counts[(q.code, "agree" if number in AGREE else "other")] += 1
        grid = grid_of(
            block=[campaign.name, campaign.closes_on.isoformat()],
            rows=[q.code for q in questions],
            columns=["agree", "other"],
            counts=counts,
        )
        grids.append(
            CountGrid(
                block=grid.block,
                rows=tuple(q.text_for(group="", language=language) for q in questions),
                cells=grid.cells,
            )
        )
    if not grids:
        return []
    return [
        PublishedTable.from_counts(
            key="survey-agreement",
            section=s.SURVEYS,
            title=_("Survey results: share agreeing with each statement"),
            description=_("Answers to the agreement questions of closed surveys."),
            block_columns=[
                Column(
                    "survey", _("Survey"), _("The survey round."), "text", "surveys.Campaign.name"
                ),
                Column(
                    "closed_on",
                    _("Closed on"),
                    _("The last day answers were accepted."),
                    "date",
                    "surveys.Campaign.closes_on",
                ),
            ],
            label_column=Column(
                "statement",
                _("Statement"),
                _("The statement respondents rated."),
                "text",
                "surveys.Question.text",
            ),
            count_columns=[
                Column(
                    "agree", _("Agree"), _("Respondents who agreed or strongly agreed."), "count"
                ),
                Column(
                    "other",
                    _("Other answers"),
                    _("Respondents who were neutral, disagreed or strongly disagreed."),
                    "count",
                ),
            ],
            total_column=Column(
                "answered", _("Answered"), _("Respondents who answered the question."), "count"
            ),
            total_label=TOTAL,
            grids=grids,
            minimum=table_minimum,
            data_as_of=campaigns[0].closes_on,
            derived=[
                (
                    Column(
                        "percent_agree",
                        _("Percent agreeing"),
                        _("Agreeing as a percentage of those who answered, where both are shown."),
                        "percent",
                    ),
                    share("agree", "answered"),
                )
            ],
        )
    ]
