"""Walking the public form with Django's test client, as a browser without JavaScript would."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from secure.partnerships.models import Partnership

ANSWERS: dict[str, dict[str, Any]] = {
    "concern": {
        "concerns": ["discrimination", "interrogation"],
        "bases": ["language"],
        "involved": ["sro"],
        "relationship": "parent",
    },
    "details": {
        "school": "",
        "location_detail": "La oficina del director",
        "happened_on": "2026-01-20",
        "narrative": "Interrogaron a mi hijo sin intérprete.",
        "people_named": "Oficial con placa 123",
    },
    "contact": {
        "contact_name": "María",
        "contact_email": "maria@example.org",
        "contact_phone": "",
    },
    "about-you": {
        "about": "student",
        "hispanic": "yes",
        "races": ["white"],
        "age_band": "12_14",
        "sex": "male",
        "english_learner": "yes",
        "disability": "no",
        "preferred_language": "es",
    },
}


def step_url(partnership: Partnership, step: str) -> str:
    return reverse("complaints:step", args=[partnership.slug, step])


def fill_steps(client: Client, partnership: Partnership, **overrides: dict[str, Any]) -> None:
    """Answer every step (``overrides`` replaces a step's answers)."""
    for step, answers in ANSWERS.items():
        data = overrides.get(step, answers)
        response = client.post(step_url(partnership, step), data)
        assert response.status_code == 302, (step, response.content.decode()[:3000])


def submit(client: Client, partnership: Partnership, **extra: str):
    """Open the review page and press Send (without JavaScript: no proof of work)."""
    review = client.get(step_url(partnership, "review"))
    assert review.status_code == 200
    challenge = review.context["review_form"].initial["challenge"]
    return client.post(
        step_url(partnership, "review"), {"challenge": challenge, "solution": "", **extra}
    )
