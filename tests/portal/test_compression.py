"""Public pages, files and the API are compressed for clients that ask; nothing else is."""

from __future__ import annotations

import gzip

import pytest
from django.urls import reverse

from .factories import published_page_for

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip"}


def test_the_public_page_is_compressed_when_asked(client, riverside):
    published_page_for(riverside)
    url = reverse("portal:public", kwargs={"partnership_slug": "riverside"})
    plain = client.get(url)
    packed = client.get(url, **GZIP)
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    body = gzip.decompress(packed.content)
    # The same page (each response masks its form token anew, so the bytes differ there).
    assert body.startswith(b"<!DOCTYPE html>") and abs(len(body) - len(plain.content)) < 100
    assert riverside.name.encode() in body
    assert len(packed.content) < len(plain.content)


def test_signed_in_pages_are_not_compressed(client_for):
    client = client_for("riverside", "partnership_admin")
    response = client.get(reverse("partnerships:dashboard", args=["riverside"]), **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_a_compressed_api_answer_still_earns_a_304(client, riverside):
    published_page_for(riverside)
    first = client.get("/api/v1/partnerships", **GZIP)
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')  # gzip weakens the tag; the client sends it back
    again = client.get("/api/v1/partnerships", HTTP_IF_NONE_MATCH=first["ETag"], **GZIP)
    assert again.status_code == 304
    other = client.get("/api/v1/partnerships", HTTP_IF_NONE_MATCH='"nothing"', **GZIP)
    assert other.status_code == 200
