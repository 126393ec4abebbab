"""Django forms render USWDS markup with labels, hints, errors and aria-describedby."""

from __future__ import annotations

from django import forms

from secure.core.forms import USWDSBoundField


class _Example(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name.")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")])
    agree = forms.BooleanField(label="I agree")
    colours = forms.MultipleChoiceField(
        label="Colours", choices=[("r", "Red")], widget=forms.CheckboxSelectMultiple
    )


def test_fields_render_uswds_classes_and_labels():
    """Inputs, selects, textareas and checkboxes carry their USWDS classes; optional fields say so."""
    html = _Example().as_div()
    assert 'class="usa-input"' in html
    assert 'class="usa-textarea"' in html
    assert 'class="usa-select"' in html
    assert 'class="usa-checkbox__input"' in html
    assert '<label class="usa-label" for="id_name">Name' in html
    assert "(optional)" in html.split('for="id_note"')[1].split("</label>")[0]
    assert "usa-checkbox__label" in html


def test_hints_and_errors_are_tied_to_the_field():
    """The hint and error ids are what the input's aria-describedby names."""
    form = _Example(data={"name": ""})
    html = form.as_div()
    assert 'id="id_name_helptext"' in html
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert "usa-input--error" in html
    assert "usa-form-group--error" in html


def test_the_renderer_uses_the_uswds_bound_field():
    """Every bound field comes from the project's renderer."""
    assert isinstance(_Example()["name"], USWDSBoundField)
