"""Workspace pages: choosing commenters, the live check while editing, the partnership's own
clauses and the review cycle."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import partnership_view
from secure.partnerships.roles import role_can
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import selectors, services
from ..analyzer import analyze_text
from ..analyzer.plain import check_sections
from ..forms import ClauseForm, CommentersForm, ReviewCycleForm, ReviewDoneForm
from ..models import MouClause, MouDraft, MouReviewInvitation
from ..requirements import REQUIREMENT_LABELS, STATUS_LABELS
from ..services.drafting import sections_from_text


def _draft(request: HttpRequest, pk: int) -> MouDraft:
    return get_for_partnership_or_404(MouDraft, partnership=request.partnership, pk=pk)  # type: ignore[attr-defined]


def live_check(text: str) -> dict[str, Any]:
    """What the analyzer and the plain-language check say about a draft's text."""
    sections = sections_from_text(text)
    report = analyze_text("\n\n".join(f"{s['heading']}\n{s['body']}" for s in sections))
    coverage = [
        {
            "label": REQUIREMENT_LABELS[r.id],
            "status": r.status,
            "status_label": STATUS_LABELS[r.status],
        }
        for r in report.requirements
    ]
    return {
        "coverage": coverage,
        "covered": sum(1 for c in coverage if c["status"] == "met"),
        "missing": [c for c in coverage if c["status"] != "met"],
        "conflicts": report.conflicts,
        "grade": report.flesch_kincaid_grade,
        "checks": check_sections(sections),
    }


@partnership_view("mou.draft")
@require_POST
def draft_check(request: HttpRequest, pk: int) -> HttpResponse:
    """The live check of unsaved text, for htmx while typing (nothing is saved)."""
    _draft(request, pk)
    return render(request, "agreements/_live_check.html", live_check(request.POST.get("text", "")))


@partnership_view("mou.draft")
@require_http_methods(["GET", "POST"])
def draft_commenters(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose the members and partner organizations invited to comment; see who has."""
    draft = _draft(request, pk)
    partnership = request.partnership  # type: ignore[attr-defined]
    invitations = MouReviewInvitation.objects.filter(draft=draft)
    form = CommentersForm(
        request.POST or None,
        partnership=partnership,
        initial={
            "memberships": [i.membership_id for i in invitations if i.membership_id],
            "organizations": [i.organization_id for i in invitations if i.organization_id],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mou_commenters_set(
                draft=draft,
                memberships=form.cleaned_data["memberships"],
                organizations=form.cleaned_data["organizations"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The list of people invited to comment is saved."))
            return redirect(
                "agreements:draft_commenters", partnership_slug=partnership.slug, pk=draft.pk
            )
    return render(
        request,
        "agreements/draft_commenters.html",
        {"draft": draft, "form": form, "commenters": selectors.mou_commenters(draft=draft)},
    )


@partnership_view("mou.draft")
@require_http_methods(["GET", "POST"])
def clause_create(request: HttpRequest) -> HttpResponse:
    """Add a clause to the partnership's own library."""
    partnership = request.partnership  # type: ignore[attr-defined]
    form = ClauseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mou_clause_save(
                partnership=partnership, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_any(form, error)
        else:
            messages.success(request, _("Clause added to your library."))
            return redirect("agreements:library", partnership_slug=partnership.slug)
    return render(request, "agreements/clause_form.html", {"form": form, "clause": None})


@partnership_view("mou.draft")
@require_http_methods(["GET", "POST"])
def clause_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change, retire or bring back a clause the partnership added."""
    partnership = request.partnership  # type: ignore[attr-defined]
    clause = get_for_partnership_or_404(MouClause, partnership=partnership, pk=pk)
    if request.method == "POST" and request.POST.get("action") in ("retire", "restore"):
        retire = request.POST["action"] == "retire"
        services.mou_clause_retire(clause=clause, retired=retire)
        messages.success(
            request, _("Clause retired.") if retire else _("Clause back in your library.")
        )
        return redirect("agreements:library", partnership_slug=partnership.slug)
    form = ClauseForm(
        request.POST or None,
        initial={
            "title": clause.title,
            "requirements": clause.requirements,
            "rubric_items": ", ".join(clause.rubric_items),
            "standard": clause.standard,
            "stronger": clause.stronger,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mou_clause_save(
                partnership=partnership, user=request.user, clause=clause, **form.cleaned_data
            )
        except ValidationError as error:
            _add_any(form, error)
        else:
            messages.success(request, _("Clause saved."))
            return redirect("agreements:library", partnership_slug=partnership.slug)
    return render(request, "agreements/clause_form.html", {"form": form, "clause": clause})


@partnership_view("mou.view")
@require_http_methods(["GET", "POST"])
def review_cycle(request: HttpRequest) -> HttpResponse:
    """The MOU review cycle: a rubric schedule for item 1.improve.2, with its completions."""
    partnership = request.partnership  # type: ignore[attr-defined]
    membership = request.membership  # type: ignore[attr-defined]
    can_manage = role_can(membership.role, "mou.draft")
    cycle = services.mou_review_cycle_for(partnership=partnership)
    schedule = cycle.schedule if cycle else None
    action = request.POST.get("action", "")
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    cycle_form = ReviewCycleForm(
        request.POST if action == "cycle" else None,
        partnership=partnership,
        initial=(
            {
                "interval_months": schedule.interval_months,
                "next_due": schedule.next_due,
                "owner": schedule.owner_id,
                "is_active": schedule.is_active,
            }
            if schedule
            else {"is_active": True, "interval_months": 12}
        ),
    )
    done_form = ReviewDoneForm(
        request.POST if action == "done" else None,
        initial={"completed_on": timezone.localdate()},
    )
    if action == "cycle" and cycle_form.is_valid():
        try:
            services.mou_review_cycle_set(partnership=partnership, **cycle_form.cleaned_data)
        except ValidationError as error:
            _add_any(cycle_form, error)
        else:
            messages.success(request, _("Review cycle saved; reminders follow its due date."))
            return redirect("agreements:review_cycle", partnership_slug=partnership.slug)
    if action == "done" and done_form.is_valid():
        try:
            services.mou_review_complete(
                partnership=partnership, by=membership, **done_form.cleaned_data
            )
        except ValidationError as error:
            _add_any(done_form, error)
        else:
            messages.success(request, _("Review recorded; the next one is scheduled."))
            return redirect("agreements:review_cycle", partnership_slug=partnership.slug)
    return render(
        request,
        "agreements/review_cycle.html",
        {
            "schedule": schedule,
            "completions": list(schedule.completions.select_related("completed_by__user"))
            if schedule
            else [],
            "overdue": schedule.is_overdue(timezone.localdate()) if schedule else False,
            "cycle_form": cycle_form,
            "done_form": done_form,
            "can_manage": can_manage,
        },
    )


def _add_any(form: Any, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for e in errors:
                form.add_error(field if field in form.fields else None, e)
    else:
        form.add_error(None, error)
