"""Responses: answers with no identity — no account, no address, no time of day."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel

from .campaign import Campaign, CampaignLink


class Response(PartnershipScopedModel):
    """One respondent's answers, saved page by page.

    ``resume_hash`` is the keyed hash of the code that reopens it (the one-time code it was
    started with, or a code given to someone who came by link); it is unique, which is what
    makes a code good for one response only. Only the day is kept, never the time.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETE = "complete", _("Complete")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="responses")
    link = models.ForeignKey(CampaignLink, on_delete=models.CASCADE, related_name="responses")
    token = models.CharField(max_length=64, unique=True)
    resume_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=8)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    page = models.PositiveSmallIntegerField(default=1)
    answers = models.JSONField(default=dict)
    demographics = models.JSONField(default=dict)
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        indexes = [models.Index(fields=["campaign", "status"], name="survey_response_status")]

    def __str__(self) -> str:
        return f"response {self.pk}"
