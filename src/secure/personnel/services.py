"""Writes: people and assignments, the training catalogue, sessions, onboarding, hiring."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role

from .catalogue import HIRING_QUALITIES, TRAINING_TOPICS
from .models import (
    Assignment,
    Attendance,
    Candidate,
    Commendation,
    Criterion,
    Evaluation,
    EvaluationRating,
    Guideline,
    GuidelineComment,
    OnboardingPlan,
    Panelist,
    Person,
    Score,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)
from .selectors import add_months

ENDS_BEFORE_START = _("An assignment cannot end before it starts.")
OVERLAPPING_ASSIGNMENT = _("This person is already assigned to that school for part of that time.")
NOT_AN_OFFICER = _("Only SROs and supervisors can be given onboarding plans or be mentors.")
MENTOR_IS_MENTEE = _("A new SRO cannot mentor themselves.")
MENTOR_NOT_EXPERIENCED = _(
    "A mentor must be an experienced SRO: at least %(years)d years in the program."
)
PLAN_EXISTS = _("This SRO already has an onboarding plan.")
NO_TOPICS = _("Choose at least one topic.")
NOT_A_DRAFT = _("Only a draft can be changed, commented on or published.")
GUIDELINE_DRAFT_EXISTS = _("A draft version already exists; finish or publish it first.")
NO_CRITERIA = _("Hiring guidelines need at least one criterion.")
SCORE_RANGE = _("Scores go from 1 to 4.")
MENTOR_YEARS = 2
SUGGESTION_DECIDED = _("This suggestion has already been decided.")
MATERIAL_REQUIRED = _("Name the manual or handbook that was updated.")
NOT_AN_EVALUATOR = _("Evaluators are designated agency, district, school or partnership leaders.")
PERIOD_BACKWARDS = _("The period cannot end before it starts.")
ALREADY_COMPLETED = _("This evaluation is already completed.")
EVALUATOR_ROLES = frozenset(
    {
        Role.PARTNERSHIP_ADMIN,
        Role.DISTRICT_LEADER,
        Role.AGENCY_LEADER,
        Role.SCHOOL_ADMIN,
    }
)


def person_create(*, partnership: Partnership, **fields: object) -> Person:
    person = Person(partnership=partnership, **fields)
    person.full_clean()
    person.save()
    return person


def assignment_add(
    *,
    person: Person,
    school: School,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Assignment:
    """Assign a person to a school for a period; periods at one school may not overlap."""
    if school.partnership_id != person.partnership_id:
        raise ValidationError(_("That school is not in this partnership."))
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(ENDS_BEFORE_START)
    overlapping = person.assignments.filter(school=school).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise ValidationError(OVERLAPPING_ASSIGNMENT)
    return Assignment.objects.create(
        partnership=person.partnership,
        person=person,
        school=school,
        starts_on=starts_on,
        ends_on=ends_on,
    )


def assignment_end(*, assignment: Assignment, ends_on: datetime.date) -> Assignment:
    if ends_on < assignment.starts_on:
        raise ValidationError(ENDS_BEFORE_START)
    assignment.ends_on = ends_on
    assignment.save(update_fields=["ends_on"])
    return assignment


# Training ---------------------------------------------------------------------------------------


def training_topics_seed(*, partnership: Partnership) -> int:
    """Add the rubric's training topics the partnership does not have yet; return how many."""
    have = set(TrainingTopic.objects.for_partnership(partnership).values_list("code", flat=True))
    added = 0
    for position, (code, title, item, months, roles, onboarding) in enumerate(TRAINING_TOPICS, 1):
        if code in have:
            continue
        TrainingTopic.objects.create(
            partnership=partnership,
            code=code,
            title=title,
            rubric_item=item,
            refresh_months=months,
            roles=list(roles),
            onboarding=onboarding,
            position=position,
        )
        added += 1
    return added


def training_topic_update(
    *, topic: TrainingTopic, refresh_months: int, roles: Iterable[str], onboarding: bool
) -> TrainingTopic:
    topic.refresh_months = refresh_months
    topic.roles = [r for r in Person.Role.values if r in set(roles)]
    topic.onboarding = onboarding
    topic.save(update_fields=["refresh_months", "roles", "onboarding"])
    return topic


@transaction.atomic
def training_session_record(
    *,
    partnership: Partnership,
    title: str,
    held_on: datetime.date,
    topics: Iterable[TrainingTopic],
    attendees: Iterable[Person] = (),
    joint: bool = False,
    simulation: bool = False,
    facilitator: str = "",
) -> TrainingSession:
    """Record a session with its topics and the people who completed it."""
    topics = list(topics)
    if not topics:
        raise ValidationError(NO_TOPICS)
    session = TrainingSession.objects.create(
        partnership=partnership,
        title=title,
        held_on=held_on,
        joint=joint,
        simulation=simulation,
        facilitator=facilitator,
    )
    session.topics.set(topics)
    attendance_set(session=session, people=attendees)
    return session


def attendance_set(
    *, session: TrainingSession, people: Iterable[Person], certificates: bool = True
) -> None:
    """Make the session's attendance exactly ``people``; each gets a certificate number."""
    wanted = {p.pk: p for p in people}
    session.attendance.exclude(person_id__in=wanted).delete()
    have = set(session.attendance.values_list("person_id", flat=True))
    for pk, person in wanted.items():
        if pk in have:
            continue
        Attendance.objects.create(
            partnership=session.partnership,
            session=session,
            person=person,
            certificate=f"{session.held_on:%Y%m%d}-{session.pk}-{pk}" if certificates else "",
        )


def onboarding_plan_create(
    *, person: Person, mentor: Person, starts_on: datetime.date, notes: str = ""
) -> OnboardingPlan:
    """Give a new SRO an onboarding plan with an experienced SRO as mentor."""
    if not person.is_officer or not mentor.is_officer:
        raise ValidationError(NOT_AN_OFFICER)
    if person.pk == mentor.pk:
        raise ValidationError(MENTOR_IS_MENTEE)
    if OnboardingPlan.objects.filter(person=person).exists():
        raise ValidationError(PLAN_EXISTS)
    if mentor.started_on is None or add_months(mentor.started_on, 12 * MENTOR_YEARS) > starts_on:
        raise ValidationError(MENTOR_NOT_EXPERIENCED % {"years": MENTOR_YEARS})
    return OnboardingPlan.objects.create(
        partnership=person.partnership,
        person=person,
        mentor=mentor,
        starts_on=starts_on,
        notes=notes,
    )


def training_suggestion_add(
    *, partnership: Partnership, from_role: str, text: str, submitted_by: Membership | None = None
) -> TrainingSuggestion:
    return TrainingSuggestion.objects.create(
        partnership=partnership, from_role=from_role, text=text, submitted_by=submitted_by
    )


def training_suggestion_decide(
    *,
    suggestion: TrainingSuggestion,
    incorporated: bool,
    material: str = "",
    on: datetime.date | None = None,
) -> TrainingSuggestion:
    """Record that a suggestion was written into a manual or handbook (named), or not taken up."""
    if suggestion.status != TrainingSuggestion.Status.OPEN:
        raise ValidationError(SUGGESTION_DECIDED)
    if incorporated and not material.strip():
        raise ValidationError(MATERIAL_REQUIRED)
    suggestion.status = (
        TrainingSuggestion.Status.INCORPORATED
        if incorporated
        else TrainingSuggestion.Status.DECLINED
    )
    suggestion.material = material.strip() if incorporated else ""
    suggestion.decided_on = on or timezone.localdate()
    suggestion.save(update_fields=["status", "material", "decided_on"])
    return suggestion


# Hiring -----------------------------------------------------------------------------------------


@transaction.atomic
def guideline_draft(*, partnership: Partnership) -> Guideline:
    """A new draft: a copy of the latest version, or the rubric's eleven qualities the first time."""
    versions = Guideline.objects.for_partnership(partnership)
    if versions.filter(status=Guideline.Status.DRAFT).exists():
        raise ValidationError(GUIDELINE_DRAFT_EXISTS)
    latest = versions.order_by("-version").first()
    draft = Guideline.objects.create(
        partnership=partnership,
        version=(versions.aggregate(n=Max("version"))["n"] or 0) + 1,
        introduction=latest.introduction if latest else "",
        review_months=latest.review_months if latest else 12,
    )
    if latest is not None:
        criteria = [(c.text, c.rubric_item) for c in latest.criteria.all()]
    else:
        criteria = [(t, f"3.start.1.{n}") for n, t in enumerate(HIRING_QUALITIES, 1)]
    for position, (text, item) in enumerate(criteria, 1):
        Criterion.objects.create(
            partnership=partnership, guideline=draft, position=position, text=text, rubric_item=item
        )
    return draft


def _require_draft(guideline: Guideline) -> None:
    if guideline.status != Guideline.Status.DRAFT:
        raise ValidationError(NOT_A_DRAFT)


@transaction.atomic
def guideline_update(
    *, guideline: Guideline, introduction: str, review_months: int, criteria: list[str]
) -> Guideline:
    """Change a draft's text, review timeline and criteria (one per line, in order)."""
    _require_draft(guideline)
    criteria = [c.strip() for c in criteria if c.strip()]
    if not criteria:
        raise ValidationError(NO_CRITERIA)
    guideline.introduction = introduction
    guideline.review_months = review_months
    guideline.save(update_fields=["introduction", "review_months"])
    existing = {c.text: c for c in guideline.criteria.all()}
    keep = []
    for position, text in enumerate(criteria, 1):
        found = existing.get(text)
        if found is None:
            found = Criterion.objects.create(
                partnership=guideline.partnership, guideline=guideline, position=position, text=text
            )
        elif found.position != position:
            found.position = position
            found.save(update_fields=["position"])
        keep.append(found.pk)
    guideline.criteria.exclude(pk__in=keep).delete()
    return guideline


@transaction.atomic
def guideline_publish(*, guideline: Guideline, today: datetime.date | None = None) -> Guideline:
    """Publish a draft; the version it replaces is marked superseded."""
    _require_draft(guideline)
    Guideline.objects.for_partnership(guideline.partnership).filter(
        status=Guideline.Status.PUBLISHED
    ).update(status=Guideline.Status.SUPERSEDED)
    guideline.status = Guideline.Status.PUBLISHED
    guideline.published_on = today or timezone.localdate()
    guideline.save(update_fields=["status", "published_on"])
    return guideline


def guideline_next_review(guideline: Guideline) -> datetime.date | None:
    """When a published version is due for review, by its review timeline."""
    if guideline.published_on is None or not guideline.review_months:
        return None
    return add_months(guideline.published_on, guideline.review_months)


def guideline_comment_add(
    *, guideline: Guideline, group: str, body: str, author: str = ""
) -> GuidelineComment:
    _require_draft(guideline)
    return GuidelineComment.objects.create(
        partnership=guideline.partnership,
        guideline=guideline,
        group=group,
        body=body,
        author=author,
    )


def candidate_create(*, partnership: Partnership, full_name: str, **fields: object) -> Candidate:
    guideline = (
        Guideline.objects.for_partnership(partnership)
        .filter(status=Guideline.Status.PUBLISHED)
        .first()
    )
    if guideline is None:
        raise ValidationError(_("Publish hiring guidelines before adding candidates."))
    return Candidate.objects.create(
        partnership=partnership, full_name=full_name, guideline=guideline, **fields
    )


def panelist_add(
    *, candidate: Candidate, name: str, group: str, member: Membership | None = None
) -> Panelist:
    if member is not None and member.partnership_id != candidate.partnership_id:
        raise ValidationError(_("That member is not in this partnership."))
    return Panelist.objects.create(
        partnership=candidate.partnership,
        candidate=candidate,
        name=name,
        group=group,
        member=member,
    )


@transaction.atomic
def scorecard_save(*, panelist: Panelist, scores: dict[int, tuple[int, str]]) -> None:
    """Save a panelist's scores: criterion id -> (1–4, note)."""
    criteria = {c.pk: c for c in panelist.candidate.guideline.criteria.all()}
    for criterion_id, (value, note) in scores.items():
        if not 1 <= value <= 4:
            raise ValidationError(SCORE_RANGE)
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError(_("That criterion is not in these guidelines."))
        Score.objects.update_or_create(
            panelist=panelist,
            criterion=criterion,
            defaults={"partnership": panelist.partnership, "value": value, "note": note},
        )


# Evaluation -------------------------------------------------------------------------------------


def evaluation_schedule(
    *,
    person: Person,
    evaluator: Membership,
    period_start: datetime.date,
    period_end: datetime.date,
    due_on: datetime.date,
) -> Evaluation:
    """Schedule an evaluation cycle with a designated evaluator."""
    if evaluator.partnership_id != person.partnership_id or evaluator.role not in EVALUATOR_ROLES:
        raise ValidationError(NOT_AN_EVALUATOR)
    if not person.is_officer:
        raise ValidationError(NOT_AN_OFFICER)
    if period_end < period_start:
        raise ValidationError(PERIOD_BACKWARDS)
    return Evaluation.objects.create(
        partnership=person.partnership,
        person=person,
        evaluator=evaluator,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
    )


@transaction.atomic
def evaluation_complete(
    *,
    evaluation: Evaluation,
    ratings: dict[int, tuple[int, str]],
    fit_review: str,
    feedback: str,
    summary: str,
    today: datetime.date | None = None,
) -> Evaluation:
    """Record the evaluator's ratings (training topic id -> 1–4, note) and close the cycle."""
    if evaluation.status == Evaluation.Status.COMPLETED:
        raise ValidationError(ALREADY_COMPLETED)
    topics = {t.pk: t for t in TrainingTopic.objects.for_partnership(evaluation.partnership)}
    for topic_id, (value, note) in ratings.items():
        if not 1 <= value <= 4:
            raise ValidationError(SCORE_RANGE)
        EvaluationRating.objects.update_or_create(
            evaluation=evaluation,
            topic=topics[topic_id],
            defaults={"partnership": evaluation.partnership, "value": value, "note": note},
        )
    evaluation.fit_review = fit_review
    evaluation.feedback = feedback
    evaluation.summary = summary
    evaluation.status = Evaluation.Status.COMPLETED
    evaluation.completed_on = today or timezone.localdate()
    evaluation.save()
    return evaluation


def commendation_add(
    *, person: Person, awarded_on: datetime.date, citation: str, published: bool = False
) -> Commendation:
    return Commendation.objects.create(
        partnership=person.partnership,
        person=person,
        awarded_on=awarded_on,
        citation=citation,
        published=published,
    )
