"""The staff side of a case: one function per change, each leaving an event in the history.

Statuses move only through the transition functions here:

    received ──acknowledge──▶ under review ──resolve──▶ resolved ──close──▶ closed
        │                          │                        ▲                  │
        └──────────close (reason)──┴───────────────▶ closed │                  │
                                   ▲                        │                  │
                                   └─────────reopen (reason)┴──────────────────┘
"""

from __future__ import annotations

import datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.audit.models import AuditEvent
from secure.audit.registry import audit_record
from secure.partnerships.models import Membership

from ..models import Complaint, ComplaintEvent, Outcome
from ..selectors import assignable_members
from .mail import message_send

S = Complaint.Status

NOT_ALLOWED = _("This change is not possible while the complaint is “%(status)s”.")
REASON_REQUIRED = _("Please give a reason: it is kept in the case history.")
OUTCOME_REQUIRED = _("Choose the outcome.")
OUTCOME_SHARED_REQUIRED = _(
    "Write what the complainant will be told: it appears on their status page."
)
NOT_ASSIGNABLE = _("This person cannot handle complaints, or is named in this one.")
NOTE_REQUIRED = _("Write the note.")
MESSAGE_REQUIRED = _("Write the message.")
HOLD_REASON_REQUIRED = _("Give the reason for the litigation hold (for example the case name).")
NAMED_OTHER_PARTNERSHIP = _("Only members of this partnership can be named.")
PURGED = _("The contact details of this complaint have been purged.")


def _event(
    *,
    complaint: Complaint,
    kind: str,
    actor: Membership | None,
    text: str = "",
    public_text: str = "",
    from_status: str = "",
    to_status: str = "",
    at: datetime.datetime | None = None,
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        partnership_id=complaint.partnership_id,
        complaint=complaint,
        kind=kind,
        actor=actor,
        text=text,
        public_text=public_text,
        from_status=from_status,
        to_status=to_status,
        occurred_at=at or timezone.now(),
    )


def _move(
    *,
    complaint: Complaint,
    allowed_from: set[str],
    to: str,
    actor: Membership | None,
    reason: str,
    public_text: str = "",
    at: datetime.datetime | None = None,
) -> datetime.datetime:
    """Check and record one status change; returns its time."""
    if complaint.status not in allowed_from:
        raise ValidationError(NOT_ALLOWED % {"status": complaint.get_status_display()})
    at = at or timezone.now()
    _event(
        complaint=complaint,
        kind=ComplaintEvent.Kind.STATUS,
        actor=actor,
        text=reason.strip(),
        public_text=public_text.strip(),
        from_status=complaint.status,
        to_status=to,
        at=at,
    )
    complaint.status = to
    return at


@transaction.atomic
def complaint_acknowledge(
    *,
    complaint: Complaint,
    actor: Membership | None,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> Complaint:
    """A person has read the new complaint: it is now under review (meets the acknowledge deadline)."""
    at = _move(
        complaint=complaint,
        allowed_from={S.RECEIVED},
        to=S.UNDER_REVIEW,
        actor=actor,
        reason=reason,
        at=at,
    )
    complaint.acknowledged_at = at
    complaint.save()
    return complaint


@transaction.atomic
def complaint_resolve(
    *,
    complaint: Complaint,
    actor: Membership | None,
    outcome: str,
    outcome_shared: str,
    reason: str,
    status_url: str = "",
    at: datetime.datetime | None = None,
) -> Complaint:
    """Record the outcome and what the complainant is told (status page, and e-mail if given)."""
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": OUTCOME_REQUIRED})
    if not outcome_shared.strip():
        raise ValidationError({"outcome_shared": OUTCOME_SHARED_REQUIRED})
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    at = _move(
        complaint=complaint,
        allowed_from={S.UNDER_REVIEW},
        to=S.RESOLVED,
        actor=actor,
        reason=reason,
        public_text=outcome_shared,
        at=at,
    )
    complaint.outcome = outcome
    complaint.outcome_shared = outcome_shared.strip()
    complaint.resolved_at = at
    complaint.save()
    if complaint.contact_email:
        subject = f"{complaint.record_number}"
        transaction.on_commit(
            lambda: message_send(
                complaint=complaint,
                subject=subject,
                body=complaint.outcome_shared,
                status_url=status_url,
            )
        )
    return complaint


@transaction.atomic
def complaint_close(
    *,
    complaint: Complaint,
    actor: Membership | None,
    reason: str,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Close the file (after resolution, or early with a reason such as a duplicate).

    Closing starts the retention period for the contact details.
    """
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    at = _move(
        complaint=complaint,
        allowed_from={S.RECEIVED, S.UNDER_REVIEW, S.RESOLVED},
        to=S.CLOSED,
        actor=actor,
        reason=reason,
        at=at,
    )
    complaint.closed_at = at
    complaint.save()
    return complaint


@transaction.atomic
def complaint_reopen(
    *,
    complaint: Complaint,
    actor: Membership | None,
    reason: str,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Take a resolved or closed complaint back under review (new information, an appeal)."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    _move(
        complaint=complaint,
        allowed_from={S.RESOLVED, S.CLOSED},
        to=S.UNDER_REVIEW,
        actor=actor,
        reason=reason,
        at=at,
    )
    complaint.resolved_at = None
    complaint.closed_at = None
    complaint.outcome = ""
    complaint.save()
    return complaint


@transaction.atomic
def complaint_assign(
    *,
    complaint: Complaint,
    actor: Membership | None,
    assignee: Membership | None,
    at: datetime.datetime | None = None,
) -> Complaint:
    """Give the complaint to someone who handles complaints (or to nobody)."""
    if (
        assignee is not None
        and not assignable_members(complaint=complaint).filter(pk=assignee.pk).exists()
    ):
        raise ValidationError({"assignee": NOT_ASSIGNABLE})
    complaint.assignee = assignee
    complaint.save()
    _event(
        complaint=complaint,
        kind=ComplaintEvent.Kind.ASSIGNED,
        actor=actor,
        text=assignee.user.get_full_name() or assignee.user.email if assignee else "",
        at=at,
    )
    return complaint


INCIDENT_NOT_FOUND = _("No incident with that number in this partnership's data.")
INCIDENT_ALREADY_LINKED = _("That incident is already linked to this complaint.")


@transaction.atomic
def complaint_incident_link(
    *, complaint: Complaint, actor: Membership | None, number: str, note: str = ""
) -> ComplaintEvent:
    """Link an incident of the same partnership, found by its incident number, to the complaint."""
    incident_model = apps.get_model("incidents", "Incident")
    incident = (
        incident_model.objects.for_partnership(complaint.partnership)
        .filter(number=number.strip())
        .first()
    )
    if incident is None:
        raise ValidationError({"number": INCIDENT_NOT_FOUND})
    if complaint.linked_incidents.filter(pk=incident.pk).exists():
        raise ValidationError({"number": INCIDENT_ALREADY_LINKED})
    complaint.linked_incidents.add(incident)
    text = f"{incident.number} ({incident.occurred_on:%Y-%m-%d})"
    return _event(
        complaint=complaint,
        kind=ComplaintEvent.Kind.LINKED,
        actor=actor,
        text=f"{text}: {note.strip()}" if note.strip() else text,
    )


@transaction.atomic
def complaint_incident_unlink(
    *, complaint: Complaint, actor: Membership | None, incident: Any
) -> ComplaintEvent:
    """Remove the link between the complaint and one of its linked incidents."""
    complaint.linked_incidents.remove(incident)
    return _event(
        complaint=complaint, kind=ComplaintEvent.Kind.UNLINKED, actor=actor, text=incident.number
    )


def complaint_note_add(
    *, complaint: Complaint, actor: Membership | None, text: str
) -> ComplaintEvent:
    """An internal note: staff only, never shown to the complainant."""
    if not text.strip():
        raise ValidationError({"text": NOTE_REQUIRED})
    return _event(
        complaint=complaint, kind=ComplaintEvent.Kind.NOTE, actor=actor, text=text.strip()
    )


@transaction.atomic
def complaint_message_send(
    *,
    complaint: Complaint,
    actor: Membership | None,
    subject: str,
    body: str,
    status_url: str = "",
) -> ComplaintEvent:
    """Write to the complainant: shown on their status page, and e-mailed when there is an address."""
    if not body.strip():
        raise ValidationError({"body": MESSAGE_REQUIRED})
    body = body.replace("{record_number}", complaint.record_number).strip()
    subject = (subject or complaint.record_number).replace(
        "{record_number}", complaint.record_number
    )
    event = _event(
        complaint=complaint,
        kind=ComplaintEvent.Kind.MESSAGE,
        actor=actor,
        text=subject,
        public_text=body,
    )
    if complaint.contact_email:
        transaction.on_commit(
            lambda: message_send(
                complaint=complaint, subject=subject, body=body, status_url=status_url
            )
        )
    return event


@transaction.atomic
def complaint_named_members_set(
    *, complaint: Complaint, actor: Membership | None, members: list[Membership]
) -> Complaint:
    """Record which members the complaint is about; they lose sight of it at once."""
    if any(m.partnership_id != complaint.partnership_id for m in members):
        raise ValidationError({"members": NAMED_OTHER_PARTNERSHIP})
    before = set(complaint.named_members.values_list("pk", flat=True))
    after = {m.pk for m in members}
    complaint.named_members.set(members)
    if complaint.assignee_id in after:
        complaint.assignee = None
        complaint.save()
    if before != after:
        audit_record(
            action=AuditEvent.Action.UPDATE,
            instance=complaint,
            changes={"named_members": [sorted(before), sorted(after)]},
        )
        _event(
            complaint=complaint,
            kind=ComplaintEvent.Kind.NAMED,
            actor=actor,
            text=", ".join(m.user.get_full_name() or m.user.email for m in members),
        )
    return complaint


@transaction.atomic
def complaint_hold_set(
    *, complaint: Complaint, actor: Membership | None, on: bool, reason: str
) -> Complaint:
    """Put on or lift a litigation hold: while on, the purge keeps the contact details."""
    if not reason.strip():
        raise ValidationError({"reason": HOLD_REASON_REQUIRED if on else REASON_REQUIRED})
    complaint.litigation_hold = on
    complaint.hold_reason = reason.strip() if on else ""
    complaint.save()
    _event(complaint=complaint, kind=ComplaintEvent.Kind.HOLD, actor=actor, text=reason.strip())
    return complaint


def complaint_sensitive_view_record(*, complaint: Complaint, what: str) -> None:
    """Note in the audit trail that someone looked at the complaint's protected details."""
    audit_record(
        action=AuditEvent.Action.VIEW,
        instance=complaint,
        changes={"viewed": [None, what]},
    )
