"""Upload and column-mapping forms of the web importer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ImportKind
from ..standard import FileSpec
from ..values import school_year_parse

MAX_UPLOAD = 200 * 1024 * 1024
TOO_BIG = _("The file is larger than 200 MB; import it with the command line instead.")
YEAR_REQUIRED = _("A CRDC file needs its school year.")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of file"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8) or Excel (.xlsx), with a header row.")
    )
    student_id_column = forms.CharField(
        label=_("Column holding the student ID (incident files)"),
        initial="student_id",
        required=False,
        max_length=100,
        help_text=_("Student IDs are replaced by keyed hashes as soon as the file is read."),
    )
    school_year = forms.CharField(
        label=_("School year (CRDC files)"),
        required=False,
        max_length=9,
        help_text=_("For example 2021-22."),
    )
    lea = forms.RegexField(
        label=_("Your district's NCES ID (CRDC files)"),
        regex=r"^\d{7}$",
        required=False,
        help_text=_(
            "7 digits. Its schools become the partnership's; the rest of the file is kept as "
            "state comparison data. Leave empty to import every school as the partnership's."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(TOO_BIG)
        return upload

    def clean_school_year(self) -> str:
        value = self.cleaned_data["school_year"].strip()
        if not value:
            return ""
        try:
            return school_year_parse(value)
        except ValueError as error:
            raise forms.ValidationError(error.args[0]) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ImportKind.CRDC and not data.get("school_year"):
            self.add_error("school_year", YEAR_REQUIRED)
        return data


class MappingForm(forms.Form):
    """One select per column of the standard: which column of the file holds it."""

    def __init__(
        self,
        *args: Any,
        spec: FileSpec,
        header: list[str],
        initial_map: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in this file)")), *[(h, h) for h in header if h]]
        for column in spec.columns:
            if column.sensitive:
                continue  # the student ID column was chosen at upload and is already keyed
            self.fields[f"map_{column.name}"] = forms.ChoiceField(
                label=f"{column.name} — {column.label}",
                choices=choices,
                required=column.required,
                initial=initial_map.get(column.name, ""),
                help_text=str(column.help),
            )

    def mapping(self) -> dict[str, str]:
        return {
            name.removeprefix("map_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("map_") and value
        }
