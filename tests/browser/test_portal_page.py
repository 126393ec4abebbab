"""The public page in a real browser: a parent on a phone, in Spanish; a leader previews and takes it down."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from secure.partnerships.models import Partnership

from ..pages import PARTNERSHIP_PAGES, partnership_url_kwargs
from .conftest import DESKTOP, PHONE, assert_accessible

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_parent_reads_the_public_page_in_spanish(
    viewport, page: Page, live_server, demo, console_errors
):
    """No account, no JavaScript needed; every section is axe-clean in English and Spanish."""
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(live_server.url + reverse("portal:public", args=["riverside"]))
    expect(page.get_by_role("heading", name="Our agreement (MOU)")).to_be_visible()
    page.get_by_text("Read the full agreement").click()
    assert_accessible(page, f"public page ({viewport})")
    page.get_by_role("combobox", name="Language").select_option("es")
    page.get_by_test_id("switch-language").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.get_by_role("heading", name="Nuestro acuerdo (MOU)")).to_be_visible()
    expect(page.get_by_role("link", name="Presentar una queja")).to_be_visible()
    assert_accessible(page, f"public page in Spanish ({viewport})")
    page.goto(live_server.url + reverse("portal:public", args=["lakeside"]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("no está disponible")
    assert_accessible(page, f"unpublished page ({viewport})")
    assert [e for e in console_errors if "404" not in e] == []


def test_the_public_page_works_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + reverse("portal:public", args=["riverside"]))
    expect(page.get_by_role("link", name="Make a complaint")).to_be_visible()
    page.get_by_text("Read the full agreement").click()
    expect(page.get_by_text("SROs search students only with probable cause")).to_be_visible()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_leader_previews_saves_and_unpublishes(
    viewport, page: Page, live_server, demo, sign_in, console_errors
):
    """Settings with an error keep what was typed; the preview says it is not public; take-down is immediate."""
    page.set_viewport_size(VIEWPORTS[viewport])
    sign_in("partnership-admin@riverside.example.org")
    riverside = Partnership.objects.get(slug="riverside")
    for name in ("portal:manage", "portal:preview"):
        url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
        page.goto(live_server.url + url)
        assert_accessible(page, f"{name} ({viewport})")
    assert {"portal:manage", "portal:preview"} <= set(PARTNERSHIP_PAGES)
    page.goto(live_server.url + reverse("portal:manage", args=["riverside"]))
    page.get_by_label("Smallest number shown").fill("5")
    page.get_by_label("Introduction (English)").fill("Words I typed")
    page.locator("main form.usa-form").get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    expect(page.locator(".usa-error-message").first).to_be_visible()
    expect(page.get_by_label("Introduction (English)")).to_have_value("Words I typed")
    assert_accessible(page, f"settings with errors ({viewport})")
    page.get_by_role("button", name="Take the page down now").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("page-status")).to_contain_text("Not published")
    response = page.goto(live_server.url + reverse("portal:public", args=["riverside"]))
    assert response is not None and response.status == 404
    page.goto(live_server.url + reverse("portal:preview", args=["riverside"]))
    expect(page.get_by_test_id("preview-banner")).to_contain_text("Preview — not public")
    assert_accessible(page, f"preview while unpublished ({viewport})")
    assert [e for e in console_errors if "404" not in e] == []
