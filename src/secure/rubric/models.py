"""Assessments of the rubric, their items and evidence, recurring schedules, reminders, feeds.

Each field that appears on a page or in an export carries its label and help text here.
"""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePosixPath

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership
from secure.partnerships.tenancy import PartnershipScopedModel


def school_year_label(first_year: int) -> str:
    """``2025`` → ``2025–26``."""
    return f"{first_year}–{(first_year + 1) % 100:02d}"


def _stored_name(instance: models.Model, filename: str, folder: str) -> str:
    """A random name under the partnership's folder; the original name is kept in a field."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"rubric/{getattr(instance, 'partnership_id', 0)}/{folder}/{uuid.uuid4().hex}{suffix}"


def evidence_upload_to(instance: models.Model, filename: str) -> str:
    return _stored_name(instance, filename, "evidence")


def completion_upload_to(instance: models.Model, filename: str) -> str:
    return _stored_name(instance, filename, "schedules")


class Assessment(PartnershipScopedModel):
    """One assessment cycle: a school year's pass through the Start and/or Improve checklists."""

    class Path(models.TextChoices):
        START = "start", _("Start (a new partnership)")
        IMPROVE = "improve", _("Improve (an existing partnership)")
        START_THEN_IMPROVE = "start_improve", _("Start, then Improve")

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        COMPLETED = "completed", _("Completed")

    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The calendar year the school year begins in.")
    )
    path = models.CharField(
        _("path"),
        max_length=16,
        choices=Path.choices,
        help_text=_(
            "Start for a new partnership, Improve for an existing one, or Start then Improve."
        ),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    edition = models.CharField(_("rubric edition"), max_length=32)
    started_on = models.DateField(_("started on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("rubric", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-school_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "school_year"], name="assessment_one_per_school_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year_label} · {self.get_path_display()}"

    @property
    def year_label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class AssessmentItem(PartnershipScopedModel):
    """Where one rubric item stands in one assessment: status, owner, due date, notes."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        NOT_APPLICABLE = "not_applicable", pgettext_lazy("rubric item status", "Not applicable")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="items", verbose_name=_("assessment")
    )
    item_id = models.CharField(_("rubric item"), max_length=32)
    step = models.PositiveSmallIntegerField(_("action step"))
    checklist = models.CharField(_("checklist"), max_length=8)
    order = models.PositiveSmallIntegerField(_("place in the rubric"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    na_reason = models.TextField(
        _("why it does not apply"),
        blank=True,
        help_text=_("Required when the item is marked not applicable."),
    )
    status_basis = models.CharField(
        _("basis of the status"),
        max_length=500,
        blank=True,
        help_text=_("Set when a person confirms a status suggested by live evidence."),
    )
    owner = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rubric_items",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("assessment item")
        verbose_name_plural = _("assessment items")
        ordering = ["assessment", "order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_id"], name="assessment_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.item_id} ({self.assessment})"

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.NOT_STARTED, self.Status.IN_PROGRESS}

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < today


class ItemEvidence(PartnershipScopedModel):
    """A file or a link that shows the work on an item."""

    class Kind(models.TextChoices):
        FILE = "file", _("File")
        LINK = "link", _("Link")

    item = models.ForeignKey(
        AssessmentItem, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("item")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(pgettext_lazy("evidence", "title"), max_length=200)
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    added_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    created_at = models.DateTimeField(pgettext_lazy("rubric", "added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.title


class ItemComment(PartnershipScopedModel):
    """A remark on an item by a member (stakeholders too, where the partnership allows)."""

    item = models.ForeignKey(
        AssessmentItem, on_delete=models.CASCADE, related_name="comments", verbose_name=_("item")
    )
    author = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("comment"), max_length=4000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class Schedule(PartnershipScopedModel):
    """A recurring obligation the Improve checklist asks for: what, how often, who, when next."""

    class Interval(models.IntegerChoices):
        MONTHLY = 1, _("Every month")
        QUARTERLY = 3, _("Every three months")
        TWICE_A_YEAR = 6, _("Twice a year")
        YEARLY = 12, _("Every year")
        EVERY_TWO_YEARS = 24, _("Every two years")

    title = models.CharField(_("what"), max_length=200)
    item_id = models.CharField(
        _("rubric item"),
        max_length=32,
        blank=True,
        help_text=_("The rubric item this schedule carries out."),
    )
    description = models.TextField(_("description"), blank=True)
    interval_months = models.PositiveSmallIntegerField(
        _("how often"), choices=Interval.choices, default=Interval.YEARLY
    )
    owner = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rubric_schedules",
        verbose_name=_("owner"),
    )
    next_due = models.DateField(_("next due"))
    is_active = models.BooleanField(pgettext_lazy("schedule", "active"), default=True)
    created_at = models.DateTimeField(pgettext_lazy("rubric", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["-is_active", "next_due", "title"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_active and self.next_due < today


class ScheduleCompletion(PartnershipScopedModel):
    """One time a schedule's obligation was carried out, with notes and an optional attachment."""

    schedule = models.ForeignKey(
        Schedule, on_delete=models.CASCADE, related_name="completions", verbose_name=_("schedule")
    )
    due_date = models.DateField(_("was due"))
    completed_on = models.DateField(_("done on"))
    completed_by = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("done by"),
    )
    notes = models.TextField(_("notes"), blank=True)
    file = models.FileField(
        _("attachment"), upload_to=completion_upload_to, blank=True, max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("rubric", "recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-due_date", "-created_at"]

    def __str__(self) -> str:
        return f"{self.schedule} ({self.due_date})"


class ReminderLog(PartnershipScopedModel):
    """A reminder that was sent, so the daily run never sends the same one twice."""

    key = models.CharField(_("reminder"), max_length=120)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.TextField(_("recipients"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="reminder_sent_once")
        ]

    def __str__(self) -> str:
        return self.key


class CalendarFeed(PartnershipScopedModel):
    """The secret behind a member's private iCalendar address; resetting it revokes old links."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="rubric_feed", verbose_name=_("member")
    )
    secret = models.CharField(_("secret"), max_length=64)
    created_at = models.DateTimeField(pgettext_lazy("rubric", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"feed {self.membership_id}"


class RubricSettings(PartnershipScopedModel):
    """How a partnership runs the rubric: who may comment, when reminders go out."""

    stakeholders_may_comment = models.BooleanField(
        _("community stakeholders may comment"),
        default=False,
        help_text=_("Let community stakeholder members comment on rubric items."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder days before due"),
        default=14,
        help_text=_("How many days before a due date the first reminder goes out."),
    )

    class Meta:
        verbose_name = _("rubric settings")
        verbose_name_plural = _("rubric settings")
        constraints = [models.UniqueConstraint(fields=["partnership"], name="rubric_settings_one")]

    def __str__(self) -> str:
        return f"rubric settings {self.partnership_id}"
