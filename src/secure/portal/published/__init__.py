"""The one choke point of published numbers: ``tables_for`` returns a partnership's public tables.

Every count about people in them has been through ``secure.equity.suppression.suppress_table``
(see ``table.py`` for why nothing else can be built); pages, files and the API all read from
here. Results are cached per partnership, sections, minimum and language, under the page
engineer's generation key (``secure.portal.services.public_cache_key``), which every publish,
unpublish and settings change moves on, and for ``CACHE_SECONDS`` at most so new data shows.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language

from secure.partnerships.models import Partnership

from .builders import BUILDERS
from .table import (
    EXEMPT_TABLES,
    SUPPRESSION_RULE,
    Column,
    CountGrid,
    Layout,
    PublishedTable,
)

__all__ = [
    "CACHE_SECONDS",
    "EXEMPT_TABLES",
    "SUPPRESSION_RULE",
    "Column",
    "CountGrid",
    "Layout",
    "PublishedTable",
    "cache_key",
    "tables_for",
]

CACHE_SECONDS = 15 * 60


def cache_key(partnership: Partnership, *, sections: set[str], minimum: int) -> str:
    """The cache key of the published tables (moves on with the public page's generation)."""
    from ..services import public_cache_key

    name = f"published:{minimum}:{','.join(sorted(sections))}"
    return public_cache_key(slug=partnership.slug, name=name, language=get_language() or "en")


def tables_for(
    partnership: Partnership, *, sections: set[str], minimum: int
) -> list[PublishedTable]:
    """The published tables of ``partnership`` for the sections switched on, suppressed."""
    key = cache_key(partnership, sections=sections, minimum=minimum)
    found = cache.get(key)
    if found is not None:
        return list(found)
    tables = build_tables(partnership, sections=sections, minimum=minimum)
    cache.set(key, tables, CACHE_SECONDS)
    return tables


def build_tables(
    partnership: Partnership, *, sections: set[str], minimum: int
) -> list[PublishedTable]:
    """The tables without the cache (tests and the cache-filling path)."""
    tables: list[PublishedTable] = []
    for section, build in BUILDERS:
        if section in sections:
            tables.extend(build(partnership, minimum))
    return tables
