"""Forms of the public status page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .intake import ClearableFileInput


class StatusLookupForm(forms.Form):
    record_number = forms.CharField(
        label=_("Record number"),
        help_text=_("For example C-7K3M-9QPX."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    status_code = forms.CharField(
        label=_("Private status code"),
        help_text=_("The code shown when you filed, for example 4HX9K-M2QPW."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label=_("What would you like to add?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        required=False,
    )
    attachments = forms.FileField(
        label=_("Documents or photos"),
        help_text=_("Optional. PDF, Word (.docx) or photos, up to 10 MB each."),
        required=False,
        widget=ClearableFileInput,
    )

    def clean_attachments(self) -> None:
        return None
