"""Per-partnership settings of the complaint process, and response templates per language."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel


class ComplaintSettings(PartnershipScopedModel):
    """Deadlines and retention for one partnership (defaults until someone changes them)."""

    acknowledge_within_days = models.PositiveSmallIntegerField(
        _("acknowledge within (days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("A person should acknowledge a new complaint within this many days."),
    )
    resolve_within_days = models.PositiveSmallIntegerField(
        _("resolve within (days)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("A complaint should be resolved within this many days of receipt."),
    )
    retention_days = models.PositiveIntegerField(
        _("keep contact details after closing (days)"),
        default=3 * 365,
        validators=[MinValueValidator(30), MaxValueValidator(20 * 365)],
        help_text=_(
            "After this many days from closing, the complainant's contact details are deleted, "
            "unless the complaint is under a litigation hold."
        ),
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="complaint_settings_unique")
        ]

    def __str__(self) -> str:
        return str(_("Complaint settings"))


class ResponseTemplate(PartnershipScopedModel):
    """A reusable message to complainants, in one language."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("For staff, e.g. Acknowledgement.")
    )
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("message"),
        help_text=_("{record_number} is replaced by the complaint's record number."),
    )

    class Meta:
        verbose_name = _("response template")
        verbose_name_plural = _("response templates")
        ordering = ["name", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name", "language"], name="response_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"
