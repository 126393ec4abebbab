"""Demo people: officers and staff assigned as the incident data's officer counts say, trainings
with joint sessions and simulations, a new SRO with a mentor, hiring guidelines, a panel interview.

Everything is made up. Assignments follow the demo's sworn-officer counts (one SRO per whole or
part FTE in the latest year) so the two sources of "schools with a sworn officer" agree.
"""

from __future__ import annotations

import datetime
import math
import random

from django.utils import timezone

from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role

from .models import Candidate, Person, TrainingTopic
from .models.hiring import StakeholderGroup
from .selectors import add_months
from .services import (
    assignment_add,
    candidate_create,
    commendation_add,
    evaluation_complete,
    evaluation_cycle_start,
    evaluation_schedule,
    guideline_comment_add,
    guideline_draft,
    guideline_publish,
    onboarding_plan_create,
    panelist_add,
    person_create,
    scorecard_save,
    training_session_record,
    training_suggestion_add,
    training_suggestion_decide,
    training_topics_seed,
)

FIRST = [
    "Alex",
    "Jordan",
    "Casey",
    "Morgan",
    "Riley",
    "Taylor",
    "Jamie",
    "Avery",
    "Quinn",
    "Drew",
    "Parker",
    "Reese",
    "Rowan",
    "Skyler",
    "Emerson",
    "Hayden",
    "Kendall",
    "Logan",
]
LAST = [
    "Rivera",
    "Nguyen",
    "Okafor",
    "Schmidt",
    "Haddad",
    "Kowalski",
    "Brooks",
    "Tanaka",
    "Alvarez",
    "Mensah",
    "Lindqvist",
    "Patel",
    "Moreau",
    "Castillo",
    "Osei",
    "Hughes",
]


def _officer_ftes(partnership: Partnership) -> tuple[dict[int, float], str | None]:
    from secure.incidents.models import SwornOfficers

    rows = SwornOfficers.objects.for_partnership(partnership)
    year = rows.order_by("-school_year").values_list("school_year", flat=True).first()
    return {
        s: float(f) for s, f in rows.filter(school_year=year).values_list("school_id", "fte")
    }, year


def _member(partnership: Partnership, role: str) -> Membership | None:
    return Membership.objects.for_partnership(partnership).filter(role=role).first()


def demo_seed_personnel(partnership: Partnership) -> None:
    """Seed one demo partnership with people, training, onboarding and a hiring round."""
    if Person.objects.for_partnership(partnership).exists():
        return
    rng = random.Random(f"secure-demo-personnel-{partnership.slug}")  # noqa: S311 (synthetic)
    today = timezone.localdate()
    names = iter(
        f"{f} {s}" for f, s in zip(rng.sample(FIRST, 18), rng.sample(LAST * 2, 18), strict=False)
    )
    schools = list(School.objects.for_partnership(partnership).order_by("name"))
    ftes, year = _officer_ftes(partnership)
    year_start = datetime.date(int(year[:4]), 7, 1) if year else add_months(today, -12)

    supervisor = person_create(
        partnership=partnership,
        full_name=next(names),
        role=Person.Role.SUPERVISOR,
        sworn=True,
        badge_number="S-100",
        title="Sergeant",
        member=_member(partnership, Role.AGENCY_LEADER),
        started_on=add_months(today, -12 * 9),
    )
    officers: list[Person] = []
    badge = 200
    for school in schools:
        for _n in range(math.ceil(ftes.get(school.pk, 0))):
            badge += 1
            officer = person_create(
                partnership=partnership,
                full_name=next(names),
                role=Person.Role.SRO,
                sworn=True,
                badge_number=f"B-{badge}",
                title="Officer",
                supervisor=supervisor,
                started_on=add_months(today, -12 * rng.randint(3, 8)),
            )
            assignment_add(person=officer, school=school, starts_on=year_start)
            officers.append(officer)
    if officers:
        officers[0].member = _member(partnership, Role.SRO)
        officers[0].save(update_fields=["member"])
        # Assignments change over time: the first officer used to work at another school.
        if len(schools) > 1:
            current = officers[0].assignments.values_list("school_id", flat=True).first()
            earlier = next(s for s in schools if s.pk != current)
            assignment_add(
                person=officers[0],
                school=earlier,
                starts_on=add_months(year_start, -24),
                ends_on=year_start - datetime.timedelta(days=1),
            )
    staff = []
    for school in schools[:3]:
        person = person_create(
            partnership=partnership,
            full_name=next(names),
            role=Person.Role.SCHOOL_STAFF,
            title="Assistant principal",
            started_on=add_months(today, -60),
        )
        assignment_add(person=person, school=school, starts_on=add_months(year_start, -36))
        staff.append(person)
    if staff:
        # The demo's school administrator is the first assistant principal: their incident data
        # is that school's (decision 0042).
        staff[0].member = _member(partnership, Role.SCHOOL_ADMIN)
        staff[0].save(update_fields=["member"])
    # A new SRO, not yet assigned to a school, onboarding with an experienced mentor.
    recruit = person_create(
        partnership=partnership,
        full_name=next(names),
        role=Person.Role.SRO,
        sworn=True,
        badge_number=f"B-{badge + 1}",
        supervisor=supervisor,
        started_on=add_months(today, -2),
    )

    training_topics_seed(partnership=partnership)
    topics = {t.code: t for t in TrainingTopic.objects.for_partnership(partnership)}
    veterans = [supervisor, *officers]
    onboarding = [t for t in topics.values() if t.onboarding]
    # Two years ago everyone covered the onboarding topics; last year de-escalation jointly with
    # a simulation; recently staff on not calling SROs; the recruit has started onboarding.
    training_session_record(
        partnership=partnership,
        title="SRO and staff foundations",
        held_on=add_months(today, -23),
        topics=onboarding,
        attendees=[*veterans[:-1], *staff[:2]],
        joint=True,
        facilitator="Regional SRO academy",
    )
    training_session_record(
        partnership=partnership,
        title="De-escalation with real-life simulations",
        held_on=add_months(today, -11),
        topics=[topics["de-escalation"], topics["alternatives"], topics["use-of-force"]],
        attendees=[*veterans, staff[0]],
        joint=True,
        simulation=True,
        facilitator="District restorative practices team",
    )
    training_session_record(
        partnership=partnership,
        title="When to call an SRO (and when not to)",
        held_on=add_months(today, -1),
        topics=[topics["not-calling-sros"], topics["restorative"]],
        attendees=staff,
        facilitator="Assistant superintendent for student services",
    )
    training_session_record(
        partnership=partnership,
        title="Onboarding: rights, development and trauma",
        held_on=add_months(today, -1),
        topics=[topics["civil-rights"], topics["development"], topics["trauma"]],
        attendees=[recruit],
        facilitator=officers[0].full_name if officers else "",
    )
    done = training_suggestion_add(
        partnership=partnership,
        from_role=Person.Role.SRO,
        text="Practise what to say when a teacher asks us to remove a student for talking back.",
    )
    training_suggestion_decide(
        suggestion=done,
        incorporated=True,
        material="SRO training manual, chapter 3 (2026 edition)",
        on=add_months(today, -3),
    )
    training_suggestion_add(
        partnership=partnership,
        from_role=Person.Role.SCHOOL_STAFF,
        text="A one-page guide for substitutes on when to call the SRO and when to call the office.",
    )
    mentor = officers[0] if officers else supervisor
    onboarding_plan_create(person=recruit, mentor=mentor, starts_on=add_months(today, -2))

    _seed_hiring(partnership, rng, today)
    if officers:
        _seed_evaluations(partnership, officers, topics, today)


def _seed_evaluations(
    partnership: Partnership,
    officers: list[Person],
    topics: dict[str, TrainingTopic],
    today: datetime.date,
) -> None:
    evaluator = _member(partnership, Role.AGENCY_LEADER)
    principal = _member(partnership, Role.SCHOOL_ADMIN)
    if evaluator is None or principal is None:
        return
    last_year = evaluation_schedule(
        person=officers[0],
        evaluator=evaluator,
        period_start=add_months(today, -14),
        period_end=add_months(today, -2),
        due_on=add_months(today, -1),
    )
    evaluation_complete(
        evaluation=last_year,
        ratings={
            topics["de-escalation"].pk: (4, ""),
            topics["alternatives"].pk: (3, ""),
            topics["bias-free"].pk: (3, ""),
            topics["use-of-force"].pk: (4, ""),
        },
        fit_review="Well known to students and staff; asked to stay at this school.",
        feedback="Student and staff surveys describe the officer as approachable and fair.",
        summary="Meets expectations; strong at de-escalation. Continue restorative practice work.",
        today=add_months(today, -1),
    )
    # This school year's cycle: every active SRO and supervisor, on the yearly rubric schedule.
    cycle = evaluation_cycle_start(
        partnership=partnership,
        title="SRO evaluations, this school year",
        period_start=add_months(today, -12),
        period_end=today,
        due_on=add_months(today, 1),
        evaluator=principal,
        interval_months=12,
    )
    first = cycle.evaluations.filter(person=officers[0]).first()
    if first is not None:
        evaluation_complete(
            evaluation=first,
            ratings={topics["de-escalation"].pk: (4, ""), topics["alternatives"].pk: (4, "")},
            fit_review="Students seek the officer out; the principal asks to keep the posting.",
            feedback="See the 360° survey results below.",
            summary="Exceeds expectations in de-escalation and diversion.",
            today=today,
        )
    commendation_add(
        person=officers[0],
        awarded_on=add_months(today, -1),
        citation="Calmed a hallway conflict without an arrest and connected the students to mediation.",
        published=True,
    )


def _seed_hiring(partnership: Partnership, rng: random.Random, today: datetime.date) -> None:
    first = guideline_draft(partnership=partnership)
    first.introduction = (
        "These guidelines say what we look for in a school resource officer. Students, "
        "families and community members helped write them."
    )
    first.save(update_fields=["introduction"])
    guideline_comment_add(
        guideline=first,
        group=StakeholderGroup.STUDENTS,
        body="Officers should know students by name and not only show up when something is wrong.",
    )
    guideline_comment_add(
        guideline=first,
        group=StakeholderGroup.FAMILIES,
        body="Please ask candidates how they would work with families who do not speak English.",
        author="Parent-teacher association",
    )
    guideline_comment_add(
        guideline=first,
        group=StakeholderGroup.COMMUNITY,
        body="Include knowledge of the neighbourhood's youth programs as a criterion.",
    )
    guideline_publish(guideline=first, today=add_months(today, -4))
    draft = guideline_draft(partnership=partnership)
    guideline_comment_add(
        guideline=draft,
        group=StakeholderGroup.YOUTH_DEVELOPMENT,
        body="Ask for experience mentoring young people outside policing.",
    )

    candidate = candidate_create(
        partnership=partnership,
        full_name="Dana Ellison",
        interview_on=add_months(today, -1),
        status=Candidate.Status.INTERVIEWING,
    )
    panel = [
        ("Principal Lee", StakeholderGroup.SCHOOL_STAFF, _member(partnership, Role.SCHOOL_ADMIN)),
        ("Student council representative", StakeholderGroup.STUDENTS, None),
        ("Parent representative", StakeholderGroup.FAMILIES, None),
        (
            "Community representative",
            StakeholderGroup.COMMUNITY,
            _member(partnership, Role.COMMUNITY_STAKEHOLDER),
        ),
        ("Youth mentor program director", StakeholderGroup.YOUTH_DEVELOPMENT, None),
        ("Agency lieutenant", StakeholderGroup.LAW_ENFORCEMENT, None),
    ]
    criteria = list(candidate.guideline.criteria.all())
    for name, group, member in panel:
        panelist = panelist_add(candidate=candidate, name=name, group=group, member=member)
        scores = {}
        for index, criterion in enumerate(criteria):
            value = rng.choice([3, 3, 4])
            # Students and families see the candidate's approach to diversion differently.
            if index == 1 and group in (StakeholderGroup.STUDENTS, StakeholderGroup.FAMILIES):
                value = 1
            scores[criterion.pk] = (value, "")
        scorecard_save(panelist=panelist, scores=scores)
