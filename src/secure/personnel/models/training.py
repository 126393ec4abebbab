"""The training catalogue, sessions and attendance, and onboarding plans with mentors."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.tenancy import PartnershipScopedModel

from .people import Person


class TrainingTopic(PartnershipScopedModel):
    """A topic people must be trained on, how often it is refreshed, and who needs it."""

    code = models.SlugField(pgettext_lazy("training topic", "code"), max_length=64)
    title = models.CharField(_("topic"), max_length=300)
    rubric_item = models.CharField(
        _("rubric item"), max_length=32, blank=True, help_text=_("For example 3.improve.2.1.")
    )
    refresh_months = models.PositiveSmallIntegerField(
        _("refresh every (months)"),
        default=24,
        help_text=_("Training older than this is due again. 0 means once is enough."),
    )
    roles = models.JSONField(
        _("who needs it"),
        default=list,
        help_text=_("The roles that must be trained on this topic."),
    )
    onboarding = models.BooleanField(
        _("part of onboarding for new SROs"),
        default=False,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["position", "title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="trainingtopic_code")
        ]

    def __str__(self) -> str:
        return self.title

    def role_labels(self) -> list[str]:
        labels = dict(Person.Role.choices)
        return [str(labels[r]) for r in self.roles if r in labels]


class TrainingSession(PartnershipScopedModel):
    """A training held on a date, covering one or more topics."""

    title = models.CharField(pgettext_lazy("training session", "title"), max_length=200)
    held_on = models.DateField(pgettext_lazy("training session", "date"))
    topics = models.ManyToManyField(
        TrainingTopic, related_name="sessions", verbose_name=_("topics")
    )
    joint = models.BooleanField(
        _("joint SRO and school staff session"),
        default=False,
        help_text=_("SROs and school staff trained together (rubric step 4)."),
    )
    simulation = models.BooleanField(
        _("includes real-life simulations"),
        default=False,
        help_text=_("Practice in de-escalating non-crisis incidents (rubric 4.improve.5)."),
    )
    facilitator = models.CharField(_("facilitator"), max_length=200, blank=True)
    attendees: models.ManyToManyField[Person, Attendance] = models.ManyToManyField(
        Person, through="Attendance", related_name="sessions", verbose_name=_("attendees")
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "personnel:session_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class Attendance(PartnershipScopedModel):
    """A person who completed a training session; the certificate number, if one was issued."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendance")
    certificate = models.CharField(_("certificate number"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"


class OnboardingPlan(PartnershipScopedModel):
    """A new SRO's onboarding: an experienced SRO as mentor, and the onboarding topics to cover."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="onboarding", verbose_name=_("new SRO")
    )
    mentor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="mentees",
        verbose_name=_("mentor"),
        help_text=_("An experienced SRO."),
    )
    starts_on = models.DateField(_("starts"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("onboarding plan")
        verbose_name_plural = _("onboarding plans")
        ordering = ["-starts_on"]

    def __str__(self) -> str:
        return str(self.person)


class TrainingSuggestion(PartnershipScopedModel):
    """An SRO's or staff member's suggestion for training, and whether a manual took it up."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("training suggestion status", "Open")
        INCORPORATED = "incorporated", _("Incorporated in a manual or handbook")
        DECLINED = "declined", _("Not taken up")

    from_role = models.CharField(_("suggested by"), max_length=16, choices=Person.Role.choices)
    text = models.TextField(_("suggestion"))
    submitted_by = models.ForeignKey(
        "partnerships.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    status = models.CharField(
        pgettext_lazy("training suggestion", "status"),
        max_length=16,
        choices=Status.choices,
        default=Status.OPEN,
    )
    material = models.CharField(
        _("manual or handbook updated"),
        max_length=200,
        blank=True,
        help_text=_("For example: SRO training manual, section 4; staff handbook 2026."),
    )
    decided_on = models.DateField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("training suggestion")
        verbose_name_plural = _("training suggestions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]
