"""The audit trail's filter form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent
from .registry import audited_models


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("Any action")), *AuditEvent.Action.choices],
    )
    actor = forms.CharField(
        label=_("Who"), required=False, max_length=254, help_text=_("Part of an e-mail address.")
    )
    kind = forms.ChoiceField(label=_("Kind of record"), required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = sorted(
            (ContentType.objects.get_for_model(m).pk, str(m._meta.verbose_name).capitalize())
            for m in audited_models()
        )
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", _("Any kind")), *kinds]

    def clean_kind(self) -> int | None:
        value = self.cleaned_data.get("kind")
        return int(value) if value else None
