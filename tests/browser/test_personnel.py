"""People pages in a real browser: a panelist's scorecard, the hiring aggregate, a joint training."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from secure.partnerships.models import Partnership
from secure.personnel.models import Candidate, Panelist, TrainingSession

from ..pages import PARTNERSHIP_PAGES, partnership_url_kwargs
from .conftest import DESKTOP, PHONE, assert_accessible


def test_a_community_panelist_scores_a_candidate_on_a_phone(
    page: Page, live_server, demo, sign_in, console_errors
):
    """The stakeholder finds their panel on the hiring page and saves a score for a criterion."""
    page.set_viewport_size(PHONE)
    sign_in("community-stakeholder@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/people/hiring/")
    assert_accessible(page, "hiring page as a panelist")
    page.get_by_role("link", name=re.compile("Your scorecard for")).click()
    first = page.locator("main select").first
    first.select_option("2")
    page.get_by_role("button", name="Save scorecard").click()
    expect(page.locator("main select").first).to_have_value("2")
    assert_accessible(page, "scorecard")
    candidate = Candidate.objects.get(partnership__slug="riverside")
    mine = Panelist.objects.get(candidate=candidate, group="community")
    assert mine.scores.order_by("criterion__position").first().value == 2
    assert console_errors == []


def test_a_district_leader_sees_where_panel_groups_disagree(
    page: Page, live_server, demo, sign_in, console_errors
):
    """The aggregate shows every group's mean and flags the criterion students and families rate low."""
    sign_in("district-leader@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/people/hiring/candidates/")
    page.get_by_role("link", name="Dana Ellison").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="Youth development experts")).to_be_visible()
    expect(table.get_by_text(re.compile(r"Yes, by \d")).first).to_be_visible()
    assert_accessible(page, "candidate aggregate")
    assert console_errors == []


def test_a_school_admin_records_a_joint_session_and_sees_compliance(
    page: Page, live_server, demo, sign_in, console_errors
):
    """A joint simulation session is saved with attendees and the compliance view is reachable."""
    sign_in("school-admin@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/people/training/sessions/new/")
    page.get_by_label("Title").fill("Hallway de-escalation drill")
    page.get_by_label("Date").fill("2026-10-15")
    # USWDS checkboxes are styled labels; clicking the label ticks the box.
    page.get_by_text("Conflict resolution and de-escalation techniques", exact=True).click()
    page.get_by_text("Joint SRO and school staff session", exact=True).click()
    page.get_by_text("Includes real-life simulations", exact=True).click()
    page.locator("label[for=id_attendees_0]").click()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/training/sessions/\d+/$"))
    session = TrainingSession.objects.get(title="Hallway de-escalation drill")
    assert session.joint and session.simulation and session.attendance.count() == 1
    page.get_by_role("link", name="Training compliance").click()
    expect(page.get_by_role("heading", name="Who is due, overdue or never trained")).to_be_visible()
    assert_accessible(page, "compliance")
    assert console_errors == []


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_every_people_page_is_accessible(
    viewport, page: Page, live_server, demo, sign_in, console_errors
):
    """Each personnel page in tests/pages.py, as the partnership administrator, passes axe."""
    page.set_viewport_size(PHONE if viewport == "phone" else DESKTOP)
    sign_in("partnership-admin@riverside.example.org")
    riverside = Partnership.objects.get(slug="riverside")
    for name in [n for n in PARTNERSHIP_PAGES if n.startswith("personnel:")]:
        url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
        response = page.goto(live_server.url + url)
        assert response is not None and response.ok, url
        assert_accessible(page, f"{name} ({viewport})")
    assert console_errors == []
