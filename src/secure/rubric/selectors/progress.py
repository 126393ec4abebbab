"""Reads about assessments: their items with evidence and roll-ups, progress by step, cycles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet

from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.models import Partnership

from .. import rules
from ..content import CHECKLISTS, RubricItem, rubric_load
from ..models import Assessment, AssessmentItem

S = AssessmentItem.Status


@dataclass
class Tally:
    """How many items stand where; the percentage leaves out items that do not apply."""

    total: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    not_applicable: int = 0

    def add(self, status: str) -> None:
        self.total += 1
        setattr(self, status, getattr(self, status) + 1)

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def percent(self) -> int | None:
        if not self.applicable:
            return None
        return round(100 * self.done / self.applicable)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "done": self.done,
            "in_progress": self.in_progress,
            "not_started": self.not_started,
            "not_applicable": self.not_applicable,
            "percent_done": self.percent,
        }


@dataclass
class StepProgress:
    number: int
    title: str
    by_checklist: dict[str, Tally]
    all: Tally


@dataclass
class Progress:
    steps: list[StepProgress]
    overall: Tally
    by_checklist: dict[str, Tally]


@dataclass
class ItemRow:
    """One item of an assessment with its rubric wording, sub-items and evidence."""

    row: AssessmentItem
    item: RubricItem
    children: list[ItemRow] = field(default_factory=list)
    live: list[Evidence] = field(default_factory=list)

    @property
    def rollup(self) -> Tally | None:
        if not self.children:
            return None
        tally = Tally()
        for child in self.children:
            tally.add(child.row.status)
        return tally

    @property
    def rollup_status(self) -> str | None:
        if not self.children:
            return None
        return rules.rollup_status([child.row.status for child in self.children])

    @property
    def can_be_done(self) -> bool:
        """Whether the item may be marked done now (a parent needs its sub-items settled)."""
        return not self.children or rules.children_allow_done([c.row.status for c in self.children])

    @property
    def rollup_disagrees(self) -> bool:
        """The parent is marked done while a sub-item is still open (e.g. after a reopen)."""
        return self.row.status == S.DONE and self.rollup_status not in {S.DONE, S.NOT_APPLICABLE}


def assessment_list(*, partnership: Partnership) -> QuerySet[Assessment]:
    """The partnership's assessment cycles, newest school year first."""
    return Assessment.objects.for_partnership(partnership).order_by("-school_year")


def assessment_current(*, partnership: Partnership) -> Assessment | None:
    """The cycle in progress with the latest school year, or else the latest completed one."""
    cycles = assessment_list(partnership=partnership)
    return cycles.filter(status=Assessment.Status.OPEN).first() or cycles.first()


def assessment_items(*, assessment: Assessment) -> QuerySet[AssessmentItem]:
    return (
        AssessmentItem.objects.for_partnership(assessment.partnership)
        .filter(assessment=assessment)
        .select_related("owner__user")
        .annotate(comment_count=Count("comments", distinct=True))
        .prefetch_related("evidence")
        .order_by("order")
    )


def assessment_rows(
    *,
    assessment: Assessment,
    step: int | None = None,
    checklist: str | None = None,
    live: bool = True,
) -> dict[str, list[ItemRow]]:
    """Top-level items by checklist, each with its sub-items and (optionally) live evidence."""
    rubric = rubric_load()
    rows = assessment_items(assessment=assessment)
    if step is not None:
        rows = rows.filter(step=step)
    if checklist is not None:
        rows = rows.filter(checklist=checklist)
    by_id: dict[str, ItemRow] = {}
    result: dict[str, list[ItemRow]] = {name: [] for name in CHECKLISTS}
    for row in rows:
        item = rubric.item(row.item_id)
        if item is None:
            continue  # an item of an older edition: kept in the database, not shown
        entry = ItemRow(row=row, item=item)
        if live:
            entry.live = evidence_for(partnership=assessment.partnership, item_id=item.id)
        by_id[item.id] = entry
        parent = by_id.get(item.parent_id) if item.parent_id else None
        if parent is not None:
            parent.children.append(entry)
        else:
            result[item.checklist].append(entry)
    return {name: rows for name, rows in result.items() if rows}


def item_row(*, row: AssessmentItem) -> ItemRow:
    """One item with its sub-items and live evidence, for the item's own page."""
    rows = assessment_rows(assessment=row.assessment, step=row.step, checklist=row.checklist)
    stack = list(rows.get(row.checklist, []))
    while stack:
        entry = stack.pop()
        if entry.row.pk == row.pk:
            return entry
        stack.extend(entry.children)
    raise LookupError(row.item_id)


def assessment_progress(*, assessment: Assessment) -> Progress:
    """Done / in progress / not started / not applicable for each step, checklist and overall."""
    statuses = AssessmentItem.objects.filter(assessment=assessment).values_list(
        "step", "checklist", "status"
    )
    counts = Counter(statuses)
    rubric = rubric_load()
    overall = Tally()
    totals = {name: Tally() for name in CHECKLISTS}
    steps = []
    for step in rubric.steps:
        by_checklist: dict[str, Tally] = {}
        step_all = Tally()
        for (number, checklist, status), count in counts.items():
            if number != step.number:
                continue
            for _n in range(count):
                by_checklist.setdefault(checklist, Tally()).add(status)
                step_all.add(status)
                totals[checklist].add(status)
                overall.add(status)
        ordered = {name: by_checklist[name] for name in CHECKLISTS if name in by_checklist}
        steps.append(StepProgress(step.number, step.title, ordered, step_all))
    return Progress(
        steps=steps,
        overall=overall,
        by_checklist={name: t for name, t in totals.items() if t.total},
    )


@dataclass
class Change:
    item: RubricItem
    before: str
    after: str


def cycles_compare(*, partnership: Partnership) -> dict[str, Any]:
    """Every cycle's progress side by side, and what changed for items two cycles share."""
    cycles = list(assessment_list(partnership=partnership).order_by("school_year"))
    progress = [(cycle, assessment_progress(assessment=cycle)) for cycle in cycles]
    changes: list[Change] = []
    earlier = later = None
    if len(cycles) >= 2:
        later = cycles[-1]
        rubric = rubric_load()
        later_status = dict(later.items.values_list("item_id", "status"))
        for candidate in reversed(cycles[:-1]):
            before_status = dict(candidate.items.values_list("item_id", "status"))
            shared = set(before_status) & set(later_status)
            if shared:
                earlier = candidate
                for item_id in sorted(shared, key=lambda i: rubric.by_id[i].order):
                    if before_status[item_id] != later_status[item_id]:
                        changes.append(
                            Change(
                                rubric.by_id[item_id], before_status[item_id], later_status[item_id]
                            )
                        )
                break
    return {"progress": progress, "changes": changes, "earlier": earlier, "later": later}
