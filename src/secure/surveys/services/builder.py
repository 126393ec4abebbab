"""Building and editing instruments in the browser: settings, pages, questions, scales, order.

Every write checks that the instrument is still editable: once any campaign using it has a
response, its questions must keep the meaning the answers were given under, so editing is
refused and ``instrument_copy`` makes a new version to edit instead (0063). Skip logic may only
look back (0060), which every move, edit and delete re-checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from ..library import likert_options
from ..models import (
    Campaign,
    Group,
    Instrument,
    Language,
    Question,
    QuestionKind,
    Response,
    Scale,
    Section,
)
from .instruments import instrument_check_skip_logic

LOCKED = _(
    "This instrument already has answers, so its questions can no longer change. "
    "Make a new version to edit it."
)
KEY_TAKEN = _("Another instrument of this partnership already uses the key {key!r}.")
KEY_INVALID = _("Use lower-case letters, digits and hyphens for the key.")
CODE_INVALID = _("Use lower-case letters, digits and underscores for the code.")
CODE_TAKEN = _("Another question of this instrument already uses the code {code!r}.")
SCALE_CODE_TAKEN = _("Another scale of this instrument already uses the code {code!r}.")
TEXT_MISSING = _("Write this in {language}.")
NO_GROUPS = _("Choose at least one respondent group.")
NO_LANGUAGES = _("Choose at least one language.")
NEEDS_ENGLISH = _("Every instrument is written in English at least.")
GROUP_IN_USE = _("A campaign of this instrument asks {groups}; keep them.")
LANGUAGE_IN_USE = _("A campaign of this instrument is offered in {languages}; keep them.")
FEW_OPTIONS = _("A choice question needs at least two options.")
OPTION_VALUE_MISSING = _("Every option needs a value (what is stored) and a label.")
OPTION_VALUE_INVALID = _("Option values use letters, digits and underscores: {value!r}.")
OPTION_VALUE_REPEATED = _("Two options have the value {value!r}.")
SCALE_NEEDS_LIKERT = _("Only agreement-scale (Likert) questions can belong to a scale.")
REVERSE_NEEDS_SCALE = _("Only a question in a scale can be reverse-coded.")
RANGE_BACKWARDS = _("The smallest number must not be larger than the largest.")
RANGE_ONLY_NUMBERS = _("Smallest and largest numbers apply only to number questions.")
SKIP_UNKNOWN = _("Skip logic must name a choice question on an earlier page.")
SKIP_VALUES = _("Choose which answers to that question show this one: {values}.")
SKIP_VALUE_UNKNOWN = _("{value!r} is not an answer to {question!r}.")
GROUP_NOT_ASKED = _("This instrument is not written for: {groups}.")
IN_USE_BY_SKIP = _("{code!r} decides whether {others} is asked; change that skip logic first.")
SECTION_NOT_EMPTY = _("Move or delete this page's questions first.")
LAST_SECTION = _("An instrument needs at least one page.")
NOT_THIS_INSTRUMENT = _("That page belongs to another instrument.")
CANNOT_MOVE = _("It is already at the edge.")

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _language_name(code: str) -> str:
    return str(dict(Language.choices).get(code, code))


def instrument_is_locked(instrument: Instrument) -> bool:
    """Whether any campaign of this instrument has a response (even one not yet sent)."""
    return Response.objects.filter(campaign__instrument=instrument).exists()


def _require_editable(instrument: Instrument) -> None:
    if instrument_is_locked(instrument):
        raise ValidationError(LOCKED)


def _texts(text: dict[str, str], languages: list[str], field: str) -> dict[str, str]:
    """Trimmed text in each language; every language of the instrument is required."""
    cleaned = {lang: (text.get(lang) or "").strip() for lang in languages}
    errors = {
        f"{field}_{lang}": ValidationError(TEXT_MISSING.format(language=_language_name(lang)))
        for lang, value in cleaned.items()
        if not value
    }
    if errors:
        raise ValidationError(errors)
    return cleaned


def _spec(instrument: Instrument, *, sections: list[Section] | None = None) -> dict[str, Any]:
    """The instrument's pages and questions in the library's shape, for the skip-logic check."""
    sections = sections if sections is not None else list(instrument.sections.order_by("position"))
    return {
        "sections": [
            {
                "questions": [
                    {"code": q.code, "show_if": q.show_if}
                    for q in section.questions.order_by("position")
                ]
            }
            for section in sections
        ]
    }


def _check_groups_languages(
    instrument: Instrument | None, groups: list[str], languages: list[str]
) -> None:
    if not groups:
        raise ValidationError({"groups": NO_GROUPS})
    if not languages:
        raise ValidationError({"languages": NO_LANGUAGES})
    if "en" not in languages:
        raise ValidationError({"languages": NEEDS_ENGLISH})
    if instrument is None or instrument.pk is None:
        return
    campaigns = list(Campaign.objects.filter(instrument=instrument))
    used_groups = sorted({g for c in campaigns for g in c.groups} - set(groups))
    if used_groups:
        labels = ", ".join(str(Group(g).label) for g in used_groups)
        raise ValidationError({"groups": GROUP_IN_USE.format(groups=labels)})
    used_languages = sorted({lang for c in campaigns for lang in c.languages} - set(languages))
    if used_languages:
        names = ", ".join(_language_name(lang) for lang in used_languages)
        raise ValidationError({"languages": LANGUAGE_IN_USE.format(languages=names)})


@transaction.atomic
def instrument_create(
    *,
    partnership: Partnership,
    key: str,
    kind: str,
    title: dict[str, str],
    description: dict[str, str],
    groups: list[str],
    languages: list[str],
) -> Instrument:
    """A new, empty instrument with one page, ready for questions."""
    if not KEY_PATTERN.match(key):
        raise ValidationError({"key": KEY_INVALID})
    if Instrument.objects.for_partnership(partnership).filter(key=key).exists():
        raise ValidationError({"key": KEY_TAKEN.format(key=key)})
    _check_groups_languages(None, groups, languages)
    instrument = Instrument.objects.create(
        partnership=partnership,
        key=key,
        kind=kind,
        title=_texts(title, languages, "title"),
        description={k: v.strip() for k, v in description.items() if v.strip()},
        groups=list(groups),
        languages=list(languages),
    )
    Section.objects.create(
        instrument=instrument, position=1, title={lang: "1" for lang in languages}
    )
    return instrument


@transaction.atomic
def instrument_update(
    *,
    instrument: Instrument,
    kind: str,
    title: dict[str, str],
    description: dict[str, str],
    groups: list[str],
    languages: list[str],
) -> Instrument:
    """Change the title, kind, groups and languages (the key stays: campaigns refer to it)."""
    _require_editable(instrument)
    _check_groups_languages(instrument, groups, languages)
    instrument.kind = kind
    instrument.title = _texts(title, languages, "title")
    instrument.description = {k: v.strip() for k, v in description.items() if v.strip()}
    instrument.groups = list(groups)
    instrument.languages = list(languages)
    instrument.save()
    return instrument


def _free_key(partnership: Partnership, base: str) -> str:
    base = re.sub(r"-v\d+$", "", base)[:54]
    taken = set(
        Instrument.objects.for_partnership(partnership)
        .filter(key__startswith=base)
        .values_list("key", flat=True)
    )
    number = 2
    while f"{base}-v{number}" in taken:
        number += 1
    return f"{base}-v{number}"


@transaction.atomic
def instrument_copy(*, instrument: Instrument, key: str = "") -> Instrument:
    """A new, editable version of ``instrument`` (pages, questions, scales), under a new key.

    Past campaigns keep the old version, so their answers keep their meaning.
    """
    partnership = instrument.partnership
    key = key or _free_key(partnership, instrument.key)
    if not KEY_PATTERN.match(key):
        raise ValidationError({"key": KEY_INVALID})
    if Instrument.objects.for_partnership(partnership).filter(key=key).exists():
        raise ValidationError({"key": KEY_TAKEN.format(key=key)})
    copy = Instrument.objects.create(
        partnership=partnership,
        key=key,
        kind=instrument.kind,
        title=dict(instrument.title),
        description=dict(instrument.description),
        groups=list(instrument.groups),
        languages=list(instrument.languages),
    )
    scales = {
        scale.pk: Scale.objects.create(instrument=copy, code=scale.code, name=dict(scale.name))
        for scale in instrument.scales.all()
    }
    for section in instrument.sections.order_by("position"):
        new_section = Section.objects.create(
            instrument=copy,
            position=section.position,
            title=dict(section.title),
            groups=list(section.groups),
        )
        for q in section.questions.order_by("position"):
            Question.objects.create(
                section=new_section,
                position=q.position,
                code=q.code,
                kind=q.kind,
                text=dict(q.text),
                group_text=dict(q.group_text),
                hint=dict(q.hint),
                options=list(q.options),
                scale=scales.get(q.scale_id) if q.scale_id else None,
                reverse=q.reverse,
                required=q.required,
                minimum=q.minimum,
                maximum=q.maximum,
                groups=list(q.groups),
                show_if=dict(q.show_if),
            )
    return copy


# --- pages ---------------------------------------------------------------------------------


@transaction.atomic
def section_save(
    *,
    instrument: Instrument,
    section: Section | None,
    title: dict[str, str],
    groups: list[str],
) -> Section:
    """Add a page at the end, or change a page's title and the groups it is shown to."""
    _require_editable(instrument)
    title = _texts(title, instrument.languages, "title")
    not_asked = sorted(set(groups) - set(instrument.groups))
    if not_asked:
        raise ValidationError({"groups": GROUP_NOT_ASKED.format(groups=", ".join(not_asked))})
    if section is None:
        last = instrument.sections.aggregate(m=Max("position"))["m"] or 0
        return Section.objects.create(
            instrument=instrument, position=last + 1, title=title, groups=list(groups)
        )
    if section.instrument_id != instrument.pk:
        raise ValidationError(NOT_THIS_INSTRUMENT)
    section.title = title
    section.groups = list(groups)
    section.save()
    return section


def _dependants(instrument: Instrument, codes: set[str]) -> dict[str, list[str]]:
    """Questions whose skip logic names one of ``codes``: {code: [dependent codes]}."""
    found: dict[str, list[str]] = {}
    for question in Question.objects.filter(section__instrument=instrument).exclude(show_if={}):
        other = question.show_if.get("question")
        if other in codes and question.code not in codes:
            found.setdefault(other, []).append(question.code)
    return found


@transaction.atomic
def section_delete(*, section: Section) -> None:
    """Delete an empty page; the pages after it move up."""
    instrument = section.instrument
    _require_editable(instrument)
    if section.questions.exists():
        raise ValidationError(SECTION_NOT_EMPTY)
    if instrument.sections.count() <= 1:
        raise ValidationError(LAST_SECTION)
    section.delete()
    _renumber_sections(instrument)


def _renumber_sections(instrument: Instrument) -> None:
    for number, section in enumerate(instrument.sections.order_by("position", "pk"), start=1):
        if section.position != number:
            section.position = number
            section.save(update_fields=["position"])


def _renumber_questions(section: Section) -> None:
    for number, question in enumerate(section.questions.order_by("position", "pk"), start=1):
        if question.position != number:
            question.position = number
            question.save(update_fields=["position"])


@transaction.atomic
def section_move(*, section: Section, step: int) -> Section:
    """Move a page one place up (-1) or down (+1); skip logic must still look back."""
    instrument = section.instrument
    _require_editable(instrument)
    sections = list(instrument.sections.order_by("position", "pk"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    target = index + step
    if not 0 <= target < len(sections):
        raise ValidationError(CANNOT_MOVE)
    sections[index], sections[target] = sections[target], sections[index]
    instrument_check_skip_logic(spec=_spec(instrument, sections=sections))
    for number, item in enumerate(sections, start=1):
        if item.position != number:
            item.position = number
            item.save(update_fields=["position"])
    section.refresh_from_db()
    return section


# --- questions -----------------------------------------------------------------------------


@dataclass
class QuestionData:
    """What the question form gives the service; texts are ``{language: text}``."""

    section: Section
    code: str
    kind: str
    text: dict[str, str]
    hint: dict[str, str]
    group_text: dict[str, dict[str, str]]
    options: list[dict[str, Any]]
    scale: Scale | None
    reverse: bool
    required: bool
    minimum: int | None
    maximum: int | None
    groups: list[str]
    show_if_question: str
    show_if_values: list[str]


def _clean_options(data: QuestionData, languages: list[str]) -> list[dict[str, Any]]:
    if data.kind == QuestionKind.LIKERT:
        return likert_options("agree5")
    if data.kind not in CHOICE_KINDS:
        return []
    options = []
    seen: set[str] = set()
    for option in data.options:
        value = str(option.get("value", "")).strip()
        label = {lang: (option["label"].get(lang) or "").strip() for lang in languages}
        if not value and not any(label.values()):
            continue  # an empty row
        if not value or not all(label.values()):
            raise ValidationError({"options": OPTION_VALUE_MISSING})
        if not VALUE_PATTERN.match(value):
            raise ValidationError({"options": OPTION_VALUE_INVALID.format(value=value)})
        if value in seen:
            raise ValidationError({"options": OPTION_VALUE_REPEATED.format(value=value)})
        seen.add(value)
        options.append({"value": value, "label": label})
    if len(options) < 2:
        raise ValidationError({"options": FEW_OPTIONS})
    return options


def _clean_show_if(
    instrument: Instrument, data: QuestionData, question: Question | None
) -> dict[str, Any]:
    if not data.show_if_question:
        return {}
    candidates = Question.objects.filter(
        section__instrument=instrument,
        code=data.show_if_question,
        kind__in=(QuestionKind.LIKERT, *CHOICE_KINDS),
        section__position__lt=data.section.position,
    )
    if question is not None:
        candidates = candidates.exclude(pk=question.pk)
    other = candidates.first()
    if other is None:
        raise ValidationError({"show_if_question": SKIP_UNKNOWN})
    allowed = [str(v) for v in other.option_values()]
    if not data.show_if_values:
        raise ValidationError({"show_if_values": SKIP_VALUES.format(values=", ".join(allowed))})
    values: list[Any] = []
    for value in data.show_if_values:
        if value not in allowed:
            raise ValidationError(
                {"show_if_values": SKIP_VALUE_UNKNOWN.format(value=value, question=other.code)}
            )
        values.append(int(value) if other.kind == QuestionKind.LIKERT else value)
    return {"question": other.code, "values": values}


@transaction.atomic
def question_save(
    *, instrument: Instrument, question: Question | None, data: QuestionData
) -> Question:
    """Add a question at the end of its page, or change one; everything is checked first."""
    _require_editable(instrument)
    languages = instrument.languages
    if data.section.instrument_id != instrument.pk:
        raise ValidationError(NOT_THIS_INSTRUMENT)
    code = data.code.strip()
    if not CODE_PATTERN.match(code):
        raise ValidationError({"code": CODE_INVALID})
    clash = Question.objects.filter(section__instrument=instrument, code=code)
    if question is not None:
        clash = clash.exclude(pk=question.pk)
    if clash.exists():
        raise ValidationError({"code": CODE_TAKEN.format(code=code)})
    text = _texts(data.text, languages, "text")
    hint = {k: v.strip() for k, v in data.hint.items() if v.strip()}
    group_text: dict[str, dict[str, str]] = {}
    for group, wording in data.group_text.items():
        if any((wording.get(lang) or "").strip() for lang in languages):
            if group not in instrument.groups:
                raise ValidationError(
                    {"group_text": GROUP_NOT_ASKED.format(groups=str(Group(group).label))}
                )
            group_text[group] = _texts(wording, languages, f"group_{group}")
    not_asked = sorted(set(data.groups) - set(instrument.groups))
    if not_asked:
        raise ValidationError({"groups": GROUP_NOT_ASKED.format(groups=", ".join(not_asked))})
    options = _clean_options(data, languages)
    if data.scale is not None:
        if data.kind != QuestionKind.LIKERT:
            raise ValidationError({"scale": SCALE_NEEDS_LIKERT})
        if data.scale.instrument_id != instrument.pk:
            raise ValidationError({"scale": NOT_THIS_INSTRUMENT})
    if data.reverse and data.scale is None:
        raise ValidationError({"reverse": REVERSE_NEEDS_SCALE})
    minimum, maximum = data.minimum, data.maximum
    if data.kind != QuestionKind.NUMERIC and (minimum is not None or maximum is not None):
        raise ValidationError({"minimum": RANGE_ONLY_NUMBERS})
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValidationError({"maximum": RANGE_BACKWARDS})
    show_if = _clean_show_if(instrument, data, question)
    if question is not None and question.code != code:
        waiting = _dependants(instrument, {question.code})
        if waiting:
            raise ValidationError(
                {
                    "code": IN_USE_BY_SKIP.format(
                        code=question.code, others=", ".join(waiting[question.code])
                    )
                }
            )
    old: Section | None = None
    if question is None:
        last = data.section.questions.aggregate(m=Max("position"))["m"] or 0
        question = Question(section=data.section, position=last + 1)
    elif question.section_id != data.section.pk:
        old = question.section
        last = data.section.questions.aggregate(m=Max("position"))["m"] or 0
        question.section, question.position = data.section, last + 1
    question.code = code
    question.kind = data.kind
    question.text = text
    question.hint = hint
    question.group_text = group_text
    question.options = options
    question.scale = data.scale
    question.reverse = data.reverse
    question.required = data.required
    question.minimum, question.maximum = minimum, maximum
    question.groups = list(data.groups)
    question.show_if = show_if
    question.save()
    if old is not None:
        _renumber_questions(old)
    instrument_check_skip_logic(spec=_spec(instrument))  # a page move must not break others
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    instrument = question.section.instrument
    _require_editable(instrument)
    waiting = _dependants(instrument, {question.code})
    if waiting:
        raise ValidationError(
            IN_USE_BY_SKIP.format(code=question.code, others=", ".join(waiting[question.code]))
        )
    section = question.section
    question.delete()
    _renumber_questions(section)


@transaction.atomic
def question_move(*, question: Question, step: int) -> Question:
    """Move a question one place up or down within its page."""
    section = question.section
    _require_editable(section.instrument)
    questions = list(section.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    target = index + step
    if not 0 <= target < len(questions):
        raise ValidationError(CANNOT_MOVE)
    questions[index], questions[target] = questions[target], questions[index]
    # positions are unique only by convention; park the moving rows out of the way first
    for number, item in enumerate(questions, start=1):
        if item.position != number:
            item.position = number
            item.save(update_fields=["position"])
    question.refresh_from_db()
    return question


# --- scales --------------------------------------------------------------------------------


@transaction.atomic
def scale_save(
    *, instrument: Instrument, scale: Scale | None, code: str, name: dict[str, str]
) -> Scale:
    _require_editable(instrument)
    code = code.strip()
    if not CODE_PATTERN.match(code):
        raise ValidationError({"code": CODE_INVALID})
    clash = Scale.objects.filter(instrument=instrument, code=code)
    if scale is not None:
        clash = clash.exclude(pk=scale.pk)
    if clash.exists():
        raise ValidationError({"code": SCALE_CODE_TAKEN.format(code=code)})
    name = _texts(name, instrument.languages, "name")
    if scale is None:
        return Scale.objects.create(instrument=instrument, code=code, name=name)
    if scale.instrument_id != instrument.pk:
        raise ValidationError(NOT_THIS_INSTRUMENT)
    scale.code, scale.name = code, name
    scale.save()
    return scale


@transaction.atomic
def scale_delete(*, scale: Scale) -> None:
    """Delete a scale; its questions stay, outside any scale and no longer reverse-coded."""
    _require_editable(scale.instrument)
    for question in scale.questions.all():
        question.scale = None
        question.reverse = False
        question.save(update_fields=["scale", "reverse"])
    scale.delete()
