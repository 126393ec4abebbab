"""A member's rubric obligations as an iCalendar (RFC 5545) feed, written with ``icalendar``."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from secure.partnerships.models import Membership

from .selectors import my_tasks

PRODID = "-//SECURE//Rubric schedules//EN"


def member_calendar(*, membership: Membership, site: str) -> bytes:
    """Recurring schedules (with RRULE) and dated items the member owns, as all-day events."""
    tasks = my_tasks(membership=membership)
    slug = membership.partnership.slug
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"SECURE — {membership.partnership.name}")
    stamp = timezone.now()
    for schedule in tasks["schedules"]:
        url = site + reverse(
            "rubric:schedule_detail", kwargs={"partnership_slug": slug, "pk": schedule.pk}
        )
        event = Event()
        event.add("uid", f"schedule-{schedule.pk}@secure")
        event.add("dtstamp", stamp)
        event.add("summary", schedule.title)
        event.add("dtstart", schedule.next_due)
        event.add("dtend", schedule.next_due + datetime.timedelta(days=1))
        event.add("rrule", {"freq": "monthly", "interval": schedule.interval_months})
        event.add("description", f"{schedule.description}\n{url}".strip())
        event.add("url", url)
        cal.add_component(event)
    for entry in tasks["items"]:
        row = entry.row
        if row.due_date is None:
            continue
        url = site + reverse(
            "rubric:item_detail",
            kwargs={"partnership_slug": slug, "pk": row.assessment_id, "item_id": row.item_id},
        )
        event = Event()
        event.add("uid", f"item-{row.pk}@secure")
        event.add("dtstamp", stamp)
        event.add("summary", f"{row.item_id} {entry.item.text}")
        event.add("dtstart", row.due_date)
        event.add("dtend", row.due_date + datetime.timedelta(days=1))
        event.add("description", url)
        event.add("url", url)
        cal.add_component(event)
    return cal.to_ical()
