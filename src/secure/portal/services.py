"""Writes to the public page: settings, publish, unpublish — each clears the cached page at once."""

from __future__ import annotations

import time
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership

from .models import MINIMUM_CELL_FLOOR, PublicPage
from .sections import SECTION_KEYS

MINIMUM_TOO_LOW = _("The smallest number shown cannot be below %(floor)d.")
ALREADY_PUBLISHED = _("The public page is already published.")
NOT_PUBLISHED = _("The public page is not published.")

# Cache keys carry a generation number that every change bumps: old entries are never read again.
_GENERATION_KEY = "portal:generation:{slug}"


def public_cache_generation(*, slug: str) -> int:
    """The current generation of the partnership's cached public responses.

    A missing generation (never set, or evicted) starts from the clock, so it can never come back
    to a number whose old entries are still in the cache.
    """
    key = _GENERATION_KEY.format(slug=slug)
    found = cache.get(key)
    if found is None:
        cache.add(key, time.time_ns() // 1000, timeout=None)
        found = cache.get(key, 0)
    return int(found)


def public_cache_key(*, slug: str, name: str, language: str) -> str:
    """The cache key of one public response of one partnership in one language."""
    generation = public_cache_generation(slug=slug)
    return f"portal:{slug}:{generation}:{name}:{language}"


def public_cache_clear(*, partnership: Partnership) -> None:
    """Forget every cached public response of the partnership (called on every change)."""
    key = _GENERATION_KEY.format(slug=partnership.slug)
    cache.set(key, public_cache_generation(slug=partnership.slug) + 1, timeout=None)


def _forget_cached(page: PublicPage) -> None:
    # Now, and again once the transaction commits, so no reader caches the old state in between.
    public_cache_clear(partnership=page.partnership)
    transaction.on_commit(lambda: public_cache_clear(partnership=page.partnership))


def public_page_get_or_create(*, partnership: Partnership) -> PublicPage:
    """The partnership's public page, created unpublished with defaults the first time."""
    page = PublicPage.objects.for_partnership(partnership).first()
    if page is None:
        page = PublicPage(partnership=partnership)
        page.full_clean(exclude=["partnership"])
        page.save()
    return page


# What ``public_page_update`` may change: publishing has its own transitions.
EDITABLE_FIELDS = frozenset(
    {
        *(f"show_{key}" for key in SECTION_KEYS),
        "minimum_cell",
        "introduction",
        "introduction_es",
        "contact_email",
        "contact_phone",
        "contact_address",
    }
)


def public_page_update(*, page: PublicPage, **fields: Any) -> PublicPage:
    """Change the page's sections, minimum, introduction or contact details."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"public_page_update cannot change {sorted(unknown)}")
    minimum = fields.get("minimum_cell", page.minimum_cell)
    if minimum is None or int(minimum) < MINIMUM_CELL_FLOOR:
        raise ValidationError(
            {"minimum_cell": MINIMUM_TOO_LOW % {"floor": MINIMUM_CELL_FLOOR}},
            code="minimum_too_low",
        )
    for name, value in fields.items():
        setattr(page, name, value)
    page.full_clean(exclude=["partnership"])
    page.save()
    _forget_cached(page)
    return page


def public_page_publish(*, page: PublicPage) -> PublicPage:
    """Make the page visible to everyone at its public address."""
    if page.is_published:
        raise ValidationError(ALREADY_PUBLISHED, code="already_published")
    page.is_published = True
    page.published_at = timezone.now()
    page.save(update_fields=["is_published", "published_at", "updated_at"])
    _forget_cached(page)
    return page


def public_page_unpublish(*, page: PublicPage) -> PublicPage:
    """Take the page down at once: the public address answers "not found" from now on."""
    if not page.is_published:
        raise ValidationError(NOT_PUBLISHED, code="not_published")
    page.is_published = False
    page.save(update_fields=["is_published", "updated_at"])
    _forget_cached(page)
    return page
