"""Personnel test data, made through the real services."""

from __future__ import annotations

import datetime

from secure.partnerships.models import Partnership, School
from secure.personnel.models import (
    Candidate,
    Guideline,
    Panelist,
    Person,
    TrainingSession,
    TrainingTopic,
)
from secure.personnel.models.hiring import StakeholderGroup
from secure.personnel.services import (
    assignment_add,
    candidate_create,
    guideline_draft,
    guideline_publish,
    panelist_add,
    person_create,
    training_session_record,
    training_topics_seed,
)

TODAY = datetime.date(2026, 11, 27)


def officer_make(partnership: Partnership, name: str = "Pat Officer", **fields) -> Person:
    fields = {"role": Person.Role.SRO, "sworn": True, **fields}
    return person_create(partnership=partnership, full_name=name, **fields)


def person_for(partnership: Partnership) -> Person:
    found = Person.objects.for_partnership(partnership).first()
    if found:
        return found
    person = officer_make(partnership)
    assignment_add(
        person=person,
        school=School.objects.for_partnership(partnership).first(),
        starts_on=datetime.date(2024, 8, 1),
    )
    return person


def topic_for(partnership: Partnership) -> TrainingTopic:
    training_topics_seed(partnership=partnership)
    return TrainingTopic.objects.for_partnership(partnership).first()


def session_for(partnership: Partnership) -> TrainingSession:
    found = TrainingSession.objects.for_partnership(partnership).first()
    return found or training_session_record(
        partnership=partnership,
        title="Civil rights refresher",
        held_on=datetime.date(2025, 9, 1),
        topics=[topic_for(partnership)],
        attendees=[person_for(partnership)],
        joint=True,
    )


def published_for(partnership: Partnership) -> Guideline:
    found = (
        Guideline.objects.for_partnership(partnership)
        .filter(status=Guideline.Status.PUBLISHED)
        .first()
    )
    return found or guideline_publish(guideline=guideline_draft(partnership=partnership))


def draft_for(partnership: Partnership) -> Guideline:
    published_for(partnership)
    found = (
        Guideline.objects.for_partnership(partnership).filter(status=Guideline.Status.DRAFT).first()
    )
    return found or guideline_draft(partnership=partnership)


def candidate_for(partnership: Partnership) -> Candidate:
    published_for(partnership)
    found = Candidate.objects.for_partnership(partnership).first()
    return found or candidate_create(partnership=partnership, full_name="Chris Candidate")


def panelist_for(partnership: Partnership) -> Panelist:
    candidate = candidate_for(partnership)
    found = candidate.panelists.first()
    return found or panelist_add(
        candidate=candidate, name="Student rep", group=StakeholderGroup.STUDENTS
    )


def evaluation_for(partnership: Partnership):
    from secure.partnerships.models import Membership
    from secure.partnerships.roles import Role
    from secure.personnel.models import Evaluation
    from secure.personnel.services import evaluation_schedule

    found = Evaluation.objects.for_partnership(partnership).first()
    if found:
        return found
    evaluator = (
        Membership.objects.for_partnership(partnership).filter(role=Role.AGENCY_LEADER).first()
        or Membership.objects.for_partnership(partnership)
        .filter(role=Role.PARTNERSHIP_ADMIN)
        .first()
    )
    if evaluator is None:
        from ..factories import member_make

        evaluator = member_make(partnership, Role.AGENCY_LEADER)
    person_for(partnership)
    officer = (
        Person.objects.for_partnership(partnership)
        .filter(role__in=[Person.Role.SRO, Person.Role.SUPERVISOR], is_active=True)
        .first()
    ) or officer_make(partnership)
    return evaluation_schedule(
        person=officer,
        evaluator=evaluator,
        period_start=datetime.date(2025, 8, 1),
        period_end=datetime.date(2026, 6, 30),
        due_on=datetime.date(2026, 7, 31),
    )


def cycle_for(partnership: Partnership):
    from secure.partnerships.models import Membership
    from secure.partnerships.roles import Role
    from secure.personnel.models import EvaluationCycle
    from secure.personnel.services import evaluation_cycle_start

    found = EvaluationCycle.objects.for_partnership(partnership).first()
    if found:
        return found
    person_for(partnership)
    evaluator = (
        Membership.objects.for_partnership(partnership)
        .filter(role__in=[Role.AGENCY_LEADER, Role.PARTNERSHIP_ADMIN], is_active=True)
        .first()
    )
    if evaluator is None:
        from ..factories import member_make

        evaluator = member_make(partnership, Role.AGENCY_LEADER)
    return evaluation_cycle_start(
        partnership=partnership,
        title="SRO evaluations 2025-26",
        period_start=datetime.date(2025, 8, 1),
        period_end=datetime.date(2026, 6, 30),
        due_on=datetime.date(2026, 7, 31),
        evaluator=evaluator,
    )
