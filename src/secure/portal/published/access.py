"""Which partnerships publish what: the public page's switches, read in one place."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from secure.partnerships.models import Partnership

from ..models import PublicPage
from . import tables_for
from .table import PublishedTable


def published_pages() -> QuerySet[PublicPage]:
    """The published public pages, by partnership name."""
    return (
        PublicPage.objects.select_related("partnership")
        .filter(is_published=True)
        .order_by("partnership__name")
    )


def published_page_or_404(slug: str) -> PublicPage:
    page = published_pages().filter(partnership__slug=slug).first()
    if page is None:
        raise Http404
    return page


def page_tables(page: PublicPage) -> list[PublishedTable]:
    """The published tables of a published page (its sections, its minimum)."""
    partnership: Partnership = page.partnership
    return tables_for(partnership, sections=page.sections(), minimum=page.minimum_cell)


def table_or_404(page: PublicPage, key: str) -> PublishedTable:
    for table in page_tables(page):
        if table.key == key:
            return table
    raise Http404
