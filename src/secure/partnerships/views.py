"""Partnership pages: home, switcher, dashboard, action steps, schools, organizations, members."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.core.steps import ACTION_STEPS, action_step

from . import selectors, services
from .access import CURRENT_PARTNERSHIP_SESSION_KEY, membership_for, partnership_view
from .forms import MemberAddForm, MemberUpdateForm, OrganizationForm, SchoolForm
from .models import Membership, School
from .tenancy import get_for_partnership_or_404


def home(request: HttpRequest) -> HttpResponse:
    """Signed in: the current partnership (or the list to choose from); otherwise the welcome page."""
    if not request.user.is_authenticated:
        return render(request, "partnerships/welcome.html", {"steps": ACTION_STEPS})
    memberships = selectors.memberships_for_user(user=request.user)
    current = request.session.get(CURRENT_PARTNERSHIP_SESSION_KEY)
    if current and membership_for(user=request.user, partnership_slug=current):
        return redirect("partnerships:dashboard", partnership_slug=current)
    if len(memberships) == 1:
        return redirect(memberships[0].partnership)
    return redirect("partnerships:list")


@login_required
def partnership_list(request: HttpRequest) -> HttpResponse:
    """The partnerships the person belongs to, with their role in each."""
    memberships = selectors.memberships_for_user(user=request.user)
    return render(request, "partnerships/partnership_list.html", {"memberships": memberships})


@login_required
@require_POST
def partnership_switch(request: HttpRequest) -> HttpResponse:
    """Switch to another of the person's partnerships."""
    slug = request.POST.get("partnership", "")
    if membership_for(user=request.user, partnership_slug=slug) is None:
        raise Http404
    request.session[CURRENT_PARTNERSHIP_SESSION_KEY] = slug
    return redirect("partnerships:dashboard", partnership_slug=slug)


@partnership_view("partnership.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    """The partnership's front page: the five action steps and a few counts."""
    partnership = request.partnership  # type: ignore[attr-defined]
    return render(
        request,
        "partnerships/dashboard.html",
        {
            "steps": ACTION_STEPS,
            "school_count": selectors.school_list(partnership=partnership).count(),
            "member_count": selectors.member_list(partnership=partnership)
            .filter(is_active=True)
            .count(),
            "organization_count": selectors.organization_list(partnership=partnership).count(),
        },
    )


@partnership_view("partnership.view")
def step_detail(request: HttpRequest, number: int) -> HttpResponse:
    """One of the rubric's five action steps and the work that lives under it."""
    step = action_step(number)
    if step is None:
        raise Http404
    return render(request, "partnerships/step_detail.html", {"step": step})


@partnership_view("school.view")
def school_list(request: HttpRequest) -> HttpResponse:
    schools = selectors.school_list(partnership=request.partnership)  # type: ignore[attr-defined]
    return render(request, "partnerships/school_list.html", {"schools": schools})


@partnership_view("school.view")
def school_detail(request: HttpRequest, pk: int) -> HttpResponse:
    school = get_for_partnership_or_404(School, partnership=request.partnership, pk=pk)  # type: ignore[attr-defined]
    return render(request, "partnerships/school_detail.html", {"school": school})


@partnership_view("school.manage")
@require_http_methods(["GET", "POST"])
def school_create(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = SchoolForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            school = services.school_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Added %(name)s.") % {"name": school.name})
            return redirect(school)
    return render(request, "partnerships/school_form.html", {"form": form, "school": None})


@partnership_view("school.manage")
@require_http_methods(["GET", "POST"])
def school_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    school = get_for_partnership_or_404(School, partnership=partnership, pk=pk)
    form = SchoolForm(request.POST or None, instance=school, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.school_update(school=school, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved %(name)s.") % {"name": school.name})
            return redirect(school)
    return render(request, "partnerships/school_form.html", {"form": form, "school": school})


@partnership_view("partnership.view")
def organization_list(request: HttpRequest) -> HttpResponse:
    organizations = selectors.organization_list(partnership=request.partnership)  # type: ignore[attr-defined]
    return render(request, "partnerships/organization_list.html", {"organizations": organizations})


@partnership_view("partnership.manage")
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = OrganizationForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Organization added."))
            return redirect("partnerships:organization_list", partnership_slug=partnership.slug)
    return render(request, "partnerships/organization_form.html", {"form": form})


@partnership_view("member.view")
def member_list(request: HttpRequest) -> HttpResponse:
    members = selectors.member_list(partnership=request.partnership)  # type: ignore[attr-defined]
    return render(request, "partnerships/member_list.html", {"members": members})


@partnership_view("member.manage")
@require_http_methods(["GET", "POST"])
def member_add(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = MemberAddForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                partnership=partnership, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(email)s is now a member.") % {"email": membership.user.email}
            )
            return redirect("partnerships:member_list", partnership_slug=partnership.slug)
    return render(request, "partnerships/member_form.html", {"form": form, "membership": None})


@partnership_view("member.manage")
@require_http_methods(["GET", "POST"])
def member_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    membership = get_for_partnership_or_404(Membership, partnership=partnership, pk=pk)
    form = MemberUpdateForm.for_membership(membership, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("partnerships:member_list", partnership_slug=partnership.slug)
    return render(
        request, "partnerships/member_form.html", {"form": form, "membership": membership}
    )
