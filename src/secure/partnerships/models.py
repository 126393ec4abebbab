"""Partnerships (the tenant), their organizations, schools and members."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .roles import Role
from .tenancy import PartnershipScopedModel


class Partnership(models.Model):
    """One school district and one law-enforcement agency working under the SECURE rubric."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name"),
        unique=True,
        help_text=_("Used in addresses, for example riverside."),
    )
    district_name = models.CharField(_("school district"), max_length=200)
    agency_name = models.CharField(_("law-enforcement agency"), max_length=200)
    state = models.CharField(_("state"), max_length=2, blank=True, help_text=_("Two letters."))
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:dashboard", kwargs={"partnership_slug": self.slug})

    @property
    def partnership_id(self) -> int:
        """A partnership is its own tenant (the audit trail files it under itself)."""
        return self.pk


class Organization(PartnershipScopedModel):
    """A member organization: the district, the agency, and the stakeholders the rubric names."""

    class Kind(models.TextChoices):
        SCHOOL_DISTRICT = "school_district", _("School district")
        LAW_ENFORCEMENT = "law_enforcement", _("Law-enforcement agency")
        JUVENILE_JUSTICE = (
            "juvenile_justice",
            _(
                "Juvenile justice entity (judges, prosecutors, defenders, probation, social services)"
            ),
        )
        CIVIL_RIGHTS = "civil_rights", _("Civil rights organization")
        COMMUNITY = "community", _("Community organization")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="organization_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


nces_school_id = RegexValidator(
    r"^\d{12}$", _("An NCES school ID has 12 digits (7-digit district ID + 5-digit school ID).")
)


class School(PartnershipScopedModel):
    """A school of the partnership's district."""

    class Level(models.TextChoices):
        ELEMENTARY = "elementary", _("Elementary")
        MIDDLE = "middle", _("Middle")
        HIGH = "high", _("High")
        COMBINED = "combined", _("Combined / other")

    name = models.CharField(_("name"), max_length=200)
    nces_id = models.CharField(
        _("NCES school ID"),
        max_length=12,
        blank=True,
        validators=[nces_school_id],
        help_text=_("12 digits, as in the Common Core of Data and the CRDC."),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=2, blank=True)
    zip_code = models.CharField(_("ZIP code"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="school_unique_name"),
            models.UniqueConstraint(
                fields=["partnership", "nces_id"],
                condition=~models.Q(nces_id=""),
                name="school_unique_nces_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:school_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    @property
    def address(self) -> str:
        parts = [
            self.street_address,
            self.city,
            " ".join(p for p in [self.state, self.zip_code] if p),
        ]
        return ", ".join(p for p in parts if p)


class Membership(PartnershipScopedModel):
    """A person's role in one partnership (one role per partnership)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("organization"),
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "partnership"], name="membership_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"
