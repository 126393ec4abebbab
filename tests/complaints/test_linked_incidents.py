"""Complaints link to incidents from the data module, within the same partnership only."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.complaints.models import ComplaintEvent
from secure.complaints.services import workflow
from secure.complaints.services.workflow import INCIDENT_ALREADY_LINKED, INCIDENT_NOT_FOUND
from secure.partnerships.roles import Role

from ..incidents.factories import incident_make
from .factories import complaint_make

pytestmark = pytest.mark.django_db


def test_an_investigator_links_an_incident_by_its_number(riverside, members, client_for):
    """The case page links the incident, lists it, and records the link in the history."""
    incident = incident_make(riverside, number="RPD-2024-0042")
    complaint = complaint_make(riverside)
    client = client_for("riverside", Role.COMPLAINT_INVESTIGATOR)
    url = reverse("complaints:detail", args=["riverside", complaint.pk])
    response = client.post(
        url,
        {
            "action": "link_incident",
            "link_incident-number": " RPD-2024-0042 ",
            "link_incident-note": "Same search",
        },
    )
    assert response.status_code == 302
    assert list(complaint.linked_incidents.all()) == [incident]
    page = client.get(url).content.decode()
    assert "RPD-2024-0042" in page
    # Investigators do not see incident records; an administrator gets a link to it.
    incident_url = reverse("incidents:incident_detail", args=["riverside", incident.pk])
    assert incident_url not in page
    admin_page = client_for("riverside", Role.PARTNERSHIP_ADMIN).get(url).content.decode()
    assert incident_url in admin_page
    event = complaint.events.get(kind=ComplaintEvent.Kind.LINKED)
    assert event.text == "RPD-2024-0042 (2024-03-15): Same search"


def test_incidents_of_another_partnership_cannot_be_linked(riverside, lakeside, members):
    """A Lakeside incident number is simply not found from a Riverside complaint."""
    incident_make(lakeside, number="LSO-1")
    complaint = complaint_make(riverside)
    actor = members[("riverside", Role.COMPLAINT_INVESTIGATOR)]
    with pytest.raises(ValidationError) as error:
        workflow.complaint_incident_link(complaint=complaint, actor=actor, number="LSO-1")
    assert str(INCIDENT_NOT_FOUND) in str(error.value)
    assert not complaint.linked_incidents.exists()


def test_linking_twice_is_refused_and_unlinking_is_recorded(riverside, members, client_for):
    """A second link of the same incident is explained; removing it leaves a trace."""
    incident = incident_make(riverside, number="RPD-7")
    complaint = complaint_make(riverside)
    actor = members[("riverside", Role.COMPLAINT_INVESTIGATOR)]
    workflow.complaint_incident_link(complaint=complaint, actor=actor, number="RPD-7")
    client = client_for("riverside", Role.COMPLAINT_INVESTIGATOR)
    url = reverse("complaints:detail", args=["riverside", complaint.pk])
    response = client.post(url, {"action": "link_incident", "link_incident-number": "RPD-7"})
    assert response.status_code == 400
    assert str(INCIDENT_ALREADY_LINKED) in response.content.decode()
    client.post(url, {"action": "unlink_incident", "unlink_incident-incident": incident.pk})
    assert not complaint.linked_incidents.exists()
    assert complaint.events.filter(kind=ComplaintEvent.Kind.UNLINKED, text="RPD-7").exists()


def test_roles_without_incident_access_see_the_number_without_a_link(
    riverside, members, client_for
):
    """Linked incidents open only for roles that may see incidents."""
    incident = incident_make(riverside, number="RPD-9")
    complaint = complaint_make(riverside)
    complaint.linked_incidents.add(incident)
    page = client_for("riverside", Role.AUDITOR).get(
        reverse("complaints:detail", args=["riverside", complaint.pk])
    )
    assert "RPD-9" in page.content.decode()
