"""Open data: the list of published tables, each as CSV and Parquet, and the data dictionary.

Anyone may read these pages and files, but only for a published public page and only the
sections it switches on (404 otherwise). Files are written in English with stable column
names, so that scripts keep working whatever language the reader chose.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from ..published.access import page_tables, published_page_or_404, published_pages, table_or_404
from ..published.files import (
    dictionary,
    dictionary_csv,
    dictionary_json,
    table_csv,
    table_parquet,
)
from ..published.http import DATA_MAX_AGE, cached_response

FILE_LANGUAGE = "en"


def opendata(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """Every published table of the partnership, with its downloads and the suppression rule."""
    page = published_page_or_404(partnership_slug)
    tables = page_tables(page)
    response = render(
        request,
        "portal/opendata.html",
        {
            "page": page,
            "partnership": page.partnership,
            "tables": tables,
            "minimum": page.minimum_cell,
        },
    )
    response["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
    return response


def opendata_table(request: HttpRequest, partnership_slug: str, key: str) -> HttpResponse:
    """One published table, whole (every year and group), with its downloads."""
    page = published_page_or_404(partnership_slug)
    table = table_or_404(page, key)
    response = render(
        request,
        "portal/opendata_table.html",
        {"page": page, "partnership": page.partnership, "table": table},
    )
    response["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
    return response


def opendata_dictionary(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The data dictionary as a page: every table, every column, what it means."""
    page = published_page_or_404(partnership_slug)
    tables = page_tables(page)
    response = render(
        request,
        "portal/opendata_dictionary.html",
        {"page": page, "partnership": page.partnership, "entries": dictionary(tables)},
    )
    response["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
    return response


def opendata_dictionary_file(
    request: HttpRequest, partnership_slug: str, extension: str
) -> HttpResponse:
    if extension not in {"csv", "json"}:
        raise Http404
    page = published_page_or_404(partnership_slug)
    with translation.override(FILE_LANGUAGE):
        tables = page_tables(page)
        if extension == "json":
            return cached_response(
                request,
                dictionary_json(tables),
                content_type="application/json",
                filename=f"{partnership_slug}-dictionary.json",
            )
        return cached_response(
            request,
            dictionary_csv(tables),
            content_type="text/csv; charset=utf-8",
            filename=f"{partnership_slug}-dictionary.csv",
        )


def _table_file(
    request: HttpRequest,
    partnership_slug: str,
    key: str,
    *,
    write: Any,
    content_type: str,
    suffix: str,
) -> HttpResponse:
    """One published table as a file, written by ``write`` in the files' language."""
    page = published_page_or_404(partnership_slug)
    with translation.override(FILE_LANGUAGE):
        table = table_or_404(page, key)
        return cached_response(
            request,
            write(table),
            content_type=content_type,
            filename=f"{partnership_slug}-{key}.{suffix}",
        )


def opendata_csv(request: HttpRequest, partnership_slug: str, key: str) -> HttpResponse:
    return _table_file(
        request,
        partnership_slug,
        key,
        write=table_csv,
        content_type="text/csv; charset=utf-8",
        suffix="csv",
    )


def opendata_parquet(request: HttpRequest, partnership_slug: str, key: str) -> HttpResponse:
    return _table_file(
        request,
        partnership_slug,
        key,
        write=table_parquet,
        content_type="application/vnd.apache.parquet",
        suffix="parquet",
    )


def api_docs(request: HttpRequest) -> HttpResponse:
    """The API documentation, from the OpenAPI document the API itself serves (it cannot drift)."""
    from ..api import api

    schema = api.get_openapi_schema()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "description": operation.get("description", ""),
            "parameters": [
                {"name": p["name"], "where": p["in"], "required": p.get("required", False)}
                for p in operation.get("parameters", [])
            ],
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]
    published = list(published_pages()[:1])
    response = render(
        request,
        "portal/opendata_api.html",
        {
            "endpoints": endpoints,
            "openapi_url": reverse("portal:api:openapi-json"),
            "example_slug": published[0].partnership.slug if published else None,
            "version": schema["info"]["version"],
        },
    )
    response["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
    return response
