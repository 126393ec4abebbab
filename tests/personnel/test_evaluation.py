"""Evaluations by designated evaluators, indicators in context (never scores), commendations."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.incidents.services.incidents import ActionEntry
from secure.partnerships.models import School
from secure.personnel.indicators import evaluation_indicators, minor_offense_codes
from secure.personnel.models import Evaluation, TrainingTopic
from secure.personnel.services import (
    ALREADY_COMPLETED,
    NOT_AN_EVALUATOR,
    assignment_add,
    commendation_add,
    evaluation_complete,
    evaluation_schedule,
    training_topics_seed,
)

from ..incidents.factories import incident_make, student_entry
from .factories import officer_make

pytestmark = pytest.mark.django_db


def _evaluation(riverside, members, **fields):
    officer = officer_make(riverside, badge_number="B-7")
    school = School.objects.get(partnership=riverside)
    assignment_add(person=officer, school=school, starts_on=datetime.date(2023, 8, 1))
    return evaluation_schedule(
        person=officer,
        evaluator=members[("riverside", "agency_leader")],
        period_start=datetime.date(2023, 8, 1),
        period_end=datetime.date(2024, 6, 30),
        due_on=datetime.date(2024, 7, 31),
    )


def test_only_designated_leaders_evaluate(riverside, members):
    """An SRO or a data analyst cannot be named evaluator."""
    officer = officer_make(riverside)
    for role in ("sro", "data_analyst", "community_stakeholder"):
        with pytest.raises(ValidationError) as error:
            evaluation_schedule(
                person=officer,
                evaluator=members[("riverside", role)],
                period_start=datetime.date(2024, 1, 1),
                period_end=datetime.date(2024, 6, 30),
                due_on=datetime.date(2024, 7, 31),
            )
        assert str(NOT_AN_EVALUATOR) in error.value.messages


def test_indicators_count_minor_offense_actions_at_the_officers_schools(riverside, members):
    """Arrests for minor offenses count; violent offenses and dates outside the period do not."""
    evaluation = _evaluation(riverside, members)
    arrest = [ActionEntry(action="school_related_arrest")]
    incident_make(
        riverside,
        occurred_on=datetime.date(2024, 3, 1),
        offense="defiance",
        officers="B-7",
        students=[student_entry(actions=arrest)],
    )
    incident_make(
        riverside,
        occurred_on=datetime.date(2024, 3, 2),
        offense="vandalism",
        students=[student_entry(actions=arrest)],
    )
    incident_make(
        riverside,
        occurred_on=datetime.date(2024, 3, 3),
        offense="assault",
        students=[student_entry(actions=arrest)],
    )
    incident_make(
        riverside,
        occurred_on=datetime.date(2024, 8, 3),
        offense="defiance",
        students=[student_entry(actions=arrest)],
    )
    found = evaluation_indicators(evaluation=evaluation)
    arrests = found.rows[0]
    assert (arrests.at_schools, arrests.with_officer) == (2, 1)
    assert arrests.small
    assert found.schools == ["Riverside High"]


def test_minor_offenses_are_the_non_violent_categories(riverside):
    """Defiance is minor; assault is not."""
    codes = minor_offense_codes(riverside)
    assert "defiance" in codes and "assault" not in codes


def test_completing_an_evaluation_records_ratings_against_trainings_once(riverside, members):
    """Ratings map to training topics; a completed cycle cannot be completed again."""
    evaluation = _evaluation(riverside, members)
    training_topics_seed(partnership=riverside)
    topic = TrainingTopic.objects.get(partnership=riverside, code="de-escalation")
    evaluation_complete(
        evaluation=evaluation,
        ratings={topic.pk: (4, "")},
        fit_review="Good fit",
        feedback="",
        summary="Strong year",
    )
    assert evaluation.ratings.get().value == 4
    assert evaluation.status == Evaluation.Status.COMPLETED
    with pytest.raises(ValidationError) as error:
        evaluation_complete(
            evaluation=evaluation, ratings={}, fit_review="", feedback="", summary="again"
        )
    assert str(ALREADY_COMPLETED) in error.value.messages


def test_evaluations_are_confidential_to_leaders(riverside, members, client_for):
    """SROs, school administrators and stakeholders cannot open an evaluation."""
    evaluation = _evaluation(riverside, members)
    for role in ("sro", "school_admin", "community_stakeholder", "data_analyst"):
        assert client_for("riverside", role).get(evaluation.get_absolute_url()).status_code == 403
    page = client_for("riverside", "agency_leader").get(evaluation.get_absolute_url())
    assert "never a score" in page.content.decode()


def test_only_published_commendations_are_public(riverside, client):
    """The public page lists commendations the partnership chose to publish."""
    officer = officer_make(riverside)
    commendation_add(
        person=officer, awarded_on=datetime.date(2026, 1, 5), citation="Mediated", published=True
    )
    commendation_add(person=officer, awarded_on=datetime.date(2026, 1, 6), citation="Private note")
    url = reverse("personnel:public_guidelines", kwargs={"partnership_slug": "riverside"})
    text = client.get(url).content.decode()
    assert "Mediated" in text and "Private note" not in text
