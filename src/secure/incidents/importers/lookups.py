"""Looking up what a file names: the partnership's schools and offense categories."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from ..models import OffenseCategory
from ..models.choices import DEFAULT_OFFENSES

UNKNOWN_SCHOOL = _("No school of the partnership has this NCES ID or name.")
UNKNOWN_OFFENSE = _("Not an offense category of the partnership (see the data standard).")


class SchoolLookup:
    """Find a partnership's school by its 12-digit NCES ID or its exact name (any case)."""

    def __init__(self, partnership: Partnership) -> None:
        self.by_key: dict[str, int] = {}
        for pk, name, nces_id in School.objects.for_partnership(partnership).values_list(
            "pk", "name", "nces_id"
        ):
            self.by_key[name.strip().lower()] = pk
            if nces_id:
                self.by_key[nces_id] = pk

    def __call__(self, value: str) -> int:
        pk = self.by_key.get(value.strip().lower())
        if pk is None:
            raise ValueError(UNKNOWN_SCHOOL)
        return pk


def offense_labels(*, partnership: Partnership) -> dict[str, str]:
    """Every offense category code of the partnership (defaults, then its own) and its label."""
    with translation.override("en"):
        labels = {code: str(label) for code, label, _violent in DEFAULT_OFFENSES}
    for code, label in OffenseCategory.objects.for_partnership(partnership).values_list(
        "code", "label"
    ):
        labels[code] = label
    return labels


class OffenseLookup:
    """Accept an offense category code (or its label) of the partnership."""

    def __init__(self, partnership: Partnership) -> None:
        self.by_key: dict[str, str] = {}
        for code, label in offense_labels(partnership=partnership).items():
            self.by_key[code.lower()] = code
            self.by_key[label.lower()] = code

    def __call__(self, value: str) -> str:
        code = self.by_key.get(value.strip().lower())
        if code is None:
            raise ValueError(UNKNOWN_OFFENSE)
        return code
