"""The record of every import: who, when, which file (its SHA-256), how many rows, what changed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel


class ImportKind(models.TextChoices):
    INCIDENTS = "incidents", _("Incidents, students and actions")
    ENROLLMENT = "enrollment", _("Enrollment")
    OFFICERS = "officers", _("Sworn officers")
    CRDC = "crdc", _("CRDC school-level file")


class ImportRecord(PartnershipScopedModel):
    """One import attempt; a failed one changed nothing and says how many errors it found."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Imported")
        FAILED = "failed", _("Refused: nothing changed")

    kind = models.CharField(_("kind of file"), max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    error_count = models.PositiveIntegerField(_("rows with errors"), default=0)
    summary = models.JSONField(_("what changed"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    actor_label = models.CharField(_("imported by"), max_length=254)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-finished_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.file_name}"

    def get_absolute_url(self) -> str:
        return reverse(
            "incidents:import_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class StagedImport(PartnershipScopedModel):
    """An uploaded file waiting for its column mapping and confirmation (deleted once imported).

    The staged copy of an incidents file already holds pseudonymous keys in place of student IDs.
    """

    token = models.UUIDField(_("token"), unique=True)
    kind = models.CharField(_("kind of file"), max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64)
    stored_name = models.CharField(_("stored as"), max_length=255, editable=False)
    header = models.JSONField(_("columns"), default=list)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    school_year = models.CharField(_("school year"), max_length=7, blank=True)
    lea = models.CharField(_("NCES district ID"), max_length=7, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("staged import")
        verbose_name_plural = _("staged imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
