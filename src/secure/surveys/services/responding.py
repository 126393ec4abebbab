"""Answering a survey: starting by link or code, saving page by page, finishing.

Nothing that identifies the respondent is stored: no account, no IP address, no user agent, no
time of day — the day only. A code opens at most one response (``Response.resume_hash`` is
unique), and the same code reopens it until it is finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import AccessCode, CampaignLink, Question, Response, Section
from .codes import code_hash, code_new, token_new

CODE_UNKNOWN = _("We could not find that code. Check it and try again.")
CODE_USED = _("This code has already been used to answer the survey, and it cannot be used again.")
CLOSED = _("This survey is not open.")
LANGUAGE_UNAVAILABLE = _("This survey is not offered in that language.")
ALREADY_COMPLETE = _("These answers have been sent and can no longer be changed.")


@dataclass(frozen=True)
class Started:
    response: Response
    resume_code: str  # shown once to a respondent who came by link; empty for code holders


def _check_open(link: CampaignLink) -> None:
    if not link.campaign.is_open():
        raise ValidationError(CLOSED)


def response_start_from_link(*, link: CampaignLink, language: str) -> Started:
    """A new response through an anonymous link, with a resume code to come back later."""
    _check_open(link)
    if language not in link.campaign.languages:
        raise ValidationError(LANGUAGE_UNAVAILABLE)
    resume_code = code_new()
    response = Response.objects.create(
        partnership_id=link.partnership_id,
        campaign_id=link.campaign_id,
        link=link,
        token=token_new(),
        resume_hash=code_hash(resume_code),
        language=language,
        started_on=timezone.localdate(),
    )
    return Started(response=response, resume_code=resume_code)


def response_open_with_code(*, code: str, language: str = "") -> Response:
    """The response a code opens: a new one for an unused one-time code, or the one begun with it."""
    digest = code_hash(code)
    response = (
        Response.objects.select_related("campaign", "link").filter(resume_hash=digest).first()
    )
    if response is None:
        access = (
            AccessCode.objects.select_related("link__campaign").filter(code_hash=digest).first()
        )
        if access is None:
            raise ValidationError(CODE_UNKNOWN)
        link = access.link
        _check_open(link)
        languages = link.campaign.languages
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    partnership_id=link.partnership_id,
                    campaign_id=link.campaign_id,
                    link=link,
                    token=token_new(),
                    resume_hash=digest,
                    language=language if language in languages else languages[0],
                    started_on=timezone.localdate(),
                )
        except IntegrityError:  # the same code, at the same moment, in another tab
            response = Response.objects.get(resume_hash=digest)
    if response.status == Response.Status.COMPLETE:
        raise ValidationError(CODE_USED)
    _check_open(response.link)
    return response


# Pages and questions of instruments that have answers, kept per process (0066). An instrument
# with a response can no longer be edited (services.builder), so what is cached cannot go stale;
# the key carries the creation time so that a reused id (a restored database) is not confused.
_STRUCTURE: dict[tuple[int, str], list[Section]] = {}
_STRUCTURE_LIMIT = 256


def instrument_sections(instrument: Any) -> list[Section]:
    """Every page of an instrument that has answers, questions prefetched, in order."""
    key = (instrument.pk, instrument.created_at.isoformat())
    sections = _STRUCTURE.get(key)
    if sections is None:
        sections = list(
            Section.objects.filter(instrument_id=instrument.pk)
            .prefetch_related("questions__scale")
            .order_by("position")
        )
        if len(_STRUCTURE) >= _STRUCTURE_LIMIT:
            _STRUCTURE.clear()
        _STRUCTURE[key] = sections
    return sections


def response_sections(*, response: Response) -> list[Section]:
    """The instrument's sections for this respondent's group, questions prefetched, in order.

    A response exists, so its instrument is locked against edits and its pages may be cached.
    """
    group = response.link.group
    sections = instrument_sections(response.campaign.instrument)
    return [s for s in sections if not s.groups or group in s.groups]


def shown_questions(*, section: Section, group: str, answers: dict[str, Any]) -> list[Question]:
    return [q for q in section.questions.all() if q.is_shown(group=group, answers=answers)]


def next_page(*, response: Response, sections: list[Section], after: int) -> int | None:
    """The next page (1-based) after ``after`` with at least one question to ask, if any."""
    for number in range(after + 1, len(sections) + 1):
        if shown_questions(
            section=sections[number - 1], group=response.link.group, answers=response.answers
        ):
            return number
    return None


def response_save_page(
    *, response: Response, section: Section, cleaned: dict[str, Any], page: int
) -> Response:
    """Keep one page's answers (replacing earlier ones for that page) and remember the page."""
    if response.status == Response.Status.COMPLETE:
        raise ValidationError(ALREADY_COMPLETE)
    answers = dict(response.answers)
    for question in section.questions.all():
        value = cleaned.get(question.code)
        if value in (None, "", []):
            answers.pop(question.code, None)
        else:
            answers[question.code] = value
    response.answers = answers
    response.page = max(response.page, page)
    response.save(update_fields=["answers", "page"])
    return response


def response_save_demographics(*, response: Response, cleaned: dict[str, Any]) -> Response:
    if response.status == Response.Status.COMPLETE:
        raise ValidationError(ALREADY_COMPLETE)
    response.demographics = {k: v for k, v in cleaned.items() if v}
    response.save(update_fields=["demographics"])
    return response


def response_complete(*, response: Response, sections: list[Section]) -> Response:
    """Finish: drop answers to questions that earlier answers have since skipped, and seal."""
    if response.status == Response.Status.COMPLETE:
        raise ValidationError(ALREADY_COMPLETE)
    group = response.link.group
    keep: dict[str, Any] = {}
    for section in sections:
        for question in shown_questions(section=section, group=group, answers=response.answers):
            if question.code in response.answers:
                keep[question.code] = response.answers[question.code]
    response.answers = keep
    response.status = Response.Status.COMPLETE
    response.completed_on = timezone.localdate()
    response.save(update_fields=["answers", "status", "completed_on"])
    return response
