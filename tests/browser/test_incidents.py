"""Incident pages in a real browser: recording an incident, importing a file, the dashboard."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from secure.incidents.models import Incident, IncidentAction

from .conftest import PHONE, assert_accessible


def test_an_sro_records_an_incident_on_a_phone(
    page: Page, live_server, demo, sign_in, console_errors
):
    """The form works on a phone, adds a second student without JavaScript help, and saves."""
    page.set_viewport_size(PHONE)
    sign_in("sro@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/incidents/new/")
    page.get_by_label("Date", exact=True).fill("2025-03-04")
    # An SRO may choose only the schools they are assigned to (the demo SRO's is North Riverside).
    page.get_by_label("School", exact=True).select_option(label="North Riverside High School")
    page.get_by_label("Where in the school").select_option("cafeteria")
    page.get_by_label("Alleged misconduct (offense category)").select_option("threat")
    page.get_by_label("How law enforcement became involved").select_option("staff_call_violent")
    page.get_by_label("Student ID", exact=True).fill("RHS-5501")
    page.get_by_label("Age", exact=True).fill("16")
    page.get_by_label("Grade", exact=True).select_option("10")
    page.get_by_text("Search", exact=True).click()
    page.get_by_role("button", name="Add another student").click()
    expect(page.get_by_role("group", name="Student 2")).to_be_visible()
    assert_accessible(page, "incident form with two students")
    page.locator("#id_students-1-student_id").fill("RHS-5502")
    page.locator("#id_students-1-age").fill("15")
    page.locator("#id_students-1-grade").select_option("9")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/p/riverside/incidents/\d+/$"))
    incident = Incident.objects.get(occurred_on="2025-03-04", offense="threat")
    assert incident.students.count() == 2
    assert IncidentAction.objects.filter(incident=incident, action="search").count() == 1
    assert "RHS-5501" not in page.content()
    assert_accessible(page, "incident detail")
    assert console_errors == []


def test_an_analyst_imports_enrollment_with_a_mapped_column(
    page: Page, live_server, demo, sign_in, tmp_path: Path, console_errors
):
    """Upload, preview, map a renamed column, check, then import; the record says what changed."""
    sign_in("data-analyst@riverside.example.org")
    path = tmp_path / "enrollment.csv"
    path.write_text(
        "school,year,dimension,group,count\nRiverside High School,2019-20,race,BL,111\n",
        encoding="utf-8",
    )
    page.goto(f"{live_server.url}/p/riverside/incidents/imports/")
    page.get_by_label("Kind of file").select_option("enrollment")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", name="Preview and map columns")).to_be_visible()
    page.get_by_label(re.compile("^school_year")).select_option("year")
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("The file is correct.")).to_be_visible()
    assert_accessible(page, "import check")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("enrollment.csv")
    assert_accessible(page, "import record")
    assert console_errors == []


def test_the_dashboard_shows_every_dimension_and_flags(
    page: Page, live_server, demo, sign_in, console_errors
):
    """Each dimension the rubric names can be chosen; the demo's disparity is flagged."""
    sign_in("district-leader@riverside.example.org")
    page.goto(f"{live_server.url}/p/riverside/incidents/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Discipline and law-enforcement dashboard"
    )
    expect(page.locator("table").first.get_by_text("Flagged")).to_be_visible()
    for dimension in ("sex", "disability", "el", "age_band", "offense"):
        page.get_by_label("Break down by").select_option(dimension)
        page.get_by_label("Cross-tabulate with").select_option(
            "race" if dimension != "race" else ""
        )
        page.get_by_role("button", name="Show").click()
        expect(
            page.get_by_role("heading", name=re.compile(r"by .* and Race.ethnicity"))
        ).to_be_visible()
    assert_accessible(page, "dashboard with a cross-tab")
    assert console_errors == []
