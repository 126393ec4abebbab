"""Campaigns: an instrument sent to some groups at some schools between two dates."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel

from .choices import Group
from .instrument import Instrument

DEFAULT_MINIMUM = 10


class Campaign(PartnershipScopedModel):
    """One round of an instrument; responses are accepted from ``opens_on`` to ``closes_on``."""

    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("instrument")
    )
    name = models.CharField(_("name"), max_length=200)
    groups = models.JSONField(_("respondent groups"), default=list)
    schools = models.ManyToManyField(
        "partnerships.School", related_name="+", verbose_name=_("schools")
    )
    languages = models.JSONField(_("languages"), default=list)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    ask_demographics = models.BooleanField(
        _("ask optional demographic questions"),
        default=True,
        help_text=_("Race and ethnicity, age band, sex, English learner, disability, grade."),
    )
    minimum_cell = models.PositiveSmallIntegerField(
        _("smallest group shown in results"),
        default=DEFAULT_MINIMUM,
        help_text=_("Any number of respondents below this is hidden everywhere in the results."),
    )
    subject_officer = models.ForeignKey(
        "personnel.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback_campaigns",
        verbose_name=_("officer the feedback is about"),
        help_text=_(
            "For 360° feedback: the school resource officer whose evaluation the answers feed."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        ordering = ["-opens_on", "name"]

    def __str__(self) -> str:
        return self.name

    def is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on

    def group_labels(self) -> list[str]:
        return [str(Group(g).label) for g in self.groups]


class CampaignLink(PartnershipScopedModel):
    """The anonymous link for one school and one group; codes are issued under it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="links")
    school = models.ForeignKey(
        "partnerships.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school")
    )
    group = models.CharField(_("group"), max_length=12, choices=Group.choices)
    token = models.CharField(_("link token"), max_length=64, unique=True)
    invited = models.PositiveIntegerField(
        _("people invited"),
        default=0,
        help_text=_("How many people were asked to answer, for the response rate."),
    )

    class Meta:
        verbose_name = _("campaign link")
        ordering = ["campaign", "school__name", "group"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "school", "group"], name="survey_link_school_group"
            )
        ]

    def __str__(self) -> str:
        return f"{self.school} · {self.get_group_display()}"


class AccessCode(PartnershipScopedModel):
    """A one-time code: only its keyed hash is stored, so a leaked table opens nothing."""

    link = models.ForeignKey(CampaignLink, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("access code")
