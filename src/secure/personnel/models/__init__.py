"""The people app's models, one concept per file."""

from .evaluation import Commendation, Evaluation, EvaluationCycle, EvaluationRating
from .hiring import Candidate, Criterion, Guideline, GuidelineComment, Panelist, Score
from .people import Assignment, Person
from .training import (
    Attendance,
    OnboardingPlan,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)

__all__ = [
    "Assignment",
    "Attendance",
    "Candidate",
    "Commendation",
    "Criterion",
    "Evaluation",
    "EvaluationCycle",
    "EvaluationRating",
    "Guideline",
    "GuidelineComment",
    "OnboardingPlan",
    "Panelist",
    "Person",
    "Score",
    "TrainingSession",
    "TrainingSuggestion",
    "TrainingTopic",
]
