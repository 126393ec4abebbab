"""Writes for recurring schedules: create, change, record a completion (which moves next due)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership, Partnership

from .. import rules
from ..content import rubric_item
from ..models import Schedule, ScheduleCompletion
from .assessments import OWNER_NOT_ELIGIBLE
from .uploads import clean_file_name, upload_check

UNKNOWN_ITEM = _("There is no rubric item %(item)s.")
NOT_YOUR_SCHEDULE = _("Only the schedule's owner or a partnership leader can record it as done.")
SCHEDULE_INACTIVE = _("This schedule is paused. Turn it back on to record completions.")
DONE_IN_FUTURE = _("The date done cannot be in the future.")


def _check(partnership: Partnership, item_id: str, owner: Membership | None) -> None:
    if item_id and rubric_item(item_id) is None:
        raise ValidationError({"item_id": ValidationError(UNKNOWN_ITEM, params={"item": item_id})})
    if owner is not None and (owner.partnership_id != partnership.pk or not rules.may_own(owner)):
        raise ValidationError({"owner": OWNER_NOT_ELIGIBLE})


def schedule_create(
    *,
    partnership: Partnership,
    title: str,
    interval_months: int,
    next_due: datetime.date,
    item_id: str = "",
    description: str = "",
    owner: Membership | None = None,
) -> Schedule:
    """Set up a recurring obligation, such as reviewing the MOU every year."""
    _check(partnership, item_id, owner)
    schedule = Schedule(
        partnership=partnership,
        title=title,
        item_id=item_id,
        description=description,
        interval_months=interval_months,
        owner=owner,
        next_due=next_due,
    )
    schedule.full_clean()
    schedule.save()
    return schedule


def schedule_update(
    *,
    schedule: Schedule,
    title: str,
    interval_months: int,
    next_due: datetime.date,
    is_active: bool,
    item_id: str = "",
    description: str = "",
    owner: Membership | None = None,
) -> Schedule:
    """Change a schedule, pause it or turn it back on."""
    _check(schedule.partnership, item_id, owner)
    schedule.title = title
    schedule.item_id = item_id
    schedule.description = description
    schedule.interval_months = interval_months
    schedule.owner = owner
    schedule.next_due = next_due
    schedule.is_active = is_active
    schedule.full_clean()
    schedule.save()
    return schedule


@transaction.atomic
def schedule_complete(
    *,
    schedule: Schedule,
    by: Membership,
    completed_on: datetime.date,
    notes: str = "",
    upload: UploadedFile | None = None,
) -> ScheduleCompletion:
    """Record that the current occurrence was carried out; the next one falls one interval later."""
    if not rules.may_work_on(by, schedule.owner_id):
        raise ValidationError(NOT_YOUR_SCHEDULE)
    if not schedule.is_active:
        raise ValidationError(SCHEDULE_INACTIVE)
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": DONE_IN_FUTURE})
    locked = Schedule.objects.select_for_update().get(pk=schedule.pk)
    completion = ScheduleCompletion(
        partnership_id=locked.partnership_id,
        schedule=locked,
        due_date=locked.next_due,
        completed_on=completed_on,
        completed_by=by,
        notes=notes,
    )
    if upload is not None:
        upload_check(upload)
        completion.original_name = clean_file_name(upload.name or "")
        completion.file.save(completion.original_name, upload, save=False)
    completion.full_clean()
    completion.save()
    locked.next_due = rules.next_due_after_completion(locked.next_due, locked.interval_months)
    locked.save()
    schedule.refresh_from_db()
    return completion
