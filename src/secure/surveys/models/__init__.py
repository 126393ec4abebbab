from .campaign import AccessCode, Campaign, CampaignLink
from .choices import Group, Language, QuestionKind
from .instrument import Instrument, Question, Scale, Section
from .response import Response

__all__ = [
    "AccessCode",
    "Campaign",
    "CampaignLink",
    "Group",
    "Instrument",
    "Language",
    "Question",
    "QuestionKind",
    "Response",
    "Scale",
    "Section",
]
