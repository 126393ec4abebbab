"""The discipline and law-enforcement dashboard and its CSV export."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from secure.partnerships.access import partnership_view
from secure.partnerships.models import Partnership

from ..flags import equity_flags
from ..forms.dashboard import DashboardFilterForm
from ..models.choices import ActionType, Dimension
from ..scope import DataScope, request_scope, scope_school_names
from ..selectors import dashboard as numbers
from ..selectors.counts import crdc_count_table


def _context(partnership: Partnership, filters: dict[str, Any], scope: DataScope) -> dict[str, Any]:
    action, year, school = filters["action"], filters["year"] or None, filters["school"]
    dimension = filters["dimension"]
    table = numbers.group_table(
        partnership=partnership,
        action=action,
        dimension=dimension,
        year=year,
        school=school,
        scope=scope,
    )
    flags = None
    if school is None and year:
        flags = equity_flags(
            partnership=partnership, outcome=action, dimension=dimension, year=year, scope=scope
        )
        if flags is not None:
            for row in table.rows:
                found = flags.by_group.get(row.code)
                if found is not None:
                    row.risk_ratio, row.flagged = found.risk_ratio, found.flagged
    context: dict[str, Any] = {
        "filters": filters,
        "action_label": ActionType(action).label,
        "dimension_label": Dimension(dimension).label,
        "table": table,
        "flags": flags,
        "overview": numbers.action_overview(
            partnership=partnership, year=year, school=school, scope=scope
        ),
        "schools": numbers.by_school(
            partnership=partnership, action=action, year=year, scope=scope
        ),
        "officers": numbers.officer_coverage(partnership=partnership, scope=scope),
        "involvement": numbers.referrals_by_involvement(
            partnership=partnership, year=year, school=school, scope=scope
        ),
        "trend": numbers.trend(
            partnership=partnership, action=action, dimension=dimension, school=school, scope=scope
        ),
        "scope": scope,
        "scope_schools": scope_school_names(partnership, scope),
        "small_cell": numbers.SMALL_CELL,
    }
    if filters["cross"]:
        context["cross"] = numbers.cross_tab(
            partnership=partnership,
            action=action,
            rows=dimension,
            columns=filters["cross"],
            year=year,
            school=school,
            scope=scope,
        )
        context["cross_label"] = Dimension(filters["cross"]).label
    if dimension not in (Dimension.AGE_BAND, Dimension.OFFENSE):
        crdc = crdc_count_table(
            partnership=partnership,
            outcome=action,
            dimension=dimension,
            year=year,
            unit="district",
            scope=scope,
        )
        context["crdc"] = crdc.rows
        context["crdc_missing"] = len(crdc.warnings)
    context["trend_groups"] = _trend_groups(context["trend"])
    return context


def _trend_groups(trend: dict[str, numbers.GroupTable]) -> list[dict[str, Any]]:
    """Rows of the trend table: each group with its rate and count in every year."""
    groups: dict[str, dict[str, Any]] = {}
    for year, table in trend.items():
        for row in table.rows:
            entry = groups.setdefault(row.code, {"label": row.label, "years": {}})
            entry["years"][year] = row
    return [
        {"label": g["label"], "cells": [g["years"].get(y) for y in trend]} for g in groups.values()
    ]


@partnership_view("data.analyze")
def dashboard(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    scope = request_scope(request)
    form = DashboardFilterForm(request.GET or None, partnership=partnership, scope=scope)
    filters = form.values()
    return render(
        request,
        "incidents/dashboard.html",
        {"form": form, "query": request.GET.urlencode(), **_context(partnership, filters, scope)},
    )


@partnership_view("data.analyze")
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The dashboard's group table as CSV (small cells marked in their own column)."""
    partnership = request.partnership  # type: ignore[attr-defined]
    scope = request_scope(request)
    filters = DashboardFilterForm(
        request.GET or None, partnership=partnership, scope=scope
    ).values()
    table = numbers.group_table(
        partnership=partnership,
        action=filters["action"],
        dimension=filters["dimension"],
        year=filters["year"] or None,
        school=filters["school"],
        scope=scope,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"secure-{filters['action']}-{filters['dimension']}-{filters['year'] or 'all'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    with translation.override("en"):
        writer.writerow(
            [
                "school_year",
                "school",
                "action",
                "dimension",
                "group",
                "students",
                "actions",
                "enrolled",
                "share_of_students_pct",
                "share_of_enrollment_pct",
                "rate_per_100",
                "small_cell",
            ]
        )
        if filters["school"]:
            school = filters["school"].name
        elif scope.everything:
            school = _("All schools")
        else:
            school = "; ".join(scope_school_names(partnership, scope))
        for row in table.rows:
            writer.writerow(
                [
                    filters["year"],
                    school,
                    filters["action"],
                    filters["dimension"],
                    row.label,
                    row.students,
                    row.actions,
                    "" if row.enrolled is None else row.enrolled,
                    "" if row.share_of_students is None else row.share_of_students,
                    "" if row.share_of_enrollment is None else row.share_of_enrollment,
                    "" if row.rate is None else row.rate,
                    "yes" if row.small else "no",
                ]
            )
    return response
