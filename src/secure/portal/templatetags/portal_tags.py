"""Template tags other apps' pages use to point the public to the community pages."""

from __future__ import annotations

from django import template

from secure.portal.published.access import published_pages

register = template.Library()


@register.simple_tag
def community_pages() -> list[dict[str, str]]:
    """Name and slug of every partnership whose public page is published, by name."""
    return [
        {"name": page.partnership.name, "slug": page.partnership.slug} for page in published_pages()
    ]
