"""Readable answers of an intake step, for the review page."""

from __future__ import annotations

from typing import Any

from django import forms


def _display(field: forms.Field, value: Any) -> list[str]:
    if value in (None, "", []):
        return []
    choices = dict(getattr(field, "choices", []) or [])
    values = value if isinstance(value, list | tuple) else [value]
    return [str(choices.get(str(v), choices.get(v, v))) for v in values]


def step_summary(form: forms.Form) -> list[tuple[str, list[str]]]:
    """(label, answers) for each field of a valid step; files are listed separately."""
    rows = []
    for name, field in form.fields.items():
        if name == "attachments":
            continue
        rows.append((str(field.label), _display(field, form.cleaned_data.get(name))))
    return rows
