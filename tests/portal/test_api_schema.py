"""Every API response matches the OpenAPI document the API serves, fuzzed by schemathesis.

The schema is read from the running Django app (WSGI), and schemathesis generates requests for
every operation (random slugs, keys and sections) and checks each response against it: status
codes documented, bodies valid, headers and content types as declared. Real slugs and keys are
sent as well, so the 200 bodies with real suppressed tables are validated too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from secure.portal.published import tables_for

from .factories import published_page_for
from .test_published import seed_open_data


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


# Schemathesis's WSGI transport asks for gzip but does not unpack it (an HTTP client would):
# ask for the plain body. Compression itself is tested in test_compression.py.
PLAIN = {"Accept-Encoding": "identity"}


@contextmanager
def connection_kept() -> Iterator[None]:
    """Calls straight into the WSGI app keep the test's database connection, as Django's test
    client does: otherwise the end of each request closes it (it is inside the test's
    transaction, so Django counts it as unusable) and PostgreSQL loses the test data."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_responses_match_the_openapi_document(settings):
    settings.SECURE_API_RATE = "100000/m"
    riverside, lakeside = seed_open_data("riverside", "lakeside")
    page = published_page_for(riverside)
    published_page_for(lakeside, minimum_cell=12)
    keys = [t.key for t in tables_for(riverside, sections=page.sections(), minimum=10)]
    with connection_kept():
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
        checked = _fuzz_every_operation(schema, keys)
    assert checked >= len(keys) + 4


def _fuzz_every_operation(schema, keys: list[str]) -> int:
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=25,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            case.call_and_validate(headers=PLAIN)

        fuzz()
        names = {p["name"] for p in operation.definition.raw.get("parameters", [])}
        real: list[dict[str, str]] = [{}]
        if "key" in names:
            real = [{"slug": "riverside", "key": key} for key in keys]
        elif "slug" in names:
            real = [{"slug": "riverside"}, {"slug": "lakeside"}]
        for path_parameters in real:
            case = operation.Case(path_parameters=path_parameters or None)
            response = case.call_and_validate(headers=PLAIN)
            assert response.status_code == 200, (operation.path, path_parameters)
            checked += 1
    return checked


@pytest.mark.django_db
def test_the_check_fails_when_a_response_breaks_the_document(client, riverside):
    """A negative control: the same checks against a document that says ``minimum`` is text."""
    published_page_for(riverside)
    document = client.get("/api/v1/openapi.json").json()
    document["components"]["schemas"]["PartnershipOut"]["properties"]["minimum"] = {
        "type": "string"
    }
    schema = schemathesis.openapi.from_dict(document)
    schema.app = get_wsgi_application()
    case = schema["/api/v1/partnerships"]["GET"].Case()
    with connection_kept(), pytest.raises(BaseExceptionGroup) as raised:
        case.call_and_validate(headers=PLAIN)
    assert "violates schema" in str(raised.value.exceptions[0])
