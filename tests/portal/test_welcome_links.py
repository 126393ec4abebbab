"""The signed-out welcome page points the public to every published community page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from secure.portal.services import public_page_unpublish

from .factories import page_for, published_page_for

pytestmark = pytest.mark.django_db


def test_the_welcome_page_lists_published_pages_only(client, riverside, lakeside):
    page = published_page_for(riverside)
    page_for(lakeside)
    response = client.get(reverse("partnerships:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("portal:public", kwargs={"partnership_slug": "riverside"}) in body
    assert reverse("portal:public", kwargs={"partnership_slug": "lakeside"}) not in body

    public_page_unpublish(page=page)
    body = client.get(reverse("partnerships:home")).content.decode()
    assert "Community pages" not in body
