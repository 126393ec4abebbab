"""The coded values of the incident data: one ``TextChoices`` per list, documented at the source.

Codes are what files carry and what exports print; labels are what people read. Race/ethnicity
uses the federal seven categories (OMB 1997, as the CRDC reports them); the export labels of the
equity engine's input are the English labels here, exactly.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Race(models.TextChoices):
    """Race/ethnicity in the federal seven categories (Hispanic/Latino of any race first)."""

    HISPANIC = "hispanic_latino", _("Hispanic/Latino")
    AMERICAN_INDIAN = "american_indian_alaska_native", _("American Indian or Alaska Native")
    ASIAN = "asian", _("Asian")
    BLACK = "black", _("Black or African American")
    PACIFIC_ISLANDER = (
        "native_hawaiian_pacific_islander",
        _("Native Hawaiian or Other Pacific Islander"),
    )
    WHITE = "white", _("White")
    TWO_OR_MORE = "two_or_more", _("Two or more races")


# The CRDC's two-letter race codes, accepted in files and used to read CRDC columns.
RACE_CRDC_CODES = {
    "HI": Race.HISPANIC,
    "AM": Race.AMERICAN_INDIAN,
    "AS": Race.ASIAN,
    "HP": Race.PACIFIC_ISLANDER,
    "BL": Race.BLACK,
    "WH": Race.WHITE,
    "TR": Race.TWO_OR_MORE,
}


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    X = "x", _("Nonbinary (X)")


SEX_CRDC_CODES = {"F": Sex.FEMALE, "M": Sex.MALE, "X": Sex.X}


class Disability(models.TextChoices):
    """Disability status as the CRDC reports it."""

    IDEA = "idea", _("IDEA")
    SECTION_504 = "section_504", _("Section 504 only")
    NONE = "none", _("No disability")


class EnglishLearner(models.TextChoices):
    """English-learner status, as a group of the ``el`` dimension."""

    YES = "yes", _("English learner")
    NO = "no", _("Not an English learner")


class Grade(models.TextChoices):
    PRE_K = "pk", _("Pre-kindergarten")
    KINDERGARTEN = "k", _("Kindergarten")
    G1 = "1", _("Grade 1")
    G2 = "2", _("Grade 2")
    G3 = "3", _("Grade 3")
    G4 = "4", _("Grade 4")
    G5 = "5", _("Grade 5")
    G6 = "6", _("Grade 6")
    G7 = "7", _("Grade 7")
    G8 = "8", _("Grade 8")
    G9 = "9", _("Grade 9")
    G10 = "10", _("Grade 10")
    G11 = "11", _("Grade 11")
    G12 = "12", _("Grade 12")
    UNGRADED = "ug", _("Ungraded")


class AgeBand(models.TextChoices):
    """Age bands for counts (age as of the incident)."""

    UP_TO_10 = "10_or_younger", _("10 or younger")
    AGE_11_13 = "11_13", _("11-13")
    AGE_14_15 = "14_15", _("14-15")
    AGE_16_17 = "16_17", _("16-17")
    AGE_18_UP = "18_or_older", _("18 or older")


def age_band_for(age: int) -> str:
    """The age band of a student of ``age``."""
    if age <= 10:
        return AgeBand.UP_TO_10
    if age <= 13:
        return AgeBand.AGE_11_13
    if age <= 15:
        return AgeBand.AGE_14_15
    if age <= 17:
        return AgeBand.AGE_16_17
    return AgeBand.AGE_18_UP


class ActionType(models.TextChoices):
    """What was done with a student; each action is its own row. Codes double as outcome names."""

    SEARCH = "search", _("Search")
    SEIZURE = "seizure", _("Seizure")
    QUESTIONING = "questioning", _("Questioning or interrogation")
    CITATION = "citation", _("Citation")
    TICKET = "ticket", _("Ticket")
    REFERRAL = "referral_to_law_enforcement", _("Referral to law enforcement")
    ARREST = "school_related_arrest", _("School-related arrest")
    COURT_REFERRAL = "court_referral", _("Court referral")
    USE_OF_FORCE = "use_of_force", _("Use of force")
    DIVERSION = "diversion", _("Diversion or other alternative to arrest")
    IN_SCHOOL_SUSPENSION = "in_school_suspension", _("In-school suspension")
    OUT_OF_SCHOOL_SUSPENSION = "out_of_school_suspension", _("Out-of-school suspension")
    EXPULSION = "expulsion", _("Expulsion")
    RESTORATIVE = "restorative_practice", _("Restorative practice")


LAW_ENFORCEMENT_ACTIONS = frozenset(
    {
        ActionType.SEARCH,
        ActionType.SEIZURE,
        ActionType.QUESTIONING,
        ActionType.CITATION,
        ActionType.TICKET,
        ActionType.REFERRAL,
        ActionType.ARREST,
        ActionType.COURT_REFERRAL,
        ActionType.USE_OF_FORCE,
    }
)


class ForceType(models.TextChoices):
    PHYSICAL = "physical", _("Physical (hands-on)")
    RESTRAINT = "restraint", _("Restraint")
    HANDCUFFS = "handcuffs", _("Handcuffs")
    CHEMICAL_SPRAY = "chemical_spray", _("Chemical spray")
    ELECTRONIC = "electronic_control_device", _("Electronic control device")
    FIREARM_DISPLAYED = "firearm_displayed", _("Firearm displayed")
    FIREARM_DISCHARGED = "firearm_discharged", _("Firearm discharged")
    OTHER = "other", _("Other")


class Involvement(models.TextChoices):
    """How law enforcement became involved."""

    STAFF_CALL_VIOLENT = (
        "staff_call_violent",
        _("Called by school staff: violent or threatening behavior"),
    )
    STAFF_CALL_NONVIOLENT = (
        "staff_call_nonviolent",
        _("Called by school staff: non-violent behavior"),
    )
    OFFICER_INITIATED = "officer_initiated", _("Officer-initiated")
    NONE = "none", _("No law-enforcement involvement")
    OTHER = "other", _("Other")


class Location(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    HALLWAY = "hallway", _("Hallway or stairwell")
    CAFETERIA = "cafeteria", _("Cafeteria")
    RESTROOM = "restroom", _("Restroom or locker room")
    GYM = "gym", _("Gym or athletic facility")
    OFFICE = "office", _("Office")
    GROUNDS = "grounds", _("School grounds outside")
    PARKING = "parking", _("Parking lot")
    BUS = "bus", _("School bus or bus stop")
    EVENT = "event", _("School event off campus")
    ONLINE = "online", _("Online")
    OTHER = "other", _("Other")


# The documented offense categories every partnership starts with; a partnership adds its own
# (``OffenseCategory``). Code, label, and whether the category is violent or threatening.
DEFAULT_OFFENSES: tuple[tuple[str, str | Promise, bool], ...] = (
    ("assault", _("Physical attack or assault"), True),
    ("fighting", _("Fighting (mutual, no serious injury)"), True),
    ("threat", _("Threat or intimidation"), True),
    ("weapon_firearm", _("Possession of a firearm"), True),
    ("weapon_other", _("Possession of another weapon"), True),
    ("robbery", _("Robbery"), True),
    ("sexual_assault", _("Sexual assault or battery"), True),
    ("harassment", _("Harassment or bullying"), False),
    ("drugs", _("Drug possession, use or distribution"), False),
    ("alcohol", _("Alcohol"), False),
    ("tobacco_vaping", _("Tobacco or vaping"), False),
    ("theft", _("Theft"), False),
    ("vandalism", _("Vandalism or property damage"), False),
    ("trespassing", _("Trespassing"), False),
    ("disorderly_conduct", _("Disruption or disorderly conduct"), False),
    ("defiance", _("Defiance, disrespect or insubordination"), False),
    ("truancy", _("Truancy or leaving school without permission"), False),
    ("other", _("Other"), False),
)
DEFAULT_OFFENSE_CODES = frozenset(code for code, _label, _violent in DEFAULT_OFFENSES)


class Dimension(models.TextChoices):
    """What counts are broken down by."""

    TOTAL = "total", _("All students")
    RACE = "race", _("Race/ethnicity")
    SEX = "sex", _("Sex")
    DISABILITY = "disability", _("Disability status")
    EL = "el", _("English-learner status")
    AGE_BAND = "age_band", _("Age band")
    OFFENSE = "offense", _("Offense category")


TOTAL_GROUP = "all"

# The groups of each student dimension (offense groups come from the partnership's categories).
DIMENSION_GROUPS: dict[str, type[models.TextChoices]] = {
    Dimension.RACE: Race,
    Dimension.SEX: Sex,
    Dimension.DISABILITY: Disability,
    Dimension.EL: EnglishLearner,
    Dimension.AGE_BAND: AgeBand,
}
