"""The clause library: model clauses written for SECURE, each mapped to requirements and rubric items."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([a-z])")
LIBRARY_PATH = Path(__file__).parent / "data" / "clauses.json"


@dataclass(frozen=True)
class ModelClause:
    """One model clause in two strengths, with the requirements and rubric items it satisfies."""

    id: str
    title: str
    requirements: tuple[str, ...]
    rubric_items: tuple[str, ...]
    standard: str
    stronger: str
    own: bool = False  # added by the partnership rather than written for SECURE

    def render(self, values: dict[str, str], *, stronger: bool = False) -> str:
        """The clause text with its variables filled in."""
        wording = self.stronger if stronger and self.stronger else self.standard
        text = wording.format_map({**default_values(), **values})
        return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


@cache
def _data() -> dict:
    return json.loads(LIBRARY_PATH.read_text(encoding="utf-8"))


def default_values() -> dict[str, str]:
    """Neutral wording for every variable, used when a partnership has not filled one in."""
    return dict(_data()["variables"])


@cache
def model_clauses() -> tuple[ModelClause, ...]:
    """Every model clause, in library order."""
    return tuple(
        ModelClause(
            id=c["id"],
            title=c["title"],
            requirements=tuple(c["requirements"]),
            rubric_items=tuple(c["rubric_items"]),
            standard=c["standard"],
            stronger=c["stronger"],
        )
        for c in _data()["clauses"]
    )


def clause_for_requirement(requirement: str) -> ModelClause | None:
    """The library clause that satisfies an analyzer requirement, if any."""
    return next((c for c in model_clauses() if requirement in c.requirements), None)


def variable_names() -> tuple[str, ...]:
    """The variables a clause may use, written ``{district}``, ``{agency}`` and so on."""
    return tuple(_data()["variables"])
