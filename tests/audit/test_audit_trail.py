"""Every change of partnership data is recorded, attributed, and can never be altered."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from secure.audit.models import AuditEvent
from secure.audit.registry import REDACTED, audit_exemptions, audited_models
from secure.partnerships.models import School
from secure.partnerships.roles import Role
from secure.partnerships.tenancy import PartnershipScopedModel

pytestmark = pytest.mark.django_db


def test_every_partnership_model_is_audited():
    """A model that belongs to a partnership is audited, or exempted with a stated reason."""
    from django.apps import apps

    scoped = {m for m in apps.get_models() if issubclass(m, PartnershipScopedModel)}
    exempt = audit_exemptions()
    assert scoped and scoped <= audited_models() | set(exempt)
    assert not set(exempt) & audited_models()
    assert all(reason.strip() for reason in exempt.values())


def test_a_change_through_the_web_is_recorded_with_who_what_and_before_after(
    riverside, members, client_for
):
    """Editing a school records the editor, the partnership and each changed field."""
    school = School.objects.get(partnership=riverside)
    client = client_for("riverside", Role.DISTRICT_LEADER)
    response = client.post(
        reverse("partnerships:school_update", args=["riverside", school.pk]),
        {"name": "Riverside High School", "level": "high", "nces_id": school.nces_id},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(
        action=AuditEvent.Action.UPDATE, object_id=str(school.pk)
    ).get()
    assert event.actor == members[("riverside", Role.DISTRICT_LEADER)].user
    assert event.partnership == riverside
    assert event.changes == {"name": ["Riverside High", "Riverside High School"]}
    assert event.ip_address == "127.0.0.1"


def test_creates_and_deletes_are_recorded(riverside):
    """Deleting keeps the record's last values in the trail."""
    school = School.objects.create(partnership=riverside, name="Temporary", level="middle")
    school.delete()
    created = AuditEvent.objects.get(action=AuditEvent.Action.CREATE, object_repr="Temporary")
    deleted = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_repr="Temporary")
    assert created.changes["name"] == [None, "Temporary"]
    assert deleted.changes["name"] == ["Temporary", None]
    assert created.actor_label == "system"


def test_saving_without_changes_records_nothing(riverside):
    """A save that changes no field adds no event."""
    school = School.objects.get(partnership=riverside)
    before = AuditEvent.objects.count()
    school.save()
    assert AuditEvent.objects.count() == before


def test_redacted_fields_show_only_that_they_changed(riverside):
    """Registered sensitive fields are masked in the trail."""
    from secure.audit.registry import _diff

    assert _diff({"secret": "a"}, {"secret": "b"}, frozenset({"secret"})) == {
        "secret": [REDACTED, REDACTED]
    }


def test_events_cannot_be_changed_or_deleted_through_the_orm(riverside):
    """The model and its queryset refuse updates and deletes."""
    event = AuditEvent.objects.first()
    event.object_repr = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(object_repr="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_events_cannot_be_changed_even_in_raw_sql(riverside):
    """A database trigger refuses UPDATE (and DELETE on PostgreSQL) on the audit table."""
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET object_repr = 'tampered'")
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent")


def test_administrators_and_auditors_browse_and_filter_the_trail(
    riverside, lakeside, members, client_for
):
    """The trail shows this partnership's events and members' sign-ins, filterable; not Lakeside's."""
    School.objects.create(partnership=lakeside, name="Lakeside Secret School", level="high")
    client = client_for("riverside", Role.AUDITOR)
    Client().post(
        "/accounts/login/", {"username": "sro@riverside.example.org", "password": "wrong"}
    )
    Client().post(
        "/accounts/login/", {"username": "admin@lakeside.example.org", "password": "wrong"}
    )
    page = client.get(reverse("audit:list", args=["riverside"])).content.decode()
    assert "Riverside High" in page
    assert "Lakeside Secret School" not in page
    assert "sro@riverside.example.org" in page
    assert "admin@lakeside.example.org" not in page
    filtered = client.get(reverse("audit:list", args=["riverside"]), {"action": "login_failed"})
    events = list(filtered.context["page"])
    assert events and all(e.action == "login_failed" for e in events)
    by_actor = client.get(reverse("audit:list", args=["riverside"]), {"actor": "nobody-like-this"})
    assert list(by_actor.context["page"]) == []


def test_filters_update_the_results_alone_for_htmx(riverside, members, client_for):
    """With htmx, a filter change returns only the results table; without it, the whole page."""
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    url = reverse("audit:list", args=["riverside"])
    partial = client.get(url, {"action": "create"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<table" in partial and "<html" not in partial
    assert "<html" in client.get(url, {"action": "create"}).content.decode()
