"""Reads for the work ahead: the action plan, a member's tasks, what needs attention, the calendar."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from secure.partnerships.models import Membership, Partnership

from .. import rules
from ..content import RubricItem, rubric_load
from ..models import Assessment, AssessmentItem, Schedule, ScheduleCompletion

S = AssessmentItem.Status
SOON_DAYS = 30


@dataclass
class PlanEntry:
    row: AssessmentItem
    item: RubricItem


@dataclass
class ActionPlan:
    """The open items of a cycle, sorted into what is late, what is close, and what is unplanned."""

    overdue: list[PlanEntry] = field(default_factory=list)
    due_soon: list[PlanEntry] = field(default_factory=list)
    later: list[PlanEntry] = field(default_factory=list)
    no_due_date: list[PlanEntry] = field(default_factory=list)
    without_owner: int = 0

    @property
    def total(self) -> int:
        return len(self.overdue) + len(self.due_soon) + len(self.later) + len(self.no_due_date)


def _open_items(queryset: QuerySet[AssessmentItem]) -> QuerySet[AssessmentItem]:
    return queryset.filter(status__in=[S.NOT_STARTED, S.IN_PROGRESS]).select_related(
        "owner__user", "assessment"
    )


def action_plan(*, assessment: Assessment, today: datetime.date) -> ActionPlan:
    """Every item not yet done (or set aside as not applicable), as a plan with owners and dates."""
    rubric = rubric_load()
    plan = ActionPlan()
    rows = _open_items(AssessmentItem.objects.filter(assessment=assessment))
    for row in rows.order_by("due_date", "order"):
        item = rubric.item(row.item_id)
        if item is None:
            continue
        entry = PlanEntry(row, item)
        if row.owner_id is None:
            plan.without_owner += 1
        if row.due_date is None:
            plan.no_due_date.append(entry)
        elif row.due_date < today:
            plan.overdue.append(entry)
        elif (row.due_date - today).days <= SOON_DAYS:
            plan.due_soon.append(entry)
        else:
            plan.later.append(entry)
    plan.no_due_date.sort(key=lambda e: e.item.order)
    return plan


def my_tasks(*, membership: Membership) -> dict[str, Any]:
    """The open items and active schedules a member owns, soonest first."""
    rubric = rubric_load()
    rows = _open_items(
        AssessmentItem.objects.for_partnership(membership.partnership).filter(
            owner=membership, assessment__status=Assessment.Status.OPEN
        )
    ).order_by("due_date", "order")
    items = [
        PlanEntry(row, rubric.by_id[row.item_id]) for row in rows if row.item_id in rubric.by_id
    ]
    # Dated items first, soonest first; undated ones after them in rubric order.
    items.sort(key=lambda e: (e.row.due_date is None, e.row.due_date or datetime.date.max))
    schedules = Schedule.objects.for_partnership(membership.partnership).filter(
        owner=membership, is_active=True
    )
    return {"items": items, "schedules": list(schedules.order_by("next_due"))}


def schedule_list(*, partnership: Partnership) -> QuerySet[Schedule]:
    """The partnership's schedules: active first, then by next due date."""
    return (
        Schedule.objects.for_partnership(partnership)
        .select_related("owner__user")
        .order_by("-is_active", "next_due", "title")
    )


def schedule_history(*, schedule: Schedule) -> QuerySet[ScheduleCompletion]:
    return schedule.completions.select_related("completed_by__user").order_by("-due_date")


def attention(
    *, partnership: Partnership, membership: Membership, today: datetime.date
) -> dict[str, Any]:
    """What needs someone's attention next, for the partnership's home page."""
    from .progress import assessment_current

    current = assessment_current(partnership=partnership)
    plan = action_plan(assessment=current, today=today) if current and current.is_open else None
    schedules = schedule_list(partnership=partnership).filter(is_active=True)
    overdue_schedules = [s for s in schedules if s.next_due < today]
    soon_schedules = [s for s in schedules if 0 <= (s.next_due - today).days <= SOON_DAYS]
    mine = my_tasks(membership=membership) if rules.may_own(membership) else None
    return {
        "current": current,
        "plan": plan,
        "overdue_schedules": overdue_schedules,
        "soon_schedules": soon_schedules,
        "my_task_count": (len(mine["items"]) + len(mine["schedules"])) if mine else None,
        "today": today,
    }


@dataclass
class CalendarEvent:
    day: datetime.date
    title: str
    kind: str  # "schedule", "done", "item"
    url_kwargs: dict[str, Any]
    overdue: bool = False


@dataclass
class CalendarDay:
    day: datetime.date
    in_month: bool
    events: list[CalendarEvent] = field(default_factory=list)


def _occurrences(
    schedule: Schedule, first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    """The schedule's due dates between ``first`` and ``last``, from its next due date on."""
    found = []
    step = 0
    due = schedule.next_due
    while due <= last and step < 400:
        if due >= first:
            found.append(due)
        step += 1
        due = rules.add_months(schedule.next_due, schedule.interval_months * step)
    return found


def calendar_month(
    *, partnership: Partnership, year: int, month: int, today: datetime.date
) -> list[list[CalendarDay]]:
    """The month's weeks (Monday first), each day with its due dates and completions."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    events: dict[datetime.date, list[CalendarEvent]] = {}
    for schedule in schedule_list(partnership=partnership).filter(is_active=True):
        for due in _occurrences(schedule, first, last):
            events.setdefault(due, []).append(
                CalendarEvent(due, schedule.title, "schedule", {"pk": schedule.pk}, due < today)
            )
    completions = ScheduleCompletion.objects.for_partnership(partnership).filter(
        completed_on__range=(first, last)
    )
    for done in completions.select_related("schedule"):
        events.setdefault(done.completed_on, []).append(
            CalendarEvent(done.completed_on, done.schedule.title, "done", {"pk": done.schedule_id})
        )
    rubric = rubric_load()
    items = _open_items(
        AssessmentItem.objects.for_partnership(partnership).filter(
            assessment__status=Assessment.Status.OPEN, due_date__range=(first, last)
        )
    )
    for row in items:
        assert row.due_date is not None
        item = rubric.item(row.item_id)
        title = f"{row.item_id} {item.text if item else ''}".strip()
        events.setdefault(row.due_date, []).append(
            CalendarEvent(
                row.due_date,
                title,
                "item",
                {"pk": row.assessment_id, "item_id": row.item_id},
                row.due_date < today,
            )
        )
    return [
        [CalendarDay(day, day.month == month, events.get(day, [])) for day in week]
        for week in weeks
    ]
