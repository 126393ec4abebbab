"""The incident data model: incidents, students, actions, denominators, CRDC counts, imports."""

from .choices import (
    ActionType,
    AgeBand,
    Dimension,
    Disability,
    EnglishLearner,
    ForceType,
    Grade,
    Involvement,
    Location,
    Race,
    Sex,
)
from .crdc import ENROLLMENT_MEASURE, CrdcCount, CrdcSchool
from .denominators import DataSource, Enrollment, SwornOfficers
from .imports import ImportKind, ImportRecord, StagedImport
from .incident import Incident, IncidentAction, IncidentStudent
from .settings import IncidentSettings, OffenseCategory

__all__ = [
    "ENROLLMENT_MEASURE",
    "ActionType",
    "AgeBand",
    "CrdcCount",
    "CrdcSchool",
    "DataSource",
    "Dimension",
    "Disability",
    "EnglishLearner",
    "Enrollment",
    "ForceType",
    "Grade",
    "ImportKind",
    "ImportRecord",
    "Incident",
    "IncidentAction",
    "IncidentSettings",
    "IncidentStudent",
    "Involvement",
    "Location",
    "OffenseCategory",
    "Race",
    "Sex",
    "StagedImport",
    "SwornOfficers",
]
