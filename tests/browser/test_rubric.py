"""The rubric in a real browser: a leader works an item and downloads the PDF; a principal
reports progress on their task from a phone."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from secure.rubric.models import AssessmentItem

from .conftest import PHONE, assert_accessible


def test_a_leader_works_an_item_and_prints_the_report(
    page: Page, live_server, demo, sign_in, console_errors
):
    """From the home page to an item: a wrong entry is explained, live evidence is confirmed,
    and the assessment downloads as a PDF."""
    sign_in("agency-leader@riverside.example.org")
    expect(page.get_by_role("heading", name="Needs attention")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"1\. Partnership and MOU")).first.click()
    page.get_by_role("link", name="This year's checklist").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Checklist, ")
    page.get_by_role("link", name="Item 1.improve.2.2").click()
    page.get_by_label("Status").select_option("not_applicable")
    page.get_by_role("button", name="Save progress").click()
    expect(page.locator(".usa-error-message").first).to_contain_text(
        "Say why the item does not apply"
    )
    assert_accessible(page, "item page with a form error")
    page.get_by_label("Why it does not apply").fill("Shared at the state SRO conference instead.")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Not applicable")
    # The training-input schedule is on time, so its live evidence suggests the item is done.
    page.goto(f"{live_server.url}/p/riverside/rubric/current/step-4/")
    page.get_by_role("link", name="Item 4.improve.2").click()
    page.get_by_role("button", name="Confirm: Done").click()
    expect(page.get_by_text("Status confirmed from live evidence:")).to_be_visible()
    row = AssessmentItem.objects.get(
        partnership__slug="riverside", item_id="4.improve.2", assessment__status="open"
    )
    assert row.status == "done" and row.status_basis.startswith("rubric: Schedule")
    page.get_by_role("link", name="Assessments").first.click()
    page.get_by_role("link", name=re.compile(r"^\d{4}–\d{2}$")).first.click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert download.value.suggested_filename.startswith("secure-riverside-")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert console_errors == []


def test_a_principal_reports_progress_on_a_phone(page: Page, live_server, demo, sign_in):
    """The principal finds the overdue task under My tasks and marks it done."""
    page.set_viewport_size(PHONE)
    sign_in("school-admin@riverside.example.org")
    page.get_by_role("link", name=re.compile("You own")).click()
    expect(page.get_by_role("heading", name="My tasks")).to_be_visible()
    assert_accessible(page, "my tasks on a phone")
    page.get_by_role("link", name="1.improve.2.4").click()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Notes").fill("Middle schools have their copies too.")
    page.get_by_role("button", name="Save progress").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Done")
    expect(
        page.get_by_role("paragraph").filter(has_text="Middle schools have their copies")
    ).to_be_visible()
