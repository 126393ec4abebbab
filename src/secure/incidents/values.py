"""Parsing one value of an import file: each rule a small function, each message a constant.

Every parser takes the text of a cell and returns the typed value or raises ``ValueError``
with a message for the person who fixes the file (the importer adds line, column and value).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

REQUIRED = _("A value is required.")
NOT_A_DATE = _("Not a date: write it as YYYY-MM-DD (for example 2024-03-15).")
NOT_A_WHOLE_NUMBER = _("Not a whole number of zero or more.")
NOT_A_NUMBER = _("Not a number of zero or more.")
NOT_YES_NO = _("Write yes or no (or Y / N).")
NOT_A_SCHOOL_YEAR = _("Not a school year: write it as 2023-24 (the second year follows the first).")
NOT_ALLOWED = _("Not an allowed value. Allowed: %(allowed)s.")

_YEAR = re.compile(r"(\d{4})\s*[-/–]\s*(\d{2}|\d{4})")
_YES = {"yes", "y", "true", "1", "sí", "si"}
_NO = {"no", "n", "false", "0"}


def text_required(value: str) -> str:
    """A non-empty text value, trimmed."""
    text = value.strip()
    if not text:
        raise ValueError(REQUIRED)
    return text


def date_parse(value: str) -> datetime.date:
    """An ISO date (YYYY-MM-DD); Excel dates arrive in this form too."""
    try:
        return datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(NOT_A_DATE) from None


def whole_number_parse(value: str) -> int:
    """A whole number of zero or more ("12" or "12.0" as Excel writes it)."""
    text = value.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit():
        raise ValueError(NOT_A_WHOLE_NUMBER)
    return int(text)


def decimal_parse(value: str) -> Decimal:
    """A number of zero or more with at most two decimals (full-time equivalents)."""
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError(NOT_A_NUMBER) from None
    if not number.is_finite() or number < 0 or number >= 10_000:
        raise ValueError(NOT_A_NUMBER)
    return number.quantize(Decimal("0.01"))


def yes_no_parse(value: str) -> bool:
    """Yes or no, as yes/no, Y/N, true/false or 1/0."""
    text = value.strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(NOT_YES_NO)


def school_year_parse(value: str) -> str:
    """A school year as 2023-24 (also accepts 2023-2024 and 2023/24)."""
    match = _YEAR.fullmatch(value.strip())
    if not match:
        raise ValueError(NOT_A_SCHOOL_YEAR)
    first, second = int(match.group(1)), int(match.group(2)[-2:])
    if (first + 1) % 100 != second:
        raise ValueError(NOT_A_SCHOOL_YEAR)
    return f"{first}-{second:02d}"


def school_year_of(day: datetime.date) -> str:
    """The school year (July to June) a date falls in."""
    first = day.year if day.month >= 7 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def english_labels(choices: type[models.TextChoices]) -> dict[str, str]:
    """Code to English label (exports and files use English whatever the reader's language)."""
    with translation.override("en"):
        return {str(value): str(label) for value, label in choices.choices}


class ChoiceParser:
    """Parse a code of a ``TextChoices`` list: its code, its English label, or an alias."""

    def __init__(
        self, choices: type[models.TextChoices], aliases: dict[str, str] | None = None
    ) -> None:
        self.codes = [str(value) for value in choices.values]
        self.lookup: dict[str, str] = {}
        for code, label in english_labels(choices).items():
            self.lookup[code.lower()] = code
            self.lookup[label.lower()] = code
        for alias, code in (aliases or {}).items():
            self.lookup[alias.lower()] = str(code)

    def __call__(self, value: str) -> str:
        code = self.lookup.get(value.strip().lower())
        if code is None:
            raise ValueError(allowed_message(self.codes))
        return code


def allowed_message(codes: Iterable[str]) -> str:
    """The "not an allowed value" message listing the allowed codes."""
    return str(NOT_ALLOWED) % {"allowed": ", ".join(codes)}
