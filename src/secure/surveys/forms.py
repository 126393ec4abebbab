"""Forms: one page of an instrument, the optional demographics, and the staff forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import School
from secure.personnel.models import Person

from .models import Group, Instrument, Language, Question, QuestionKind
from .models.choices import AgeBand, Grade, RaceEthnicity, Sex, YesNo
from .models.instrument import in_language


def _choices(question: Question, language: str) -> list[tuple[str, str]]:
    return [(str(o["value"]), in_language(o["label"], language)) for o in question.options]


def question_field(question: Question, *, group: str, language: str) -> forms.Field:
    """The form field that asks ``question`` of ``group`` in ``language``."""
    common: dict[str, Any] = {
        "label": question.text_for(group=group, language=language),
        "required": question.required,
        "help_text": in_language(question.hint, language) if question.hint else "",
    }
    kind = question.kind
    if kind in (QuestionKind.LIKERT, QuestionKind.SINGLE):
        return forms.ChoiceField(
            choices=_choices(question, language), widget=forms.RadioSelect, **common
        )
    if kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=_choices(question, language), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionKind.NUMERIC:
        return forms.IntegerField(min_value=question.minimum, max_value=question.maximum, **common)
    if kind == QuestionKind.SHORT_TEXT:
        return forms.CharField(max_length=300, **common)
    return forms.CharField(max_length=4000, widget=forms.Textarea(attrs={"rows": 5}), **common)


class SectionForm(forms.Form):
    """The questions of one page that this respondent is asked."""

    def __init__(
        self, *args: Any, questions: list[Question], group: str, language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.code] = question_field(question, group=group, language=language)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            value = cleaned.get(question.code)
            if question.kind == QuestionKind.LIKERT and value:
                cleaned[question.code] = int(str(value))
        return cleaned


def _optional(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("Prefer not to say")), *choices]


class DemographicsForm(forms.Form):
    """Optional questions about the respondent, used only in counts of ten or more."""

    race_ethnicity = forms.ChoiceField(
        label=_("Race or ethnicity"), choices=_optional(RaceEthnicity.choices), required=False
    )
    age_band = forms.ChoiceField(label=_("Age"), choices=_optional(AgeBand.choices), required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=_optional(Sex.choices), required=False)
    english_learner = forms.ChoiceField(
        label=_("Are you (or is your child) learning English at school?"),
        choices=_optional(YesNo.choices),
        required=False,
    )
    disability = forms.ChoiceField(
        label=_("Do you (or does your child) have a disability?"),
        choices=_optional(YesNo.choices),
        required=False,
    )
    grade = forms.ChoiceField(
        label=_("Grade (yours or your child's)"), choices=_optional(Grade.choices), required=False
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        help_text=_("The code on your slip of paper, or the one you were given to come back."),
    )


class CampaignForm(forms.Form):
    """A new campaign: what, for whom, where, in which languages, when."""

    instrument = forms.ModelChoiceField(queryset=Instrument.objects.none(), label=_("Instrument"))
    name = forms.CharField(label=_("Name"), max_length=200)
    groups = forms.MultipleChoiceField(
        label=_("Respondent groups"), choices=Group.choices, widget=forms.CheckboxSelectMultiple
    )
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(), label=_("Schools"), widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["en", "es"],
    )
    opens_on = forms.DateField(label=_("Opens on"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ask_demographics = forms.BooleanField(
        label=_("Ask the optional demographic questions"), required=False, initial=True
    )
    subject_officer = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Officer the feedback is about"),
        help_text=_(
            "Only for a 360° feedback instrument: the answers then feed this school resource "
            "officer's evaluation."
        ),
    )
    minimum_cell = forms.IntegerField(
        label=_("Smallest group shown in results"),
        min_value=5,
        max_value=100,
        initial=10,
        help_text=_("Any number of respondents below this is hidden everywhere in the results."),
    )

    def __init__(self, *args: Any, partnership: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.for_partnership(  # type: ignore[attr-defined]
            partnership
        )
        self.fields["schools"].queryset = School.objects.for_partnership(partnership)  # type: ignore[attr-defined]
        self.fields["subject_officer"].queryset = Person.objects.for_partnership(  # type: ignore[attr-defined]
            partnership
        ).filter(role=Person.Role.SRO)


class CodesForm(forms.Form):
    link = forms.ChoiceField(label=_("School and group"))
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=2000, initial=30)

    def __init__(self, *args: Any, links: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["link"].choices = [(str(link.pk), str(link)) for link in links]  # type: ignore[attr-defined]


class LibraryForm(forms.Form):
    key = forms.ChoiceField(label=_("Instrument from the starter library"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = choices  # type: ignore[attr-defined]
