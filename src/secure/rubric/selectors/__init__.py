"""Reads for the rubric app (one module per concept; import from here)."""

from .plans import (
    ActionPlan,
    PlanEntry,
    action_plan,
    attention,
    calendar_month,
    my_tasks,
    schedule_history,
    schedule_list,
)
from .progress import (
    ItemRow,
    Progress,
    Tally,
    assessment_current,
    assessment_items,
    assessment_list,
    assessment_progress,
    assessment_rows,
    cycles_compare,
    item_row,
)

__all__ = [
    "ActionPlan",
    "ItemRow",
    "PlanEntry",
    "Progress",
    "Tally",
    "action_plan",
    "assessment_current",
    "assessment_items",
    "assessment_list",
    "assessment_progress",
    "assessment_rows",
    "attention",
    "calendar_month",
    "cycles_compare",
    "item_row",
    "my_tasks",
    "schedule_history",
    "schedule_list",
]
