"""Counts from Civil Rights Data Collection school-level files, the partnership's and the state's.

A reserve code (a negative number such as -9 "not applicable" or -12 "suppressed") is kept as
``reserve_code`` with ``count`` empty: it is a missing value, never a number.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import School
from secure.partnerships.tenancy import PartnershipScopedModel

from .choices import Dimension

ENROLLMENT_MEASURE = "enrollment"


class CrdcSchool(PartnershipScopedModel):
    """A school of a CRDC file: the partnership's own (``school`` set) or state comparison data."""

    combokey = models.CharField(_("NCES school ID (COMBOKEY)"), max_length=12)
    leaid = models.CharField(_("NCES district ID (LEAID)"), max_length=7)
    name = models.CharField(_("school name"), max_length=200)
    lea_name = models.CharField(_("district name"), max_length=200)
    school = models.ForeignKey(
        School,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnership school"),
    )

    class Meta:
        verbose_name = _("CRDC school")
        verbose_name_plural = _("CRDC schools")
        ordering = ["combokey"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "combokey"], name="crdcschool_key")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.combokey})"


class CrdcCount(PartnershipScopedModel):
    """One CRDC figure: students of a group enrolled, or with an outcome, at a school in a year."""

    crdc_school = models.ForeignKey(
        CrdcSchool, on_delete=models.CASCADE, related_name="counts", verbose_name=_("school")
    )
    school_year = models.CharField(_("school year"), max_length=7)
    measure = models.CharField(
        _("measure"), max_length=32, help_text=_("'enrollment' or an outcome name.")
    )
    dimension = models.CharField(_("dimension"), max_length=16, choices=Dimension.choices)
    group = models.CharField(_("group"), max_length=64)
    count = models.PositiveIntegerField(_("count"), null=True, blank=True)
    reserve_code = models.SmallIntegerField(_("reserve code"), null=True, blank=True)

    class Meta:
        verbose_name = _("CRDC count")
        verbose_name_plural = _("CRDC counts")
        constraints = [
            models.UniqueConstraint(
                fields=["crdc_school", "school_year", "measure", "dimension", "group"],
                name="crdccount_key",
            ),
            models.CheckConstraint(
                condition=models.Q(count__isnull=True) | models.Q(reserve_code__isnull=True),
                name="crdccount_number_or_reserve",
            ),
        ]
        indexes = [
            models.Index(fields=["partnership", "school_year", "measure"], name="crdc_p_year")
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.dimension}={self.group}: {self.count}"
