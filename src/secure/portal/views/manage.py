"""Workspace pages: the public page's settings, preview, publish and unpublish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import partnership_view

from ..forms import PublicPageForm
from ..selectors import public_page_context, public_page_for, section_states
from ..services import (
    public_page_get_or_create,
    public_page_publish,
    public_page_unpublish,
    public_page_update,
)
from .pages import render_public_page


def _manage_url(request: HttpRequest) -> str:
    return reverse("portal:manage", kwargs={"partnership_slug": request.partnership.slug})  # type: ignore[attr-defined]


@partnership_view("portal.manage")
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    """Choose the sections, the smallest number shown, the introduction and contact details."""
    page = public_page_for(request.partnership)  # type: ignore[attr-defined]
    form = PublicPageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        try:
            public_page_update(page=page, **form.page_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The public page's settings are saved."))
            return redirect(_manage_url(request))
    context = public_page_context(page=page, language=get_language())
    states = section_states(page=page, context=context)
    return render(request, "portal/manage.html", {"page": page, "form": form, "states": states})


@partnership_view("portal.preview")
def preview(request: HttpRequest) -> HttpResponse:
    """The page exactly as the public will see it, published or not."""
    page = public_page_for(request.partnership)  # type: ignore[attr-defined]
    response = render_public_page(request, page, preview=True)
    response["Cache-Control"] = "private, no-store"
    return response


@partnership_view("portal.manage")
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    """Publish the page at its public address."""
    page = public_page_get_or_create(partnership=request.partnership)  # type: ignore[attr-defined]
    try:
        public_page_publish(page=page)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The public page is published."))
    return redirect(_manage_url(request))


@partnership_view("portal.manage")
@require_POST
def unpublish(request: HttpRequest) -> HttpResponse:
    """Take the page down at once."""
    page = public_page_for(request.partnership)  # type: ignore[attr-defined]
    try:
        public_page_unpublish(page=page)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("The public page is taken down: its address now says it is not available.")
        )
    return redirect(_manage_url(request))
