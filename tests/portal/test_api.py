"""The open-data API: published data only, the cross-partnership call, CORS, ETag, rate limit."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.urls import reverse

from secure.portal.published import tables_for

from .factories import page_for, published_page_for
from .test_published import seed_open_data

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def both():
    riverside, lakeside = seed_open_data("riverside", "lakeside", full=False)
    return riverside, lakeside


def _json(client, url: str, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.content[:200])
    return json.loads(response.content)


def test_only_published_partnerships_are_listed(client, both):
    riverside, lakeside = both
    published_page_for(riverside)
    page_for(lakeside)  # not published
    found = _json(client, f"{API}/partnerships")
    assert [p["slug"] for p in found] == ["riverside"]
    assert found[0]["data_url"].endswith(reverse("portal:opendata", args=["riverside"]))
    assert client.get(f"{API}/partnerships/lakeside").status_code == 404
    assert client.get(f"{API}/partnerships/lakeside/tables").status_code == 404
    assert client.get(f"{API}/partnerships/lakeside/tables/actions-by-race").status_code == 404


def test_one_partnership_and_its_tables(client, both):
    riverside, _lakeside = both
    page = published_page_for(riverside, show_equity=False)
    detail = _json(client, f"{API}/partnerships/riverside")
    expected = tables_for(riverside, sections=page.sections(), minimum=page.minimum_cell)
    assert [t["key"] for t in detail["tables"]] == [t.key for t in expected]
    assert "equity" not in detail["sections"]
    assert client.get(f"{API}/partnerships/riverside/tables/equity-indicators").status_code == 404
    table = _json(client, f"{API}/partnerships/riverside/tables/actions-by-race")
    assert table["rows"] == next(t for t in expected if t.key == "actions-by-race").records()
    assert table["layout"]["total_label"] == "Total"
    assert {c["name"] for c in table["columns"]} == set(table["rows"][0])
    assert table["suppression_rule"].startswith("Counts of people from 1 to 9")
    every = _json(client, f"{API}/partnerships/riverside/tables")
    assert [t["key"] for t in every] == [t.key for t in expected]


def test_the_cross_partnership_call_returns_each_partnerships_own_tables(client, both):
    riverside, lakeside = both
    published_page_for(riverside)
    published_page_for(lakeside, minimum_cell=15)
    data = _json(client, f"{API}/tables")
    assert [p["partnership"]["slug"] for p in data["partnerships"]] == ["lakeside", "riverside"]
    for part in data["partnerships"]:
        slug = part["partnership"]["slug"]
        alone = _json(client, f"{API}/partnerships/{slug}/tables")
        assert part["tables"] == alone  # the same suppressed tables, nothing summed across
    lakeside_tables = data["partnerships"][0]["tables"]
    assert all(t["minimum"] == 15 for t in lakeside_tables)
    only = _json(client, f"{API}/tables?section=officers")
    assert {t["section"] for p in only["partnerships"] for t in p["tables"]} == {"officers"}


def test_english_whatever_the_reader_chose(client, both):
    published_page_for(both[0])
    data = _json(
        client, f"{API}/partnerships/riverside/tables/actions-by-race", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert data["title"].startswith("Law-enforcement actions")


def test_cors_for_public_use_without_credentials(client, both):
    published_page_for(both[0])
    response = client.get(f"{API}/partnerships", HTTP_ORIGIN="https://example.edu")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(f"{API}/partnerships", HTTP_ORIGIN="https://example.edu")
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    missing = client.get(f"{API}/partnerships/nowhere")
    assert missing.status_code == 404 and missing["Access-Control-Allow-Origin"] == "*"
    page = client.get(reverse("portal:opendata", args=["riverside"]))
    assert "Access-Control-Allow-Origin" not in page  # the API only


def test_etag_and_cache_control(client, both):
    published_page_for(both[0])
    first = client.get(f"{API}/partnerships/riverside/tables/actions-by-race")
    assert first["Cache-Control"].startswith("public, max-age=")
    second = client.get(
        f"{API}/partnerships/riverside/tables/actions-by-race", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert second.status_code == 304 and second.content == b""


def test_rate_limited_with_retry_after(client, both, settings):
    settings.SECURE_API_RATE = "3/m"
    published_page_for(both[0])
    codes = [client.get(f"{API}/partnerships").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get(f"{API}/partnerships")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert limited["Access-Control-Allow-Origin"] == "*"
    other = client.get(f"{API}/partnerships", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200  # per client address
    spoofed = client.get(f"{API}/partnerships", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert spoofed.status_code == 429  # a forged header does not reset the count


def test_the_openapi_document_and_the_documentation_page(client, both):
    published_page_for(both[0])
    schema = _json(client, f"{API}/openapi.json")
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    assert {
        f"{API}/partnerships",
        f"{API}/partnerships/{{slug}}",
        f"{API}/partnerships/{{slug}}/tables",
        f"{API}/partnerships/{{slug}}/tables/{{key}}",
        f"{API}/tables",
    } <= paths
    docs = client.get(reverse("portal:api_docs"))
    assert docs.status_code == 200
    html = docs.content.decode()
    for path in paths:
        assert path in html
    assert "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
    assert client.get(f"{API}/").status_code == 302
