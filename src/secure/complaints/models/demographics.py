"""Self-reported demographics: kept apart from the complaint, used only in suppressed counts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel

from .choices import About, AgeBand, Answer, PreferredLanguage, RaceEthnicity, Sex
from .complaint import Complaint


class Demographics(PartnershipScopedModel):
    """Optional answers about the complainant (or the student they file for).

    No page shows one person's answers; reports count them with small groups suppressed.
    """

    ANSWER_FIELDS = (
        "about",
        "hispanic",
        "races",
        "race_ethnicity",
        "age_band",
        "sex",
        "english_learner",
        "disability",
        "preferred_language",
    )

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="demographics"
    )
    about = models.CharField(
        _("answers are about"), max_length=8, choices=About.choices, blank=True
    )
    hispanic = models.CharField(
        _("Hispanic or Latino"), max_length=8, choices=Answer.choices, blank=True
    )
    races = models.JSONField(_("races"), default=list, blank=True)
    race_ethnicity = models.CharField(
        _("race and ethnicity"),
        max_length=20,
        choices=RaceEthnicity.choices,
        default=RaceEthnicity.NOT_REPORTED,
    )
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, blank=True)
    english_learner = models.CharField(
        _("English learner"), max_length=8, choices=Answer.choices, blank=True
    )
    disability = models.CharField(_("disability"), max_length=8, choices=Answer.choices, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=PreferredLanguage.choices, blank=True
    )

    class Meta:
        verbose_name = _("self-reported demographics")
        verbose_name_plural = _("self-reported demographics")

    def __str__(self) -> str:
        return f"{self.complaint} · {_('demographics')}"
