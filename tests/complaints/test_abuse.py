"""Abuse resistance without outside services: limits, honeypot, proof of work, file checks."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from secure.complaints import abuse, uploads
from secure.complaints.models import Complaint, ComplaintAttachment
from secure.complaints.services.intake import attachment_store

from .factories import PDF, PNG, complaint_file
from .intake_helpers import ANSWERS, fill_steps, step_url, submit

pytestmark = pytest.mark.django_db


def solve(challenge: str, bits: int) -> str:
    counter = 0
    while not abuse.pow_solves(challenge=challenge, solution=str(counter), bits=bits):
        counter += 1
    return str(counter)


def test_the_honeypot_refuses_the_form_and_keeps_the_draft(riverside):
    """A script that fills the hidden field files nothing; a person can still send the draft."""
    client = Client()
    fill_steps(client, riverside)
    response = submit(client, riverside, website="http://spam.example")
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    submit(client, riverside)
    assert Complaint.objects.count() == 1


def test_without_javascript_an_instant_post_is_refused_but_kept(riverside, settings):
    """No proof of work and no time on the page: refused, the answers stay for a second try."""
    settings.SECURE_COMPLAINT_MIN_SECONDS = 60
    client = Client()
    fill_steps(client, riverside)
    response = submit(client, riverside)
    assert response.status_code == 400
    assert "check your answers" in response.content.decode()
    assert not Complaint.objects.exists()
    assert "Interrogaron" in response.content.decode()  # the review still shows the draft


def test_a_solved_proof_of_work_is_accepted_at_once(riverside, settings):
    """With JavaScript the browser solves the puzzle, so no waiting is needed."""
    settings.SECURE_COMPLAINT_MIN_SECONDS = 60
    client = Client()
    fill_steps(client, riverside)
    review = client.get(step_url(riverside, "review"))
    challenge = review.context["review_form"].initial["challenge"]
    solution = solve(challenge, abuse.pow_bits())
    response = client.post(
        step_url(riverside, "review"), {"challenge": challenge, "solution": solution}
    )
    assert response.status_code == 302
    assert Complaint.objects.count() == 1


def test_the_time_rule_lets_people_without_javascript_through(settings):
    """A challenge older than the minimum is accepted without a solution; a fresh one is not."""
    settings.SECURE_COMPLAINT_MIN_SECONDS = 4
    issued = 1_000_000.0
    old = abuse.challenge_issue(now=issued)
    fresh = abuse.challenge_issue(now=issued)
    assert abuse.challenge_passes(challenge=old, solution="", now=issued + 5)
    assert not abuse.challenge_passes(challenge=fresh, solution="", now=issued + 1)
    assert not abuse.challenge_passes(challenge=fresh, solution="", now=issued + 7 * 60 * 60)


def test_a_challenge_works_once_and_cannot_be_forged():
    """Replaying a used challenge, or signing one yourself, fails."""
    challenge = abuse.challenge_issue()
    solution = solve(challenge, abuse.pow_bits())
    assert abuse.challenge_passes(challenge=challenge, solution=solution)
    assert not abuse.challenge_passes(challenge=challenge, solution=solution)
    assert not abuse.challenge_passes(challenge="forged:challenge", solution="1")


def test_leading_zero_bits_are_counted_exactly():
    """The proof-of-work check counts bits, not bytes."""
    assert abuse.leading_zero_bits(bytes([0, 0, 0x0F, 0xFF])) == 20
    assert abuse.leading_zero_bits(bytes([0x80])) == 0
    digest = hashlib.sha256(b"x").digest()
    assert abuse.leading_zero_bits(digest) == 8 - digest[0].bit_length()


def test_too_many_complaints_from_one_address_are_refused_politely(riverside, settings):
    """After the limit, the next filing gets a 429 page, and the draft is still there."""
    settings.SECURE_COMPLAINT_LIMITS = {"submit": (2, 3600)}
    client = Client()
    for _ in range(2):
        fill_steps(client, riverside)
        assert submit(client, riverside).status_code == 302
    fill_steps(client, riverside)
    response = submit(client, riverside)
    assert response.status_code == 429
    assert Complaint.objects.count() == 2
    assert "Interrogaron" in client.get(step_url(riverside, "details")).content.decode()


def test_guessing_status_codes_is_limited(riverside, settings):
    """Wrong codes are counted; after the limit even the right code is refused for a while."""
    settings.SECURE_COMPLAINT_LIMITS = {"lookup": (3, 900)}
    submitted = complaint_file(riverside)
    client = Client()
    url = reverse("complaints:status_lookup", args=["riverside"])
    number = submitted.complaint.record_number
    for guess in range(3):
        response = client.post(url, {"record_number": number, "status_code": f"AAAAA-{guess}"})
        assert response.status_code == 400
    response = client.post(url, {"record_number": number, "status_code": submitted.status_code})
    assert response.status_code == 429


def test_files_are_recognised_by_content_not_by_name(riverside):
    """A PNG called .pdf is stored as a PNG; a program called .jpg is refused."""
    stored = attachment_store(partnership=riverside, name="photo.pdf", data=PNG, draft_key="k")
    assert stored.content_type == "image/png"
    with pytest.raises(ValidationError) as error:
        attachment_store(partnership=riverside, name="cat.jpg", data=b"MZ\x90\x00" + b"\0" * 64)
    assert "cat.jpg is not a file type we accept" in str(error.value)


def test_word_documents_are_checked_inside_the_archive():
    """A .docx is a ZIP holding word/document.xml; any other ZIP is refused."""

    def archive(names: list[str]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            for name in names:
                z.writestr(name, "<x/>")
        return buffer.getvalue()

    docx = archive(["[Content_Types].xml", "word/document.xml"])
    assert uploads.sniff_content_type(docx) == uploads.ACCEPTED[-1][0]
    assert uploads.sniff_content_type(archive(["evil.exe"])) is None
    assert uploads.sniff_content_type(PDF) == "application/pdf"
    assert uploads.sniff_content_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert uploads.sniff_content_type(b"\0\0\0\x18ftypheic" + b"\0" * 8) == "image/heic"


def test_big_files_and_too_many_files_are_refused(riverside, settings):
    """Over the size limit, or one file too many, is explained and nothing is stored."""
    settings.SECURE_COMPLAINT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError, match="larger than"):
        attachment_store(partnership=riverside, name="big.png", data=PNG + b"\0" * 200)
    with pytest.raises(ValidationError, match="up to 5 files"):
        attachment_store(partnership=riverside, name="six.png", data=PNG, existing=5)
    assert not ComplaintAttachment.objects.exists()


def test_a_refused_upload_keeps_the_rest_of_the_step(riverside):
    """A wrong file type is explained on the step; the story typed there is kept."""
    client = Client()
    client.post(step_url(riverside, "concern"), ANSWERS["concern"])
    bad = SimpleUploadedFile("notes.pdf", b"just text, not a pdf", content_type="application/pdf")
    good = SimpleUploadedFile("photo.jpg", PNG, content_type="image/jpeg")
    response = client.post(
        step_url(riverside, "details"), {**ANSWERS["details"], "attachments": [bad, good]}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "notes.pdf is not a file type we accept" in page
    assert "Interrogaron a mi hijo" in page
    assert "photo.jpg" in page  # the good file was kept and is listed
    # The person continues; the kept file goes with the complaint.
    client.post(step_url(riverside, "details"), ANSWERS["details"])
    for step in ("contact", "about-you"):
        client.post(step_url(riverside, step), ANSWERS[step])
    submit(client, riverside)
    complaint = Complaint.objects.get()
    assert [a.content_type for a in complaint.attachments.all()] == ["image/png"]
