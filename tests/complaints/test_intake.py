"""The public intake: no account, several steps, nothing typed is ever lost."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from secure.complaints.forms.intake import STEPS
from secure.complaints.models import Complaint, Concern, Demographics, RaceEthnicity
from secure.complaints.services import intake
from secure.partnerships.models import School

from .factories import complaint_file
from .intake_helpers import ANSWERS, fill_steps, step_url, submit

pytestmark = pytest.mark.django_db


def spanish_client() -> Client:
    client = Client()
    client.cookies["secure_language"] = "es"
    return client


def test_a_parent_files_in_spanish_and_gets_a_receipt_in_spanish(
    riverside, django_capture_on_commit_callbacks
):
    """Filed in Spanish: record number and code on screen, receipt e-mail in Spanish, no code in it."""
    client = spanish_client()
    fill_steps(client, riverside)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, riverside)
    assert response["Location"] == reverse("complaints:confirmation", args=["riverside"])
    page = client.get(response["Location"]).content.decode()
    complaint = Complaint.objects.get()
    assert complaint.language == "es"
    assert complaint.record_number in page
    assert "Su queja fue recibida" in page
    code = client.session["complaints:filed"]["status_code"]
    assert code in page
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["maria@example.org"]
    assert complaint.record_number in receipt.subject
    assert "Recibimos su queja" in receipt.subject
    assert "/c/riverside/status/" in receipt.body
    assert code not in receipt.body and code.replace("-", "") not in receipt.body


def test_the_answers_are_kept_as_given(riverside):
    """What the form asked ends up on the complaint; a basis implies a discrimination concern."""
    client = Client()
    answers = {**ANSWERS["concern"], "concerns": ["interrogation"], "bases": ["language"]}
    fill_steps(client, riverside, concern=answers)
    submit(client, riverside)
    complaint = Complaint.objects.get()
    assert complaint.concerns == [Concern.DISCRIMINATION, Concern.INTERROGATION]
    assert complaint.bases == ["language"]
    assert complaint.narrative == "Interrogaron a mi hijo sin intérprete."
    assert complaint.people_named == "Oficial con placa 123"
    assert complaint.status == Complaint.Status.RECEIVED
    # The deadline counts from the day it was received where the partnership is, not in UTC.
    received_on = timezone.localdate(complaint.received_at)
    assert complaint.acknowledge_by - received_on == datetime.timedelta(days=5)


def test_demographics_are_stored_apart_with_the_federal_category(riverside):
    """Hispanic or Latino of any race is reported as Hispanic; answers live in their own table."""
    client = Client()
    fill_steps(client, riverside)
    submit(client, riverside)
    answers = Demographics.objects.get()
    assert answers.complaint == Complaint.objects.get()
    assert answers.race_ethnicity == RaceEthnicity.HISPANIC
    assert answers.races == ["white"] and answers.english_learner == "yes"


def test_skipping_every_optional_question_files_an_anonymous_complaint(riverside):
    """No contact details and no demographics: accepted, no e-mail, no demographics row."""
    client = Client()
    fill_steps(
        client,
        riverside,
        contact={"contact_name": "", "contact_email": "", "contact_phone": ""},
        **{"about-you": {}},
    )
    submit(client, riverside)
    complaint = Complaint.objects.get()
    assert complaint.is_anonymous
    assert not Demographics.objects.exists()
    assert mail.outbox == []


def test_a_failing_step_keeps_what_was_typed(riverside):
    """A date in the future is explained; the narrative and the other answers stay filled in."""
    client = Client()
    details = {**ANSWERS["details"], "happened_on": "2999-01-01"}
    response = client.post(step_url(riverside, "details"), details)
    page = response.content.decode()
    assert response.status_code == 200
    assert "cannot be in the future" in page
    assert "Interrogaron a mi hijo sin intérprete." in page
    assert 'value="La oficina del director"' in page
    # Leaving the page (here: coming back later) still shows the answers.
    again = client.get(step_url(riverside, "details")).content.decode()
    assert "Interrogaron a mi hijo sin intérprete." in again


def test_switching_language_mid_form_keeps_the_draft(riverside):
    """The language switch reloads the page; the saved answers come back in Spanish."""
    client = Client()
    client.post(step_url(riverside, "concern"), ANSWERS["concern"])
    client.post(reverse("set_language"), {"language": "es", "next": step_url(riverside, "concern")})
    page = client.get(step_url(riverside, "concern")).content.decode()
    assert "¿Sobre qué es su preocupación?" in page
    assert 'value="interrogation" class="usa-checkbox__input" name="concerns" id' in page or (
        'value="interrogation"' in page and "checked" in page
    )


def test_the_back_button_saves_the_page_first(riverside):
    """Going back from a half-filled step keeps what was typed there."""
    client = Client()
    client.post(step_url(riverside, "concern"), ANSWERS["concern"])
    response = client.post(
        step_url(riverside, "details"), {"narrative": "Half a story", "go": "back"}
    )
    assert response["Location"] == step_url(riverside, "concern")
    assert "Half a story" in client.get(step_url(riverside, "details")).content.decode()


def test_review_sends_people_to_the_first_unanswered_step(riverside):
    """Skipping ahead to the review leads back to what is still needed."""
    client = Client()
    client.post(step_url(riverside, "concern"), ANSWERS["concern"])
    response = client.get(step_url(riverside, "review"))
    assert response["Location"] == step_url(riverside, "details")


def test_a_database_failure_on_submit_loses_nothing(riverside):
    """If filing fails, the person is told, the draft stays, and pressing Send again works."""
    client = Client()
    fill_steps(client, riverside)
    with mock.patch(
        "secure.complaints.views.public.complaint_submit", side_effect=DatabaseError("down")
    ):
        response = submit(client, riverside)
    assert response.status_code == 400
    assert "answers are kept" in response.content.decode()
    assert not Complaint.objects.exists()
    submit(client, riverside)
    assert Complaint.objects.get().narrative == ANSWERS["details"]["narrative"]


def test_a_mail_failure_does_not_lose_the_complaint(riverside, django_capture_on_commit_callbacks):
    """The receipt cannot be sent (mail server down): the complaint is filed all the same."""
    client = Client()
    fill_steps(client, riverside)
    with (
        mock.patch(
            "secure.complaints.services.mail.send_mail", side_effect=ConnectionError("no smtp")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = submit(client, riverside)
    assert response.status_code == 302
    assert Complaint.objects.count() == 1


def test_another_partnerships_school_is_refused(riverside, lakeside):
    """The service checks that the school belongs to the partnership."""
    with pytest.raises(ValidationError) as error:
        complaint_file(riverside, school=School.objects.get(partnership=lakeside))
    assert str(intake.OTHER_SCHOOL) in str(error.value)


def test_the_printable_form_asks_every_question_of_the_web_form(riverside):
    """The paper form is generated from the same step definitions, choices included."""
    page = Client().get(reverse("complaints:printable", args=["riverside"])).content.decode()
    for step in STEPS:
        form = step.form_class(partnership=riverside)
        assert str(step.title) in page
        for field in form.fields.values():
            assert str(field.label) in page
    assert "Riverside High" in page  # the partnership's schools are listed
    assert str(Concern.USE_OF_FORCE.label) in page


def test_the_start_page_explains_anonymity_and_links_the_status_page(riverside):
    """The first page says what anonymity means and where to check on a complaint."""
    page = Client().get(reverse("complaints:start", args=["riverside"])).content.decode()
    assert "anonymous" in page
    assert reverse("complaints:status_lookup", args=["riverside"]) in page


def test_an_unknown_partnership_is_not_found():
    """/c/<slug>/ only exists for real partnerships."""
    assert Client().get("/c/nowhere/").status_code == 404
