"""Evaluations of SROs by designated evaluators, ratings mapped to trainings, commendations."""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership
from secure.partnerships.tenancy import PartnershipScopedModel

from .people import Person
from .training import TrainingTopic


class EvaluationCycle(PartnershipScopedModel):
    """A round of evaluations (for example a school year) of every active SRO, on a schedule.

    The cycle's rubric schedule (5.start.1, "a regular performance schedule") carries the
    timeline from one cycle to the next; finishing every evaluation records its completion.
    """

    title = models.CharField(pgettext_lazy("evaluation cycle", "title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_on = models.DateField(pgettext_lazy("evaluation", "due"))
    evaluator = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("default evaluator"),
        help_text=_(
            "Evaluates everyone whose supervisor has no evaluator account in this partnership."
        ),
    )
    include_staff = models.BooleanField(
        _("also evaluate school staff who work with SROs"),
        default=False,
        help_text=_(
            "The rubric asks for evaluations of SROs and the school personnel around them."
        ),
    )
    schedule = models.ForeignKey(
        "rubric.Schedule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("rubric schedule"),
    )
    created_at = models.DateTimeField(
        pgettext_lazy("evaluation cycle", "created"), auto_now_add=True
    )

    class Meta:
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")
        ordering = ["-period_start", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "personnel:cycle_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class Evaluation(PartnershipScopedModel):
    """One evaluation of one officer (or staff member), for a period, by a designated evaluator."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", pgettext_lazy("evaluation status", "Scheduled")
        COMPLETED = "completed", pgettext_lazy("evaluation status", "Completed")

    cycle = models.ForeignKey(
        EvaluationCycle,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("evaluation cycle"),
    )
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
    due_on = models.DateField(pgettext_lazy("evaluation", "due"))
    status = models.CharField(
        pgettext_lazy("evaluation", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.SCHEDULED,
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
    completed_on = models.DateField(
        pgettext_lazy("evaluation", "completed"), null=True, blank=True, editable=False
    )

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

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.SCHEDULED and self.due_on < today


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
    awarded_on = models.DateField(pgettext_lazy("commendation", "date"))
    citation = models.TextField(_("what it recognises"))
    published = models.BooleanField(_("publish on the public page"), default=False)

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-awarded_on"]

    def __str__(self) -> str:
        return f"{self.person} ({self.awarded_on})"
