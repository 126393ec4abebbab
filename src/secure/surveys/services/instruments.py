"""Writing instruments: copying one from the starter library into a partnership."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from ..library import library_instrument, likert_options
from ..models import Instrument, Question, QuestionKind, Scale, Section

UNKNOWN_INSTRUMENT = _("There is no instrument {key!r} in the library.")
SKIP_FORWARD = _("Question {code!r} depends on {other!r}, which is not on an earlier page.")


def instrument_check_skip_logic(*, spec: dict[str, Any]) -> None:
    """Skip logic may only look back: a page without JavaScript cannot react to its own answers."""
    earlier: set[str] = set()
    for section in spec["sections"]:
        for question in section["questions"]:
            condition = question.get("show_if")
            if condition and condition["question"] not in earlier:
                raise ValidationError(
                    SKIP_FORWARD.format(code=question["code"], other=condition["question"])
                )
        earlier |= {q["code"] for q in section["questions"]}


@transaction.atomic
def instrument_from_library(*, partnership: Partnership, key: str) -> Instrument:
    """The partnership's copy of library instrument ``key``, made on first use."""
    existing = Instrument.objects.for_partnership(partnership).filter(key=key).first()
    if existing:
        return existing
    spec = library_instrument(key)
    if spec is None:
        raise ValidationError(UNKNOWN_INSTRUMENT.format(key=key))
    instrument_check_skip_logic(spec=spec)
    instrument = Instrument.objects.create(
        partnership=partnership,
        key=key,
        kind=spec["kind"],
        title=spec["title"],
        description=spec.get("description", {}),
        groups=spec["groups"],
        languages=sorted(spec["title"]),
    )
    scales = {
        s["code"]: Scale.objects.create(instrument=instrument, code=s["code"], name=s["name"])
        for s in spec.get("scales", [])
    }
    for s_index, section_spec in enumerate(spec["sections"], start=1):
        section = Section.objects.create(
            instrument=instrument,
            position=s_index,
            title=section_spec["title"],
            groups=section_spec.get("groups", []),
        )
        for q_index, q in enumerate(section_spec["questions"], start=1):
            options = q.get("options", [])
            if q["kind"] == QuestionKind.LIKERT:
                options = likert_options(q.get("likert", "agree5"))
            Question.objects.create(
                section=section,
                position=q_index,
                code=q["code"],
                kind=q["kind"],
                text=q["text"],
                group_text=q.get("group_text", {}),
                hint=q.get("hint", {}),
                options=options,
                scale=scales.get(q.get("scale", "")),
                reverse=q.get("reverse", False),
                required=q.get("required", False),
                minimum=q.get("minimum"),
                maximum=q.get("maximum"),
                groups=q.get("groups", []),
                show_if=q.get("show_if", {}),
            )
    return instrument
