"""Hiring: versioned guidelines with criteria and comments, candidates, panels and scorecards."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Membership
from secure.partnerships.tenancy import PartnershipScopedModel


class StakeholderGroup(models.TextChoices):
    """The groups the rubric names for hiring input and interviews (3.start.1, 3.start.2)."""

    SCHOOL_STAFF = "school_staff", _("School staff")
    STUDENTS = "students", _("Students")
    FAMILIES = "families", _("Parents and families")
    COMMUNITY = "community", _("Community stakeholders")
    YOUTH_DEVELOPMENT = "youth_development", _("Youth development experts")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")


# The groups the rubric asks to be on every interview panel (3.start.2).
RUBRIC_PANEL_GROUPS = (
    StakeholderGroup.SCHOOL_STAFF,
    StakeholderGroup.STUDENTS,
    StakeholderGroup.FAMILIES,
    StakeholderGroup.COMMUNITY,
    StakeholderGroup.YOUTH_DEVELOPMENT,
)


class Guideline(PartnershipScopedModel):
    """One version of the SRO hiring guidelines; a published version is on the public page."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, open for comments")
        PUBLISHED = "published", pgettext_lazy("guidelines status", "Published")
        SUPERSEDED = "superseded", _("Replaced by a newer version")

    version = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        pgettext_lazy("guidelines", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    introduction = models.TextField(_("introduction"), blank=True)
    review_months = models.PositiveSmallIntegerField(
        _("review every (months)"), default=12, help_text=_("The guidelines' review timeline.")
    )
    published_on = models.DateField(
        pgettext_lazy("guidelines", "published"), null=True, blank=True, editable=False
    )
    review_schedule = models.ForeignKey(
        "rubric.Schedule",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("review schedule"),
        help_text=_("The rubric schedule (3.improve.1) that reminds the partnership to review."),
    )
    created_at = models.DateTimeField(pgettext_lazy("guidelines", "created"), auto_now_add=True)

    class Meta:
        verbose_name = _("hiring guidelines")
        verbose_name_plural = _("hiring guidelines")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version"], name="guideline_version")
        ]

    def __str__(self) -> str:
        return str(_("Hiring guidelines, version %(n)d") % {"n": self.version})

    def get_absolute_url(self) -> str:
        return reverse(
            "personnel:guideline_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class Criterion(PartnershipScopedModel):
    """A quality candidates are assessed on; the rubric's eleven are the editable defaults."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("criterion"), max_length=300)
    rubric_item = models.CharField(_("rubric item"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text


class GuidelineComment(PartnershipScopedModel):
    """Input on a draft from a student, parent, community stakeholder or other group."""

    guideline = models.ForeignKey(Guideline, on_delete=models.CASCADE, related_name="comments")
    group = models.CharField(_("on behalf of"), max_length=24, choices=StakeholderGroup.choices)
    author = models.CharField(_("name (optional)"), max_length=200, blank=True)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on hiring guidelines")
        verbose_name_plural = _("comments on hiring guidelines")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_group_display()}: {self.body[:40]}"


class Candidate(PartnershipScopedModel):
    """An applicant for an SRO post; confidential to the hiring roles and their own panelists."""

    class Status(models.TextChoices):
        APPLIED = "applied", pgettext_lazy("candidate status", "Applied")
        INTERVIEWING = "interviewing", pgettext_lazy("candidate status", "Interviewing")
        HIRED = "hired", pgettext_lazy("candidate status", "Hired")
        NOT_SELECTED = "not_selected", pgettext_lazy("candidate status", "Not selected")
        WITHDRAWN = "withdrawn", pgettext_lazy("candidate status", "Withdrawn")

    full_name = models.CharField(_("full name"), max_length=200)
    guideline = models.ForeignKey(
        Guideline,
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("assessed against"),
    )
    status = models.CharField(
        pgettext_lazy("candidate", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.APPLIED,
    )
    interview_on = models.DateField(_("interview date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    withdrawn_on = models.DateField(_("withdrew on"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse(
            "personnel:candidate_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class Panelist(PartnershipScopedModel):
    """A member of a candidate's interview panel, speaking for one stakeholder group."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="panelists")
    name = models.CharField(_("name"), max_length=200)
    group = models.CharField(
        _("stakeholder group"), max_length=24, choices=StakeholderGroup.choices
    )
    member = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member account"),
        help_text=_("Optional: lets the panelist enter their own scorecard."),
    )

    class Meta:
        verbose_name = _("panelist")
        verbose_name_plural = _("panelists")
        ordering = ["group", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_group_display()})"


class Score(PartnershipScopedModel):
    """One panelist's score for one criterion, from 1 (weak) to 4 (strong)."""

    panelist = models.ForeignKey(Panelist, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["panelist", "criterion"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.panelist}: {self.value}"
