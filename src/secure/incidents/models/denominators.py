"""The denominators: enrollment per school and year by dimension, and sworn officers (FTE)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import School
from secure.partnerships.tenancy import PartnershipScopedModel

from .choices import Dimension


class DataSource(models.TextChoices):
    FILE = "file", _("District file")
    CRDC = "crdc", _("Civil Rights Data Collection")
    DEMO = "demo", _("Generated demo data")


class Enrollment(PartnershipScopedModel):
    """How many students of one group were enrolled at a school in a school year."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    school_year = models.CharField(_("school year"), max_length=7)
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    group = models.CharField(_("group"), max_length=64)
    count = models.PositiveIntegerField(_("students enrolled"))
    source = models.CharField(_("source"), max_length=8, choices=DataSource.choices)

    class Meta:
        verbose_name = _("enrollment count")
        verbose_name_plural = _("enrollment counts")
        ordering = ["school_year", "school_id", "dimension", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "dimension", "group"], name="enrollment_key"
            )
        ]
        indexes = [models.Index(fields=["partnership", "school_year"], name="enrollment_p_year")]

    def __str__(self) -> str:
        return f"{self.school_year} {self.dimension}={self.group}: {self.count}"


class SwornOfficers(PartnershipScopedModel):
    """Sworn law-enforcement officers assigned to a school in a school year, in full-time equivalents."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    school_year = models.CharField(_("school year"), max_length=7)
    fte = models.DecimalField(_("sworn officers (FTE)"), max_digits=6, decimal_places=2)
    source = models.CharField(_("source"), max_length=8, choices=DataSource.choices)

    class Meta:
        verbose_name = _("sworn officers")
        verbose_name_plural = _("sworn officers")
        ordering = ["school_year", "school_id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "school_year"], name="swornofficers_key")
        ]

    def __str__(self) -> str:
        return f"{self.school_year}: {self.fte}"
