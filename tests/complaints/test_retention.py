"""Retention: contact details are purged after the period from closing, unless on hold."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from secure.complaints.models import Complaint, ComplaintAttachment, ComplaintEvent
from secure.complaints.services import workflow
from secure.complaints.services.config import complaint_settings_update
from secure.complaints.services.intake import attachment_store
from secure.complaints.services.retention import complaints_purge, purge_due

from .factories import PNG, complaint_make

pytestmark = pytest.mark.django_db


def closed_complaint(partnership, days_ago: int, **fields) -> Complaint:
    complaint = complaint_make(
        partnership, contact_name="Ana", contact_email="ana@example.org", **fields
    )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    workflow.complaint_close(complaint=complaint, actor=None, reason="Done", at=when)
    return complaint


def test_contact_details_go_after_the_retention_period(riverside):
    """Closed 400 days ago with a 365-day period: name and e-mail are gone, the case stays."""
    complaint_settings_update(
        partnership=riverside,
        acknowledge_within_days=5,
        resolve_within_days=60,
        retention_days=365,
    )
    old = closed_complaint(riverside, 400)
    recent = closed_complaint(riverside, 100)
    report = complaints_purge()
    assert report.purged == [old.record_number]
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact_email == "" and old.contact_name == "" and old.contact_purged_at
    assert old.narrative  # the complaint itself is kept for the record and the reports
    assert old.events.filter(kind=ComplaintEvent.Kind.PURGED).exists()
    assert recent.contact_email == "ana@example.org"


def test_a_litigation_hold_stops_the_purge(riverside):
    """A held complaint keeps its contact details and is reported as held; lifting the hold
    lets the next purge remove them."""
    complaint = closed_complaint(riverside, 5000)
    workflow.complaint_hold_set(complaint=complaint, actor=None, on=True, reason="Doe v. District")
    report = complaints_purge()
    assert report.purged == [] and report.held == [complaint.record_number]
    complaint.refresh_from_db()
    assert complaint.contact_email == "ana@example.org"
    workflow.complaint_hold_set(complaint=complaint, actor=None, on=False, reason="Case settled")
    assert purge_due(complaint=complaint)
    assert complaints_purge().purged == [complaint.record_number]


def test_open_complaints_are_never_purged(riverside):
    """Only closed complaints count down; an old open one keeps everything."""
    complaint = complaint_make(
        riverside,
        contact_email="open@example.org",
        happened_on=None,
        submitted_at=timezone.now() - datetime.timedelta(days=5000),
    )
    assert complaints_purge().purged == []
    complaint.refresh_from_db()
    assert complaint.contact_email == "open@example.org"


def test_the_purge_command_runs_from_cron(riverside):
    """`secure complaints purge` reports what it did; --dry-run changes nothing."""
    complaint = closed_complaint(riverside, 5000)
    out = io.StringIO()
    call_command("complaints", "purge", "--dry-run", stdout=out)
    assert "Would purge contact details of 1 complaints." in out.getvalue()
    complaint.refresh_from_db()
    assert complaint.contact_email == "ana@example.org"
    out = io.StringIO()
    call_command("complaints", "purge", stdout=out)
    assert complaint.record_number in out.getvalue()
    complaint.refresh_from_db()
    assert complaint.contact_email == ""


def test_uploads_of_abandoned_drafts_are_removed_after_a_day(riverside):
    """A file uploaded to a draft that was never sent does not stay forever."""
    upload = attachment_store(partnership=riverside, name="a.png", data=PNG, draft_key="abandoned")
    ComplaintAttachment.objects.filter(pk=upload.pk).update(
        uploaded_at=timezone.now() - datetime.timedelta(days=2)
    )
    fresh = attachment_store(partnership=riverside, name="b.png", data=PNG, draft_key="working")
    assert complaints_purge().drafts_removed == 1
    assert list(ComplaintAttachment.objects.all()) == [fresh]
