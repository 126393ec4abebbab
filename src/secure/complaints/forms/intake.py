"""The intake's steps. The web form, the review page and the printable form all come from here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from ..models import (
    About,
    AgeBand,
    Answer,
    Basis,
    Concern,
    Involved,
    PreferredLanguage,
    Race,
    Relationship,
    Sex,
)
from ..services.intake import happened_on_problem


class ClearableFileInput(forms.ClearableFileInput):
    """A file input that takes several files (named so the USWDS renderer styles it)."""

    allow_multiple_selected = True


class IntakeForm(forms.Form):
    """A step of the intake; ``partnership`` fills choices such as the schools."""

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partnership = partnership


class ConcernForm(IntakeForm):
    concerns = forms.MultipleChoiceField(
        label=_("What is your concern about?"),
        help_text=_("Choose all that apply."),
        choices=Concern.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    bases = forms.MultipleChoiceField(
        label=_("If you feel you were treated unfairly: because of what?"),
        help_text=_("Only if your concern is about discrimination. Choose all that apply."),
        choices=Basis.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    involved = forms.MultipleChoiceField(
        label=_("Who was involved?"),
        help_text=_("Choose all that apply."),
        choices=Involved.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    relationship = forms.ChoiceField(
        label=_("Who are you?"),
        choices=Relationship.choices,
        widget=forms.RadioSelect,
    )


class DetailsForm(IntakeForm):
    school = forms.ChoiceField(
        label=_("At which school did it happen?"),
        required=False,
    )
    location_detail = forms.CharField(
        label=_("Where exactly?"),
        help_text=_(
            "For example: the cafeteria, the parking lot, the school bus, a street nearby."
        ),
        max_length=300,
        required=False,
    )
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        help_text=_("If you do not know the exact day, give your best guess."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%m/%d/%Y"],
    )
    narrative = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "In your own words, in any language. Say what happened, who did what, and anything "
            "that happened before or after. There is no wrong way to tell it."
        ),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    people_named = forms.CharField(
        label=_("Names of the people involved"),
        help_text=_("If you know them: names, badge numbers, or a description. Include witnesses."),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    attachments = forms.FileField(
        label=_("Documents or photos"),
        help_text=_(
            "Optional. PDF, Word (.docx) or photos (JPEG, PNG, GIF, WebP, HEIC), up to 10 MB "
            "each, up to 5 files."
        ),
        required=False,
        widget=ClearableFileInput,
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, partnership=partnership, **kwargs)
        schools = School.objects.for_partnership(partnership).order_by("name")
        school_field = self.fields["school"]
        assert isinstance(school_field, forms.ChoiceField)
        school_field.choices = [
            ("", _("Not at a school, or I am not sure")),
            *[(str(s.pk), s.name) for s in schools],
        ]

    def clean_happened_on(self) -> datetime.date | None:
        value = self.cleaned_data.get("happened_on")
        problem = happened_on_problem(happened_on=value, today=timezone.localdate())
        if problem is not None:
            raise forms.ValidationError(problem)
        return value

    def clean_attachments(self) -> None:
        # Files are checked by content and stored by the view (see services.attachment_store).
        return None

    def school_object(self) -> School | None:
        value = self.cleaned_data.get("school")
        if not value:
            return None
        return School.objects.for_partnership(self.partnership).filter(pk=value).first()


class ContactForm(IntakeForm):
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send a receipt and the outcome here."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


class AboutYouForm(IntakeForm):
    about = forms.ChoiceField(
        label=_("Whose information are you giving?"),
        choices=About.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    hispanic = forms.ChoiceField(
        label=_("Hispanic or Latino?"),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    races = forms.MultipleChoiceField(
        label=_("Race"),
        help_text=_("Choose one or more."),
        choices=Race.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    age_band = forms.ChoiceField(
        label=_("Age"),
        choices=[("", "—"), *AgeBand.choices],
        required=False,
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect, required=False
    )
    english_learner = forms.ChoiceField(
        label=_("English learner?"),
        help_text=_("A student who gets help at school to learn English."),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    disability = forms.ChoiceField(
        label=_("Disability?"),
        help_text=_("For example a student with an IEP or a Section 504 plan."),
        choices=Answer.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=PreferredLanguage.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def demographics(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or "" for name in self.fields} | {
            "races": self.cleaned_data.get("races") or []
        }


class ReviewForm(forms.Form):
    """The last step: the honeypot and the proof-of-work fields (the answers are in the draft)."""

    challenge = forms.CharField(widget=forms.HiddenInput)
    solution = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot (abuse.HONEYPOT_FIELD), rendered inside a hidden block: people never see it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


@dataclass(frozen=True)
class Step:
    slug: str
    title: str | Promise
    form_class: type[IntakeForm]
    intro_template: str = ""


STEPS: tuple[Step, ...] = (
    Step("concern", _("Your concern"), ConcernForm),
    Step("details", _("What happened"), DetailsForm),
    Step("contact", _("How to reach you"), ContactForm, "complaints/public/intro_contact.html"),
    Step("about-you", _("About you"), AboutYouForm, "complaints/public/intro_about_you.html"),
)
REVIEW = "review"
STEP_SLUGS = [s.slug for s in STEPS]


def step_for(slug: str) -> Step | None:
    return next((s for s in STEPS if s.slug == slug), None)
