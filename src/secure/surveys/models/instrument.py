"""Instruments: sections of questions, grouped into scales, written in several languages.

Text is stored as ``{"en": "...", "es": "..."}`` so that translations sit side by side; a
question may carry other wording for a respondent group (``group_text``) and be shown only to
some groups or only when an earlier answer says so (``show_if``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from secure.partnerships.tenancy import PartnershipScopedModel

from .choices import QuestionKind


def in_language(text: dict[str, str], language: str) -> str:
    """The text in ``language``, falling back to English, then to any language there is."""
    return text.get(language) or text.get("en") or next(iter(text.values()), "")


class Instrument(PartnershipScopedModel):
    """A questionnaire a partnership can run in campaigns."""

    class Kind(models.TextChoices):
        PERCEPTION = "perception", _("Perception and school climate survey")
        FEEDBACK_360 = "feedback_360", _("360° feedback on an SRO")
        TRAINING = "training", _("Training input")

    key = models.SlugField(_("key"), max_length=60)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict, blank=True)
    groups = models.JSONField(_("respondent groups"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instrument")
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key"], name="survey_instrument_key")
        ]

    def __str__(self) -> str:
        return in_language(self.title, "en")

    def title_in(self, language: str) -> str:
        return in_language(self.title, language)


class Scale(models.Model):
    """Items of an instrument whose answers are averaged into one score."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="scales")
    code = models.SlugField(_("code"), max_length=60)
    name = models.JSONField(_("name"), default=dict)

    class Meta:
        verbose_name = _("scale")
        ordering = ["instrument", "code"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "code"], name="survey_scale_code")
        ]

    def __str__(self) -> str:
        return in_language(self.name, "en")


class Section(models.Model):
    """One page of an instrument."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.JSONField(_("title"), default=dict)
    groups = models.JSONField(_("only for groups"), default=list, blank=True)

    class Meta:
        verbose_name = _("section")
        ordering = ["instrument", "position"]

    def __str__(self) -> str:
        return in_language(self.title, "en")


class Question(models.Model):
    """One question; ``options`` are ``[{"value": ..., "label": {"en": ..., "es": ...}}]``."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    text = models.JSONField(_("text"), default=dict)
    group_text = models.JSONField(_("wording for a group"), default=dict, blank=True)
    hint = models.JSONField(_("hint"), default=dict, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    scale = models.ForeignKey(
        Scale,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("scale"),
    )
    reverse = models.BooleanField(_("reverse-coded"), default=False)
    required = models.BooleanField(_("required"), default=False)
    minimum = models.IntegerField(_("smallest number"), null=True, blank=True)
    maximum = models.IntegerField(_("largest number"), null=True, blank=True)
    groups = models.JSONField(_("only for groups"), default=list, blank=True)
    show_if = models.JSONField(_("show only if"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question")
        ordering = ["section__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="survey_question_code")
        ]

    def __str__(self) -> str:
        return self.code

    def text_for(self, *, group: str, language: str) -> str:
        """The wording for this group in this language (the group's own wording first)."""
        own = self.group_text.get(group)
        return in_language(own, language) if own else in_language(self.text, language)

    def option_values(self) -> list[Any]:
        return [option["value"] for option in self.options]

    def option_label(self, value: Any, language: str) -> str:
        for option in self.options:
            if option["value"] == value:
                return in_language(option["label"], language)
        return str(value)

    def scored_value(self, value: Any) -> float | None:
        """A Likert answer as a number, reversed when the item is reverse-coded."""
        if self.kind != QuestionKind.LIKERT or value in (None, ""):
            return None
        values = [int(v) for v in self.option_values()]
        number = int(value)
        return float(min(values) + max(values) - number) if self.reverse else float(number)

    def is_shown(self, *, group: str, answers: dict[str, Any]) -> bool:
        """Whether this question is asked of ``group`` given the earlier ``answers``."""
        if self.groups and group not in self.groups:
            return False
        if self.show_if:
            answer = answers.get(self.show_if["question"])
            wanted = self.show_if.get("values", [])
            given = answer if isinstance(answer, list) else [answer]
            return any(a in wanted for a in given)
        return True
