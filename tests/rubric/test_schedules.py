"""Recurring schedules, the calendar, e-mail reminders (command and on demand), the iCalendar feed."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from secure.partnerships.roles import Role
from secure.partnerships.services import membership_update
from secure.rubric import services
from secure.rubric.models import AssessmentItem, ReminderLog, ScheduleCompletion

from .factories import assessment_make, schedule_make

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = timezone.localdate


def test_recording_a_completion_moves_the_next_due_date(riverside, members):
    """A yearly review due 1 Sep 2025 done on 20 Sep is next due 1 Sep 2026, with its history."""
    owner = members[("riverside", Role.DISTRICT_LEADER)]
    schedule = schedule_make(riverside, owner=owner, next_due=D(2025, 9, 1))
    services.schedule_complete(
        schedule=schedule,
        by=owner,
        completed_on=D(2025, 9, 20),
        notes="Revised with the parents council.",
        upload=SimpleUploadedFile("minutes.txt", b"made-up minutes\n"),
    )
    assert schedule.next_due == D(2026, 9, 1)
    done = ScheduleCompletion.objects.get()
    assert (done.due_date, done.completed_on, done.original_name) == (
        D(2025, 9, 1),
        D(2025, 9, 20),
        "minutes.txt",
    )


def test_only_the_owner_or_a_leader_records_completions(riverside, members):
    """An analyst cannot close someone else's schedule; dates in the future are refused."""
    schedule = schedule_make(riverside, owner=members[("riverside", Role.SCHOOL_ADMIN)])
    with pytest.raises(ValidationError, match="owner or a partnership leader"):
        services.schedule_complete(
            schedule=schedule, by=members[("riverside", Role.DATA_ANALYST)], completed_on=TODAY()
        )
    with pytest.raises(ValidationError):
        services.schedule_complete(
            schedule=schedule,
            by=members[("riverside", Role.SCHOOL_ADMIN)],
            completed_on=TODAY() + datetime.timedelta(days=1),
        )


def test_a_schedule_names_a_real_rubric_item(riverside):
    """A typo in the item id is caught."""
    with pytest.raises(ValidationError) as error:
        schedule_make(riverside, item_id="1.improve.9")
    assert error.value.message_dict["item_id"] == ["There is no rubric item 1.improve.9."]


def test_the_owner_records_completion_in_the_web(riverside, members, client_for):
    """The owner's form on the schedule page records it; a colleague gets 403."""
    schedule = schedule_make(
        riverside,
        owner=members[("riverside", Role.SCHOOL_ADMIN)],
        next_due=D(2025, 1, 10),
        interval_months=3,
    )
    url = reverse("rubric:schedule_detail", args=["riverside", schedule.pk])
    assert (
        client_for("riverside", Role.SRO).post(url, {"completed_on": "2025-01-12"}).status_code
        == 403
    )
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    client.post(url, {"completed_on": "2025-01-12", "notes": "Reviewed with staff."})
    schedule.refresh_from_db()
    assert schedule.next_due == D(2025, 4, 10)
    assert "Reviewed with staff." in client.get(url).content.decode()


def test_the_calendar_shows_recurrences_completions_and_item_due_dates(
    riverside, members, client_for
):
    """A quarterly schedule repeats in later months; item due dates and completions show too."""
    leader = members[("riverside", Role.DISTRICT_LEADER)]
    schedule = schedule_make(
        riverside, owner=leader, next_due=D(2030, 1, 15), interval_months=3, title="Data review"
    )
    cycle = assessment_make(riverside)
    services.assessment_item_update(
        item=cycle.items.get(item_id="2.start.4"), status="in_progress", due_date=D(2030, 4, 3)
    )
    client = client_for("riverside", Role.AUDITOR)
    april = client.get(
        reverse("rubric:calendar", args=["riverside"]), {"month": "2030-04"}
    ).content.decode()
    assert "Data review" in april and "2.start.4" in april
    assert (
        "Data review"
        not in client.get(
            reverse("rubric:calendar", args=["riverside"]), {"month": "2030-03"}
        ).content.decode()
    )
    assert schedule.pk


def _reminder_setup(riverside, members):
    owner = members[("riverside", Role.AGENCY_LEADER)]
    schedule = schedule_make(
        riverside, owner=owner, next_due=D(2026, 10, 1), title="Hiring guidelines review"
    )
    return owner, schedule


def test_reminders_go_before_on_and_after_the_due_date_once_each(riverside, members):
    """14 days before, on the day, and weekly while overdue; re-running the same day sends nothing."""
    owner, _schedule = _reminder_setup(riverside, members)
    sent_on = {}
    for day in (
        D(2026, 9, 16),
        D(2026, 9, 17),
        D(2026, 9, 18),
        D(2026, 10, 1),
        D(2026, 10, 2),
        D(2026, 10, 5),
        D(2026, 10, 9),
    ):
        sent_on[day] = [r.kind for r in services.reminders_send(partnership=riverside, today=day)]
    assert sent_on == {
        D(2026, 9, 16): [],
        D(2026, 9, 17): ["upcoming"],
        D(2026, 9, 18): [],
        D(2026, 10, 1): ["due"],
        D(2026, 10, 2): ["overdue"],
        D(2026, 10, 5): [],
        D(2026, 10, 9): ["overdue"],
    }
    assert len(mail.outbox) == 4
    assert mail.outbox[-1].to == [owner.user.email]
    assert (
        "overdue" in mail.outbox[-1].subject and "Hiring guidelines review" in mail.outbox[-1].body
    )
    assert "/p/riverside/rubric/schedules/" in mail.outbox[-1].body


def test_items_without_a_usable_owner_remind_the_administrators(riverside, members):
    """An overdue item whose owner was deactivated goes to the partnership administrators."""
    cycle = assessment_make(riverside)
    sro = members[("riverside", Role.SRO)]
    row = cycle.items.get(item_id="4.start.4")
    services.assessment_item_update(
        item=row, status=AssessmentItem.Status.IN_PROGRESS, owner=sro, due_date=D(2026, 3, 1)
    )
    membership_update(membership=sro, role=Role.SRO, is_active=False)
    [reminder] = services.reminders_send(partnership=riverside, today=D(2026, 3, 4))
    assert reminder.kind == "overdue"
    assert mail.outbox[0].to == [members[("riverside", Role.PARTNERSHIP_ADMIN)].user.email]
    assert "Train SROs to exercise discretion" in mail.outbox[0].body


def test_done_items_and_paused_schedules_send_nothing(riverside, members):
    """Reminders stop once the work is done or the schedule is paused."""
    _owner, schedule = _reminder_setup(riverside, members)
    services.schedule_update(
        schedule=schedule,
        title=schedule.title,
        interval_months=12,
        next_due=schedule.next_due,
        is_active=False,
    )
    cycle = assessment_make(riverside)
    services.assessment_item_update(
        item=cycle.items.get(item_id="2.start.1"),
        status=AssessmentItem.Status.DONE,
        due_date=D(2026, 10, 1),
    )
    assert services.reminders_send(partnership=riverside, today=D(2026, 10, 1)) == []


def test_the_command_sends_for_every_partnership_and_can_rehearse(
    riverside, lakeside, members, capsys
):
    """`secure rubric remind --dry-run` lists without sending; the real run sends and logs."""
    _reminder_setup(riverside, members)
    schedule_make(
        lakeside, owner=members[("lakeside", Role.DISTRICT_LEADER)], next_due=D(2026, 9, 20)
    )
    call_command("rubric", "remind", "--date", "2026-10-01", "--dry-run")
    out = capsys.readouterr().out
    assert "2 reminder(s) would send" in out and not mail.outbox
    call_command("rubric", "remind", "--date", "2026-10-01")
    assert "2 reminder(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 2 and ReminderLog.objects.count() == 2
    call_command("rubric", "remind", "--date", "2026-10-01", "--partnership", "lakeside")
    assert "0 reminder(s) sent" in capsys.readouterr().out


def test_leaders_send_reminders_on_demand(riverside, members, client_for):
    """The reminders page lists what is waiting today and sends it at the press of a button."""
    schedule_make(
        riverside,
        owner=members[("riverside", Role.DATA_ANALYST)],
        next_due=TODAY() - datetime.timedelta(days=3),
        title="Quarterly data review",
    )
    client = client_for("riverside", Role.DISTRICT_LEADER)
    url = reverse("rubric:reminders", args=["riverside"])
    assert "Quarterly data review" in client.get(url).content.decode()
    client.post(url)
    assert mail.outbox[0].to == [members[("riverside", Role.DATA_ANALYST)].user.email]
    assert "Nothing to send today" in client.get(url).content.decode()


def test_each_member_has_a_private_calendar_feed(riverside, members, client_for):
    """The feed lists the member's schedules (repeating) and dated items; a reset revokes it."""
    analyst = members[("riverside", Role.DATA_ANALYST)]
    schedule_make(
        riverside, owner=analyst, next_due=D(2026, 1, 15), interval_months=3, title="Data review"
    )
    schedule_make(riverside, owner=members[("riverside", Role.SRO)], title="Someone else's")
    cycle = assessment_make(riverside)
    services.assessment_item_update(
        item=cycle.items.get(item_id="2.start.4"),
        status="in_progress",
        owner=analyst,
        due_date=D(2026, 2, 1),
    )
    client = client_for("riverside", Role.DATA_ANALYST)
    page = client.get(reverse("rubric:calendar_subscribe", args=["riverside"]))
    feed_url = page.context["feed_url"]
    response = Client().get(feed_url)
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    assert (
        summaries[0].startswith("2.start.4 Disaggregate the data") and summaries[1] == "Data review"
    )
    review = next(e for e in events if str(e["summary"]) == "Data review")
    assert review["rrule"]["FREQ"] == ["MONTHLY"] and review["rrule"]["INTERVAL"] == [3]
    assert review.decoded("dtstart") == D(2026, 1, 15)
    client.post(reverse("rubric:calendar_subscribe", args=["riverside"]))
    assert Client().get(feed_url).status_code == 404
    assert Client().get(feed_url.replace(".ics", "x.ics")).status_code == 404


def test_a_deactivated_member_s_feed_stops(riverside, members, client_for):
    """Leaving the partnership closes the calendar feed too."""
    sro = members[("riverside", Role.SRO)]
    feed_url = (
        client_for("riverside", Role.SRO)
        .get(reverse("rubric:calendar_subscribe", args=["riverside"]))
        .context["feed_url"]
    )
    assert Client().get(feed_url).status_code == 200
    membership_update(membership=sro, role=Role.SRO, is_active=False)
    assert Client().get(feed_url).status_code == 404
