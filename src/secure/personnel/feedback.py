"""Links to the surveys: 360° feedback on an officer, and what staff said about training.

The surveys app owns the numbers (and their suppression); these helpers only pick the period
and the link. Written answers never come here.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import Evaluation, Person


def feedback_for_evaluation(evaluation: Evaluation) -> Any:
    """360° feedback about the evaluated person, from responses completed during the period."""
    from secure.surveys.selectors import officer_feedback

    return officer_feedback(
        evaluation.person, since=evaluation.period_start, until=evaluation.period_end
    )


def training_feedback(partnership: Any) -> Any:
    """SRO and staff input on training, from the partnership's training-input surveys."""
    from secure.surveys.selectors import training_input

    return training_input(partnership)


def item_tables(summary: Any) -> list[tuple[str, list[tuple[str, int | None]]]]:
    """The summary's choice questions (such as topics wanted) as (title, [(option, count)])."""
    found = []
    for table in summary.items:
        counts = table.rows[0].cells if table.rows else [None] * len(table.columns)
        found.append((table.title, list(zip(table.columns, counts, strict=False))))
    return found


def start_campaign_url(person: Person) -> str | None:
    """Where an evaluator starts a 360° feedback campaign about an SRO (the officer preselected)."""
    if person.role != Person.Role.SRO:
        return None
    url = reverse("surveys:campaign_new", kwargs={"partnership_slug": person.partnership.slug})
    return f"{url}?subject_officer={person.pk}"
