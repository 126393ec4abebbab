"""The answers the intake offers: one place for their codes, labels and order.

The public form, the printable form, the staff filters and the reports all read these, so a label
changed here changes everywhere.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Concern(models.TextChoices):
    """What kind of concern the complaint raises (one or more)."""

    DISCRIMINATION = "discrimination", _("Discrimination or unfair treatment")
    USE_OF_FORCE = "use_of_force", _("Use of force (for example restraint, handcuffs, a weapon)")
    SEARCH = "search", _("A search of a student, a bag, a phone or a locker")
    ARREST = "arrest", _("An arrest, a ticket or a citation")
    INTERROGATION = "interrogation", _("Questioning of a student")
    OTHER_CONDUCT = "other_conduct", _("Other behavior of an officer or staff member")
    SUGGESTION = "suggestion", _("A suggestion or other input")


class Basis(models.TextChoices):
    """Why the person believes they were treated differently (for discrimination concerns)."""

    RACE = "race", _("Race")
    COLOR = "color", _("Color")
    NATIONAL_ORIGIN = "national_origin", _("National origin")
    LANGUAGE = "language", _("Language")
    DISABILITY = "disability", _("Disability")
    RELIGION = "religion", _("Religion")
    SEX = "sex", _("Sex")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    GENDER_IDENTITY = "gender_identity", _("Gender identity")


class Involved(models.TextChoices):
    """Who was involved in what happened."""

    SRO = "sro", _("A school resource officer (SRO)")
    OTHER_POLICE = "other_police", _("Another police officer")
    SCHOOL_STAFF = "school_staff", _("A teacher, principal or other school staff")
    OTHER = "other", _("Someone else")
    NOT_SURE = "not_sure", _("I am not sure")


class Relationship(models.TextChoices):
    """Who is filing."""

    STUDENT = "student", _("I am the student")
    PARENT = "parent", _("I am a parent or guardian of the student")
    STAFF = "staff", _("I work at the school or district")
    OTHER = "other", _("Someone else (for example a relative, a neighbor, an advocate)")


class Outcome(models.TextChoices):
    """How a resolved complaint ended."""

    SUBSTANTIATED = "substantiated", _("The concern was confirmed and action was taken")
    NOT_SUBSTANTIATED = "not_substantiated", _("The concern could not be confirmed")
    POLICY_CHANGE = "policy_change", _("It led to a change of policy or practice")
    AGREEMENT = "agreement", _("It was resolved by agreement")
    REFERRED = "referred", _("It was referred to another agency")
    WITHDRAWN = "withdrawn", _("It was withdrawn by the person who filed it")
    NOTED = "noted", _("The input was noted (suggestions and other input)")


# Self-reported demographics (all optional). Race and ethnicity follow the federal categories in
# the two-question format, then are reported in the seven categories the Department of Education
# uses: Hispanic or Latino of any race, then five races and two or more races for the rest.


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    DECLINED = "declined", _("I prefer not to say")


class About(models.TextChoices):
    SELF = "self", _("Me, the person filing")
    STUDENT = "student", _("The student I am filing for")


class Race(models.TextChoices):
    AMERICAN_INDIAN = "american_indian", _("American Indian or Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black or African American")
    PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Other Pacific Islander")
    WHITE = "white", _("White")


class RaceEthnicity(models.TextChoices):
    """The reporting category derived from the two questions."""

    HISPANIC = "hispanic", _("Hispanic or Latino (of any race)")
    AMERICAN_INDIAN = "american_indian", _("American Indian or Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black or African American")
    PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Other Pacific Islander")
    WHITE = "white", _("White")
    TWO_OR_MORE = "two_or_more", _("Two or more races")
    NOT_REPORTED = "not_reported", _("Not reported")


class AgeBand(models.TextChoices):
    UNDER_12 = "under_12", _("Under 12")
    AGE_12_14 = "12_14", _("12 to 14")
    AGE_15_17 = "15_17", _("15 to 17")
    AGE_18_24 = "18_24", _("18 to 24")
    AGE_25_44 = "25_44", _("25 to 44")
    AGE_45_64 = "45_64", _("45 to 64")
    AGE_65_UP = "65_up", _("65 or older")
    DECLINED = "declined", _("I prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NONBINARY = "nonbinary", _("Nonbinary")
    DECLINED = "declined", _("I prefer not to say")


class PreferredLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Another language")
    DECLINED = "declined", _("I prefer not to say")


def race_ethnicity_of(*, hispanic: str, races: list[str]) -> str:
    """The reporting category for the two answers: Hispanic or Latino first, then the races.

    A person who does not say they are Hispanic or Latino is counted by the races they chose;
    someone who chose none is "not reported".
    """
    if hispanic == Answer.YES:
        return RaceEthnicity.HISPANIC
    if len(races) > 1:
        return RaceEthnicity.TWO_OR_MORE
    if len(races) == 1:
        return RaceEthnicity(races[0]).value
    return RaceEthnicity.NOT_REPORTED
