"""The complaint reports page."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.access import partnership_view

from .. import reports


class ReportForm(forms.Form):
    start = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    dimension = forms.ChoiceField(
        label=_("Count"),
        choices=[(k, v.label) for k, v in reports.DIMENSIONS.items()],
        required=False,
    )
    breakdown = forms.ChoiceField(
        label=pgettext_lazy("report breakdown", "By"),
        choices=[(k, v[0]) for k, v in reports.BREAKDOWNS.items()],
        required=False,
    )


@partnership_view("complaint.report")
def report(request: HttpRequest) -> HttpResponse:
    """Counts by type, basis, school and status; time to resolution; a disaggregated table."""
    partnership = request.partnership  # type: ignore[attr-defined]
    form = ReportForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    complaints = list(
        reports.complaints_in_period(
            partnership=partnership, start=data.get("start"), end=data.get("end")
        )
    )
    dimension = data.get("dimension") or "concern"
    breakdown = data.get("breakdown") or "race_ethnicity"
    return render(
        request,
        "complaints/staff/reports.html",
        {
            "form": form,
            "total": len(complaints),
            "counts": {
                name: (
                    spec.label,
                    reports.counts_by(
                        partnership=partnership, complaints=complaints, dimension=name
                    ),
                )
                for name, spec in reports.DIMENSIONS.items()
            },
            "times": reports.resolution_times(complaints=complaints),
            "table": reports.disaggregated(
                partnership=partnership,
                complaints=complaints,
                dimension=dimension,
                breakdown=breakdown,
            ),
        },
    )
