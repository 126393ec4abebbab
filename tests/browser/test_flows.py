"""A person signs in, switches partnership and language, and sets up two-factor, in a real browser."""

from __future__ import annotations

import re

from django_otp.oath import totp
from playwright.sync_api import Page, expect

from secure.core.demo import MULTI_EMAIL

from .conftest import PHONE


def test_sign_in_and_switch_partnership(page: Page, live_server, demo, sign_in, console_errors):
    """Someone in both demo partnerships signs in and moves from one to the other."""
    sign_in(MULTI_EMAIL)
    expect(page).to_have_url(re.compile(r"/partnerships/$"))
    page.get_by_role("link", name="Open Riverside Schools–Police Partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Riverside Schools–Police Partnership"
    )
    page.get_by_label("Partnership", exact=True).select_option("lakeside")
    page.get_by_test_id("switch-partnership").click()
    expect(page).to_have_url(re.compile(r"/p/lakeside/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lakeside School Safety Partnership")
    expect(page.get_by_text("Your role: Data analyst")).to_be_visible()
    assert console_errors == []


def test_wrong_password_then_right_one(page: Page, live_server, demo, sign_in):
    """A wrong password shows an error next to the form; the right one opens the partnership."""
    sign_in("sro@lakeside.example.org", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("do not match")
    sign_in("sro@lakeside.example.org")
    expect(page).to_have_url(re.compile(r"/p/lakeside/$"))


def test_switch_language_on_a_phone(page: Page, live_server, demo, sign_in):
    """On a phone, the language switch is on screen and the page comes back in Spanish."""
    page.set_viewport_size(PHONE)
    sign_in("partnership-admin@riverside.example.org")
    page.get_by_role("combobox", name="Language").select_option("es")
    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", name="Los cinco pasos de acción")).to_be_visible()


def test_setting_up_two_factor_in_the_browser(page: Page, live_server, demo, sign_in, settings):
    """Where required, signing in leads to set-up; a code from the key turns it on."""
    settings.SECURE_REQUIRE_2FA = True
    sign_in("complaint-investigator@riverside.example.org")
    expect(page).to_have_url(re.compile(r"/accounts/two-factor/setup/$"))
    secret = page.get_by_test_id("totp-secret").inner_text()
    from base64 import b32decode

    key = b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_role("textbox", name="Code").fill(f"{totp(key):06d}")
    page.get_by_role("button", name="Turn on").click()
    expect(page.get_by_test_id("backup-codes").locator("li")).to_have_count(10)
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/p/riverside/$"))
