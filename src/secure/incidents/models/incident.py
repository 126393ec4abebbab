"""Incidents, the students involved (pseudonymous), and one row per action taken with a student."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School
from secure.partnerships.tenancy import PartnershipScopedModel

from .choices import (
    ActionType,
    AgeBand,
    Disability,
    ForceType,
    Grade,
    Involvement,
    Location,
    Race,
    Sex,
)

MIN_AGE, MAX_AGE = 3, 22


class Incident(PartnershipScopedModel):
    """Something that happened at a school and involved students (and perhaps law enforcement)."""

    class Source(models.TextChoices):
        FORM = "form", _("Entered on the web form")
        IMPORT = "import", _("Imported from a file")
        DEMO = "demo", _("Generated demo data")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partnership"),
        editable=False,
        db_index=False,  # indexed by incident_number and incident_p_year, which begin with it
    )
    number = models.CharField(
        _("incident number"),
        max_length=64,
        help_text=_("The district's or agency's own incident number; unique in the partnership."),
    )
    occurred_on = models.DateField(_("date"))
    school_year = models.CharField(
        _("school year"), max_length=7, editable=False, help_text=_("July to June, e.g. 2023-24.")
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", verbose_name=_("school")
    )
    location = models.CharField(_("where in the school"), max_length=16, choices=Location.choices)
    offense = models.CharField(
        _("alleged misconduct (offense category)"),
        max_length=64,
        help_text=_("A code from the documented list or one the partnership added."),
    )
    involvement = models.CharField(
        _("how law enforcement became involved"), max_length=32, choices=Involvement.choices
    )
    officers = models.CharField(
        _("SRO(s) involved"),
        max_length=200,
        blank=True,
        help_text=_("Badge numbers of the officers, separated by semicolons."),
    )
    narrative = models.TextField(
        _("short narrative"),
        blank=True,
        help_text=_("Optional and sensitive: no student names. Shown only to roles that need it."),
    )
    source = models.CharField(_("source"), max_length=8, choices=Source.choices)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="incident_number")
        ]
        indexes = [models.Index(fields=["partnership", "school_year"], name="incident_p_year")]

    def __str__(self) -> str:
        return str(_("Incident %(number)s") % {"number": self.number})

    def get_absolute_url(self) -> str:
        return reverse(
            "incidents:incident_detail",
            kwargs={"partnership_slug": self.partnership.slug, "pk": self.pk},
        )


class IncidentStudent(PartnershipScopedModel):
    """A student involved in an incident, never named: a keyed pseudonym and demographics then."""

    incident = models.ForeignKey(
        Incident,
        on_delete=models.CASCADE,
        related_name="students",
        verbose_name=_("incident"),
        db_index=False,  # indexed by incidentstudent_key, which begins with it
    )
    student_key = models.CharField(
        _("pseudonymous student key"),
        max_length=64,
        editable=False,
        help_text=_("HMAC-SHA256 of the district's student ID; the ID itself is never stored."),
    )
    age = models.PositiveSmallIntegerField(
        _("age"), validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)]
    )
    age_band = models.CharField(_("age band"), max_length=16, choices=AgeBand.choices)
    grade = models.CharField(_("grade"), max_length=2, choices=Grade.choices)
    sex = models.CharField(_("sex"), max_length=8, choices=Sex.choices)
    race = models.CharField(_("race/ethnicity"), max_length=40, choices=Race.choices)
    english_learner = models.BooleanField(_("English learner"))
    disability = models.CharField(_("disability status"), max_length=12, choices=Disability.choices)

    class Meta:
        verbose_name = _("student involved")
        verbose_name_plural = _("students involved")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "student_key"], name="incidentstudent_key")
        ]

    def __str__(self) -> str:
        return str(_("Student %(key)s") % {"key": self.student_key[:8]})


class IncidentAction(PartnershipScopedModel):
    """One action taken with one student in one incident (school and year copied for counting)."""

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("partnership"),
        editable=False,
        db_index=False,  # indexed by action_p_year, which begins with it
    )
    incident = models.ForeignKey(
        Incident, on_delete=models.CASCADE, related_name="actions", verbose_name=_("incident")
    )
    student = models.ForeignKey(
        IncidentStudent,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("student"),
        db_index=False,  # indexed by incidentaction_key, which begins with it
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("school"),
        # Read through action_p_year (partnership, year, action) and filtered; the incident's
        # own school is indexed for the rare deletion of a school.
        db_index=False,
    )
    school_year = models.CharField(_("school year"), max_length=7, editable=False)
    action = models.CharField(_("action"), max_length=32, choices=ActionType.choices)
    sequence = models.PositiveSmallIntegerField(
        _("sequence"),
        default=1,
        help_text=_("1 unless the same action was taken with the same student more than once."),
    )
    action_date = models.DateField(_("date of the action"), null=True, blank=True)
    force_type = models.CharField(
        _("type of force"), max_length=32, choices=ForceType.choices, blank=True
    )
    parent_notified = models.BooleanField(_("parent notified"), null=True, blank=True)
    rights_advised = models.BooleanField(_("rights advised"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "action", "sequence"], name="incidentaction_key"
            )
        ]
        indexes = [
            models.Index(fields=["partnership", "school_year", "action"], name="action_p_year"),
        ]

    def __str__(self) -> str:
        return str(self.get_action_display())
