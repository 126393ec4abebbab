"""Schools, organizations and members: the pages do what the roles allow, and forms keep input."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from secure.partnerships.models import Membership, Organization, School
from secure.partnerships.roles import Role
from secure.partnerships.services import LAST_ADMIN

pytestmark = pytest.mark.django_db


def test_adding_a_school(riverside, members, client_for):
    """A district leader adds a school; it belongs to their partnership."""
    client = client_for("riverside", Role.DISTRICT_LEADER)
    response = client.post(
        reverse("partnerships:school_create", args=["riverside"]),
        {"name": "New Middle", "level": "middle", "nces_id": "990000100099", "state": "VA"},
    )
    school = School.objects.get(name="New Middle")
    assert response["Location"] == school.get_absolute_url()
    assert school.partnership == riverside


def test_bad_school_input_gets_clear_errors_and_keeps_what_was_typed(
    riverside, members, client_for
):
    """A short NCES id and a duplicate name are explained; the other fields stay filled in."""
    client = client_for("riverside", Role.DISTRICT_LEADER)
    response = client.post(
        reverse("partnerships:school_create", args=["riverside"]),
        {"name": "Riverside High", "level": "high", "nces_id": "123", "city": "Riverside"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "12 digits" in page
    assert 'value="Riverside"' in page
    response = client.post(
        reverse("partnerships:school_create", args=["riverside"]),
        {"name": "Riverside High", "level": "high"},
    )
    assert "already exists" in response.content.decode()
    assert School.objects.filter(name="Riverside High").count() == 1


def test_the_same_school_name_may_exist_in_two_partnerships(
    riverside, lakeside, members, client_for
):
    """Uniqueness is per partnership."""
    client = client_for("lakeside", Role.PARTNERSHIP_ADMIN)
    client.post(
        reverse("partnerships:school_create", args=["lakeside"]),
        {"name": "Riverside High", "level": "high"},
    )
    assert School.objects.filter(name="Riverside High").count() == 2


def test_adding_a_new_member_invites_them_by_email(
    riverside, members, client_for, django_capture_on_commit_callbacks
):
    """A new person gets an account without a password and an e-mail to choose one."""
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    with_org = Organization.objects.filter(partnership=riverside).first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("partnerships:member_add", args=["riverside"]),
            {"email": "New.Person@Example.org", "role": "sro", "organization": with_org.pk},
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user__email="new.person@example.org")
    assert membership.role == Role.SRO and membership.organization == with_org
    assert not membership.user.has_usable_password()
    assert len(mail.outbox) == 1 and "Riverside" in mail.outbox[0].subject
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_an_organization_of_another_partnership_cannot_be_chosen(
    riverside, lakeside, members, client_for
):
    """The organization list only offers the partnership's own organizations."""
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    foreign = Organization.objects.filter(partnership=lakeside).first()
    response = client.post(
        reverse("partnerships:member_add", args=["riverside"]),
        {"email": "x@example.org", "role": "sro", "organization": foreign.pk},
    )
    assert response.status_code == 200
    assert not Membership.objects.filter(user__email="x@example.org").exists()


def test_the_last_administrator_cannot_be_demoted(riverside, members, client_for):
    """A partnership always keeps an active administrator."""
    admin = members[("riverside", Role.PARTNERSHIP_ADMIN)]
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    response = client.post(
        reverse("partnerships:member_update", args=["riverside", admin.pk]),
        {"role": "auditor", "is_active": "on"},
    )
    assert str(LAST_ADMIN) in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.PARTNERSHIP_ADMIN


def test_changing_a_role(riverside, members, client_for):
    """An administrator changes another member's role."""
    sro = members[("riverside", Role.SRO)]
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    client.post(
        reverse("partnerships:member_update", args=["riverside", sro.pk]),
        {"role": "agency_leader", "is_active": "on"},
    )
    sro.refresh_from_db()
    assert sro.role == Role.AGENCY_LEADER


def test_a_person_in_two_partnerships_switches_between_them(
    riverside, lakeside, members, client_for
):
    """The switcher moves to the other partnership and home remembers it."""
    from secure.partnerships.services import membership_add

    user = members[("riverside", Role.DATA_ANALYST)].user
    membership_add(partnership=lakeside, email=user.email, role=Role.AUDITOR)
    client = client_for("riverside", Role.DATA_ANALYST)
    response = client.post(reverse("partnerships:switch"), {"partnership": "lakeside"})
    assert response["Location"] == "/p/lakeside/"
    assert client.get("/")["Location"] == "/p/lakeside/"
    page = client.get("/p/lakeside/").content.decode()
    assert "Auditor" in page


def test_adding_an_organization(riverside, members, client_for):
    """Stakeholder organizations of the kinds the rubric names can be added."""
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    client.post(
        reverse("partnerships:organization_create", args=["riverside"]),
        {"name": "Youth Court", "kind": "juvenile_justice", "website": "youthcourt.example.org"},
    )
    org = Organization.objects.get(name="Youth Court")
    assert org.website == "https://youthcourt.example.org"
