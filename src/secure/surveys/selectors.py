"""Reading results: response rates, distributions and scale scores, small groups suppressed.

Every count comes from ``secure.equity.suppression.suppress_table`` with the campaign's minimum
(default 10): counts from 1 to minimum-1 are hidden, then further counts so that none of the
hidden ones can be worked out from totals. A mean or a percentage is shown only where its count
is shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from secure.equity.suppression import suppress_table

from .models import Campaign, Group, Question, QuestionKind, Response, Scale
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
    }


def instrument_trend(
    instrument: Any, *, dimension: str = "", key: str = "", language: str = "en"
) -> dict[str, Any]:
    """Mean scale scores campaign by campaign (oldest first), optionally for one group or school.

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
        if dimension:
            responses = [r for r in responses if _key(r, dimension) == key]
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
