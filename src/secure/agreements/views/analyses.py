"""MOU pages: analyse an uploaded MOU, read a report, browse the clause library."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import partnership_view
from secure.partnerships.roles import role_can
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import selectors, services
from ..analyzer.plain import JARGON
from ..forms import AnalyzeForm
from ..library import default_values, model_clauses
from ..models import MouAnalysis
from ..requirements import REQUIREMENT_LABELS, STATUS_LABELS


def _rows(analysis: MouAnalysis) -> list[dict[str, Any]]:
    rows = []
    for result in analysis.report.get("requirements", []):
        rows.append(
            {
                **result,
                "label": REQUIREMENT_LABELS.get(result["id"], result["id"]),
                "status_label": STATUS_LABELS.get(result["status"], result["status"]),
            }
        )
    return rows


@partnership_view("mou.view")
@require_http_methods(["GET", "POST"])
def analysis_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    can_analyze = role_can(request.membership.role, "mou.analyze")  # type: ignore[attr-defined]
    form = AnalyzeForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_analyze:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                analysis = services.mou_analysis_create(
                    partnership=partnership,
                    title=form.cleaned_data["title"],
                    name=upload.name or "",
                    data=upload.read(),
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("MOU analysed."))
                return redirect(
                    "agreements:analysis_detail", partnership_slug=partnership.slug, pk=analysis.pk
                )
    return render(
        request,
        "agreements/analysis_list.html",
        {
            "analyses": selectors.mou_analysis_list(partnership=partnership),
            "form": form,
            "can_analyze": can_analyze,
        },
    )


@partnership_view("mou.view")
def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    analysis = get_for_partnership_or_404(MouAnalysis, partnership=partnership, pk=pk)
    rows = _rows(analysis)
    readability = analysis.report.get("readability", {})
    return render(
        request,
        "agreements/analysis_detail.html",
        {
            "analysis": analysis,
            "rows": rows,
            "counts": {s: sum(r["status"] == s for r in rows) for s in STATUS_LABELS},
            "conflicts": [
                {
                    "label": REQUIREMENT_LABELS.get(c["requirement"], c["requirement"]),
                    "quotes": list(zip(c["quotes"], c.get("locations", []), strict=False)),
                }
                for c in analysis.report.get("conflicts", [])
            ],
            "readability": readability,
            "can_analyze": role_can(request.membership.role, "mou.analyze"),  # type: ignore[attr-defined]
            "can_draft": role_can(request.membership.role, "mou.draft"),  # type: ignore[attr-defined]
        },
    )


@partnership_view("mou.analyze")
@require_POST
def analysis_mark_current(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    analysis = get_for_partnership_or_404(MouAnalysis, partnership=partnership, pk=pk)
    services.mou_analysis_mark_current(analysis=analysis)
    messages.success(
        request, _("Marked as the MOU in force; the rubric's live evidence now reads it.")
    )
    return redirect("agreements:analysis_detail", partnership_slug=partnership.slug, pk=analysis.pk)


@partnership_view("mou.view")
def library(request: HttpRequest) -> HttpResponse:
    clauses = [
        {
            "clause": clause,
            "labels": [REQUIREMENT_LABELS.get(r, r) for r in clause.requirements],
            "standard": clause.render({}),
            "stronger": clause.render({}, stronger=True),
        }
        for clause in model_clauses()
    ]
    partnership = request.partnership  # type: ignore[attr-defined]
    can_draft = role_can(request.membership.role, "mou.draft")  # type: ignore[attr-defined]
    own = [
        {
            "clause": clause,
            "labels": [REQUIREMENT_LABELS.get(r, r) for r in clause.requirements],
            "standard": _render_own(clause.standard),
            "stronger": _render_own(clause.stronger) if clause.stronger else "",
        }
        for clause in selectors.mou_partnership_clauses(
            partnership=partnership, include_retired=can_draft
        )
    ]
    return render(
        request,
        "agreements/library.html",
        {
            "clauses": clauses,
            "own": own,
            "can_draft": can_draft,
            "jargon": sorted(JARGON, key=lambda j: j.term.lower()),
        },
    )


def _render_own(text: str) -> str:
    """A partnership clause with the neutral wording in place of its variables."""
    try:
        return text.format_map(default_values())
    except (KeyError, ValueError, IndexError):
        return text


@partnership_view("mou.draft")
@require_POST
def analysis_start_draft(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a draft from an uploaded MOU, to revise it in SECURE."""
    partnership = request.partnership  # type: ignore[attr-defined]
    analysis = get_for_partnership_or_404(MouAnalysis, partnership=partnership, pk=pk)
    try:
        draft = services.mou_draft_from_analysis(
            analysis=analysis,
            title=_("Revision of %(title)s") % {"title": analysis.title},
            user=request.user,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("agreements:analysis_detail", partnership_slug=partnership.slug, pk=pk)
    messages.success(request, _("Draft started from the uploaded MOU."))
    return redirect("agreements:draft_detail", partnership_slug=partnership.slug, pk=draft.pk)
