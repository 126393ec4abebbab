"""The public page's settings form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PublicPage
from .sections import SECTION_KEYS, SECTIONS


class PublicPageForm(forms.ModelForm):
    """What the page shows, the smallest number shown, the introduction and contact details."""

    sections = forms.MultipleChoiceField(
        label=_("What the page shows"),
        choices=[(key, label) for key, label, _description in SECTIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Each section appears only when it is ticked and the partnership has its data."
        ),
    )

    class Meta:
        model = PublicPage
        fields = [
            "minimum_cell",
            "introduction",
            "introduction_es",
            "contact_email",
            "contact_phone",
            "contact_address",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "introduction_es": forms.Textarea(attrs={"rows": 4, "lang": "es"}),
            "contact_address": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["sections", *Meta.fields]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["sections"] = sorted(self.instance.sections())

    def page_fields(self) -> dict[str, Any]:
        """The cleaned values as the model's fields (``show_<section>`` for each section)."""
        chosen = set(self.cleaned_data["sections"])
        values = {name: self.cleaned_data[name] for name in self.Meta.fields}
        values.update({f"show_{key}": key in chosen for key in SECTION_KEYS})
        return values
