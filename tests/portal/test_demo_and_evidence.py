"""The demo's public pages, and the live rubric evidence the public page gives."""

from __future__ import annotations

import pytest
from django.urls import reverse

from secure.core.demo import demo_seed
from secure.core.evidence import evidence_for
from secure.portal.models import PublicPage
from secure.portal.sections import SECTION_KEYS
from secure.portal.services import public_page_unpublish

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.SECURE_REQUIRE_2FA = False
    return {p.slug: p for p in demo_seed()}


def test_riverside_is_published_with_every_section_and_lakeside_is_not(demo, client):
    """The demo shows both sides: a live public page and one only its members can preview."""
    riverside = PublicPage.objects.get(partnership=demo["riverside"])
    lakeside = PublicPage.objects.get(partnership=demo["lakeside"])
    assert riverside.is_published and riverside.sections() == set(SECTION_KEYS)
    assert not lakeside.is_published
    html = client.get(reverse("portal:public", args=["riverside"])).content.decode()
    for heading in (
        "Our agreement (MOU)",
        "How officers are chosen",
        "Our progress on the SECURE rubric",
        "Make a complaint",
    ):
        assert heading in html
    assert client.get(reverse("portal:public", args=["lakeside"])).status_code == 404


def test_the_public_page_is_live_evidence_while_published(demo):
    riverside = demo["riverside"]
    for item in ("1.start.3.2", "3.start.1", "2.start.5"):
        sources = {e.source for e in evidence_for(partnership=riverside, item_id=item)}
        assert "portal" in sources, item
    public_page_unpublish(page=PublicPage.objects.get(partnership=riverside))
    for item in ("1.start.3.2", "3.start.1", "2.start.5", "2.start.3"):
        sources = {e.source for e in evidence_for(partnership=riverside, item_id=item)}
        assert "portal" not in sources, item
    lakeside = demo["lakeside"]
    assert "portal" not in {
        e.source for e in evidence_for(partnership=lakeside, item_id="1.start.3.2")
    }
