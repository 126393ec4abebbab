"""The dimensions counts are broken down by, and the English group labels exports use."""

from __future__ import annotations

from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from .importers.lookups import offense_labels
from .models.choices import DIMENSION_GROUPS, TOTAL_GROUP, ActionType, Dimension
from .values import english_labels

COUNT_DIMENSIONS = (
    Dimension.RACE,
    Dimension.SEX,
    Dimension.DISABILITY,
    Dimension.EL,
    Dimension.AGE_BAND,
    Dimension.OFFENSE,
)
"""The dimensions of exports and dashboards (the rubric's race, ethnicity, age, sex, offense,
EL status and disability status)."""

# The student (or incident) field each dimension reads, as seen from an action.
ACTION_GROUP_FIELD: dict[str, str] = {
    Dimension.RACE: "student__race",
    Dimension.SEX: "student__sex",
    Dimension.DISABILITY: "student__disability",
    Dimension.EL: "student__english_learner",
    Dimension.AGE_BAND: "student__age_band",
    Dimension.OFFENSE: "incident__offense",
}
STUDENT_GROUP_FIELD: dict[str, str] = {
    k: v.removeprefix("student__") for k, v in ACTION_GROUP_FIELD.items()
}
STUDENT_GROUP_FIELD[Dimension.OFFENSE] = "incident__offense"


def group_expression(dimension: str, *, from_action: bool = True) -> F:
    """The ORM expression of a dimension's group."""
    fields = ACTION_GROUP_FIELD if from_action else STUDENT_GROUP_FIELD
    return F(fields[dimension])


def group_code(dimension: str, value: object) -> str:
    """A stored value as the dimension's group code (English-learner booleans become yes/no)."""
    if dimension == Dimension.EL and isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def group_labels(*, dimension: str, partnership: Partnership | None = None) -> dict[str, str]:
    """Group code -> label in the current language, in the dimension's order."""
    if dimension == Dimension.OFFENSE:
        if partnership is None:
            return {}
        return _offense_labels_current(partnership)
    if dimension == Dimension.TOTAL:
        return {TOTAL_GROUP: str(_("All students"))}
    return {str(v): str(label) for v, label in DIMENSION_GROUPS[dimension].choices}


def _offense_labels_current(partnership: Partnership) -> dict[str, str]:
    from .models.choices import DEFAULT_OFFENSES

    labels = {code: str(label) for code, label, _violent in DEFAULT_OFFENSES}
    for code, label in offense_labels(partnership=partnership).items():
        labels.setdefault(code, label)
    return labels


def export_group_labels(
    *, dimension: str, partnership: Partnership | None = None
) -> dict[str, str]:
    """Group code -> the English label printed in count tables (exactly as documented)."""
    with translation.override("en"):
        if dimension in DIMENSION_GROUPS:
            return english_labels(DIMENSION_GROUPS[dimension])
        return group_labels(dimension=dimension, partnership=partnership)


def outcome_labels() -> dict[str, str]:
    """Outcome code -> label in the current language."""
    return {str(v): str(label) for v, label in ActionType.choices}
