"""Public-page test data, made through the portal's services."""

from __future__ import annotations

from secure.partnerships.models import Partnership
from secure.portal.models import PublicPage
from secure.portal.services import (
    public_page_get_or_create,
    public_page_publish,
    public_page_update,
)


def page_for(partnership: Partnership, **fields: object) -> PublicPage:
    """The partnership's public page, with ``fields`` changed through the service."""
    page = public_page_get_or_create(partnership=partnership)
    if fields:
        public_page_update(page=page, **fields)
    return page


def published_page_for(partnership: Partnership, **fields: object) -> PublicPage:
    """The partnership's public page, published."""
    page = page_for(partnership, **fields)
    if not page.is_published:
        public_page_publish(page=page)
    return page
