"""Forms for the agreements app."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import MouSharing


class AnalyzeForm(forms.Form):
    """Upload an MOU to analyse."""

    title = forms.CharField(
        label=pgettext_lazy("mou", "Title"),
        max_length=200,
        help_text=_("For example “Current MOU, signed 2024” or “Draft from the county”."),
    )
    file = forms.FileField(
        label=_("MOU file"),
        help_text=_("PDF with selectable text, Word (.docx) or plain text (.txt), up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )


class DraftCreateForm(forms.Form):
    """Start a draft from chosen library clauses, filled with the partnership's names."""

    title = forms.CharField(label=pgettext_lazy("mou", "Title"), max_length=200)
    clauses = forms.MultipleChoiceField(
        label=_("Clauses to start from"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each clause meets one or more of the rubric's MOU requirements."),
    )
    stronger = forms.BooleanField(
        label=_("Use the stronger wording of each clause"), required=False
    )
    district = forms.CharField(label=_("District's name"), max_length=120)
    agency = forms.CharField(label=_("Agency's name"), max_length=120)
    schools = forms.CharField(
        label=_("Schools covered"), max_length=200, initial=_("every school in the district")
    )
    complaint_contact = forms.CharField(
        label=_("Where complaints about officers go"), max_length=200
    )
    review_month = forms.CharField(
        label=_("Month of the yearly review"), max_length=20, initial=pgettext_lazy("month", "June")
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from .library import model_clauses

        choices = [(c.id, c.title) for c in model_clauses()]
        field = self.fields["clauses"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = choices
        field.initial = [c for c, _label in choices]


class VersionForm(forms.Form):
    """Edit the draft's text and save it as a new version."""

    text = forms.CharField(
        label=_("MOU text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_("Start each section with a line “## Section title”."),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)


class CommentForm(forms.Form):
    """Comment on one section."""

    section = forms.TypedChoiceField(label=pgettext_lazy("mou", "Section"), coerce=int)
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: object, headings: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["section"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(i, h) for i, h in enumerate(headings)]


class SharingForm(forms.ModelForm):
    """Record that the MOU was shared."""

    class Meta:
        model = MouSharing
        fields = ["audience", "recipient", "shared_on", "note"]
        widgets = {
            "shared_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
