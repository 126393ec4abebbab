"""Officers, assignments over time, and schools with a sworn officer from two sources."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.incidents.models import DataSource, SwornOfficers
from secure.partnerships.models import School
from secure.personnel.models import Person
from secure.personnel.selectors import officer_coverage_on, school_year_of, staffing_by_school
from secure.personnel.services import (
    ENDS_BEFORE_START,
    OVERLAPPING_ASSIGNMENT,
    assignment_add,
    person_create,
)

from ..factories import school_make
from .factories import officer_make

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 10, 1)


def test_coverage_counts_schools_with_a_sworn_officer_assigned_that_day(riverside):
    """Only sworn, active people assigned on the day count; unsworn staff and past posts do not."""
    high = School.objects.get(partnership=riverside)
    middle = school_make(riverside, name="Riverside Middle")
    school_make(riverside, name="Riverside Elementary")
    officer = officer_make(riverside)
    assignment_add(person=officer, school=high, starts_on=datetime.date(2024, 8, 1))
    moved = officer_make(riverside, name="Moved Officer")
    assignment_add(
        person=moved,
        school=middle,
        starts_on=datetime.date(2023, 8, 1),
        ends_on=datetime.date(2025, 6, 30),
    )
    staff = person_create(
        partnership=riverside, full_name="Vice Principal", role=Person.Role.SCHOOL_STAFF
    )
    assignment_add(person=staff, school=middle, starts_on=datetime.date(2020, 8, 1))

    coverage = officer_coverage_on(partnership=riverside, day=DAY)
    assert (coverage.with_officer, coverage.schools, coverage.officers) == (1, 3, 1)
    assert coverage.share == pytest.approx(33.3)
    earlier = officer_coverage_on(partnership=riverside, day=datetime.date(2024, 9, 1))
    assert earlier.with_officer == 2


def test_an_assignment_cannot_end_before_it_starts_or_overlap_at_one_school(riverside):
    """The service refuses impossible and overlapping periods at the same school."""
    school = School.objects.get(partnership=riverside)
    officer = officer_make(riverside)
    with pytest.raises(ValidationError) as error:
        assignment_add(
            person=officer, school=school, starts_on=DAY, ends_on=DAY - datetime.timedelta(days=1)
        )
    assert str(ENDS_BEFORE_START) in error.value.messages
    assignment_add(person=officer, school=school, starts_on=datetime.date(2024, 8, 1))
    with pytest.raises(ValidationError) as error:
        assignment_add(person=officer, school=school, starts_on=DAY)
    assert str(OVERLAPPING_ASSIGNMENT) in error.value.messages


def test_staffing_shows_the_incident_datas_reported_fte_beside_assignments(riverside):
    """The school table reuses the incident data's sworn-officer counts rather than a copy."""
    school = School.objects.get(partnership=riverside)
    SwornOfficers.objects.create(
        partnership=riverside,
        school=school,
        school_year="2025-26",
        fte=Decimal("1.50"),
        source=DataSource.FILE,
    )
    officer = officer_make(riverside)
    assignment_add(person=officer, school=school, starts_on=datetime.date(2025, 8, 1))
    (row,) = staffing_by_school(partnership=riverside, day=DAY, year=school_year_of(DAY))
    assert row.officers == [officer]
    assert row.reported_fte == Decimal("1.50")


def test_school_years_run_july_to_june():
    """A date maps to the school year the incident data uses."""
    assert school_year_of(datetime.date(2025, 6, 30)) == "2024-25"
    assert school_year_of(datetime.date(2025, 7, 1)) == "2025-26"


def test_leaders_add_a_person_and_assign_them_on_the_pages(riverside, client_for):
    """An agency leader adds an officer and assigns them; the list shows both coverage sources."""
    client = client_for("riverside", "agency_leader")
    response = client.post(
        reverse("personnel:person_create", kwargs={"partnership_slug": "riverside"}),
        {"full_name": "Robin Page", "role": "sro", "sworn": "on", "badge_number": "B-9"},
    )
    person = Person.objects.get(full_name="Robin Page")
    assert response.status_code == 302
    school = School.objects.get(partnership=riverside)
    response = client.post(
        reverse(
            "personnel:assignment_create", kwargs={"partnership_slug": "riverside", "pk": person.pk}
        ),
        {"school": school.pk, "starts_on": "2024-08-01"},
    )
    assert response.status_code == 302
    page = client.get(reverse("personnel:person_list", kwargs={"partnership_slug": "riverside"}))
    text = page.content.decode()
    assert "1 of 1 schools have a sworn officer assigned" in text
    assert "No sworn-officer counts have been imported." in text


def test_a_badge_number_is_unique_within_a_partnership(riverside, lakeside):
    """Two officers of one agency cannot share a badge; another partnership may reuse it."""
    officer_make(riverside, badge_number="B-1")
    officer_make(lakeside, badge_number="B-1")
    with pytest.raises(ValidationError):
        officer_make(riverside, name="Other", badge_number="B-1")


def test_leaders_end_an_assignment_and_edit_a_person(riverside, lakeside, members, client_for):
    """Ending a posting dates it; an SRO cannot; another partnership's leader gets 404."""
    school = School.objects.get(partnership=riverside)
    officer = officer_make(riverside)
    assignment = assignment_add(person=officer, school=school, starts_on=datetime.date(2024, 8, 1))
    url = reverse(
        "personnel:assignment_end", kwargs={"partnership_slug": "riverside", "pk": assignment.pk}
    )
    assert client_for("riverside", "sro").post(url, {"ends_on": "2025-06-30"}).status_code == 403
    other = reverse(
        "personnel:assignment_end", kwargs={"partnership_slug": "lakeside", "pk": assignment.pk}
    )
    assert (
        client_for("lakeside", "agency_leader").post(other, {"ends_on": "2025-06-30"}).status_code
        == 404
    )
    leader = client_for("riverside", "agency_leader")
    assert leader.post(url, {"ends_on": "2025-06-30"}).status_code == 302
    assignment.refresh_from_db()
    assert assignment.ends_on == datetime.date(2025, 6, 30)
    edit = reverse(
        "personnel:person_update", kwargs={"partnership_slug": "riverside", "pk": officer.pk}
    )
    leader.post(edit, {"full_name": "Pat Renamed", "role": "sro", "sworn": "on"})
    officer.refresh_from_db()
    assert officer.full_name == "Pat Renamed" and not officer.is_active
