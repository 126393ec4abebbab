"""Reading results: response rates, distributions and scale scores, small groups suppressed.

Every count comes from ``secure.equity.suppression.suppress_table`` with the campaign's minimum
(default 10): counts from 1 to minimum-1 are hidden, then further counts so that none of the
hidden ones can be worked out from totals. A mean or a percentage is shown only where its count
is shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from secure.equity.suppression import suppress_table

from .models import Campaign, Group, Instrument, Question, QuestionKind, Response, Scale
from .models.campaign import DEFAULT_MINIMUM
from .models.choices import AgeBand, Grade, RaceEthnicity, Sex, YesNo
from .models.instrument import in_language
from .stats import cronbach_alpha, scale_score

CHOICE_KINDS = (QuestionKind.LIKERT, QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)

DIMENSIONS: dict[str, Any] = {
    "group": (_("Respondent group"), dict(Group.choices)),
    "school": (_("School"), None),
    "race_ethnicity": (_("Race or ethnicity"), dict(RaceEthnicity.choices)),
    "age_band": (_("Age"), dict(AgeBand.choices)),
    "sex": (_("Sex"), dict(Sex.choices)),
    "english_learner": (_("English learner"), dict(YesNo.choices)),
    "disability": (_("Disability"), dict(YesNo.choices)),
    "grade": (_("Grade"), dict(Grade.choices)),
}
NOT_GIVEN = "-"


@dataclass
class Row:
    label: str
    cells: list[int | None]
    total: int | None
    extra: list[Any] = field(default_factory=list)


@dataclass
class Table:
    """A suppressed table: rows by a dimension, columns, and the totals row."""

    title: str
    columns: list[str]
    rows: list[Row]
    totals: Row


def completed(campaign: Campaign) -> list[Response]:
    return list(
        Response.objects.for_partnership(campaign.partnership)
        .filter(campaign=campaign, status=Response.Status.COMPLETE)
        .select_related("link__school")
        .only("answers", "demographics", "link__group", "link__school__name")
    )


def _key(response: Response, dimension: str) -> str:
    if dimension == "group":
        return response.link.group
    if dimension == "school":
        return response.link.school.name
    return str(response.demographics.get(dimension) or NOT_GIVEN)


def _label(dimension: str, key: str) -> str:
    if key == NOT_GIVEN:
        return str(_("Not given"))
    labels = DIMENSIONS[dimension][1]
    return str(labels.get(key, key)) if labels else key


def _suppressed(
    *, title: str, columns: list[str], labels: list[str], cells: list[list[int]], minimum: int
) -> Table:
    if not labels or not columns:  # nobody answered: every total is zero
        empty = Row(str(_("Total")), [0] * len(columns), 0, [None] * len(columns))
        return Table(title=title, columns=columns, rows=[], totals=empty)
    grid = suppress_table(cells=cells, minimum=minimum).published()
    rows = [Row(label, line[:-1], line[-1]) for label, line in zip(labels, grid[:-1], strict=True)]
    return Table(
        title=title,
        columns=columns,
        rows=rows,
        totals=Row(str(_("Total")), grid[-1][:-1], grid[-1][-1]),
    )


def response_rates(campaign: Campaign) -> Table:
    """Completed responses by school (rows) and group (columns), with invitations and rates."""
    links = list(campaign.links.select_related("school").order_by("school__name", "group"))
    schools = sorted({link.school.name for link in links})
    groups = [g for g in campaign.groups]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for school, group in Response.objects.filter(
        campaign=campaign, status=Response.Status.COMPLETE
    ).values_list("link__school__name", "link__group"):
        counts[(school, group)] += 1
    cells = [[counts[(s, g)] for g in groups] for s in schools]
    table = _suppressed(
        title=str(_("Completed responses by school and group")),
        columns=[str(Group(g).label) for g in groups],
        labels=schools,
        cells=cells,
        minimum=campaign.minimum_cell,
    )
    invited: dict[str, int] = defaultdict(int)
    for link in links:
        invited[link.school.name] += max(link.invited, link.codes.count())
    for row in table.rows:
        n, base = row.total, invited[row.label]
        row.extra = [base or None, round(100 * n / base) if n is not None and base else None]
    total_invited = sum(invited.values())
    n = table.totals.total
    table.totals.extra = [
        total_invited or None,
        round(100 * n / total_invited) if n is not None and total_invited else None,
    ]
    return table


def _dimension_keys(responses: list[Response], dimension: str) -> list[str]:
    keys = sorted({_key(r, dimension) for r in responses})
    return [k for k in keys if k != NOT_GIVEN] + ([NOT_GIVEN] if NOT_GIVEN in keys else [])


def distribution(
    campaign: Campaign, question: Question, responses: list[Response], dimension: str, language: str
) -> Table:
    """How many chose each option of ``question``, by ``dimension``."""
    keys = _dimension_keys(responses, dimension)
    values = question.option_values()
    index = {k: i for i, k in enumerate(keys)}
    cells = [[0] * len(values) for _ in keys]
    for response in responses:
        answer = response.answers.get(question.code)
        given = answer if isinstance(answer, list) else [answer]
        for value in given:
            if value in values:
                cells[index[_key(response, dimension)]][values.index(value)] += 1
    return _suppressed(
        title=question.text_for(group="", language=language),
        columns=[question.option_label(v, language) for v in values],
        labels=[_label(dimension, k) for k in keys],
        cells=cells,
        minimum=campaign.minimum_cell,
    )


def respondent_scores(scale: Scale, responses: list[Response]) -> list[float | None]:
    items = list(scale.questions.all())
    return [scale_score([q.scored_value(r.answers.get(q.code)) for q in items]) for r in responses]


def scale_table(
    campaign: Campaign,
    scales: list[Scale],
    responses: list[Response],
    dimension: str,
    language: str,
) -> Table:
    """Mean scale scores (1 to 5, higher is better) by ``dimension``; each with its count."""
    keys = _dimension_keys(responses, dimension)
    index = {k: i for i, k in enumerate(keys)}
    counts = [[0] * len(scales) for _ in keys]
    sums = [[0.0] * len(scales) for _ in keys]
    for column, scale in enumerate(scales):
        for response, score in zip(responses, respondent_scores(scale, responses), strict=True):
            if score is not None:
                row = index[_key(response, dimension)]
                counts[row][column] += 1
                sums[row][column] += score
    table = _suppressed(
        title=str(_("Scale scores")),
        columns=[in_language(s.name, language) for s in scales],
        labels=[_label(dimension, k) for k in keys],
        cells=counts,
        minimum=campaign.minimum_cell,
    )
    for r, scored in enumerate(table.rows):
        scored.extra = [
            round(sums[r][c] / counts[r][c], 2) if scored.cells[c] else None
            for c in range(len(scales))
        ]
    col_n = [sum(counts[r][c] for r in range(len(keys))) for c in range(len(scales))]
    col_sum = [sum(sums[r][c] for r in range(len(keys))) for c in range(len(scales))]
    table.totals.extra = [
        round(col_sum[c] / col_n[c], 2) if table.totals.cells[c] else None
        for c in range(len(scales))
    ]
    return table


def reliability(
    campaign: Campaign, scales: list[Scale], responses: list[Response], language: str
) -> list[dict[str, Any]]:
    """Cronbach's alpha of each scale over respondents who answered all its items."""
    out = []
    for scale in scales:
        items = list(scale.questions.all())
        rows: list[list[float]] = []
        for response in responses:
            values = [q.scored_value(response.answers.get(q.code)) for q in items]
            complete = [v for v in values if v is not None]
            if len(complete) == len(values):
                rows.append(complete)
        enough = len(rows) >= campaign.minimum_cell
        alpha = cronbach_alpha(rows) if enough else None
        out.append(
            {
                "name": in_language(scale.name, language),
                "items": len(items),
                "reversed": sum(1 for q in items if q.reverse),
                "n": len(rows) if enough else None,
                "alpha": round(alpha, 2) if alpha is not None else None,
            }
        )
    return out


def free_text(campaign: Campaign, responses: list[Response], language: str) -> list[dict[str, Any]]:
    """Free-text answers by question, sorted so their order says nothing about who wrote them."""
    questions = Question.objects.filter(
        section__instrument=campaign.instrument, kind__in=TEXT_KINDS
    ).order_by("section__position", "position")
    out = []
    for question in questions:
        texts = sorted(
            str(r.answers[question.code]) for r in responses if r.answers.get(question.code)
        )
        out.append({"question": question.text_for(group="", language=language), "answers": texts})
    return out


def campaign_results(campaign: Campaign, *, dimension: str, language: str) -> dict[str, Any]:
    """Everything the results page and the CSV export show."""
    responses = completed(campaign)
    scales = list(
        Scale.objects.filter(instrument=campaign.instrument).prefetch_related("questions")
    )
    scales = [s for s in scales if s.questions.exists()]
    questions = Question.objects.filter(
        section__instrument=campaign.instrument, kind__in=CHOICE_KINDS
    ).order_by("section__position", "position")
    return {
        "responses": len(responses),
        "rates": response_rates(campaign),
        "scales": scale_table(campaign, scales, responses, dimension, language),
        "reliability": reliability(campaign, scales, responses, language),
        "items": [distribution(campaign, q, responses, dimension, language) for q in questions],
        "numbers": number_answers(campaign, responses, language),
    }


def number_answers(
    campaign: Campaign, responses: list[Response], language: str
) -> list[dict[str, Any]]:
    """Every number question (added ones too): how many answered, mean and median, overall.

    Shown only when at least the campaign's minimum answered; a count of zero is shown as zero.
    """
    out = []
    questions = Question.objects.filter(
        section__instrument=campaign.instrument, kind=QuestionKind.NUMERIC
    ).order_by("section__position", "position")
    for question in questions:
        values = sorted(
            float(v)
            for r in responses
            if isinstance(v := r.answers.get(question.code), int | float)
        )
        n = len(values)
        shown = n == 0 or n >= campaign.minimum_cell
        middle = n // 2
        median = (
            (values[middle] if n % 2 else (values[middle - 1] + values[middle]) / 2) if n else None
        )
        out.append(
            {
                "question": question.text_for(group="", language=language),
                "code": question.code,
                "n": n if shown else None,
                "mean": round(sum(values) / n, 1) if shown and n else None,
                "median": median if shown else None,
            }
        )
    return out


def instrument_trend(
    instrument: Any,
    *,
    dimension: str = "",
    key: str = "",
    language: str = "en",
    filters: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Mean scale scores campaign by campaign (oldest first), optionally for one group or school.

    ``filters`` narrows to respondents matching every ``{dimension: key}`` given (for example a
    school, a group and a self-reported race or ethnicity at once).

    Campaigns are separate rounds with no published total across them, so each campaign's
    counts are suppressed on their own: fewer than its minimum hides the count and the mean.
    """
    scales = [
        s
        for s in Scale.objects.filter(instrument=instrument).prefetch_related("questions")
        if s.questions.exists()
    ]
    rows = []
    for campaign in Campaign.objects.filter(instrument=instrument).order_by("opens_on"):
        responses = completed(campaign)
        wanted = {**(filters or {}), **({dimension: key} if dimension else {})}
        for name, value in wanted.items():  # one school, one group, one demographic: all must hold
            responses = [r for r in responses if _key(r, name) == value]
        cells = []
        for scale in scales:
            scores = [s for s in respondent_scores(scale, responses) if s is not None]
            n = len(scores)
            shown = n == 0 or n >= campaign.minimum_cell
            cells.append(
                {
                    "n": n if shown else None,
                    "mean": round(sum(scores) / n, 2) if shown and n else None,
                }
            )
        rows.append({"campaign": campaign, "cells": cells})
    return {"scales": [in_language(s.name, language) for s in scales], "rows": rows}


# --- 360° feedback for SRO evaluations, and training input (read by secure.personnel) ---------

FAVOURABLE = 4.0
"""A respondent's scale score of at least this (agree or better, on 1 to 5) is favourable."""

FEEDBACK_GROUPS: list[tuple[str, Any, tuple[str, ...]]] = [
    ("students", _("Students"), (Group.STUDENT,)),
    ("families", _("Parents and guardians"), (Group.FAMILY,)),
    ("peers_staff", _("Peers and other school staff"), (Group.STAFF, Group.SRO)),
    ("community", _("Community members"), (Group.COMMUNITY,)),
]
"""How respondent groups are pooled in feedback: peers (other SROs) together with school staff."""


@dataclass(frozen=True)
class ScaleCell:
    """One scale for one group: respondents with a score, mean (1 to 5), percent favourable.

    All three are None when the count is hidden (fewer than the minimum, or hidden so that a
    smaller count cannot be worked out from the others and the total).
    """

    code: str
    name: str
    n: int | None
    mean: float | None
    favourable_percent: int | None


@dataclass(frozen=True)
class GroupSummary:
    key: str
    label: str
    respondents: int | None
    """Completed responses from this group; None when hidden."""
    scales: list[ScaleCell]


@dataclass(frozen=True)
class FeedbackSummary:
    """Suppressed summary of completed responses; no count below ``minimum`` is revealed."""

    minimum: int
    scales: list[tuple[str, str]]
    """(code, name) of each scale, in the order of every ``GroupSummary.scales``."""
    groups: list[GroupSummary]
    """One entry per group that was asked, in a fixed order."""
    overall: GroupSummary
    campaigns: list[Campaign]
    since: Any = None
    until: Any = None
    items: list[Table] = field(default_factory=list)
    """Choice questions that belong to no scale (option counts, suppressed)."""
    numbers: list[dict[str, Any]] = field(default_factory=list)
    """Numeric questions: ``{"code", "question", "n", "mean"}``, hidden below the minimum."""

    @property
    def respondents(self) -> int | None:
        return self.overall.respondents

    @property
    def has_results(self) -> bool:
        return bool(self.overall.respondents)


def _scale_columns(campaigns: list[Campaign], language: str) -> tuple[list[tuple[str, str]], Any]:
    """Scales by code across the campaigns' instruments (copies share codes), with their items."""
    names: dict[str, str] = {}
    items: dict[int, dict[str, list[Question]]] = {}
    for instrument_id in {c.instrument_id for c in campaigns}:
        by_code: dict[str, list[Question]] = {}
        for scale in Scale.objects.filter(instrument_id=instrument_id).prefetch_related(
            "questions"
        ):
            questions = list(scale.questions.all())
            if questions:
                by_code[scale.code] = questions
                names.setdefault(scale.code, in_language(scale.name, language))
        items[instrument_id] = by_code
    return sorted(names.items(), key=lambda kv: kv[0]), items


def _pooled(
    *,
    campaigns: list[Campaign],
    since: Any,
    until: Any,
    language: str,
) -> FeedbackSummary:
    minimum = max([c.minimum_cell for c in campaigns], default=DEFAULT_MINIMUM)
    responses = (
        Response.objects.filter(campaign__in=campaigns, status=Response.Status.COMPLETE)
        .select_related("link", "campaign")
        .only("answers", "link__group", "campaign__instrument_id", "completed_on")
    )
    if since:
        responses = responses.filter(completed_on__gte=since)
    if until:
        responses = responses.filter(completed_on__lte=until)
    rows = list(responses)
    asked = {g for c in campaigns for g in c.groups}
    groups = [g for g in FEEDBACK_GROUPS if asked & set(g[2])]
    scales, items = _scale_columns(campaigns, language)
    group_of = {member: key for key, _label, members in groups for member in members}
    g_index = {key: i for i, (key, _l, _m) in enumerate(groups)}
    s_index = {code: i for i, (code, _n) in enumerate(scales)}
    people = [[0] for _ in groups]
    counts = [[0] * len(scales) for _ in groups]
    sums = [[0.0] * len(scales) for _ in groups]
    good = [[0] * len(scales) for _ in groups]
    for response in rows:
        key = group_of.get(response.link.group)
        if key is None:
            continue
        g = g_index[key]
        people[g][0] += 1
        for code, questions in items[response.campaign.instrument_id].items():
            score = scale_score([q.scored_value(response.answers.get(q.code)) for q in questions])
            if score is not None:
                s = s_index[code]
                counts[g][s] += 1
                sums[g][s] += score
                good[g][s] += score >= FAVOURABLE
    shown_people = suppress_table(cells=people, minimum=minimum).published() if groups else [[0, 0]]
    shown = (
        suppress_table(cells=counts, minimum=minimum).published()
        if groups and scales
        else [[0] * (len(scales) + 1) for _ in range(len(groups) + 1)]
    )

    def cells(published: list[int | None], n: list[int], total: list[float], fav: list[int]):
        out = []
        for s, (code, name) in enumerate(scales):
            visible = published[s]
            out.append(
                ScaleCell(
                    code=code,
                    name=name,
                    n=visible,
                    mean=round(total[s] / n[s], 2) if visible else None,
                    favourable_percent=round(100 * fav[s] / n[s]) if visible else None,
                )
            )
        return out

    summaries = [
        GroupSummary(
            key=key,
            label=str(label),
            respondents=shown_people[g][0],
            scales=cells(shown[g], counts[g], sums[g], good[g]),
        )
        for g, (key, label, _members) in enumerate(groups)
    ]
    column = [sum(col) for col in zip(*counts, strict=True)] if groups else [0] * len(scales)
    column_sums = [sum(col) for col in zip(*sums, strict=True)] if groups else [0.0] * len(scales)
    column_good = [sum(col) for col in zip(*good, strict=True)] if groups else [0] * len(scales)
    overall = GroupSummary(
        key="all",
        label=str(_("Everyone")),
        respondents=shown_people[-1][0],
        scales=cells(shown[-1], column, column_sums, column_good),
    )
    return FeedbackSummary(
        minimum=minimum,
        scales=scales,
        groups=summaries,
        overall=overall,
        campaigns=campaigns,
        since=since,
        until=until,
        items=_unscaled_items(campaigns, rows, minimum, language),
        numbers=_numbers(campaigns, rows, minimum, language),
    )


def _unscaled_questions(campaigns: list[Campaign], kinds: Any) -> list[Question]:
    """Questions of the campaigns' instruments outside any scale, one per code, in page order."""
    seen: dict[str, Question] = {}
    for question in Question.objects.filter(
        section__instrument__in={c.instrument_id for c in campaigns},
        kind__in=kinds,
        scale__isnull=True,
    ).order_by("section__instrument_id", "section__position", "position"):
        seen.setdefault(question.code, question)
    return list(seen.values())


def _unscaled_items(
    campaigns: list[Campaign], rows: list[Response], minimum: int, language: str
) -> list[Table]:
    """Option counts of the choice questions outside scales (such as training topics wanted)."""
    tables = []
    kinds = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    for question in _unscaled_questions(campaigns, kinds):
        values = question.option_values()
        line = [0] * len(values)
        for response in rows:
            answer = response.answers.get(question.code)
            for value in answer if isinstance(answer, list) else [answer]:
                if value in values:
                    line[values.index(value)] += 1
        tables.append(
            _suppressed(
                title=question.text_for(group="", language=language),
                columns=[question.option_label(v, language) for v in values],
                labels=[str(_("Everyone"))],
                cells=[line],
                minimum=minimum,
            )
        )
    return tables


def _numbers(
    campaigns: list[Campaign], rows: list[Response], minimum: int, language: str
) -> list[dict[str, Any]]:
    out = []
    for question in _unscaled_questions(campaigns, (QuestionKind.NUMERIC,)):
        values = [
            float(v) for r in rows if isinstance(v := r.answers.get(question.code), int | float)
        ]
        enough = len(values) >= minimum
        out.append(
            {
                "code": question.code,
                "question": question.text_for(group="", language=language),
                "n": len(values) if enough or not values else None,
                "mean": round(sum(values) / len(values), 1) if enough else None,
            }
        )
    return out


def officer_feedback(
    officer: Any,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> FeedbackSummary:
    """360° feedback about one SRO, for their evaluation: suppressed, by respondent group.

    ``officer`` is a ``secure.personnel`` ``Person``. Uses every campaign of the officer's
    partnership whose ``subject_officer`` is this officer, and their completed responses whose
    day of completion lies in ``since``..``until`` (both optional, inclusive). For each group
    (students, families, peers and other staff, and community members when asked) and each
    scale (capability): respondents with a score, their mean (1 to 5, reverse-coded items
    turned around) and the percent whose score is favourable (4 or more). Any count below the
    largest minimum of those campaigns is hidden, with complementary suppression through the
    totals, and the mean and percent go with it. Written answers are never included.
    """
    campaigns = list(
        Campaign.objects.for_partnership(officer.partnership)
        .filter(subject_officer=officer)
        .select_related("instrument")
        .order_by("opens_on", "pk")
    )
    return _pooled(campaigns=campaigns, since=since, until=until, language=get_language() or "en")


def training_input(partnership: Any, *, since: datetime.date | None = None) -> FeedbackSummary:
    """What SROs and school staff said about their training, suppressed, for the training pages.

    Every campaign of the partnership using a training-input instrument, completed responses
    from ``since`` on (optional): respondents and scale scores by group (peers and staff pool
    SROs and school staff), the choice questions outside scales (topics wanted) with small
    counts hidden, and numeric answers (hours of training) as a mean when enough answered.
    Written suggestions are not included: they stay on the survey's comments page.
    """
    campaigns = list(
        Campaign.objects.for_partnership(partnership)
        .filter(instrument__kind=Instrument.Kind.TRAINING)
        .select_related("instrument")
        .order_by("opens_on", "pk")
    )
    return _pooled(campaigns=campaigns, since=since, until=None, language=get_language() or "en")
