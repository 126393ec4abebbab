"""Officers and school staff, and where they work over time."""

from __future__ import annotations

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership, School
from secure.partnerships.tenancy import PartnershipScopedModel


class Person(PartnershipScopedModel):
    """An SRO, an SRO supervisor or a school staff member who works with SROs."""

    class Role(models.TextChoices):
        SRO = "sro", _("School resource officer")
        SUPERVISOR = "supervisor", _("SRO supervisor")
        SCHOOL_STAFF = "school_staff", _("School staff")

    full_name = models.CharField(_("full name"), max_length=200)
    role = models.CharField(pgettext_lazy("person", "role"), max_length=16, choices=Role.choices)
    sworn = models.BooleanField(
        _("sworn law-enforcement officer"),
        default=False,
        help_text=_(
            "Sworn officers count toward the schools with a sworn officer (rubric step 1)."
        ),
    )
    badge_number = models.CharField(
        _("badge number"),
        max_length=32,
        blank=True,
        help_text=_("As written in the incident data's “SRO(s) involved” column."),
    )
    title = models.CharField(_("title"), max_length=150, blank=True)
    supervisor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervised",
        verbose_name=_("supervisor"),
    )
    member = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member account"),
        help_text=_("Optional: the person's account in this partnership."),
    )
    started_on = models.DateField(_("started in the program"), null=True, blank=True)
    is_active = models.BooleanField(pgettext_lazy("person", "active"), default=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "badge_number"],
                condition=~models.Q(badge_number=""),
                name="person_unique_badge",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse(
            "personnel:person_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )

    @property
    def is_officer(self) -> bool:
        return self.role in (self.Role.SRO, self.Role.SUPERVISOR)


class Assignment(PartnershipScopedModel):
    """A person assigned to a school from one date until another (or still)."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("person")
    )
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    starts_on = models.DateField(pgettext_lazy("assignment", "from"))
    ends_on = models.DateField(
        pgettext_lazy("assignment", "until"),
        null=True,
        blank=True,
        help_text=_("Empty if current."),
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-starts_on", "school__name"]

    def __str__(self) -> str:
        return f"{self.person} — {self.school}"

    def covers(self, day: datetime.date) -> bool:
        """Whether the assignment is in force on ``day``."""
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)
