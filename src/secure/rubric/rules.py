"""The rubric's rules, one small function each, so every rule has its own test."""

from __future__ import annotations

import calendar
import datetime

from secure.partnerships.models import Membership
from secure.partnerships.roles import Role, role_can

from .models import Assessment, AssessmentItem


def school_year_of(day: datetime.date) -> int:
    """The school year (by its first calendar year) that ``day`` falls in; years start on July 1."""
    return day.year if day.month >= 7 else day.year - 1


def may_own(membership: Membership) -> bool:
    """Only active members whose role can work on rubric tasks may own items and schedules."""
    return membership.is_active and role_can(membership.role, "rubric.task")


def may_work_on(membership: Membership, owner_id: int | None) -> bool:
    """Leaders may change any item or schedule; other staff only those they own."""
    if role_can(membership.role, "rubric.manage"):
        return True
    return owner_id is not None and owner_id == membership.pk and may_own(membership)


def may_comment(membership: Membership, *, stakeholders_may_comment: bool) -> bool:
    """Everyone but auditors comments; stakeholders only where the partnership allows it."""
    if not role_can(membership.role, "rubric.comment"):
        return False
    if membership.role == Role.COMMUNITY_STAKEHOLDER:
        return stakeholders_may_comment
    return True


def is_settled(status: str) -> bool:
    """An item is settled when it is done or does not apply."""
    return status in {AssessmentItem.Status.DONE, AssessmentItem.Status.NOT_APPLICABLE}


def children_allow_done(child_statuses: list[str]) -> bool:
    """A parent item may be marked done only once each of its sub-items is done or not applicable."""
    return all(is_settled(status) for status in child_statuses)


def rollup_status(child_statuses: list[str]) -> str:
    """The status the sub-items add up to: done when all settled, in progress once any moved."""
    if not child_statuses:
        return AssessmentItem.Status.NOT_STARTED
    if all(s == AssessmentItem.Status.NOT_APPLICABLE for s in child_statuses):
        return AssessmentItem.Status.NOT_APPLICABLE
    if children_allow_done(child_statuses):
        return AssessmentItem.Status.DONE
    if any(s != AssessmentItem.Status.NOT_STARTED for s in child_statuses):
        return AssessmentItem.Status.IN_PROGRESS
    return AssessmentItem.Status.NOT_STARTED


def assessment_is_editable(assessment: Assessment) -> bool:
    """A completed assessment is a record: it changes only after it is reopened."""
    return assessment.status == Assessment.Status.OPEN


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by whole months, clamped to the month's last day (Jan 31 + 1 → Feb 28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due_after_completion(due: datetime.date, interval_months: int) -> datetime.date:
    """The next occurrence keeps the regular timeline: it counts from the due date, not the day done."""
    return add_months(due, interval_months)


def reminder_kind(*, due: datetime.date, today: datetime.date, days_before: int) -> str | None:
    """Which reminder is due today for something due on ``due``: upcoming, due, overdue or none."""
    if today > due:
        return "overdue"
    if today == due:
        return "due"
    if (due - today).days <= days_before:
        return "upcoming"
    return None


def reminder_key(*, subject: str, due: datetime.date, kind: str, today: datetime.date) -> str:
    """One reminder per kind and due date; overdue ones repeat once a week until done."""
    key = f"{subject}:{due.isoformat()}:{kind}"
    if kind == "overdue":
        key += f":{(today - due).days // 7}"
    return key
