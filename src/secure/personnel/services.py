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
from secure.rubric import rules as rubric_rules
from secure.rubric.models import Schedule, ScheduleCompletion
from secure.rubric.services.schedules import schedule_complete, schedule_create, schedule_update

from .catalogue import HIRING_QUALITIES, TRAINING_TOPICS
from .models import (
    Assignment,
    Attendance,
    Candidate,
    Commendation,
    Criterion,
    Evaluation,
    EvaluationCycle,
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
BAD_INTERVAL = _("Choose one of the rubric schedule's intervals: 1, 3, 6, 12 or 24 months.")
CANDIDATE_CLOSED = _("This candidate has withdrawn or was not selected; scorecards are closed.")
GUIDELINE_REVIEW_ITEM = "3.improve.1"
EVALUATION_SCHEDULE_ITEM = "5.start.1"
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
    _check_interval(review_months)
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


def _check_interval(months: int) -> None:
    if months not in Schedule.Interval.values:
        raise ValidationError({"review_months": BAD_INTERVAL})


def _schedule_owner(by: Membership | None) -> Membership | None:
    """``by`` if they may own rubric schedules (an owner who left or changed role is dropped)."""
    return by if by is not None and rubric_rules.may_own(by) else None


def schedule_done(
    *, schedule: Schedule, by: Membership | None, on: datetime.date, notes: str
) -> ScheduleCompletion | None:
    """Record one occurrence of a rubric schedule as done, through the rubric's own rules.

    A person who may work on the schedule records it with ``schedule_complete`` (which moves the
    next due date one interval on); otherwise (the demo, or a school leader completing the last
    evaluation) the same record is written directly. A paused schedule records nothing.
    """
    if not schedule.is_active:
        return None
    if by is not None and rubric_rules.may_work_on(by, schedule.owner_id):
        return schedule_complete(schedule=schedule, by=by, completed_on=on, notes=notes)
    completion = ScheduleCompletion.objects.create(
        partnership_id=schedule.partnership_id,
        schedule=schedule,
        due_date=schedule.next_due,
        completed_on=on,
        completed_by=by,
        notes=notes,
    )
    schedule.next_due = rubric_rules.next_due_after_completion(
        schedule.next_due, schedule.interval_months
    )
    schedule.save(update_fields=["next_due"])
    return completion


@transaction.atomic
def guideline_publish(
    *, guideline: Guideline, today: datetime.date | None = None, by: Membership | None = None
) -> Guideline:
    """Publish a draft; the version it replaces is marked superseded.

    The review timeline is a rubric schedule for 3.improve.1, so reminders, the calendar feed and
    the rubric's schedule page all carry it. Publishing a reviewed version records that review
    as done, and the next review falls ``review_months`` after this publication.
    """
    _require_draft(guideline)
    _check_interval(guideline.review_months)
    day = today or timezone.localdate()
    previous = (
        Guideline.objects.for_partnership(guideline.partnership)
        .filter(status=Guideline.Status.PUBLISHED)
        .select_related("review_schedule")
        .first()
    )
    Guideline.objects.for_partnership(guideline.partnership).filter(
        status=Guideline.Status.PUBLISHED
    ).update(status=Guideline.Status.SUPERSEDED)
    next_review = add_months(day, guideline.review_months)
    schedule = previous.review_schedule if previous is not None else None
    if schedule is None:
        schedule = schedule_create(
            partnership=guideline.partnership,
            title=str(_("Review the SRO hiring guidelines")),
            interval_months=guideline.review_months,
            next_due=next_review,
            item_id=GUIDELINE_REVIEW_ITEM,
            description=str(
                _("Review and update the hiring guidelines, with comments from the community.")
            ),
            owner=_schedule_owner(by),
        )
    else:
        schedule_done(
            schedule=schedule,
            by=by,
            on=day,
            notes=str(_("Version %(n)d published.") % {"n": guideline.version}),
        )
        schedule.refresh_from_db()
        schedule_update(
            schedule=schedule,
            title=schedule.title,
            interval_months=guideline.review_months,
            next_due=next_review,
            is_active=schedule.is_active,
            item_id=schedule.item_id,
            description=schedule.description,
            owner=_schedule_owner(schedule.owner),
        )
    guideline.status = Guideline.Status.PUBLISHED
    guideline.published_on = day
    guideline.review_schedule = schedule
    guideline.save(update_fields=["status", "published_on", "review_schedule"])
    return guideline


def guideline_next_review(guideline: Guideline) -> datetime.date | None:
    """When a published version is due for review: its rubric schedule, else its timeline."""
    if guideline.status != Guideline.Status.PUBLISHED:
        return None
    schedule = guideline.review_schedule
    if schedule is not None:
        return schedule.next_due if schedule.is_active else None
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


CANDIDATE_OPEN = (Candidate.Status.APPLIED, Candidate.Status.INTERVIEWING)


def candidate_update(
    *,
    candidate: Candidate,
    full_name: str,
    status: str,
    interview_on: datetime.date | None = None,
    notes: str = "",
    today: datetime.date | None = None,
) -> Candidate:
    """Change a candidate's record; withdrawing records the day (and reopening clears it)."""
    if status not in Candidate.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status == Candidate.Status.WITHDRAWN and candidate.status != Candidate.Status.WITHDRAWN:
        candidate.withdrawn_on = today or timezone.localdate()
    elif status != Candidate.Status.WITHDRAWN:
        candidate.withdrawn_on = None
    candidate.full_name = full_name
    candidate.status = status
    candidate.interview_on = interview_on
    candidate.notes = notes
    candidate.full_clean()
    candidate.save()
    return candidate


def candidate_withdraw(*, candidate: Candidate, today: datetime.date | None = None) -> Candidate:
    """The candidate withdrew: their scorecards close; the record stays for the hiring file."""
    return candidate_update(
        candidate=candidate,
        full_name=candidate.full_name,
        status=Candidate.Status.WITHDRAWN,
        interview_on=candidate.interview_on,
        notes=candidate.notes,
        today=today,
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
    if panelist.candidate.status not in CANDIDATE_OPEN and panelist.candidate.status != (
        Candidate.Status.HIRED
    ):
        raise ValidationError(CANDIDATE_CLOSED)
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
    cycle: EvaluationCycle | None = None,
) -> Evaluation:
    """Schedule one evaluation with a designated evaluator, on its own or within a cycle."""
    if not may_evaluate(evaluator, person.partnership_id):
        raise ValidationError(NOT_AN_EVALUATOR)
    staff_allowed = cycle is not None and cycle.include_staff
    if not (person.is_officer or (staff_allowed and person.role == Person.Role.SCHOOL_STAFF)):
        raise ValidationError(NOT_AN_OFFICER)
    if period_end < period_start:
        raise ValidationError(PERIOD_BACKWARDS)
    return Evaluation.objects.create(
        partnership=person.partnership,
        cycle=cycle,
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
    by: Membership | None = None,
) -> Evaluation:
    """Record the evaluator's ratings (training topic id -> 1–4, note) and close it.

    The last evaluation of a cycle to be completed records the cycle's rubric schedule as done.
    """
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
    if evaluation.cycle_id is not None:
        _cycle_maybe_done(evaluation.cycle, by=by, on=evaluation.completed_on)  # type: ignore[arg-type]
    return evaluation


def may_evaluate(member: Membership, partnership_id: int) -> bool:
    """A designated evaluator: an active agency, district, school or partnership leader."""
    return (
        member.partnership_id == partnership_id
        and member.is_active
        and member.role in EVALUATOR_ROLES
    )


def cycle_people(cycle: EvaluationCycle) -> list[Person]:
    """Everyone the cycle should evaluate: active SROs and supervisors (and staff, if chosen)."""
    roles = [Person.Role.SRO, Person.Role.SUPERVISOR]
    if cycle.include_staff:
        roles.append(Person.Role.SCHOOL_STAFF)
    return list(
        Person.objects.for_partnership(cycle.partnership)
        .filter(is_active=True, role__in=roles)
        .select_related("supervisor__member")
    )


def cycle_missing(cycle: EvaluationCycle) -> list[Person]:
    """People the cycle should evaluate who have no evaluation in it yet."""
    have = set(cycle.evaluations.values_list("person_id", flat=True))
    return [p for p in cycle_people(cycle) if p.pk not in have]


def _evaluator_for(person: Person, fallback: Membership) -> Membership:
    """The person's supervisor, when the supervisor has an evaluator account; else the default."""
    supervisor = person.supervisor
    member = supervisor.member if supervisor is not None else None
    if member is not None and may_evaluate(member, person.partnership_id):
        return member
    return fallback


@transaction.atomic
def evaluation_cycle_fill(*, cycle: EvaluationCycle) -> int:
    """Schedule an evaluation for everyone due in the cycle who has none yet; return how many."""
    missing = cycle_missing(cycle)
    for person in missing:
        evaluation_schedule(
            person=person,
            evaluator=_evaluator_for(person, cycle.evaluator),
            period_start=cycle.period_start,
            period_end=cycle.period_end,
            due_on=cycle.due_on,
            cycle=cycle,
        )
    return len(missing)


@transaction.atomic
def evaluation_cycle_start(
    *,
    partnership: Partnership,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_on: datetime.date,
    evaluator: Membership,
    interval_months: int = 12,
    include_staff: bool = False,
    by: Membership | None = None,
) -> EvaluationCycle:
    """Start a round of evaluations for every active SRO, on the rubric schedule for 5.start.1.

    The first cycle creates the schedule; later cycles carry it on (its next due date becomes the
    new cycle's due date), so reminders and the calendar feed follow the evaluation timeline.
    """
    if not may_evaluate(evaluator, partnership.pk):
        raise ValidationError({"evaluator": NOT_AN_EVALUATOR})
    if period_end < period_start:
        raise ValidationError({"period_end": PERIOD_BACKWARDS})
    if interval_months not in Schedule.Interval.values:
        raise ValidationError({"interval_months": BAD_INTERVAL})
    previous = (
        EvaluationCycle.objects.for_partnership(partnership)
        .exclude(schedule=None)
        .select_related("schedule")
        .first()
    )
    schedule = previous.schedule if previous is not None else None
    if schedule is None:
        schedule = schedule_create(
            partnership=partnership,
            title=str(_("SRO evaluation cycle")),
            interval_months=interval_months,
            next_due=due_on,
            item_id=EVALUATION_SCHEDULE_ITEM,
            description=str(
                _("Evaluate every SRO against the trainings and expected capabilities.")
            ),
            owner=_schedule_owner(by),
        )
    else:
        schedule_update(
            schedule=schedule,
            title=schedule.title,
            interval_months=interval_months,
            next_due=due_on,
            is_active=True,
            item_id=schedule.item_id,
            description=schedule.description,
            owner=_schedule_owner(schedule.owner),
        )
    cycle = EvaluationCycle.objects.create(
        partnership=partnership,
        title=title,
        period_start=period_start,
        period_end=period_end,
        due_on=due_on,
        evaluator=evaluator,
        include_staff=include_staff,
        schedule=schedule,
    )
    evaluation_cycle_fill(cycle=cycle)
    return cycle


def evaluation_schedule_of(partnership: Partnership) -> Schedule | None:
    """The active rubric schedule the evaluation cycles follow, for telling candidates and SROs."""
    cycle = (
        EvaluationCycle.objects.for_partnership(partnership)
        .filter(schedule__is_active=True)
        .select_related("schedule")
        .first()
    )
    return cycle.schedule if cycle is not None else None


def _cycle_maybe_done(cycle: EvaluationCycle, *, by: Membership | None, on: datetime.date) -> None:
    """When every evaluation of the cycle is complete, record the rubric schedule as done once."""
    if cycle.evaluations.exclude(status=Evaluation.Status.COMPLETED).exists():
        return
    schedule = cycle.schedule
    if schedule is None or schedule.next_due != cycle.due_on:
        return  # already recorded, or a later cycle has taken the schedule on
    schedule_done(
        schedule=schedule,
        by=by,
        on=min(on, timezone.localdate()),
        notes=str(_("Every evaluation of “%(title)s” completed.") % {"title": cycle.title}),
    )


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
