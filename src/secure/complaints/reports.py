"""Reports: counts by type, basis, school, status and time to resolution; the same counts
disaggregated by self-reported demographics with small cells suppressed; public aggregates.

Suppression is primary and complementary, from ``secure.equity.suppression``: every count from 1
to ``minimum - 1`` is hidden, then enough others that none of them can be worked out from the
totals. The minimum is ``SECURE_COMPLAINT_MIN_CELL`` (10 unless configured).
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.equity.suppression import suppress_table
from secure.partnerships.models import Partnership, School

from .models import (
    AgeBand,
    Answer,
    Basis,
    Complaint,
    Concern,
    RaceEthnicity,
    Sex,
)

NOT_REPORTED = "not_reported"


def min_cell() -> int:
    return int(getattr(settings, "SECURE_COMPLAINT_MIN_CELL", 10))


def complaints_in_period(
    *,
    partnership: Partnership,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> QuerySet[Complaint]:
    """The partnership's complaints received between two dates (inclusive), with demographics."""
    queryset = Complaint.objects.for_partnership(partnership).select_related(
        "demographics", "school"
    )
    if start:
        queryset = queryset.filter(received_at__date__gte=start)
    if end:
        queryset = queryset.filter(received_at__date__lte=end)
    return queryset


# Rows: what the complaints are about. Each maps a complaint to its categories (one or several).


@dataclass(frozen=True)
class Dimension:
    label: str | Promise
    categories: Callable[[Partnership], list[tuple[str, str | Promise]]]
    of: Callable[[Complaint], list[str]]
    multiple: bool = False


def _schools(partnership: Partnership) -> list[tuple[str, str | Promise]]:
    rows: list[tuple[str, str | Promise]] = [
        (str(s.pk), s.name) for s in School.objects.for_partnership(partnership).order_by("name")
    ]
    return [*rows, ("", _("Not at a school / not given"))]


DIMENSIONS: dict[str, Dimension] = {
    "concern": Dimension(
        _("Kind of concern"), lambda p: list(Concern.choices), lambda c: list(c.concerns), True
    ),
    "basis": Dimension(
        _("Basis of discrimination"), lambda p: list(Basis.choices), lambda c: list(c.bases), True
    ),
    "school": Dimension(_("School"), _schools, lambda c: [str(c.school_id) if c.school_id else ""]),
    "status": Dimension(
        _("Status"), lambda p: list(Complaint.Status.choices), lambda c: [c.status]
    ),
}


# Columns: the self-reported demographics. Complaints without an answer count as not reported.


def _answer(c: Complaint, name: str) -> str:
    demographics = getattr(c, "demographics", None)
    value = getattr(demographics, name, "") if demographics is not None else ""
    return value if value and value != "declined" else NOT_REPORTED


NOT_REPORTED_CHOICE = (NOT_REPORTED, _("Not reported"))
BREAKDOWNS: dict[str, tuple[str | Promise, list[tuple[str, Any]], Callable[[Complaint], str]]] = {
    "race_ethnicity": (
        _("Race and ethnicity"),
        list(RaceEthnicity.choices),
        lambda c: _answer(c, "race_ethnicity"),
    ),
    "sex": (
        _("Sex"),
        [x for x in Sex.choices if x[0] != "declined"] + [NOT_REPORTED_CHOICE],
        lambda c: _answer(c, "sex"),
    ),
    "age_band": (
        _("Age"),
        [x for x in AgeBand.choices if x[0] != "declined"] + [NOT_REPORTED_CHOICE],
        lambda c: _answer(c, "age_band"),
    ),
    "english_learner": (
        _("English learner"),
        [x for x in Answer.choices if x[0] != "declined"] + [NOT_REPORTED_CHOICE],
        lambda c: _answer(c, "english_learner"),
    ),
    "disability": (
        _("Disability"),
        [x for x in Answer.choices if x[0] != "declined"] + [NOT_REPORTED_CHOICE],
        lambda c: _answer(c, "disability"),
    ),
}


@dataclass
class CountRow:
    label: str | Promise
    count: int


def counts_by(
    *, partnership: Partnership, complaints: Iterable[Complaint], dimension: str
) -> list[CountRow]:
    """How many complaints fall in each category of ``dimension`` (exact: staff only)."""
    spec = DIMENSIONS[dimension]
    tally: Counter[str] = Counter()
    for complaint in complaints:
        tally.update(set(spec.of(complaint)))
    return [CountRow(label, tally[code]) for code, label in spec.categories(partnership)]


@dataclass
class ResolutionTimes:
    resolved: int
    median_days: float | None
    mean_days: float | None
    within_deadline: int


def resolution_times(*, complaints: Iterable[Complaint]) -> ResolutionTimes:
    """Days from receipt to resolution for the resolved complaints."""
    days = []
    on_time = 0
    for complaint in complaints:
        taken = complaint.days_to_resolution()
        if taken is None:
            continue
        days.append(taken)
        assert complaint.resolved_at is not None
        if timezone.localdate(complaint.resolved_at) <= complaint.resolve_by:
            on_time += 1
    return ResolutionTimes(
        resolved=len(days),
        median_days=statistics.median(days) if days else None,
        mean_days=round(statistics.fmean(days), 1) if days else None,
        within_deadline=on_time,
    )


@dataclass
class SuppressedTableView:
    """A disaggregated table ready to show: None marks a hidden count."""

    row_label: str | Promise
    column_label: str | Promise
    columns: list[str | Promise]
    rows: list[tuple[str | Promise, list[int | None], int | None]]
    column_totals: list[int | None]
    grand_total: int | None
    minimum: int
    multiple: bool
    hidden: int = field(default=0)


def disaggregated(
    *,
    partnership: Partnership,
    complaints: Iterable[Complaint],
    dimension: str,
    breakdown: str,
    minimum: int | None = None,
) -> SuppressedTableView:
    """Counts of ``dimension`` by a demographic, with primary and complementary suppression."""
    minimum = minimum or min_cell()
    spec = DIMENSIONS[dimension]
    column_label, column_choices, column_of = BREAKDOWNS[breakdown]
    row_choices = spec.categories(partnership)
    row_index = {code: i for i, (code, _label) in enumerate(row_choices)}
    column_index = {code: j for j, (code, _label) in enumerate(column_choices)}
    cells = [[0] * len(column_choices) for _ in row_choices]
    for complaint in complaints:
        j = column_index.get(column_of(complaint), column_index[NOT_REPORTED])
        for code in set(spec.of(complaint)):
            if code in row_index:
                cells[row_index[code]][j] += 1
    table = suppress_table(cells=cells, minimum=minimum)
    published = table.published()
    body = published[:-1]
    return SuppressedTableView(
        row_label=spec.label,
        column_label=column_label,
        columns=[label for _code, label in column_choices],
        rows=[
            (label, values[:-1], values[-1])
            for (_code, label), values in zip(row_choices, body, strict=True)
        ],
        column_totals=published[-1][:-1],
        grand_total=published[-1][-1],
        minimum=minimum,
        multiple=spec.multiple,
        hidden=int(table.suppressed.sum()),
    )


@dataclass
class PublicCounts:
    """Aggregate counts for a public page: nothing about any one person, small counts hidden."""

    total: int | None
    by_status: list[tuple[str | Promise, int | None]]
    by_concern: list[tuple[str | Promise, int | None]]
    minimum: int


_PUBLIC_STATUS = [
    ("received", pgettext_lazy("complaint status", "Received")),
    ("under_review", pgettext_lazy("complaint status", "Under review")),
    ("resolved", pgettext_lazy("complaint status", "Resolved")),
]


def complaint_public_counts(
    *, partnership: Partnership, year: int | None = None, minimum: int | None = None
) -> PublicCounts:
    """Complaints received in a year (or ever), by public status and by kind, suppressed."""
    minimum = minimum or min_cell()
    complaints = Complaint.objects.for_partnership(partnership)
    if year:
        complaints = complaints.filter(received_at__year=year)
    statuses = Counter(
        "resolved" if s in {"resolved", "closed"} else s
        for s in complaints.values_list("status", flat=True)
    )
    status_table = suppress_table(
        cells=[[statuses[code] for code, _label in _PUBLIC_STATUS]], minimum=minimum
    ).published()
    concerns: Counter[str] = Counter()
    for listed in complaints.values_list("concerns", flat=True):
        concerns.update(set(listed))
    concern_table = suppress_table(
        cells=[[concerns[code] for code in Concern.values]], minimum=minimum
    ).published()
    return PublicCounts(
        total=status_table[0][-1],
        by_status=[(label, status_table[0][i]) for i, (_code, label) in enumerate(_PUBLIC_STATUS)],
        by_concern=[(label, concern_table[0][i]) for i, (_c, label) in enumerate(Concern.choices)],
        minimum=minimum,
    )
