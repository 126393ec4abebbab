"""The public page of a partnership: no account needed, cached, English and Spanish."""

from __future__ import annotations

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from secure.agreements.exports import export_filename, version_to_pdf
from secure.rubric.pdf import html_to_pdf

from .. import sections as s
from ..models import PublicPage
from ..mou import public_mou
from ..selectors import public_page_context
from ..services import public_cache_key

# Browsers and shared caches may keep the public page this long (seconds): short, so a page
# taken down disappears from browsers within a minute; the server forgets it at once.
PUBLIC_MAX_AGE = 60
# The server keeps the rendered page body this long, unless a change forgets it first.
BODY_CACHE_SECONDS = 5 * 60
BODY_TEMPLATE = "portal/_public_body.html"


def _published_page(partnership_slug: str) -> PublicPage:
    page = (
        PublicPage.objects.select_related("partnership")
        .filter(partnership__slug=partnership_slug, is_published=True)
        .first()
    )
    if page is None:
        raise Http404
    return page


def public_body(page: PublicPage, *, cached: bool) -> str:
    """The rendered sections of the page in the current language (from the cache when allowed)."""
    language = get_language() or "en"
    key = public_cache_key(slug=page.partnership.slug, name="body", language=language)
    if cached:
        found = cache.get(key)
        if found is not None:
            return str(found)
    body = render_to_string(BODY_TEMPLATE, public_page_context(page=page, language=language))
    if cached:
        cache.set(key, body, BODY_CACHE_SECONDS)
    return body


def render_public_page(
    request: HttpRequest, page: PublicPage, *, preview: bool, status: int = 200
) -> HttpResponse:
    """The same template for the public and the preview; only the banner differs."""
    body = public_body(page, cached=not preview)
    return render(
        request,
        "portal/public_page.html",
        {
            "page": page,
            "partnership": page.partnership,
            "body": mark_safe(body),  # noqa: S308  (rendered by our own autoescaping template)
            "is_preview": preview,
        },
        status=status,
    )


def public_page(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The partnership's public page, or a friendly "not available" when it is not published."""
    try:
        page = _published_page(partnership_slug)
    except Http404:
        response = render(request, "portal/not_published.html", status=404)
        response["Cache-Control"] = "no-cache"
        return response
    response = render_public_page(request, page, preview=False)
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    # The language comes from a cookie or the browser: shared caches must keep them apart.
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


def _mou_pdf(page: PublicPage) -> tuple[bytes, str]:
    """The PDF of the MOU and its file name (the agreements export for an adopted version)."""
    mou = public_mou(page.partnership)
    if mou is None:
        raise Http404
    if mou.version is not None:
        return version_to_pdf(mou.version), export_filename(mou.version, "pdf")
    html = render_to_string("portal/mou_pdf.html", {"mou": mou, "partnership": page.partnership})
    return html_to_pdf(html), f"{page.partnership.slug}-mou.pdf"


def mou_pdf(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The MOU as PDF, when the page is published with its MOU section on."""
    page = _published_page(partnership_slug)
    if s.MOU not in page.sections():
        raise Http404
    key = public_cache_key(slug=partnership_slug, name="mou.pdf", language="en")
    found = cache.get(key)
    if found is None:
        found = _mou_pdf(page)
        cache.set(key, found, BODY_CACHE_SECONDS)
    body, filename = found
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response
