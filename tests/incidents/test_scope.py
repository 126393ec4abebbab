"""Each role sees the incident data its role allows: leaders, analysts and auditors the whole
partnership; a school administrator their schools; an SRO their schools and the incidents that
name them. Lists, incident pages, dashboards, CSV exports and the entry form all agree."""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass

import pytest
from django.urls import reverse

from secure.incidents.models import Incident
from secure.incidents.scope import (
    EVERYTHING,
    DataScope,
    badge_pattern,
    data_scope,
    incident_rows,
)
from secure.incidents.selectors import dashboard
from secure.incidents.selectors.counts import record_count_table
from secure.partnerships.models import Partnership, School
from secure.partnerships.roles import Role, role_can
from secure.personnel.models import Person

from ..factories import school_make
from .builders import csv_write, import_file, incident_row
from .factories import incident_make, member_assign

pytestmark = pytest.mark.django_db

YEAR = "2023-24"
QUERY = {"action": "referral_to_law_enforcement", "year": YEAR, "dimension": "race"}
WHOLE = {
    Role.PARTNERSHIP_ADMIN,
    Role.DISTRICT_LEADER,
    Role.AGENCY_LEADER,
    Role.DATA_ANALYST,
    Role.AUDITOR,
}


@dataclass
class World:
    high: School
    middle: School
    high_numbers: set[str]
    middle_numbers: set[str]
    badge_number: str  # an incident at the high school that names the SRO's badge


@pytest.fixture
def world(riverside: Partnership, members, tmp_path) -> World:
    """Riverside High: 12 students referred (one incident names badge 4471); Riverside Middle:
    5 students referred. The administrator works at the high school, the SRO (4471) at the
    middle school."""
    high = School.objects.get(partnership=riverside)
    middle = school_make(riverside, name="Riverside Middle")
    rows = [
        incident_row(high, incident_number=f"H{i}", student_id=f"H{i}", officers="4480")
        for i in range(11)
    ]
    rows.append(
        incident_row(high, incident_number="H-4471", student_id="H99", officers="4480; 4471")
    )
    rows += [
        incident_row(middle, incident_number=f"M{i}", student_id=f"M{i}", officers="4471")
        for i in range(5)
    ]
    import_file(riverside, "incidents", csv_write(tmp_path / "i.csv", rows))
    enrollment = [
        {"school": s.name, "school_year": YEAR, "dimension": d, "group": g, "count": n}
        for s, n in ((high, "150"), (middle, "100"))
        for d, g in (("race", "black"), ("total", "all"))
    ]
    import_file(riverside, "enrollment", csv_write(tmp_path / "e.csv", enrollment))
    officers = [
        {"school": high.name, "school_year": YEAR, "sworn_officer_fte": "1"},
        {"school": middle.name, "school_year": YEAR, "sworn_officer_fte": "0"},
    ]
    import_file(riverside, "officers", csv_write(tmp_path / "o.csv", officers))
    member_assign(members[("riverside", Role.SCHOOL_ADMIN)], high)
    member_assign(members[("riverside", Role.SRO)], middle, badge="4471")
    return World(
        high=high,
        middle=middle,
        high_numbers={f"H{i}" for i in range(11)} | {"H-4471"},
        middle_numbers={f"M{i}" for i in range(5)},
        badge_number="H-4471",
    )


def _listed(client, slug: str = "riverside") -> set[str]:
    page = client.get(reverse("incidents:incident_list", args=[slug]))
    assert page.status_code == 200
    return {i.number for i in page.context["page"].object_list}


def _csv_students(client) -> int:
    response = client.get(reverse("incidents:dashboard_csv", args=["riverside"]), QUERY)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    return sum(int(r["students"]) for r in rows)


def test_each_role_lists_the_incidents_its_role_allows(world, client_for):
    everything = world.high_numbers | world.middle_numbers
    for role in Role:
        if not role_can(role, "incident.view"):
            continue
        listed = _listed(client_for("riverside", role))
        if role in WHOLE:
            assert listed == everything, role
        elif role == Role.SCHOOL_ADMIN:
            assert listed == world.high_numbers
        else:
            # The SRO: their school's incidents and the one at another school naming them.
            assert role == Role.SRO
            assert listed == world.middle_numbers | {world.badge_number}


def test_an_incident_out_of_scope_is_not_found(world, client_for, riverside):
    def url(number: str) -> str:
        return Incident.objects.get(partnership=riverside, number=number).get_absolute_url()

    admin = client_for("riverside", Role.SCHOOL_ADMIN)
    sro = client_for("riverside", Role.SRO)
    assert admin.get(url("H1")).status_code == 200
    assert admin.get(url("M1")).status_code == 404
    assert sro.get(url("M1")).status_code == 200
    assert sro.get(url(world.badge_number)).status_code == 200  # names the SRO
    assert sro.get(url("H1")).status_code == 404
    assert client_for("riverside", Role.DATA_ANALYST).get(url("M1")).status_code == 200


def test_dashboards_and_csv_exports_count_only_the_roles_schools(world, client_for):
    """Counts, enrollment, schools and officers on the dashboard, and the CSV, per role."""
    expected = {Role.SCHOOL_ADMIN: (12, 150), Role.SRO: (5, 100)}
    for role in Role:
        if not role_can(role, "data.analyze"):
            continue
        client = client_for("riverside", role)
        page = client.get(reverse("incidents:dashboard", args=["riverside"]), QUERY)
        assert page.status_code == 200
        students, enrolled = expected.get(role, (17, 250))
        table = page.context["table"]
        assert (table.total_students, table.total_enrolled) == (students, enrolled), role
        overview = {r["code"]: r for r in page.context["overview"]}
        assert overview["referral_to_law_enforcement"]["students"] == students
        assert sum(r.students for r in page.context["schools"]) == students
        shown_schools = {r.school.name for r in page.context["schools"]}
        coverage = page.context["officers"][0]
        if role == Role.SCHOOL_ADMIN:
            assert shown_schools == {"Riverside High"}
            assert (coverage.schools, coverage.with_officers) == (1, 1)
        elif role == Role.SRO:
            assert shown_schools == {"Riverside Middle"}
            assert (coverage.schools, coverage.with_officers) == (1, 0)
        else:
            assert shown_schools == {"Riverside High", "Riverside Middle"}
            assert (coverage.schools, coverage.with_officers) == (2, 1)
        assert _csv_students(client) == students, role


def test_a_school_outside_the_scope_cannot_be_chosen_as_a_filter(world, client_for):
    """Asking the dashboard or the CSV for another school falls back to the member's own."""
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    query = {**QUERY, "school": world.middle.pk}
    page = client.get(reverse("incidents:dashboard", args=["riverside"]), query)
    assert page.context["table"].total_students == 12
    assert list(page.context["form"].fields["school"].queryset) == [world.high]
    assert _csv_students(client) == 12
    body = client.get(reverse("incidents:dashboard_csv", args=["riverside"]), query)
    assert "Riverside Middle" not in body.content.decode()


def test_the_entry_form_offers_only_the_roles_schools(world, client_for, riverside):
    from .test_pages import _incident_post

    sro = client_for("riverside", Role.SRO)
    url = reverse("incidents:incident_create", args=["riverside"])
    form = sro.get(url).context["form"]
    assert list(form.fields["school"].queryset) == [world.middle]
    before = Incident.objects.count()
    refused = sro.post(url, _incident_post(world.high, number="SRO-HIGH"))
    assert refused.status_code == 200
    assert refused.context["form"].errors["school"]
    assert Incident.objects.count() == before
    accepted = sro.post(url, _incident_post(world.middle, number="SRO-MIDDLE"))
    assert accepted.status_code == 302
    assert "SRO-MIDDLE" in _listed(sro)
    admin_form = client_for("riverside", Role.DISTRICT_LEADER).get(url).context["form"]
    assert set(admin_form.fields["school"].queryset) == {world.high, world.middle}


def test_an_unlinked_member_sees_nothing_and_is_told_why(world, client_for, members, riverside):
    Person.objects.filter(member=members[("riverside", Role.SCHOOL_ADMIN)]).delete()
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    assert _listed(client) == set()
    page = client.get(reverse("incidents:dashboard", args=["riverside"]), QUERY)
    assert page.context["table"].total_students == 0
    assert page.context["schools"] == []
    assert "not linked to a school yet" in page.content.decode()
    assert _csv_students(client) == 0
    form = client.get(reverse("incidents:incident_create", args=["riverside"])).context["form"]
    assert list(form.fields["school"].queryset) == []


def test_imports_stay_with_the_roles_that_may_import(world, client_for):
    url = reverse("incidents:import_list", args=["riverside"])
    for role in (Role.SRO, Role.SCHOOL_ADMIN):
        assert client_for("riverside", role).get(url).status_code == 403
    assert client_for("riverside", Role.DATA_ANALYST).get(url).status_code == 200


def test_the_scope_follows_assignments_over_time(world, members, riverside):
    """Ended and future assignments and inactive person records give no school."""
    admin = members[("riverside", Role.SCHOOL_ADMIN)]
    today = datetime.date(2025, 1, 15)
    assert data_scope(membership=admin, today=today).school_ids == {world.high.pk}
    member_assign(
        admin,
        world.middle,
        starts_on=datetime.date(2023, 1, 1),
        ends_on=datetime.date(2024, 6, 30),
    )
    assert data_scope(membership=admin, today=today).school_ids == {world.high.pk}
    assert data_scope(membership=admin, today=datetime.date(2024, 1, 1)).school_ids == {
        world.high.pk,
        world.middle.pk,
    }
    Person.objects.filter(member=admin).update(is_active=False)
    assert data_scope(membership=admin, today=today) == DataScope(school_ids=frozenset())
    # Roles that see everything are never narrowed, linked or not.
    analyst = members[("riverside", Role.DATA_ANALYST)]
    assert data_scope(membership=analyst) == EVERYTHING
    # Only SROs get badge-number access; an administrator's person record's badge does not.
    sro = data_scope(membership=members[("riverside", Role.SRO)], today=today)
    assert sro.badges == {"4471"} and sro.school_ids == {world.middle.pk}


def test_a_person_record_in_another_partnership_gives_nothing(world, members, lakeside):
    """A lakeside SRO assigned in lakeside sees nothing of riverside, and vice versa."""
    lake_school = School.objects.get(partnership=lakeside)
    member_assign(members[("lakeside", Role.SRO)], lake_school, badge="4471")
    scope = data_scope(membership=members[("lakeside", Role.SRO)])
    assert scope.school_ids == {lake_school.pk}
    assert (
        dashboard.group_table(
            partnership=lakeside,
            action="referral_to_law_enforcement",
            dimension="race",
            scope=scope,
        ).rows
        == []
    )


@pytest.mark.parametrize(
    ("officers", "matches"),
    [
        ("4471", True),
        ("4480;4471", True),
        ("4480; 4471 ;4490", True),
        ("4471X", False),
        ("44710", False),
        ("14471", False),
        ("", False),
    ],
)
def test_badge_numbers_match_whole_entries_only(riverside, officers, matches):
    """The database finds an SRO's incidents by whole badge numbers, as Python's regex does."""
    import re

    assert bool(re.search(badge_pattern("4471"), officers, re.IGNORECASE)) is matches
    incident_make(riverside, officers=officers)
    scope = DataScope(school_ids=frozenset(), badges=frozenset({"4471"}))
    assert incident_rows(riverside, scope).exists() is matches


def test_count_tables_in_a_scope_equal_those_of_its_schools_alone(world, riverside):
    """The engine's count table for a scope holds exactly the scope's schools' rows."""
    whole = record_count_table(
        partnership=riverside, outcome="referral_to_law_enforcement", dimension="race"
    ).rows
    scope = DataScope(school_ids=frozenset({world.middle.pk}))
    narrowed = record_count_table(
        partnership=riverside,
        outcome="referral_to_law_enforcement",
        dimension="race",
        scope=scope,
    ).rows
    assert narrowed == [r for r in whole if r["unit"] == world.middle.nces_id]
    assert [(r["count"], r["population"]) for r in narrowed] == [(5, 100)]
