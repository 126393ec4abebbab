"""Evaluations of SROs by designated evaluators, ratings mapped to trainings, commendations."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership
from secure.partnerships.tenancy import PartnershipScopedModel

from .people import Person
from .training import TrainingTopic


class Evaluation(PartnershipScopedModel):
    """One evaluation cycle of one officer, for a period, by a designated evaluator."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("officer")
    )
    evaluator = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("evaluator"),
        help_text=_("A designated, qualified evaluator: an agency or school leader."),
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    fit_review = models.TextField(
        _("fit between the SRO and the school"),
        blank=True,
        help_text=_("The rubric's review of how well the SRO fits the particular school."),
    )
    feedback = models.TextField(
        _("feedback from students, families, staff and peers"),
        blank=True,
        help_text=_("A summary of 360° feedback gathered for this cycle."),
    )
    summary = models.TextField(_("evaluator's summary"), blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-due_on"]

    def __str__(self) -> str:
        return str(
            _("%(person)s, %(start)s to %(end)s")
            % {"person": self.person, "start": self.period_start, "end": self.period_end}
        )

    def get_absolute_url(self) -> str:
        return reverse(
            "personnel:evaluation_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class EvaluationRating(PartnershipScopedModel):
    """The evaluator's rating of a capability taught in one training topic, 1 to 4."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="ratings")
    topic = models.ForeignKey(TrainingTopic, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("evaluation rating")
        verbose_name_plural = _("evaluation ratings")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "topic"], name="evaluationrating_once")
        ]

    def __str__(self) -> str:
        return f"{self.topic}: {self.value}"


class Commendation(PartnershipScopedModel):
    """Recognition of good work; published on the public page only where the partnership chooses."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="commendations", verbose_name=_("person")
    )
    awarded_on = models.DateField(_("date"))
    citation = models.TextField(_("what it recognises"))
    published = models.BooleanField(_("publish on the public page"), default=False)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on"]

    def __str__(self) -> str:
        return f"{self.person} ({self.awarded_on})"
