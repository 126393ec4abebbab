"""Django forms render U.S. Web Design System markup.

The renderer picks our field and form templates (label, hint, error message, ``aria-describedby``
in one place) and a bound-field class that gives each widget its USWDS class.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

_WIDGET_CLASS = {
    "select": "usa-select",
    "selectmultiple": "usa-select",
    "nullbooleanselect": "usa-select",
    "textarea": "usa-textarea",
    "checkbox": "usa-checkbox__input",
    "clearablefile": "usa-file-input",
    "file": "usa-file-input",
    "radioselect": "",
    "checkboxselectmultiple": "",
}


class USWDSBoundField(BoundField):
    """A bound field whose widget carries the USWDS class and error state."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.HiddenInput):
            return attrs
        kind = self.widget_type
        css = _WIDGET_CLASS.get(kind, "usa-input")
        if css and self.errors and css in {"usa-input", "usa-select", "usa-textarea"}:
            css += f" {css.split()[0]}--error"
        if css:
            attrs["class"] = " ".join(c for c in [css, str(attrs.get("class", ""))] if c)
        return attrs


class USWDSFormRenderer(TemplatesSetting):
    """The project's form renderer: USWDS templates, found through the project's template dirs."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = USWDSBoundField
