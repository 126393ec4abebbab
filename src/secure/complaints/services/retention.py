"""Retention: contact details go after the configured period from closing, unless on hold."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from secure.audit.models import AuditEvent
from secure.audit.registry import audit_record
from secure.partnerships.models import Partnership

from ..crypto import rotate_text
from ..models import Complaint, ComplaintAttachment, ComplaintEvent
from ..selectors import complaint_settings_for

DRAFT_UPLOAD_LIFETIME = datetime.timedelta(days=1)


def retention_over(*, complaint: Complaint, now: datetime.datetime | None = None) -> bool:
    """Closed for longer than the partnership's retention period."""
    now = now or timezone.now()
    if complaint.status != Complaint.Status.CLOSED or complaint.closed_at is None:
        return False
    days = complaint_settings_for(partnership=complaint.partnership).retention_days
    return now >= complaint.closed_at + datetime.timedelta(days=days)


def purge_due(*, complaint: Complaint, now: datetime.datetime | None = None) -> bool:
    """Retention is over, there is no litigation hold, and nothing was purged yet."""
    return (
        not complaint.litigation_hold
        and complaint.contact_purged_at is None
        and retention_over(complaint=complaint, now=now)
    )


@transaction.atomic
def complaint_contact_purge(
    *, complaint: Complaint, now: datetime.datetime | None = None
) -> Complaint:
    """Delete the complainant's name, e-mail address and phone number for good."""
    now = now or timezone.now()
    for field in Complaint.CONTACT_FIELDS:
        setattr(complaint, field, "")
    complaint.contact_purged_at = now
    complaint.save()
    ComplaintEvent.objects.create(
        partnership_id=complaint.partnership_id,
        complaint=complaint,
        kind=ComplaintEvent.Kind.PURGED,
        occurred_at=now,
    )
    return complaint


@dataclass(frozen=True)
class PurgeReport:
    purged: list[str]
    held: list[str]
    drafts_removed: int


def complaints_purge(
    *,
    now: datetime.datetime | None = None,
    partnership: Partnership | None = None,
    dry_run: bool = False,
) -> PurgeReport:
    """Purge every complaint whose retention has run out; report those kept by a hold."""
    now = now or timezone.now()
    closed = Complaint.objects.filter(
        status=Complaint.Status.CLOSED, contact_purged_at__isnull=True
    ).select_related("partnership")
    if partnership is not None:
        closed = closed.filter(partnership=partnership)
    purged: list[str] = []
    held: list[str] = []
    for complaint in closed:
        if not retention_over(complaint=complaint, now=now):
            continue
        if complaint.litigation_hold:
            held.append(complaint.record_number)
            continue
        if not dry_run:
            complaint_contact_purge(complaint=complaint, now=now)
        purged.append(complaint.record_number)
    drafts = 0 if dry_run else draft_uploads_purge(now=now)
    return PurgeReport(purged=purged, held=held, drafts_removed=drafts)


def draft_uploads_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove uploads of drafts that were never filed (after a day)."""
    now = now or timezone.now()
    stale = ComplaintAttachment.objects.filter(
        complaint__isnull=True, uploaded_at__lt=now - DRAFT_UPLOAD_LIFETIME
    )
    count = 0
    for upload in stale:
        default_storage.delete(upload.storage_name)
        upload.delete()
        count += 1
    return count


def complaint_keys_rotate() -> int:
    """Re-encrypt every protected value under the newest key (after adding one in front)."""
    count = 0
    for complaint in Complaint.objects.all().iterator():
        # Reading decrypts with any key; saving encrypts with the first.
        complaint.save(update_fields=list(Complaint.SENSITIVE_FIELDS))
        count += 1
    for event in ComplaintEvent.objects.exclude(complainant_text="").iterator():
        event.save(update_fields=["complainant_text"])
    for upload in ComplaintAttachment.objects.all().iterator():
        with default_storage.open(upload.storage_name, "rb") as handle:
            token = handle.read()
        rotated = rotate_text(token.decode("ascii")).encode("ascii")
        default_storage.delete(upload.storage_name)
        default_storage.save(upload.storage_name, ContentFile(rotated))
        upload.save(update_fields=["original_name"])
    audit_record(
        action=AuditEvent.Action.UPDATE,
        object_repr="complaints: encryption keys rotated",
        changes={"complaints": [None, count]},
    )
    return count
