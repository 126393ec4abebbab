"""Hiring: guidelines with versions and comments, candidates, panels, scorecards, aggregates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.models import Partnership
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms import (
    CandidateForm,
    CandidateUpdateForm,
    CommentForm,
    GuidelineForm,
    PanelistForm,
    ScorecardForm,
)
from ..models import Candidate, Commendation, Guideline, Panelist
from ..selectors import DISAGREEMENT_GAP, panel_aggregate, panel_makeup
from ..services import (
    CANDIDATE_CLOSED,
    candidate_create,
    candidate_update,
    candidate_withdraw,
    evaluation_schedule_of,
    guideline_comment_add,
    guideline_draft,
    guideline_next_review,
    guideline_publish,
    guideline_update,
    panelist_add,
    scorecard_save,
)


def _url(request: HttpRequest, name: str) -> str:
    return reverse(name, kwargs={"partnership_slug": request.partnership.slug})  # type: ignore[attr-defined]


def _published(partnership: Partnership) -> Guideline | None:
    return (
        Guideline.objects.for_partnership(partnership)
        .filter(status=Guideline.Status.PUBLISHED)
        .first()
    )


@partnership_view("hiring.view")
def hiring(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    published = _published(partnership)
    my_panels = (
        Panelist.objects.for_partnership(partnership)
        .filter(
            member=request.membership  # type: ignore[attr-defined]
        )
        .select_related("candidate")
    )
    return render(
        request,
        "personnel/hiring.html",
        {
            "versions": Guideline.objects.for_partnership(partnership),
            "published": published,
            "next_review": guideline_next_review(published) if published else None,
            "evaluation_schedule": evaluation_schedule_of(partnership),
            "my_panels": my_panels,
        },
    )


@partnership_view("hiring.manage")
@require_POST
def guideline_new(request: HttpRequest) -> HttpResponse:
    try:
        draft = guideline_draft(partnership=request.partnership)  # type: ignore[attr-defined]
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_url(request, "personnel:hiring"))
    return redirect(draft)


@partnership_view("hiring.view")
@require_http_methods(["GET", "POST"])
def guideline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    guideline = get_for_partnership_or_404(Guideline, partnership=partnership, pk=pk)
    is_draft = guideline.status == Guideline.Status.DRAFT
    form = (
        CommentForm(request.POST or None)
        if is_draft and member_can(request, "hiring.panel")
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            guideline_comment_add(guideline=guideline, **form.cleaned_data)
            messages.success(request, _("Thank you: your comment was added."))
            return redirect(guideline)
    return render(
        request,
        "personnel/guideline_detail.html",
        {
            "guideline": guideline,
            "criteria": guideline.criteria.all(),
            "comments": guideline.comments.all(),
            "form": form,
            "is_draft": is_draft,
            "next_review": guideline_next_review(guideline),
        },
    )


@partnership_view("hiring.manage")
@require_http_methods(["GET", "POST"])
def guideline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    guideline = get_for_partnership_or_404(
        Guideline, partnership=partnership, pk=pk, status=Guideline.Status.DRAFT
    )
    form = GuidelineForm(
        request.POST or None,
        initial={
            "introduction": guideline.introduction,
            "review_months": guideline.review_months,
            "criteria": "\n".join(c.text for c in guideline.criteria.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            guideline_update(
                guideline=guideline,
                introduction=form.cleaned_data["introduction"],
                review_months=form.cleaned_data["review_months"],
                criteria=form.cleaned_data["criteria"].splitlines(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect(guideline)
    return render(
        request,
        "personnel/guideline_form.html",
        {"form": form, "guideline": guideline, "comments": guideline.comments.all()},
    )


@partnership_view("hiring.manage")
@require_POST
def guideline_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    guideline = get_for_partnership_or_404(Guideline, partnership=partnership, pk=pk)
    try:
        guideline_publish(guideline=guideline, by=request.membership)  # type: ignore[attr-defined]
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The guidelines are published on the public page."))
    return redirect(guideline)


def public_guidelines(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The published hiring guidelines, for anyone."""
    partnership = get_object_or_404(Partnership, slug=partnership_slug)
    published = _published(partnership)
    return render(
        request,
        "personnel/public_guidelines.html",
        {
            "partnership": partnership,
            "guideline": published,
            "criteria": published.criteria.all() if published else [],
            "next_review": guideline_next_review(published) if published else None,
            "evaluation_schedule": evaluation_schedule_of(partnership),
            "commendations": Commendation.objects.for_partnership(partnership)
            .filter(published=True)
            .select_related("person"),
        },
    )


@partnership_view("hiring.candidates")
def candidate_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    candidates = Candidate.objects.for_partnership(partnership).select_related("guideline")
    return render(request, "personnel/candidate_list.html", {"candidates": candidates})


@partnership_view("hiring.manage")
@require_http_methods(["GET", "POST"])
def candidate_new(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = CandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = candidate_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(candidate)
    return render(request, "personnel/candidate_form.html", {"form": form})


@partnership_view("hiring.manage")
@require_http_methods(["GET", "POST"])
def candidate_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a candidate's record or change their status; a hiring lead only."""
    partnership = request.partnership  # type: ignore[attr-defined]
    candidate = get_for_partnership_or_404(Candidate, partnership=partnership, pk=pk)
    form = CandidateUpdateForm(
        request.POST or None,
        initial={
            "full_name": candidate.full_name,
            "status": candidate.status,
            "interview_on": candidate.interview_on,
            "notes": candidate.notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            candidate_update(candidate=candidate, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The candidate's record was saved."))
            return redirect(candidate)
    return render(request, "personnel/candidate_edit.html", {"form": form, "candidate": candidate})


@partnership_view("hiring.manage")
@require_POST
def candidate_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    candidate = get_for_partnership_or_404(Candidate, partnership=partnership, pk=pk)
    candidate_withdraw(candidate=candidate)
    messages.success(request, _("The candidate was marked as withdrawn; scorecards are closed."))
    return redirect(candidate)


@partnership_view("hiring.candidates")
@require_http_methods(["GET", "POST"])
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    candidate = get_for_partnership_or_404(Candidate, partnership=partnership, pk=pk)
    form = None
    if member_can(request, "hiring.manage"):
        form = PanelistForm(request.POST or None, partnership=partnership)
        if request.method == "POST" and form.is_valid():
            panelist_add(candidate=candidate, **form.cleaned_data)
            messages.success(request, _("The panelist was added."))
            return redirect(candidate)
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "personnel/candidate_detail.html",
        {
            "candidate": candidate,
            "panelists": candidate.panelists.prefetch_related("scores"),
            "makeup": panel_makeup(candidate=candidate),
            "aggregate": panel_aggregate(candidate=candidate),
            "gap": DISAGREEMENT_GAP,
            "form": form,
        },
    )


def _scorecard(request: HttpRequest, panelist: Panelist) -> HttpResponse:
    criteria = list(panelist.candidate.guideline.criteria.all())
    existing = {s.criterion_id: s for s in panelist.scores.all()}
    form = ScorecardForm(request.POST or None, criteria=criteria, initial_scores=existing)
    if request.method == "POST" and form.is_valid():
        try:
            scorecard_save(panelist=panelist, scores=form.scores())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The scorecard was saved."))
            return redirect(request.path)
    elif request.method == "GET" and panelist.candidate.status in (
        Candidate.Status.WITHDRAWN,
        Candidate.Status.NOT_SELECTED,
    ):
        messages.warning(request, str(CANDIDATE_CLOSED))
    return render(request, "personnel/scorecard.html", {"form": form, "panelist": panelist})


@partnership_view("hiring.panel")
@require_http_methods(["GET", "POST"])
def my_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """A panelist's own scorecard for a candidate; others learn only that they are not on it."""
    partnership = request.partnership  # type: ignore[attr-defined]
    candidate = get_for_partnership_or_404(Candidate, partnership=partnership, pk=pk)
    panelist = (
        candidate.panelists.filter(member=request.membership)  # type: ignore[attr-defined]
        .select_related("candidate__guideline")
        .first()
    )
    if panelist is None:
        return render(request, "personnel/scorecard.html", {"panelist": None})
    return _scorecard(request, panelist)


@partnership_view("hiring.manage")
@require_http_methods(["GET", "POST"])
def panelist_scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    """A hiring lead enters a panelist's paper scorecard."""
    partnership = request.partnership  # type: ignore[attr-defined]
    panelist = get_for_partnership_or_404(Panelist, partnership=partnership, pk=pk)
    return _scorecard(request, panelist)
