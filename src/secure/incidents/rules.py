"""Rules across the columns of one incident row, shared by the importer and the web form.

Each rule is one function whose docstring is the rule as the data standard states it. A rule
takes the parsed row and returns ``(column, message)`` pairs for what is wrong (none when fine).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models.choices import ActionType, Grade
from .models.incident import MAX_AGE, MIN_AGE

Problems = list[tuple[str, Any]]

DATE_IN_FUTURE = _("The date is in the future.")
AGE_OUT_OF_RANGE = _("The age must be between 3 and 22.")
AGE_GRADE_MISMATCH = _("This age is not plausible for this grade (check both).")
FORCE_TYPE_REQUIRED = _("Give the type of force for a use of force.")
FORCE_TYPE_UNEXPECTED = _("A type of force is only given for a use of force.")
QUESTIONING_DETAILS_REQUIRED = _(
    "For questioning, say whether a parent was notified and whether rights were advised."
)
ACTION_BEFORE_INCIDENT = _("The action date is before the incident date.")
ACTION_DETAILS_WITHOUT_ACTION = _("Action details are given but the action is empty.")
NARRATIVE_TOO_LONG = _("The narrative is longer than 2,000 characters.")
MAX_NARRATIVE = 2000

_GRADE_AGE = {Grade.PRE_K: 4, Grade.KINDERGARTEN: 5, **{str(n): n + 5 for n in range(1, 13)}}


def incident_date_rule(row: Mapping[str, Any]) -> Problems:
    """The incident date is not in the future."""
    day = row.get("incident_date")
    if isinstance(day, datetime.date) and day > timezone.localdate():
        return [("incident_date", DATE_IN_FUTURE)]
    return []


def narrative_rule(row: Mapping[str, Any]) -> Problems:
    """The narrative has at most 2,000 characters."""
    if len(row.get("narrative") or "") > MAX_NARRATIVE:
        return [("narrative", NARRATIVE_TOO_LONG)]
    return []


def age_rule(row: Mapping[str, Any]) -> Problems:
    """The age is between 3 and 22."""
    age = row.get("age")
    if isinstance(age, int) and not MIN_AGE <= age <= MAX_AGE:
        return [("age", AGE_OUT_OF_RANGE)]
    return []


def age_grade_rule(row: Mapping[str, Any]) -> Problems:
    """The age fits the grade: from two years younger to four years older than usual (ungraded: any)."""
    age, grade = row.get("age"), row.get("grade")
    usual = _GRADE_AGE.get(grade) if isinstance(grade, str) else None
    if isinstance(age, int) and usual is not None and not usual - 2 <= age <= usual + 4:
        return [("age", AGE_GRADE_MISMATCH)]
    return []


def force_type_rule(row: Mapping[str, Any]) -> Problems:
    """A use of force gives the type of force; other actions leave it empty."""
    action, force = row.get("action"), row.get("force_type")
    if action == ActionType.USE_OF_FORCE and not force:
        return [("force_type", FORCE_TYPE_REQUIRED)]
    if action and action != ActionType.USE_OF_FORCE and force:
        return [("force_type", FORCE_TYPE_UNEXPECTED)]
    return []


def questioning_rule(row: Mapping[str, Any]) -> Problems:
    """Questioning says whether a parent was notified and whether rights were advised."""
    if row.get("action") != ActionType.QUESTIONING:
        return []
    return [
        (column, QUESTIONING_DETAILS_REQUIRED)
        for column in ("parent_notified", "rights_advised")
        if row.get(column) is None
    ]


def action_date_rule(row: Mapping[str, Any]) -> Problems:
    """The action date is not before the incident date, nor in the future."""
    day, incident_day = row.get("action_date"), row.get("incident_date")
    if not isinstance(day, datetime.date):
        return []
    if isinstance(incident_day, datetime.date) and day < incident_day:
        return [("action_date", ACTION_BEFORE_INCIDENT)]
    if day > timezone.localdate():
        return [("action_date", DATE_IN_FUTURE)]
    return []


def action_details_rule(row: Mapping[str, Any]) -> Problems:
    """A row without an action has no action details (date, force, questioning, outcome)."""
    if row.get("action"):
        return []
    details = ("action_date", "force_type", "parent_notified", "rights_advised", "outcome")
    return [
        (column, ACTION_DETAILS_WITHOUT_ACTION)
        for column in details
        if row.get(column) not in (None, "")
    ]


ROW_RULES: tuple[Callable[[Mapping[str, Any]], Problems], ...] = (
    incident_date_rule,
    narrative_rule,
    age_rule,
    age_grade_rule,
    force_type_rule,
    questioning_rule,
    action_date_rule,
    action_details_rule,
)


def row_problems(row: Mapping[str, Any]) -> Problems:
    """Every rule's problems with one parsed row."""
    problems: Problems = []
    for rule in ROW_RULES:
        problems += rule(row)
    return problems
