"""E-mail reminders before and when schedules and action-plan items fall due, and while overdue.

``reminders_send`` is what the daily ``secure rubric remind`` run and the "Send reminders now"
button both call. Each reminder has a key (what, which due date, which kind, which overdue week);
a key is sent once, so running it twice a day, or on demand after the cron run, sends nothing new.
"""

from __future__ import annotations

import datetime
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from secure.partnerships.models import Membership, Partnership
from secure.partnerships.roles import Role

from .. import rules
from ..content import rubric_item
from ..models import Assessment, AssessmentItem, ReminderLog, Schedule
from .items import rubric_settings_for


@dataclass
class Reminder:
    """One thing to remind people of today."""

    key: str
    kind: str
    title: str
    due: datetime.date
    path: str
    recipients: list[Membership] = field(default_factory=list)


def base_url() -> str:
    """Where links in e-mails point: ``SECURE_BASE_URL`` (setting or environment)."""
    value = getattr(settings, "SECURE_BASE_URL", "") or os.environ.get("SECURE_BASE_URL", "")
    return (value or "http://localhost:8000").rstrip("/")


def _admins(partnership: Partnership) -> list[Membership]:
    return list(
        Membership.objects.for_partnership(partnership)
        .select_related("user")
        .filter(role=Role.PARTNERSHIP_ADMIN, is_active=True, user__is_active=True)
    )


def _recipients(owner: Membership | None, admins: list[Membership]) -> list[Membership]:
    """The owner if they can still act on it; otherwise the partnership's administrators."""
    if owner is not None and owner.user.is_active and rules.may_own(owner):
        return [owner]
    return admins


def _schedule_reminders(
    partnership: Partnership, today: datetime.date, days_before: int, admins: list[Membership]
) -> Iterable[Reminder]:
    schedules = Schedule.objects.for_partnership(partnership).filter(is_active=True)
    for schedule in schedules.select_related("owner__user"):
        kind = rules.reminder_kind(due=schedule.next_due, today=today, days_before=days_before)
        if kind is None:
            continue
        yield Reminder(
            key=rules.reminder_key(
                subject=f"schedule:{schedule.pk}", due=schedule.next_due, kind=kind, today=today
            ),
            kind=kind,
            title=schedule.title,
            due=schedule.next_due,
            path=reverse(
                "rubric:schedule_detail",
                kwargs={"partnership_slug": partnership.slug, "pk": schedule.pk},
            ),
            recipients=_recipients(schedule.owner, admins),
        )


def _item_reminders(
    partnership: Partnership, today: datetime.date, days_before: int, admins: list[Membership]
) -> Iterable[Reminder]:
    items = (
        AssessmentItem.objects.for_partnership(partnership)
        .filter(
            assessment__status=Assessment.Status.OPEN,
            status__in=[AssessmentItem.Status.NOT_STARTED, AssessmentItem.Status.IN_PROGRESS],
        )
        .exclude(due_date=None)
        .select_related("owner__user", "assessment")
    )
    for item in items:
        assert item.due_date is not None
        kind = rules.reminder_kind(due=item.due_date, today=today, days_before=days_before)
        if kind is None:
            continue
        found = rubric_item(item.item_id)
        text = found.text if found else item.item_id
        yield Reminder(
            key=rules.reminder_key(
                subject=f"item:{item.pk}", due=item.due_date, kind=kind, today=today
            ),
            kind=kind,
            title=f"{item.item_id} {text}",
            due=item.due_date,
            path=reverse(
                "rubric:item_detail",
                kwargs={
                    "partnership_slug": partnership.slug,
                    "pk": item.assessment_id,
                    "item_id": item.item_id,
                },
            ),
            recipients=_recipients(item.owner, admins),
        )


def reminders_due(*, partnership: Partnership, today: datetime.date) -> list[Reminder]:
    """What would be sent today for this partnership (nothing already sent)."""
    days_before = rubric_settings_for(partnership=partnership).reminder_days_before
    admins = _admins(partnership)
    candidates = [
        *_schedule_reminders(partnership, today, days_before, admins),
        *_item_reminders(partnership, today, days_before, admins),
    ]
    sent = set(
        ReminderLog.objects.for_partnership(partnership)
        .filter(key__in=[c.key for c in candidates])
        .values_list("key", flat=True)
    )
    return [c for c in candidates if c.key not in sent and c.recipients]


def _send_to(
    member: Membership, partnership: Partnership, reminders: list[Reminder], site: str
) -> None:
    language = member.user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        overdue = sum(1 for r in reminders if r.kind == "overdue")
        subject = _("SECURE reminders for %(partnership)s") % {"partnership": partnership.name}
        if overdue:
            subject += " — " + _("%(count)s overdue") % {"count": overdue}
        body = render_to_string(
            "rubric/email/reminders.txt",
            {
                "member": member,
                "partnership": partnership,
                "reminders": sorted(reminders, key=lambda r: r.due),
                "site": site,
                "my_tasks": reverse(
                    "rubric:my_tasks", kwargs={"partnership_slug": partnership.slug}
                ),
            },
        )
    send_mail(subject, body, None, [member.user.email])


def reminders_send(
    *,
    partnership: Partnership,
    today: datetime.date,
    site: str | None = None,
    dry_run: bool = False,
) -> list[Reminder]:
    """Send today's reminders for one partnership, one e-mail per person; return what was sent."""
    due = reminders_due(partnership=partnership, today=today)
    if dry_run or not due:
        return due
    sent: list[Reminder] = []
    for reminder in due:
        try:
            with transaction.atomic():
                ReminderLog.objects.create(
                    partnership=partnership,
                    key=reminder.key,
                    recipients=", ".join(m.user.email for m in reminder.recipients),
                )
        except IntegrityError:
            continue  # another run claimed it first
        sent.append(reminder)
    by_member: dict[int, list[Reminder]] = defaultdict(list)
    members: dict[int, Membership] = {}
    for reminder in sent:
        for member in reminder.recipients:
            by_member[member.pk].append(reminder)
            members[member.pk] = member
    for member_id, reminders in by_member.items():
        _send_to(members[member_id], partnership, reminders, site or base_url())
    return sent
