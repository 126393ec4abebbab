"""Complaint models: the complaint and its events and attachments, demographics, settings."""

from .choices import (
    About,
    AgeBand,
    Answer,
    Basis,
    Concern,
    Involved,
    Outcome,
    PreferredLanguage,
    Race,
    RaceEthnicity,
    Relationship,
    Sex,
    race_ethnicity_of,
)
from .complaint import Complaint, ComplaintAttachment, ComplaintEvent
from .config import ComplaintSettings, ResponseTemplate
from .demographics import Demographics

__all__ = [
    "About",
    "AgeBand",
    "Answer",
    "Basis",
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEvent",
    "ComplaintSettings",
    "Concern",
    "Demographics",
    "Involved",
    "Outcome",
    "PreferredLanguage",
    "Race",
    "RaceEthnicity",
    "Relationship",
    "ResponseTemplate",
    "Sex",
    "race_ethnicity_of",
]
