"""Results: suppressed tables with a chart, CSV of the same aggregates, free text for a few."""

from __future__ import annotations

import csv
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.models import School
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import selectors
from ..models import Campaign, Group, Instrument

CHART_WIDTH = 300
CHART_ROW = 28


class DimensionForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Break down by"),
        choices=[(k, v[0]) for k, v in selectors.DIMENSIONS.items()],
        required=False,
    )


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_for_partnership_or_404(
        Campaign,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )


def _dimension(request: HttpRequest) -> tuple[DimensionForm, str]:
    form = DimensionForm(request.GET or None)
    by = form.cleaned_data.get("by") if form.is_valid() else ""
    return form, by or "group"


def scale_chart(table: selectors.Table) -> dict[str, Any]:
    """Bars for the overall mean of each scale (1 to 5); hidden means are not drawn."""
    bars = []
    for index, (label, mean) in enumerate(zip(table.columns, table.totals.extra, strict=True)):
        width = round(CHART_WIDTH * (mean - 1) / 4) if mean is not None else 0
        bars.append({"label": label, "mean": mean, "width": width, "y": index * CHART_ROW})
    return {"bars": bars, "height": max(1, len(bars)) * CHART_ROW}


@partnership_view("survey.results")
def results(request: HttpRequest, pk: int) -> HttpResponse:
    """Response rates, scale scores with reliability, and every item's answers, by a dimension."""
    campaign = _campaign(request, pk)
    form, by = _dimension(request)
    data = selectors.campaign_results(campaign, dimension=by, language=get_language() or "en")
    return render(
        request,
        "surveys/staff/results.html",
        {
            "campaign": campaign,
            "form": form,
            "by": by,
            "by_label": selectors.DIMENSIONS[by][0],
            "chart": scale_chart(data["scales"]),
            "can_free_text": member_can(request, "survey.free_text"),
            **data,
        },
    )


@partnership_view("survey.results")
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The numbers of the results page as CSV: suppressed cells are empty."""
    campaign = _campaign(request, pk)
    _form, by = _dimension(request)
    data = selectors.campaign_results(campaign, dimension=by, language=get_language() or "en")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{campaign.pk}-{by}.csv"'
    writer = csv.writer(response)
    writer.writerow(["table", "row", "column", "count", "value"])

    def cell(value: Any) -> str:
        return "" if value is None else str(value)

    rates = data["rates"]
    for row in [*rates.rows, rates.totals]:
        for column, count in zip(rates.columns, row.cells, strict=True):
            writer.writerow(["completed", row.label, column, cell(count), ""])
        writer.writerow(["completed", row.label, "total", cell(row.total), ""])
        writer.writerow(
            ["response_rate_percent", row.label, "total", cell(row.extra[0]), cell(row.extra[1])]
        )
    scales = data["scales"]
    for row in [*scales.rows, scales.totals]:
        for column, count, mean in zip(scales.columns, row.cells, row.extra, strict=True):
            writer.writerow([f"scale_mean_by_{by}", row.label, column, cell(count), cell(mean)])
    for item in data["items"]:
        for row in [*item.rows, item.totals]:
            for column, count in zip(item.columns, row.cells, strict=True):
                writer.writerow([f"item_by_{by}: {item.title}", row.label, column, cell(count), ""])
    for number in data["numbers"]:
        writer.writerow(
            ["number_mean", number["code"], "", cell(number["n"]), cell(number["mean"])]
        )
        writer.writerow(
            ["number_median", number["code"], "", cell(number["n"]), cell(number["median"])]
        )
    for scale in data["reliability"]:
        writer.writerow(
            ["cronbach_alpha", scale["name"], "", cell(scale["n"]), cell(scale["alpha"])]
        )
    return response


@partnership_view("survey.results")
def results_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable summary of the results page (no written answers), as PDF."""
    from secure.rubric.pdf import template_to_pdf

    campaign = _campaign(request, pk)
    _form, by = _dimension(request)
    data = selectors.campaign_results(campaign, dimension=by, language=get_language() or "en")
    pdf = template_to_pdf(
        "surveys/staff/results_pdf.html",
        {"campaign": campaign, "by_label": selectors.DIMENSIONS[by][0], **data},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="survey-{campaign.pk}-{by}.pdf"'
    return response


@partnership_view("survey.free_text")
def free_text(request: HttpRequest, pk: int) -> HttpResponse:
    """Written answers, for the few roles allowed to read them; never published."""
    campaign = _campaign(request, pk)
    responses = selectors.completed(campaign)
    enough = len(responses) >= campaign.minimum_cell
    return render(
        request,
        "surveys/staff/free_text.html",
        {
            "campaign": campaign,
            "enough": enough,
            "questions": selectors.free_text(campaign, responses, get_language() or "en")
            if enough
            else [],
        },
    )


DEMOGRAPHIC_DIMENSIONS = (
    "race_ethnicity",
    "age_band",
    "sex",
    "english_learner",
    "disability",
    "grade",
)


class TrendForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Respondent group"),
        choices=[("", _("Everyone")), *Group.choices],
        required=False,
    )
    school = forms.ChoiceField(label=_("School"), required=False)
    demographic = forms.ChoiceField(
        label=_("Respondents who said"),
        required=False,
        choices=[
            ("", _("Anything or nothing")),
            *[
                (
                    str(selectors.DIMENSIONS[name][0]),
                    [
                        (f"{name}:{value}", label)
                        for value, label in selectors.DIMENSIONS[name][1].items()
                    ],
                )
                for name in DEMOGRAPHIC_DIMENSIONS
            ],
        ],
    )

    def __init__(self, *args: Any, schools: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", _("Every school")), *[(s, s) for s in schools]]  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        found = {k: data[k] for k in ("group", "school") if data.get(k)}
        if data.get("demographic"):
            name, value = data["demographic"].split(":", 1)
            found[name] = value
        return found


@partnership_view("survey.results")
def trend(request: HttpRequest, pk: int) -> HttpResponse:
    """Each scale's mean score campaign by campaign, for everyone or one group."""
    instrument = get_for_partnership_or_404(
        Instrument,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )
    schools = sorted(
        School.objects.for_partnership(request.partnership).values_list("name", flat=True)  # type: ignore[attr-defined]
    )
    form = TrendForm(request.GET or None, schools=schools)
    data = selectors.instrument_trend(
        instrument, filters=form.filters(), language=get_language() or "en"
    )
    return render(
        request,
        "surveys/staff/trend.html",
        {"instrument": instrument, "form": form, **data},
    )
