"""Every page passes an axe-core check with no violations, on a phone and on a desktop."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from secure.partnerships.models import Partnership

from ..pages import OTHER_PAGES, PARTNERSHIP_PAGES, PUBLIC_PAGES, partnership_url_kwargs
from .conftest import DESKTOP, PHONE, assert_accessible

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_public_pages_are_accessible(viewport, page: Page, live_server, demo, console_errors):
    """Public pages, in English and in Spanish, and the not-found page."""
    page.set_viewport_size(VIEWPORTS[viewport])
    urls = [reverse(name, kwargs=kwargs) for name, kwargs in PUBLIC_PAGES.items()]
    urls.append("/no-such-page/")
    for url in urls:
        page.goto(live_server.url + url)
        assert_accessible(page, f"{url} ({viewport})")
    page.get_by_role("combobox", name="Language").select_option("es")
    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, f"Spanish ({viewport})")
    assert [e for e in console_errors if "status of 404" not in e] == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_partnership_pages_are_accessible(
    viewport, page: Page, live_server, demo, sign_in, console_errors
):
    """Every partnership page, as its administrator, including a form showing errors."""
    page.set_viewport_size(VIEWPORTS[viewport])
    sign_in("partnership-admin@riverside.example.org")
    riverside = Partnership.objects.get(slug="riverside")
    for name in PARTNERSHIP_PAGES:
        url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, url
        assert_accessible(page, f"{name} ({viewport})")
    for name, kwargs in OTHER_PAGES.items():
        if name == "accounts:two_factor_verify":
            continue  # redirects when there is nothing to verify; covered by the two-factor test
        page.goto(live_server.url + reverse(name, kwargs=kwargs))
        assert_accessible(page, f"{name} ({viewport})")
    page.goto(live_server.url + reverse("partnerships:school_create", args=["riverside"]))
    page.locator("main").get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator(".usa-error-message").count() >= 1
    assert_accessible(page, f"school form with errors ({viewport})")
    page.goto(live_server.url + "/p/lakeside/")  # another partnership: the friendly 404
    assert_accessible(page, f"404 ({viewport})")
    assert [e for e in console_errors if "404" not in e] == []
