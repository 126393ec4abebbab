"""Forms of the instrument builder: texts in every language of the instrument, side by side.

A translated text is one field per language (``text_en``, ``text_es``); templates lay them out
in columns, English beside Spanish. Forms only collect; the rules live in
``services.builder``, whose errors are put back on the fields they concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Group, Instrument, Language, Question, QuestionKind, Scale, Section
from .models.instrument import in_language

EXTRA_OPTION_ROWS = 2
MAX_OPTION_ROWS = 30


def language_label(code: str) -> str:
    return str(dict(Language.choices).get(code, code))


@dataclass
class Block:
    """A fieldset of the form: fields side by side (one per language) or one under another."""

    legend: str
    fields: list[Any] = field(default_factory=list)
    side_by_side: bool = False
    hint: str = ""


def _text_fields(
    form: forms.Form,
    prefix: str,
    label: Any,
    languages: list[str],
    *,
    long: bool = False,
    required: bool = False,
    initial: dict[str, str] | None = None,
) -> list[str]:
    names = []
    for lang in languages:
        name = f"{prefix}_{lang}"
        widget = (
            forms.Textarea(attrs={"rows": 3, "lang": lang})
            if long
            else forms.TextInput(attrs={"lang": lang})
        )
        form.fields[name] = forms.CharField(
            label=f"{label} ({language_label(lang)})",
            required=required,
            max_length=2000,
            widget=widget,
            initial=(initial or {}).get(lang, ""),
        )
        names.append(name)
    return names


def texts_from(cleaned: dict[str, Any], prefix: str, languages: list[str]) -> dict[str, str]:
    return {lang: cleaned.get(f"{prefix}_{lang}") or "" for lang in languages}


def errors_onto(form: forms.Form, error: ValidationError) -> None:
    """Put a service's errors on the form: on a field when it has one, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class InstrumentForm(forms.Form):
    """An instrument's title, kind, groups and languages; the key only when it is created."""

    key = forms.SlugField(
        label=_("Key"),
        max_length=60,
        help_text=_("A short name used in links and exports, such as “spring-climate-survey”."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Instrument.Kind.choices)
    groups = forms.MultipleChoiceField(
        label=_("Respondent groups"), choices=Group.choices, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["en", "es"],
        help_text=_("Every text must then be written in each of them."),
    )

    def __init__(self, *args: Any, instrument: Instrument | None = None, **kwargs: Any) -> None:
        if instrument is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": instrument.kind,
                    "groups": instrument.groups,
                    "languages": instrument.languages,
                },
            )
        super().__init__(*args, **kwargs)
        if instrument is not None:
            del self.fields["key"]
        langs = [code for code, _label in Language.choices]
        self.title_names = _text_fields(
            self,
            "title",
            _("Title"),
            langs,
            initial=instrument.title if instrument else None,
        )
        self.description_names = _text_fields(
            self,
            "description",
            _("Description"),
            langs,
            long=True,
            initial=instrument.description if instrument else None,
        )

    def blocks(self) -> list[Block]:
        head = [self[n] for n in ("key", "kind") if n in self.fields]
        return [
            Block(str(_("Instrument")), head),
            Block(str(_("Title")), [self[n] for n in self.title_names], side_by_side=True),
            Block(
                str(_("Description")),
                [self[n] for n in self.description_names],
                side_by_side=True,
            ),
            Block(str(_("Who answers, in which languages")), [self["groups"], self["languages"]]),
        ]

    def texts(self, prefix: str) -> dict[str, str]:
        langs = self.cleaned_data.get("languages") or ["en"]
        return texts_from(self.cleaned_data, prefix, langs)


class PageForm(forms.Form):
    """A page (section): its title in each language and the groups it is shown to."""

    def __init__(
        self, *args: Any, instrument: Instrument, section: Section | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.languages = instrument.languages
        self.title_names = _text_fields(
            self,
            "title",
            pgettext_lazy("survey page", "Page title"),
            self.languages,
            initial=section.title if section else None,
        )
        self.fields["groups"] = forms.MultipleChoiceField(
            label=_("Show this page only to"),
            choices=[(g, Group(g).label) for g in instrument.groups],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            initial=section.groups if section else [],
            help_text=_("Leave all unticked to show it to everyone."),
        )

    def blocks(self) -> list[Block]:
        return [
            Block(str(_("Title")), [self[n] for n in self.title_names], side_by_side=True),
            Block(str(_("Who sees it")), [self["groups"]]),
        ]


class ScaleForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Lower-case letters, digits and underscores, such as “feeling_safe”."),
    )

    def __init__(
        self, *args: Any, instrument: Instrument, scale: Scale | None = None, **kwargs: Any
    ) -> None:
        if scale is not None:
            kwargs.setdefault("initial", {"code": scale.code})
        super().__init__(*args, **kwargs)
        self.languages = instrument.languages
        self.name_names = _text_fields(
            self, "name", _("Name"), self.languages, initial=scale.name if scale else None
        )

    def blocks(self) -> list[Block]:
        return [
            Block(str(_("Scale")), [self["code"]]),
            Block(str(_("Name")), [self[n] for n in self.name_names], side_by_side=True),
        ]


class QuestionForm(forms.Form):
    """Every part of a question; translations side by side; options as rows."""

    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        help_text=_(
            "Lower-case letters, digits and underscores, unique in the instrument; it names "
            "the answers in exports."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of answer"), choices=QuestionKind.choices)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    reverse = forms.BooleanField(
        label=_("Reverse-coded"),
        required=False,
        help_text=_("Agreeing means worse (5 counts as 1) when the scale score is worked out."),
    )
    minimum = forms.IntegerField(label=_("Smallest number allowed"), required=False)
    maximum = forms.IntegerField(label=_("Largest number allowed"), required=False)
    show_if_values = forms.CharField(
        label=_("…when the answer is one of"),
        required=False,
        max_length=500,
        help_text=_("Answer values separated by commas, such as “yes, not_sure” or “4, 5”."),
    )

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        question: Question | None = None,
        section: Section | None = None,
        **kwargs: Any,
    ) -> None:
        self.instrument = instrument
        self.languages = instrument.languages
        sections = list(instrument.sections.order_by("position"))
        scales = list(instrument.scales.order_by("code"))
        if question is not None:
            initial = {
                "section": question.section_id,
                "code": question.code,
                "kind": question.kind,
                "required": question.required,
                "reverse": question.reverse,
                "minimum": question.minimum,
                "maximum": question.maximum,
                "scale": question.scale_id or "",
                "groups": question.groups,
                "show_if_question": question.show_if.get("question", ""),
                "show_if_values": ", ".join(str(v) for v in question.show_if.get("values", [])),
            }
            kwargs.setdefault("initial", initial)
        elif section is not None:
            kwargs.setdefault("initial", {"section": section.pk})
        super().__init__(*args, **kwargs)
        self.fields["section"] = forms.TypedChoiceField(
            label=pgettext_lazy("survey page", "Page"),
            coerce=int,
            choices=[(s.pk, f"{s.position}. {in_language(s.title, 'en')}") for s in sections],
        )
        self.fields["scale"] = forms.ChoiceField(
            label=_("Scale"),
            required=False,
            choices=[("", _("No scale")), *[(str(s.pk), str(s)) for s in scales]],
            help_text=_("Agreement questions in one scale are averaged into a score."),
        )
        self.fields["groups"] = forms.MultipleChoiceField(
            label=_("Ask only"),
            choices=[(g, Group(g).label) for g in instrument.groups],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_("Leave all unticked to ask everyone the page is shown to."),
        )
        earlier = Question.objects.filter(
            section__instrument=instrument,
            kind__in=(QuestionKind.LIKERT, QuestionKind.SINGLE, QuestionKind.MULTIPLE),
        ).order_by("section__position", "position")
        if question is not None:
            earlier = earlier.exclude(pk=question.pk)
        self.skip_sources = list(earlier.select_related("section"))
        self.fields["show_if_question"] = forms.ChoiceField(
            label=_("Ask only when an earlier question…"),
            required=False,
            choices=[
                ("", _("Always ask")),
                *[
                    (q.code, f"{q.code}: {q.text_for(group='', language='en')[:80]}")
                    for q in self.skip_sources
                ],
            ],
            help_text=_(
                "Only a question on an earlier page can decide: pages work without JavaScript."
            ),
        )
        q = question
        self.text_names = _text_fields(
            self, "text", _("Question"), self.languages, long=True, initial=q.text if q else None
        )
        self.hint_names = _text_fields(
            self, "hint", _("Hint"), self.languages, initial=q.hint if q else None
        )
        self.group_names: list[tuple[str, list[str]]] = []
        for group in instrument.groups:
            names = _text_fields(
                self,
                f"group_{group}",
                Group(group).label,
                self.languages,
                long=True,
                initial=(q.group_text.get(group) if q else None),
            )
            self.group_names.append((group, names))
        existing = list(q.options) if q and q.kind != QuestionKind.LIKERT else []
        rows = len(existing) + EXTRA_OPTION_ROWS
        if self.is_bound:
            asked = str(self.data.get("option_rows", "")).strip()
            rows = min(MAX_OPTION_ROWS, int(asked) if asked.isdigit() else rows)
            if "more_options" in self.data:
                rows = min(MAX_OPTION_ROWS, rows + 3)
        self.fields["option_rows"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=rows
        )
        if self.is_bound:
            data = self.data.copy()  # type: ignore[attr-defined]
            data["option_rows"] = str(rows)
            self.data = data
        self.option_names: list[list[str]] = []
        for index in range(rows):
            option = existing[index] if index < len(existing) else {"value": "", "label": {}}
            value_name = f"option_{index}_value"
            self.fields[value_name] = forms.CharField(
                label=_("Value of option %(n)d") % {"n": index + 1},
                required=False,
                max_length=40,
                initial=option["value"],
            )
            names = [value_name]
            for lang in self.languages:
                name = f"option_{index}_{lang}"
                self.fields[name] = forms.CharField(
                    label=_("Option %(n)d (%(language)s)")
                    % {"n": index + 1, "language": language_label(lang)},
                    required=False,
                    max_length=300,
                    widget=forms.TextInput(attrs={"lang": lang}),
                    initial=option["label"].get(lang, ""),
                )
                names.append(name)
            self.option_names.append(names)

    def blocks(self) -> list[Block]:
        return [
            Block(
                str(_("Question")),
                [self["section"], self["code"], self["kind"], self["required"]],
            ),
            Block(str(_("Wording")), [self[n] for n in self.text_names], side_by_side=True),
            Block(str(_("Hint")), [self[n] for n in self.hint_names], side_by_side=True),
        ]

    def group_blocks(self) -> list[Block]:
        return [
            Block(
                str(_("Wording for %(group)s") % {"group": Group(group).label}),
                [self[n] for n in names],
                side_by_side=True,
            )
            for group, names in self.group_names
        ]

    def option_table(self) -> list[list[Any]]:
        return [[self[n] for n in names] for names in self.option_names]

    def option_headers(self) -> list[str]:
        return [str(_("Value")), *[language_label(lang) for lang in self.languages]]

    def rule_blocks(self) -> list[Block]:
        return [
            Block(str(_("Scale")), [self["scale"], self["reverse"]]),
            Block(str(_("Numbers")), [self["minimum"], self["maximum"]], side_by_side=True),
            Block(
                str(_("Who is asked")),
                [self["groups"], self["show_if_question"], self["show_if_values"]],
            ),
        ]

    def data_for_service(self) -> dict[str, Any]:
        """The cleaned form in the shape ``services.builder.QuestionData`` takes."""
        cleaned = self.cleaned_data
        section = self.instrument.sections.get(pk=cleaned["section"])
        scale_pk = cleaned.get("scale")
        scale = self.instrument.scales.get(pk=int(scale_pk)) if scale_pk else None
        options = []
        for names in self.option_names:
            value_name, *label_names = names
            options.append(
                {
                    "value": cleaned.get(value_name) or "",
                    "label": {
                        lang: cleaned.get(name) or ""
                        for lang, name in zip(self.languages, label_names, strict=True)
                    },
                }
            )
        values = [v.strip() for v in (cleaned.get("show_if_values") or "").split(",")]
        return {
            "section": section,
            "code": cleaned["code"],
            "kind": cleaned["kind"],
            "text": texts_from(cleaned, "text", self.languages),
            "hint": texts_from(cleaned, "hint", self.languages),
            "group_text": {
                group: texts_from(cleaned, f"group_{group}", self.languages)
                for group, _names in self.group_names
            },
            "options": options,
            "scale": scale,
            "reverse": cleaned.get("reverse", False),
            "required": cleaned.get("required", False),
            "minimum": cleaned.get("minimum"),
            "maximum": cleaned.get("maximum"),
            "groups": cleaned.get("groups") or [],
            "show_if_question": cleaned.get("show_if_question") or "",
            "show_if_values": [v for v in values if v],
        }


class CopyForm(forms.Form):
    key = forms.SlugField(
        label=_("Key of the new version"),
        max_length=60,
        required=False,
        help_text=_("Leave empty for the next free one, such as “…-v2”."),
    )


class ArrangeForm(forms.Form):
    """One reorder or delete action in the builder's outline."""

    item = forms.ChoiceField(
        choices=[("section", "section"), ("question", "question"), ("scale", "scale")]
    )
    pk = forms.IntegerField()
    action = forms.ChoiceField(choices=[("up", "up"), ("down", "down"), ("delete", "delete")])
