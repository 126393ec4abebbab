"""Per-partnership settings of the incident data: the pseudonym salt and extra offense categories."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel


def new_version() -> str:
    """A fresh random token for ``IncidentSettings.data_version`` (see ``incidents.versions``)."""
    return secrets.token_hex(16)


def new_salt() -> str:
    """A fresh random salt for a partnership's student pseudonyms."""
    return secrets.token_hex(32)


class IncidentSettings(PartnershipScopedModel):
    """One per partnership: the random salt that, with SECRET_KEY, keys its student pseudonyms."""

    salt = models.CharField(_("pseudonym salt"), max_length=64, default=new_salt, editable=False)
    data_version = models.CharField(
        _("data version"),
        max_length=32,
        default=new_version,
        editable=False,
        help_text=_("Changes with every write of incident data; keys cached dashboard counts."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("incident data settings")
        verbose_name_plural = _("incident data settings")
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="incidentsettings_one_per_p")
        ]

    def __str__(self) -> str:
        return str(_("Incident data settings"))


class OffenseCategory(PartnershipScopedModel):
    """An offense category a partnership adds to the documented default list."""

    code = models.SlugField(
        _("code"), max_length=64, help_text=_("Lower-case letters, digits and underscores.")
    )
    label = models.CharField(_("label"), max_length=200)
    violent = models.BooleanField(_("violent or threatening"), default=False)

    class Meta:
        verbose_name = _("offense category")
        verbose_name_plural = _("offense categories")
        ordering = ["label"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="offensecategory_code")
        ]

    def __str__(self) -> str:
        return self.label
