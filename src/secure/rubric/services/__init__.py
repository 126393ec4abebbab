"""Writes for the rubric app (one module per concept; import from here)."""

from .assessments import (
    assessment_complete,
    assessment_item_confirm_evidence,
    assessment_item_progress,
    assessment_item_update,
    assessment_reopen,
    assessment_start,
)
from .feeds import calendar_feed_for, calendar_feed_member, calendar_feed_reset, calendar_feed_token
from .items import (
    item_comment_add,
    item_evidence_add_file,
    item_evidence_add_link,
    item_evidence_remove,
    rubric_settings_for,
    rubric_settings_update,
)
from .reminders import reminders_due, reminders_send
from .schedules import schedule_complete, schedule_create, schedule_update

__all__ = [
    "assessment_complete",
    "assessment_item_confirm_evidence",
    "assessment_item_progress",
    "assessment_item_update",
    "assessment_reopen",
    "assessment_start",
    "calendar_feed_for",
    "calendar_feed_member",
    "calendar_feed_reset",
    "calendar_feed_token",
    "item_comment_add",
    "item_evidence_add_file",
    "item_evidence_add_link",
    "item_evidence_remove",
    "reminders_due",
    "reminders_send",
    "rubric_settings_for",
    "rubric_settings_update",
    "schedule_complete",
    "schedule_create",
    "schedule_update",
]
