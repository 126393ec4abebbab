"""The MOU analyzer in a real browser: a district leader uploads an MOU and reads the report."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from .conftest import PHONE, assert_accessible

MOU = (
    "ARTICLE 1. ROLE\n"
    "1.1 The SRO shall not be used for school discipline.\n"
    "1.2 The SRO will assist in enforcing the student code of conduct.\n"
    "1.3 Complaints about student misbehavior may be brought to the SRO.\n"
)


def test_a_leader_uploads_an_mou_and_reads_conflicts_and_suggestions(
    page: Page, live_server, demo, sign_in, console_errors, tmp_path: Path
):
    """Upload a text MOU; the report shows the conflict, the quoted prohibition and library wording."""
    sign_in("district-leader@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/mou/analyses/")
    expect(page.get_by_role("link", name="MOU 2025–26 (signed)")).to_be_visible()
    assert_accessible(page, "MOU analyses")
    path = tmp_path / "draft.txt"
    path.write_text(MOU, encoding="utf-8")
    page.get_by_label("Title").fill("Draft from the county")
    page.locator("#id_file").set_input_files(str(path))  # USWDS restyles the file input
    page.get_by_role("button", name="Analyze").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Draft from the county")
    expect(page.get_by_role("heading", name="Conflicts")).to_be_visible()
    expect(
        page.get_by_text("“The SRO will assist in enforcing the student code of conduct.”")
    ).to_be_visible()
    complaints = page.locator(
        "section",
        has=page.get_by_role(
            "heading", name="A way for students and families to complain about officers"
        ),
    )
    expect(complaints).to_contain_text("Missing")
    expect(complaints).to_contain_text("Suggested wording from the clause library")
    assert_accessible(page, "MOU analysis report")
    page.set_viewport_size(PHONE)
    page.get_by_role("link", name="Clause library").first.click()
    expect(
        page.get_by_role("heading", name="Officers stay out of school discipline")
    ).to_be_visible()
    assert_accessible(page, "clause library on a phone")
    assert console_errors == []


def test_a_stakeholder_comments_on_the_draft_and_the_leader_answers(
    page: Page, live_server, demo, sign_in, console_errors
):
    """The demo draft is open for comments: a stakeholder comments on a section, a leader answers."""
    sign_in("community-stakeholder@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/mou/drafts/")
    page.get_by_role("link", name="MOU 2026–27 (draft)").click()
    expect(page.get_by_text("Open for comments").first).to_be_visible()
    page.get_by_label("Section").select_option(label="Searches and seizures")
    page.get_by_label("Your comment").fill("Say what happens to things an officer takes.")
    page.get_by_role("button", name="Add comment").click()
    searches = page.locator(
        "section", has=page.get_by_role("heading", name="Searches and seizures")
    )
    expect(searches).to_contain_text("Say what happens to things an officer takes.")
    assert_accessible(page, "MOU draft open for comments")
    page.context.clear_cookies()
    sign_in("district-leader@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/mou/drafts/")
    page.get_by_role("link", name="MOU 2026–27 (draft)").click()
    searches = page.locator(
        "section", has=page.get_by_role("heading", name="Searches and seizures")
    )
    searches.get_by_label("Answer").fill("Added a sentence on returning property.")
    searches.get_by_role("button", name="Answer and resolve").click()
    expect(
        page.locator("section", has=page.get_by_role("heading", name="Searches and seizures"))
    ).to_contain_text("Resolved")
    assert_accessible(page, "MOU draft with a resolved comment")
    assert console_errors == []


def test_the_live_check_updates_while_the_leader_types(
    page: Page, live_server, demo, sign_in, console_errors
):
    """Typing in the draft asks the server (htmx, after a pause) for coverage and jargon."""
    sign_in("district-leader@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/mou/drafts/")
    page.get_by_role("link", name="MOU 2026–27 (draft)").click()
    page.get_by_role("link", name="Edit").click()
    live = page.locator("#live-check")
    expect(live).to_contain_text("13 of 13 requirements covered")
    text = page.get_by_label("MOU text")
    text.fill("## Role\nPursuant to policy, the SRO questions a juvenile.")
    expect(live).to_contain_text("“Pursuant to” → “under”")
    expect(live).not_to_contain_text("13 of 13 requirements covered")
    assert_accessible(page, "MOU editor with the live check")
    page.set_viewport_size(PHONE)
    assert_accessible(page, "MOU editor on a phone")
    assert console_errors == []
