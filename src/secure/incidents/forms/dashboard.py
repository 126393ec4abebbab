"""The dashboard's filters (a GET form: every view of the numbers has its own address)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from ..dimensions import COUNT_DIMENSIONS
from ..models.choices import ActionType, Dimension
from ..scope import DataScope, school_rows
from ..selectors.dashboard import school_years


class DashboardFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=ActionType.choices, required=False)
    year = forms.ChoiceField(label=_("School year"), required=False)
    school = forms.ModelChoiceField(
        label=_("School"),
        queryset=School.objects.none(),
        required=False,
        empty_label=_("All schools"),
    )
    dimension = forms.ChoiceField(label=_("Break down by"), required=False)
    cross = forms.ChoiceField(label=_("Cross-tabulate with"), required=False)

    def __init__(
        self, *args: Any, partnership: Partnership, scope: DataScope | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        years = school_years(partnership=partnership, scope=scope)
        year_choices: list[tuple[str, Any]] = [(y, y) for y in years] or [("", _("No data yet"))]
        self.fields["year"].choices = year_choices  # type: ignore[attr-defined]
        self.fields["school"].queryset = school_rows(partnership, scope)  # type: ignore[attr-defined]
        if scope is not None and not scope.everything:
            self.fields["school"].empty_label = _("All your schools")  # type: ignore[attr-defined]
        dims = [(str(d), Dimension(d).label) for d in COUNT_DIMENSIONS]
        self.fields["dimension"].choices = dims  # type: ignore[attr-defined]
        self.fields["cross"].choices = [("", _("Nothing")), *dims]  # type: ignore[attr-defined]
        self.default_year = years[0] if years else ""

    def values(self) -> dict[str, Any]:
        """The chosen filters, with defaults for anything missing or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        dimension = data.get("dimension") or Dimension.RACE
        cross = data.get("cross") or ""
        return {
            "action": data.get("action") or ActionType.REFERRAL,
            "year": data.get("year") or self.default_year,
            "school": data.get("school"),
            "dimension": dimension,
            "cross": cross if cross != dimension else "",
        }
