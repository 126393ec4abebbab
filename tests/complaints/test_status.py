"""The status page: record number and private code show where a complaint stands."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from secure.complaints.models import ComplaintEvent
from secure.complaints.services import workflow
from secure.partnerships.roles import Role

from .factories import PNG, complaint_file

pytestmark = pytest.mark.django_db


def look_up(client: Client, number: str, code: str):
    return client.post(
        reverse("complaints:status_lookup", args=["riverside"]),
        {"record_number": number, "status_code": code},
    )


def test_the_right_code_shows_the_status_and_the_shared_outcome(riverside, members):
    """Codes may be typed loosely; the page shows the public status and what staff shared."""
    submitted = complaint_file(riverside)
    complaint = submitted.complaint
    investigator = members[("riverside", Role.COMPLAINT_INVESTIGATOR)]
    workflow.complaint_acknowledge(complaint=complaint, actor=investigator)
    workflow.complaint_note_add(complaint=complaint, actor=investigator, text="Secret staff note")
    workflow.complaint_resolve(
        complaint=complaint,
        actor=investigator,
        outcome="policy_change",
        outcome_shared="The search policy was rewritten.",
        reason="Interviews done",
    )
    client = Client()
    loose_number = complaint.record_number.lower().replace("-", " ")
    response = look_up(client, loose_number, submitted.status_code.lower())
    assert response["Location"] == reverse("complaints:status_detail", args=["riverside"])
    page = client.get(response["Location"]).content.decode()
    assert "The search policy was rewritten." in page
    assert "Resolved" in page
    assert "Secret staff note" not in page
    assert "Interviews done" not in page
    assert complaint.narrative not in page  # the story itself is never shown back


def test_a_wrong_code_shows_nothing(riverside):
    """A wrong code and an unknown record number give the same answer."""
    submitted = complaint_file(riverside)
    client = Client()
    wrong = look_up(client, submitted.complaint.record_number, "22222-22222")
    unknown = look_up(client, "C-2222-2222", submitted.status_code)
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "could not find a complaint" in response.content.decode()
    assert client.get(reverse("complaints:status_detail", args=["riverside"]))["Location"] == (
        reverse("complaints:status_lookup", args=["riverside"])
    )


def test_the_code_only_works_in_its_own_partnership(riverside, lakeside):
    """A Riverside record number and code do not open anything at Lakeside's address."""
    submitted = complaint_file(riverside)
    response = Client().post(
        reverse("complaints:status_lookup", args=["lakeside"]),
        {"record_number": submitted.complaint.record_number, "status_code": submitted.status_code},
    )
    assert response.status_code == 400


def test_the_complainant_adds_information_later(riverside):
    """Text and a photo added from the status page join the complaint."""
    submitted = complaint_file(riverside)
    client = Client()
    look_up(client, submitted.complaint.record_number, submitted.status_code)
    response = client.post(
        reverse("complaints:status_add", args=["riverside"]),
        {"text": "A teacher saw it too.", "attachments": [SimpleUploadedFile("x.png", PNG)]},
    )
    assert response.status_code == 302
    event = ComplaintEvent.objects.get(kind=ComplaintEvent.Kind.ADDITION)
    assert event.complainant_text == "A teacher saw it too."
    assert submitted.complaint.attachments.count() == 1


def test_an_empty_addition_is_explained_and_a_bad_file_keeps_the_text(riverside):
    """Nothing to add is explained; a refused file keeps what was typed."""
    submitted = complaint_file(riverside)
    client = Client()
    look_up(client, submitted.complaint.record_number, submitted.status_code)
    url = reverse("complaints:status_add", args=["riverside"])
    assert (
        "Please write what you would like to add"
        in client.post(url, {"text": " "}).content.decode()
    )
    response = client.post(
        url, {"text": "Typed with care", "attachments": [SimpleUploadedFile("a.exe", b"MZ..")]}
    )
    assert response.status_code == 400
    assert "Typed with care" in response.content.decode()
    assert not ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.ADDITION).exists()


def test_adding_to_a_closed_complaint_is_refused(riverside, members):
    """A closed file takes no additions; the page says to file again."""
    submitted = complaint_file(riverside)
    workflow.complaint_close(
        complaint=submitted.complaint,
        actor=members[("riverside", Role.COMPLAINT_INVESTIGATOR)],
        reason="Duplicate",
    )
    client = Client()
    look_up(client, submitted.complaint.record_number, submitted.status_code)
    page = client.get(reverse("complaints:status_detail", args=["riverside"])).content.decode()
    assert "Add information" not in page
    response = client.post(reverse("complaints:status_add", args=["riverside"]), {"text": "More"})
    assert "please file again" in response.content.decode()
    assert not ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.ADDITION).exists()
