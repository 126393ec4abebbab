"""Browse the audit trail."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from secure.partnerships.access import partnership_view

from .forms import AuditFilterForm
from .selectors import audit_event_list

PAGE_SIZE = 50


@partnership_view("audit.view")
def audit_list(request: HttpRequest) -> HttpResponse:
    """Every recorded change and sign-in for the partnership, filterable."""
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(partnership=request.partnership, **filters)  # type: ignore[attr-defined]
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # htmx asks for the results alone when a filter changes; a plain request gets the whole page.
    template = (
        "audit/_results.html" if request.headers.get("HX-Request") else "audit/audit_list.html"
    )
    response = render(
        request,
        template,
        {"form": form, "page": page, "query": query.urlencode()},
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
