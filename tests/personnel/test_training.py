"""The training catalogue, sessions, compliance and onboarding with mentors."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.partnerships.models import School
from secure.personnel.catalogue import TRAINING_TOPICS
from secure.personnel.models import Person, TrainingTopic
from secure.personnel.selectors import (
    State,
    add_months,
    compliance,
    onboarding_progress,
    requirements,
    training_state,
)
from secure.personnel.services import (
    MENTOR_IS_MENTEE,
    NO_TOPICS,
    PLAN_EXISTS,
    assignment_add,
    onboarding_plan_create,
    person_create,
    training_session_record,
    training_topic_update,
    training_topics_seed,
)

from .factories import officer_make

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def test_the_catalogue_is_seeded_with_the_rubrics_topics_once(riverside):
    """Every rubric topic arrives with a refresh interval and roles; seeding twice adds nothing."""
    assert training_topics_seed(partnership=riverside) == len(TRAINING_TOPICS)
    assert training_topics_seed(partnership=riverside) == 0
    topics = TrainingTopic.objects.for_partnership(riverside)
    items = set(topics.values_list("rubric_item", flat=True))
    assert {f"3.improve.2.{n}" for n in range(1, 10)} <= items
    assert {"4.start.2.1", "4.start.3", "4.start.4"} <= items
    assert all(t.roles for t in topics)
    staff_only = topics.get(code="not-calling-sros")
    assert staff_only.roles == ["school_staff"]
    assert topics.filter(onboarding=True).count() == 9


@pytest.mark.parametrize(
    ("last", "months", "state"),
    [
        (None, 12, State.NEVER),
        (datetime.date(2026, 1, 1), 12, State.DUE),
        (datetime.date(2025, 6, 1), 12, State.OVERDUE),
        (datetime.date(2026, 10, 1), 12, State.CURRENT),
        (datetime.date(2015, 1, 1), 0, State.CURRENT),
    ],
)
def test_training_state_follows_the_refresh_interval(last, months, state):
    """Never trained, expiring within 60 days, expired, or current ("0" means once is enough)."""
    assert training_state(last=last, refresh_months=months, today=TODAY)[0] == state


def test_months_are_added_to_the_last_day_of_short_months():
    """31 January plus one month is the end of February."""
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 14) == datetime.date(2027, 1, 15)


def test_compliance_counts_per_school_and_role(riverside):
    """Each person needs only their role's topics; attendance makes a topic current."""
    school = School.objects.get(partnership=riverside)
    training_topics_seed(partnership=riverside)
    topics = TrainingTopic.objects.for_partnership(riverside)
    officer = officer_make(riverside)
    assignment_add(person=officer, school=school, starts_on=datetime.date(2024, 8, 1))
    staff = person_create(
        partnership=riverside, full_name="Counselor", role=Person.Role.SCHOOL_STAFF
    )
    training_session_record(
        partnership=riverside,
        title="Rights",
        held_on=datetime.date(2026, 9, 1),
        topics=[topics.get(code="civil-rights")],
        attendees=[officer, staff],
        joint=True,
    )
    rows = {(r.school, r.role): r for r in compliance(partnership=riverside, today=TODAY)}
    sro = rows[("Riverside High", "School resource officer")]
    officer_topics = sum(1 for t in topics if "sro" in t.roles)
    assert sro.people == 1
    assert sro.required == officer_topics
    assert sro.counts[State.CURRENT] == 1
    assert sro.counts[State.NEVER] == officer_topics - 1
    unassigned = rows[("No current school assignment", "School staff")]
    assert unassigned.required == sum(1 for t in topics if "school_staff" in t.roles)


def test_changing_a_topics_roles_changes_who_needs_it(riverside):
    """When staff no longer need a topic, it leaves their requirements."""
    training_topics_seed(partnership=riverside)
    staff = person_create(partnership=riverside, full_name="Teacher", role=Person.Role.SCHOOL_STAFF)
    topic = TrainingTopic.objects.get(partnership=riverside, code="civil-rights")
    before = len(requirements(partnership=riverside, today=TODAY, person=staff))
    training_topic_update(topic=topic, refresh_months=36, roles=["sro"], onboarding=True)
    assert len(requirements(partnership=riverside, today=TODAY, person=staff)) == before - 1


def test_a_session_needs_a_topic(riverside):
    """A session without a topic would count for nothing, so it is refused."""
    with pytest.raises(ValidationError) as error:
        training_session_record(partnership=riverside, title="Empty", held_on=TODAY, topics=[])
    assert str(NO_TOPICS) in error.value.messages


def test_onboarding_needs_an_experienced_mentor_and_tracks_progress(riverside):
    """Mentors are experienced officers other than the recruit; attended topics count as done."""
    training_topics_seed(partnership=riverside)
    recruit = officer_make(riverside, name="New Officer", started_on=datetime.date(2026, 9, 1))
    green = officer_make(riverside, name="Green Officer", started_on=datetime.date(2026, 1, 1))
    veteran = officer_make(riverside, name="Veteran", started_on=datetime.date(2015, 1, 1))
    with pytest.raises(ValidationError) as error:
        onboarding_plan_create(person=recruit, mentor=recruit, starts_on=TODAY)
    assert str(MENTOR_IS_MENTEE) in error.value.messages
    with pytest.raises(ValidationError):
        onboarding_plan_create(person=recruit, mentor=green, starts_on=TODAY)
    onboarding_plan_create(person=recruit, mentor=veteran, starts_on=TODAY)
    with pytest.raises(ValidationError) as error:
        onboarding_plan_create(person=recruit, mentor=veteran, starts_on=TODAY)
    assert str(PLAN_EXISTS) in error.value.messages
    training_session_record(
        partnership=riverside,
        title="Onboarding 1",
        held_on=TODAY,
        topics=TrainingTopic.objects.filter(
            partnership=riverside, code__in=["trauma", "disability"]
        ),
        attendees=[recruit],
    )
    progress = onboarding_progress(person=recruit)
    assert len(progress.done) == 2
    assert len(progress.remaining) == 7
    assert progress.share == 22


def test_a_school_admin_records_a_joint_simulation_session(riverside, client_for):
    """The form records topics, the joint and simulation marks, and attendees with certificates."""
    training_topics_seed(partnership=riverside)
    officer = officer_make(riverside)
    topic = TrainingTopic.objects.get(partnership=riverside, code="de-escalation")
    client = client_for("riverside", "school_admin")
    response = client.post(
        reverse("personnel:session_create", kwargs={"partnership_slug": "riverside"}),
        {
            "title": "Hallway scenarios",
            "held_on": "2026-10-02",
            "topics": [topic.pk],
            "joint": "on",
            "simulation": "on",
            "attendees": [officer.pk],
        },
    )
    assert response.status_code == 302
    session = officer.sessions.get()
    assert session.joint and session.simulation
    assert officer.attendance.get().certificate
    detail = client.get(session.get_absolute_url()).content.decode()
    assert "Real-life simulation" in detail


def test_an_sro_sees_sessions_but_cannot_change_attendance(riverside, client_for):
    """Attendance changes need training.manage even on a page the SRO may read."""
    training_topics_seed(partnership=riverside)
    officer = officer_make(riverside)
    session = training_session_record(
        partnership=riverside,
        title="Rights",
        held_on=TODAY,
        topics=TrainingTopic.objects.filter(partnership=riverside)[:1],
        attendees=[officer],
    )
    client = client_for("riverside", "sro")
    assert client.get(session.get_absolute_url()).status_code == 200
    assert client.post(session.get_absolute_url(), {"attendees": []}).status_code == 403
    assert session.attendance.count() == 1


def test_suggestions_are_recorded_and_incorporation_names_the_manual(
    riverside, members, client_for
):
    """An SRO suggests; a school admin records which handbook took it up; SROs cannot decide."""
    from secure.personnel.models import TrainingSuggestion
    from secure.personnel.services import MATERIAL_REQUIRED, training_suggestion_decide

    url = reverse("personnel:suggestions", kwargs={"partnership_slug": "riverside"})
    sro = client_for("riverside", "sro")
    response = sro.post(url, {"action": "suggest", "from_role": "sro", "text": "More role play"})
    assert response.status_code == 302
    suggestion = TrainingSuggestion.objects.get(partnership=riverside)
    assert suggestion.submitted_by == members[("riverside", "sro")]
    assert sro.post(url, {"action": "decline", "suggestion": suggestion.pk}).status_code == 403
    with pytest.raises(ValidationError) as error:
        training_suggestion_decide(suggestion=suggestion, incorporated=True, material=" ")
    assert str(MATERIAL_REQUIRED) in error.value.messages
    admin = client_for("riverside", "school_admin")
    admin.post(
        url,
        {"action": "incorporate", "suggestion": suggestion.pk, "material": "Staff handbook 2027"},
    )
    suggestion.refresh_from_db()
    assert suggestion.status == TrainingSuggestion.Status.INCORPORATED
    assert suggestion.material == "Staff handbook 2027"
    assert (
        client_for("riverside", "auditor")
        .post(url, {"action": "suggest", "from_role": "sro", "text": "x"})
        .status_code
        == 403
    )
