"""A complaint and what hangs off it: events (status changes, notes, messages), attachments."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.tenancy import PartnershipScopedModel

from ..fields import EncryptedTextField
from .choices import Outcome, Relationship


class Complaint(PartnershipScopedModel):
    """One complaint or piece of input received through the public intake."""

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("complaint status", "Received")
        UNDER_REVIEW = "under_review", pgettext_lazy("complaint status", "Under review")
        RESOLVED = "resolved", pgettext_lazy("complaint status", "Resolved")
        CLOSED = "closed", pgettext_lazy("complaint status", "Closed")

    # Encrypted at rest, shown only to complaint.contact_view, every view recorded.
    SENSITIVE_FIELDS = (
        "narrative",
        "people_named",
        "location_detail",
        "contact_name",
        "contact_email",
        "contact_phone",
    )
    CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")

    record_number = models.CharField(_("record number"), max_length=16, unique=True)
    status_code_hash = models.CharField(max_length=200, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    language = models.CharField(
        _("language of the complainant"),
        max_length=8,
        help_text=_("Messages to the complainant are written in this language."),
    )

    # What happened (summary fields are visible to everyone who sees the queue).
    concerns = models.JSONField(_("kinds of concern"), default=list)
    bases = models.JSONField(_("bases of discrimination"), default=list, blank=True)
    involved = models.JSONField(_("who was involved"), default=list)
    relationship = models.CharField(_("person filing"), max_length=16, choices=Relationship.choices)
    school = models.ForeignKey(
        "partnerships.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("school"),
    )
    happened_on = models.DateField(_("date it happened"), null=True, blank=True)

    # Sensitive: encrypted.
    narrative = EncryptedTextField(_("what happened"))
    people_named = EncryptedTextField(_("people named"), blank=True)
    location_detail = EncryptedTextField(_("where it happened"), blank=True)
    contact_name = EncryptedTextField(_("name"), blank=True)
    contact_email = EncryptedTextField(_("e-mail address"), blank=True)
    contact_phone = EncryptedTextField(_("phone number"), blank=True)

    # Case handling.
    # Incidents from the data module that this complaint concerns (same partnership only; the
    # link lives here so that the incident data never depends on complaints).
    linked_incidents = models.ManyToManyField(
        "incidents.Incident",
        blank=True,
        related_name="+",
        verbose_name=_("linked incidents"),
    )
    named_members = models.ManyToManyField(
        "partnerships.Membership",
        blank=True,
        related_name="+",
        verbose_name=_("members named in the complaint"),
        help_text=_("A member named in a complaint can never see it (conflict of interest)."),
    )
    assignee = models.ForeignKey(
        "partnerships.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    received_at = models.DateTimeField(_("received"), db_index=True)
    acknowledge_by = models.DateField(_("acknowledge by"))
    resolve_by = models.DateField(_("resolve by"))
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=24, choices=Outcome.choices, blank=True)
    outcome_shared = models.TextField(
        _("outcome shared with the complainant"),
        blank=True,
        help_text=_("Shown on the public status page and e-mailed when there is an address."),
    )
    litigation_hold = models.BooleanField(
        _("litigation hold"),
        default=False,
        help_text=_("While on, contact details are kept past the retention period."),
    )
    hold_reason = models.CharField(_("reason for the hold"), max_length=300, blank=True)
    contact_purged_at = models.DateTimeField(_("contact details purged"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["partnership", "status"], name="complaint_by_status")]

    def __str__(self) -> str:
        return self.record_number

    @property
    def is_anonymous(self) -> bool:
        return not (self.contact_email or self.contact_phone or self.contact_name)

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.RECEIVED, self.Status.UNDER_REVIEW}

    def acknowledgement_overdue(self, *, today: datetime.date | None = None) -> bool:
        """Still waiting for a person to acknowledge it after the deadline."""
        today = today or timezone.localdate()
        return self.status == self.Status.RECEIVED and today > self.acknowledge_by

    def resolution_overdue(self, *, today: datetime.date | None = None) -> bool:
        """Still open after the resolution deadline."""
        today = today or timezone.localdate()
        return self.is_open and today > self.resolve_by

    def days_to_resolution(self) -> int | None:
        if self.resolved_at is None:
            return None
        return (self.resolved_at - self.received_at).days


class ComplaintEvent(PartnershipScopedModel):
    """Something that happened to a complaint: a status change, a note, a message, an addition."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Assigned")
        NOTE = "note", _("Internal note")
        MESSAGE = "message", _("Message to the complainant")
        ADDITION = "addition", _("Information added by the complainant")
        NAMED = "named", _("Named members changed")
        HOLD = "hold", _("Litigation hold changed")
        PURGED = "purged", _("Contact details purged")
        LINKED = "linked", _("Incident linked")
        UNLINKED = "unlinked", _("Incident unlinked")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="events", verbose_name=_("complaint")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        "partnerships.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    text = models.TextField(_("reason or note"), blank=True)
    public_text = models.TextField(
        _("shown to the complainant"),
        blank=True,
        help_text=_("What the complainant sees on the status page."),
    )
    complainant_text = EncryptedTextField(_("added by the complainant"), blank=True)

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.get_kind_display()}"


class ComplaintAttachment(PartnershipScopedModel):
    """A document or photo sent with a complaint, stored encrypted; the type is read from its bytes."""

    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("complaint"),
    )
    # Before submission an upload belongs to a draft; unclaimed drafts are purged after a day.
    draft_key = models.CharField(max_length=64, blank=True, db_index=True)
    original_name = EncryptedTextField(_("file name"))
    storage_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("complaint attachment")
        verbose_name_plural = _("complaint attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.content_type} ({self.size} bytes)"
