"""Choices shared by instruments, campaigns and responses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Group(models.TextChoices):
    """Who answers: each campaign link is for one respondent group."""

    STUDENT = "student", _("Students")
    FAMILY = "family", _("Parents and guardians")
    STAFF = "staff", _("School staff")
    COMMUNITY = "community", _("Community members")
    SRO = "sro", pgettext_lazy("respondent group", "School resource officers")


class Language(models.TextChoices):
    """Languages every instrument in the starter library is written in."""

    EN = "en", _("English")
    ES = "es", _("Spanish")


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Agreement scale (Likert)")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    NUMERIC = "numeric", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")


class AgeBand(models.TextChoices):
    UNDER_13 = "under_13", _("Under 13")
    AGE_13_17 = "13_17", _("13 to 17")
    AGE_18_34 = "18_34", _("18 to 34")
    AGE_35_54 = "35_54", _("35 to 54")
    AGE_55 = "55_plus", _("55 or older")


class RaceEthnicity(models.TextChoices):
    """The seven federal reporting categories, as respondents choose them."""

    HISPANIC = "HI", _("Hispanic or Latino, of any race")
    AMERICAN_INDIAN = "AM", _("American Indian or Alaska Native")
    ASIAN = "AS", _("Asian")
    BLACK = "BL", _("Black or African American")
    PACIFIC = "HP", _("Native Hawaiian or Other Pacific Islander")
    WHITE = "WH", _("White")
    TWO_OR_MORE = "TR", _("Two or more races")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")
    ANOTHER = "X", _("Another way")


class YesNo(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")


class Grade(models.TextChoices):
    ELEMENTARY = "k_5", _("Kindergarten to grade 5")
    MIDDLE = "6_8", _("Grades 6 to 8")
    HIGH = "9_12", _("Grades 9 to 12")
