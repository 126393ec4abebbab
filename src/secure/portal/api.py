"""The read-only open-data API, version 1: the published tables as JSON, for anyone.

Built with django-ninja so that the OpenAPI document (``/api/v1/openapi.json``) is generated from
the same typed schemas the responses are validated against (decision record 0085). Every
response carries ``Access-Control-Allow-Origin: *`` (no credentials), a strong ETag (304 on a
match) and ``Cache-Control``; requests are rate-limited per client address in the shared cache
(Redis in production), with 429 and ``Retry-After`` beyond the limit. Everything comes from
``secure.portal.published`` -- suppressed, and only for published pages and sections.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import URLPattern, reverse
from django.utils import translation
from ninja import NinjaAPI, Schema
from ninja.throttling import SimpleRateThrottle

from .models import PublicPage
from .published.access import page_tables, published_page_or_404, published_pages, table_or_404
from .published.http import DATA_MAX_AGE, client_has, etag_for
from .published.table import PublishedTable
from .sections import SECTION_KEYS

API_LANGUAGE = "en"
DEFAULT_RATE = "120/m"


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per client address, counted in the default cache (shared by every worker).

    The address is ``REMOTE_ADDR`` as the project reads it everywhere (the proxy sets it in
    production), never a client-supplied X-Forwarded-For that anyone could vary.
    """

    scope = "open-data-api"

    def get_rate(self) -> str:
        return str(getattr(settings, "SECURE_API_RATE", DEFAULT_RATE))

    def allow_request(self, request: HttpRequest) -> bool:
        # The rate is read on every request so that a settings change applies at once.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)

    def get_cache_key(self, request: HttpRequest) -> str:
        ident = request.META.get("REMOTE_ADDR") or "unknown"
        return self.cache_format % {"scope": self.scope, "ident": ident}


api = NinjaAPI(
    title="SECURE open data API",
    version="1",
    description=(
        "Read-only, public data that partnerships publish on their public pages: every count of "
        "people has passed primary and complementary small-cell suppression (a hidden count is "
        "null). No authentication; CORS is open for GET; rate-limited per client address."
    ),
    urls_namespace="portal:api",
    docs_url=None,
    throttle=[ClientRateThrottle()],
)

Scalar = str | int | float | bool | None
ColumnType = Literal["text", "count", "integer", "number", "percent", "boolean", "date"]


class ColumnOut(Schema):
    name: str
    label: str
    description: str
    type: ColumnType
    source: str


class LayoutOut(Schema):
    block_columns: list[str]
    label_column: str
    count_columns: list[str]
    total_column: str
    total_label: str
    family: str


class TableSummary(Schema):
    key: str
    section: str
    title: str
    description: str
    data_as_of: datetime.date | None
    minimum: int
    suppression_rule: str
    exempt_reason: str
    row_count: int
    suppressed_cells: int
    api_url: str
    csv_url: str
    parquet_url: str


class TableOut(TableSummary):
    columns: list[ColumnOut]
    layout: LayoutOut | None
    rows: list[dict[str, Scalar]]


class PartnershipOut(Schema):
    slug: str
    name: str
    district: str
    agency: str
    state: str
    public_url: str
    data_url: str
    api_url: str
    sections: list[str]
    minimum: int


class PartnershipDetail(PartnershipOut):
    tables: list[TableSummary]


class PartnershipData(Schema):
    partnership: PartnershipOut
    tables: list[TableOut]


class Aggregate(Schema):
    generated_at: datetime.datetime
    partnerships: list[PartnershipData]


class Message(Schema):
    detail: str


def _url(request: HttpRequest, name: str, *args: str) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def _partnership(request: HttpRequest, page: PublicPage) -> dict[str, Any]:
    p = page.partnership
    return {
        "slug": p.slug,
        "name": p.name,
        "district": p.district_name,
        "agency": p.agency_name,
        "state": p.state,
        "public_url": _url(request, "portal:public", p.slug),
        "data_url": _url(request, "portal:opendata", p.slug),
        "api_url": _url(request, "portal:api:partnership", p.slug),
        "sections": [key for key in SECTION_KEYS if key in page.sections()],
        "minimum": page.minimum_cell,
    }


def _summary(request: HttpRequest, slug: str, table: PublishedTable) -> dict[str, Any]:
    return {
        "key": table.key,
        "section": table.section,
        "title": str(table.title),
        "description": str(table.description),
        "data_as_of": table.data_as_of,
        "minimum": table.minimum,
        "suppression_rule": table.rule_text(),
        "exempt_reason": str(table.exempt_reason),
        "row_count": len(table.rows),
        "suppressed_cells": table.suppressed_cells,
        "api_url": _url(request, "portal:api:table", slug, table.key),
        "csv_url": _url(request, "portal:opendata_csv", slug, table.key),
        "parquet_url": _url(request, "portal:opendata_parquet", slug, table.key),
    }


def _table(request: HttpRequest, slug: str, table: PublishedTable) -> dict[str, Any]:
    layout = table.layout
    return {
        **_summary(request, slug, table),
        "columns": [
            {
                "name": c.name,
                "label": str(c.label),
                "description": str(c.description),
                "type": c.kind,
                "source": c.source,
            }
            for c in table.columns
        ],
        "layout": None
        if layout is None
        else {
            "block_columns": list(layout.block_columns),
            "label_column": layout.label_column,
            "count_columns": list(layout.count_columns),
            "total_column": layout.total_column,
            "total_label": layout.total_label,
            "family": layout.family,
        },
        "rows": table.records(),
    }


@api.get(
    "/partnerships",
    response={200: list[PartnershipOut], 429: Message},
    url_name="partnerships",
    summary="Partnerships that publish data",
)
def partnerships(request: HttpRequest) -> list[dict[str, Any]]:
    """Every partnership whose public page is published, with the sections it publishes."""
    return [_partnership(request, page) for page in published_pages()]


@api.get(
    "/partnerships/{slug}",
    response={200: PartnershipDetail, 404: Message, 429: Message},
    url_name="partnership",
    summary="One partnership and the list of its tables",
)
def partnership(request: HttpRequest, slug: str) -> dict[str, Any]:
    """A published partnership and a summary of each table it publishes (without rows)."""
    page = published_page_or_404(slug)
    return {
        **_partnership(request, page),
        "tables": [_summary(request, slug, t) for t in page_tables(page)],
    }


@api.get(
    "/partnerships/{slug}/tables",
    response={200: list[TableOut], 404: Message, 429: Message},
    url_name="tables",
    summary="Every published table of one partnership, with rows",
)
def tables(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """All the partnership's published tables, with their columns and rows."""
    page = published_page_or_404(slug)
    return [_table(request, slug, t) for t in page_tables(page)]


@api.get(
    "/partnerships/{slug}/tables/{key}",
    response={200: TableOut, 404: Message, 429: Message},
    url_name="table",
    summary="One published table with its rows",
)
def table(request: HttpRequest, slug: str, key: str) -> dict[str, Any]:
    """One table: its columns (the data dictionary), the suppression rule and its rows."""
    page = published_page_or_404(slug)
    return _table(request, slug, table_or_404(page, key))


@api.get(
    "/tables",
    response={200: Aggregate, 429: Message},
    url_name="aggregate",
    summary="Every participating partnership's published tables in one call",
)
def aggregate(request: HttpRequest, section: str | None = None) -> dict[str, Any]:
    """The published, already-suppressed tables of every published partnership (optionally of
    one section). Each partnership's tables are suppressed on their own; nothing is summed
    across partnerships."""
    result = []
    for page in published_pages():
        found = [
            _table(request, page.partnership.slug, t)
            for t in page_tables(page)
            if section is None or t.section == section
        ]
        result.append({"partnership": _partnership(request, page), "tables": found})
    return {"generated_at": datetime.datetime.now(tz=datetime.UTC), "partnerships": result}


# -- every response: English, CORS, ETag and Cache-Control ---------------------------------------

CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
    "Access-Control-Max-Age": "86400",
}


def public_endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Wrap an API view: answer preflights, speak English, add CORS and caching headers."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "OPTIONS":
            response: HttpResponseBase = HttpResponse(status=204)
        else:
            with translation.override(API_LANGUAGE):
                response = view(request, *args, **kwargs)
            if response.status_code == 200 and isinstance(response, HttpResponse):
                tag = etag_for(response.content)
                response["ETag"] = tag
                response["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
                if client_has(request, tag):
                    response.status_code = 304
                    response.content = b""
        for header, value in CORS_HEADERS.items():
            response[header] = value
        return response

    return wrapped


def api_home(request: HttpRequest) -> HttpResponseRedirect:
    """``/api/v1/`` leads to the human-readable documentation."""
    return HttpResponseRedirect(reverse("portal:api_docs"))


def api_urls() -> tuple[list[Any], str, str]:
    """The API's URL patterns, each view wrapped by ``public_endpoint``."""
    patterns, app_name, namespace = api.urls
    for pattern in _flatten(patterns):
        if pattern.name == "api-root":
            pattern.callback = api_home
        else:
            pattern.callback = public_endpoint(pattern.callback)
    return patterns, app_name, namespace


def _flatten(patterns: list[Any]) -> list[URLPattern]:
    found: list[URLPattern] = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            found.append(pattern)
        else:
            found.extend(_flatten(pattern.url_patterns))
    return found
