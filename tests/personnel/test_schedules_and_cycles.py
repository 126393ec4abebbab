"""The guideline review and the evaluation cycles run on the rubric's recurring schedules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secure.partnerships.models import School
from secure.personnel.models import Evaluation, EvaluationCycle, Guideline, Person
from secure.personnel.selectors import add_months
from secure.personnel.services import (
    BAD_INTERVAL,
    EVALUATION_SCHEDULE_ITEM,
    GUIDELINE_REVIEW_ITEM,
    NOT_AN_EVALUATOR,
    assignment_add,
    cycle_missing,
    evaluation_complete,
    evaluation_cycle_fill,
    evaluation_cycle_start,
    guideline_draft,
    guideline_next_review,
    guideline_publish,
    guideline_update,
    person_create,
)
from secure.rubric.models import Schedule, ScheduleCompletion
from secure.rubric.services.reminders import reminders_due
from secure.rubric.services.schedules import schedule_update

from .factories import officer_make

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 10)


# Guideline review -----------------------------------------------------------------------------


def test_publishing_the_first_version_creates_the_review_schedule(riverside, members):
    """The review timeline becomes a rubric schedule for 3.improve.1, owned by the publisher."""
    leader = members[("riverside", "agency_leader")]
    first = guideline_draft(partnership=riverside)
    guideline_publish(guideline=first, today=DAY, by=leader)
    schedule = first.review_schedule
    assert schedule is not None and schedule.item_id == GUIDELINE_REVIEW_ITEM
    assert schedule.partnership_id == riverside.pk
    assert schedule.interval_months == 12 and schedule.owner == leader
    assert schedule.next_due == datetime.date(2026, 3, 10)
    assert guideline_next_review(first) == schedule.next_due
    assert not ScheduleCompletion.objects.filter(schedule=schedule).exists()


def test_publishing_a_reviewed_version_records_the_completion(riverside, members):
    """The review that was due is recorded as done; the next falls one timeline after publication."""
    leader = members[("riverside", "district_leader")]
    first = guideline_draft(partnership=riverside)
    guideline_publish(guideline=first, today=DAY, by=leader)
    second = guideline_draft(partnership=riverside)
    guideline_update(
        guideline=second,
        introduction="Reviewed with the student council.",
        review_months=24,
        criteria=[c.text for c in second.criteria.all()],
    )
    published_on = datetime.date(2026, 2, 1)
    guideline_publish(guideline=second, today=published_on, by=leader)
    assert second.review_schedule_id == first.review_schedule_id
    completion = ScheduleCompletion.objects.get(schedule_id=second.review_schedule_id)
    assert completion.due_date == datetime.date(2026, 3, 10)
    assert completion.completed_on == published_on and completion.completed_by == leader
    assert "2" in completion.notes
    schedule = Schedule.objects.get(pk=second.review_schedule_id)
    assert schedule.interval_months == 24
    assert schedule.next_due == datetime.date(2028, 2, 1)
    assert Schedule.objects.filter(partnership=riverside).count() == 1
    first.refresh_from_db()
    assert first.status == Guideline.Status.SUPERSEDED
    assert guideline_next_review(first) is None


def test_a_paused_review_schedule_records_nothing(riverside, members):
    leader = members[("riverside", "agency_leader")]
    first = guideline_draft(partnership=riverside)
    guideline_publish(guideline=first, today=DAY, by=leader)
    schedule = first.review_schedule
    schedule_update(
        schedule=schedule,
        title=schedule.title,
        interval_months=12,
        next_due=schedule.next_due,
        is_active=False,
        item_id=schedule.item_id,
    )
    second = guideline_draft(partnership=riverside)
    guideline_publish(guideline=second, today=DAY + datetime.timedelta(days=30), by=leader)
    assert not ScheduleCompletion.objects.filter(schedule=schedule).exists()
    assert guideline_next_review(second) is None  # paused: no date promised


def test_the_review_uses_the_rubric_reminders(riverside, members):
    """The rubric's daily reminder run picks the review up before it is due, and once overdue."""
    leader = members[("riverside", "agency_leader")]
    first = guideline_draft(partnership=riverside)
    guideline_publish(guideline=first, today=DAY, by=leader)
    due = first.review_schedule.next_due
    titles = [
        r.title
        for r in reminders_due(partnership=riverside, today=due - datetime.timedelta(days=3))
    ]
    assert "Review the SRO hiring guidelines" in titles
    late = reminders_due(partnership=riverside, today=due + datetime.timedelta(days=1))
    assert any(
        r.title == "Review the SRO hiring guidelines" and r.recipients == [leader] for r in late
    )
    assert reminders_due(partnership=riverside, today=DAY) == []


def test_review_interval_must_be_a_rubric_interval(riverside):
    draft = guideline_draft(partnership=riverside)
    with pytest.raises(ValidationError) as error:
        guideline_update(guideline=draft, introduction="", review_months=7, criteria=["Respect"])
    assert str(BAD_INTERVAL) in error.value.messages
    draft.refresh_from_db()
    assert draft.review_months == 12


def test_publishing_from_the_page_records_who_reviewed(riverside, members, client_for):
    leader = members[("riverside", "agency_leader")]
    guideline_publish(guideline=guideline_draft(partnership=riverside), today=DAY, by=leader)
    draft = guideline_draft(partnership=riverside)
    url = reverse(
        "personnel:guideline_publish", kwargs={"partnership_slug": "riverside", "pk": draft.pk}
    )
    assert client_for("riverside", "school_admin").post(url).status_code == 403
    assert client_for("riverside", "agency_leader").post(url).status_code == 302
    completion = ScheduleCompletion.objects.get(partnership=riverside)
    assert completion.completed_by == leader
    assert completion.completed_on == timezone.localdate()
    page = client_for("riverside", "agency_leader").get(
        reverse(
            "personnel:guideline_detail", kwargs={"partnership_slug": "riverside", "pk": draft.pk}
        )
    )
    assert (
        reverse(
            "rubric:schedule_detail",
            kwargs={"partnership_slug": "riverside", "pk": completion.schedule_id},
        )
        in page.content.decode()
    )


def test_the_edit_form_offers_only_rubric_intervals_and_keeps_input(riverside, client_for):
    draft = guideline_draft(partnership=riverside)
    url = reverse(
        "personnel:guideline_edit", kwargs={"partnership_slug": "riverside", "pk": draft.pk}
    )
    response = client_for("riverside", "agency_leader").post(
        url, {"introduction": "Kept text", "review_months": "7", "criteria": "Respect"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kept text" in body and "usa-error-message" in body


# Evaluation cycles ----------------------------------------------------------------------------


def _people(riverside, members):
    school = School.objects.get(partnership=riverside)
    supervisor = person_create(
        partnership=riverside,
        full_name="Sgt. Rivera",
        role=Person.Role.SUPERVISOR,
        sworn=True,
        member=members[("riverside", "agency_leader")],
    )
    pat = officer_make(riverside, "Pat Officer", supervisor=supervisor)
    sam = officer_make(riverside, "Sam Officer")
    gone = officer_make(riverside, "Gone Officer", is_active=False)
    staff = person_create(
        partnership=riverside, full_name="Counsellor Kim", role=Person.Role.SCHOOL_STAFF
    )
    for p in (pat, sam, staff):
        assignment_add(person=p, school=school, starts_on=datetime.date(2024, 8, 1))
    return supervisor, pat, sam, gone, staff


def _start(riverside, members, **fields):
    defaults = {
        "partnership": riverside,
        "title": "SRO evaluations 2024-25",
        "period_start": datetime.date(2024, 8, 1),
        "period_end": datetime.date(2025, 6, 30),
        "due_on": datetime.date(2025, 7, 31),
        "evaluator": members[("riverside", "school_admin")],
        "by": members[("riverside", "partnership_admin")],
    }
    return evaluation_cycle_start(**{**defaults, **fields})


def test_a_cycle_schedules_every_active_officer_with_the_right_evaluator(riverside, members):
    supervisor, pat, sam, _gone, _staff = _people(riverside, members)
    cycle = _start(riverside, members)
    evaluations = {e.person: e for e in cycle.evaluations.select_related("evaluator")}
    assert set(evaluations) == {supervisor, pat, sam}  # not the inactive one, not staff
    # Pat's supervisor has an agency-leader account: they evaluate Pat; others get the default.
    assert evaluations[pat].evaluator == members[("riverside", "agency_leader")]
    assert evaluations[sam].evaluator == members[("riverside", "school_admin")]
    assert all(e.due_on == cycle.due_on and e.status == "scheduled" for e in evaluations.values())
    schedule = cycle.schedule
    assert schedule.item_id == EVALUATION_SCHEDULE_ITEM
    assert schedule.next_due == cycle.due_on and schedule.interval_months == 12
    assert cycle_missing(cycle) == []


def test_a_cycle_can_include_the_school_staff(riverside, members):
    *_officers, staff = _people(riverside, members)
    cycle = _start(riverside, members, include_staff=True)
    assert cycle.evaluations.filter(person=staff).exists()


def test_a_cycle_refuses_a_non_evaluator_and_a_backwards_period(riverside, members):
    _people(riverside, members)
    with pytest.raises(ValidationError) as error:
        _start(riverside, members, evaluator=members[("riverside", "sro")])
    assert str(NOT_AN_EVALUATOR) in error.value.messages
    with pytest.raises(ValidationError):
        _start(riverside, members, evaluator=members[("lakeside", "agency_leader")])
    with pytest.raises(ValidationError):
        _start(riverside, members, period_end=datetime.date(2024, 1, 1))
    assert not EvaluationCycle.objects.exists()
    assert not Schedule.objects.exists()


def test_people_who_become_due_are_added_later(riverside, members):
    _people(riverside, members)
    cycle = _start(riverside, members)
    newcomer = officer_make(riverside, "New Officer")
    assert cycle_missing(cycle) == [newcomer]
    assert evaluation_cycle_fill(cycle=cycle) == 1
    assert evaluation_cycle_fill(cycle=cycle) == 0
    assert cycle.evaluations.filter(person=newcomer).exists()


def test_finishing_every_evaluation_records_the_schedule_once(riverside, members):
    _people(riverside, members)
    cycle = _start(riverside, members)
    admin = members[("riverside", "partnership_admin")]
    evaluations = list(cycle.evaluations.all())
    for e in evaluations[:-1]:
        evaluation_complete(
            evaluation=e, ratings={}, fit_review="", feedback="", summary="Fine.", by=admin
        )
    assert not ScheduleCompletion.objects.filter(schedule=cycle.schedule).exists()
    evaluation_complete(
        evaluation=evaluations[-1],
        ratings={},
        fit_review="",
        feedback="",
        summary="Fine.",
        today=datetime.date(2025, 7, 20),
        by=admin,
    )
    completion = ScheduleCompletion.objects.get(schedule=cycle.schedule)
    assert completion.due_date == cycle.due_on and completion.completed_by == admin
    cycle.schedule.refresh_from_db()
    assert cycle.schedule.next_due == add_months(cycle.due_on, 12)


def test_the_next_cycle_carries_the_same_schedule_on(riverside, members):
    _people(riverside, members)
    first = _start(riverside, members)
    second = _start(
        riverside,
        members,
        title="SRO evaluations 2025-26",
        period_start=datetime.date(2025, 8, 1),
        period_end=datetime.date(2026, 6, 30),
        due_on=datetime.date(2026, 7, 31),
        interval_months=6,
    )
    assert second.schedule_id == first.schedule_id
    second.schedule.refresh_from_db()
    assert second.schedule.next_due == datetime.date(2026, 7, 31)
    assert second.schedule.interval_months == 6
    assert Schedule.objects.filter(item_id=EVALUATION_SCHEDULE_ITEM).count() == 1


def test_the_cycle_page_shows_who_is_overdue(riverside, members, client_for):
    _people(riverside, members)
    cycle = _start(riverside, members, due_on=timezone.localdate() - datetime.timedelta(days=3))
    done = cycle.evaluations.first()
    evaluation_complete(evaluation=done, ratings={}, fit_review="", feedback="", summary="Ok.")
    url = cycle.get_absolute_url()
    body = client_for("riverside", "district_leader").get(url).content.decode()
    assert "1 of 3 evaluations completed; 2 overdue." in body
    assert body.count("Overdue") == 2
    # Only leaders see evaluations; an SRO cannot, another partnership gets 404.
    assert client_for("riverside", "sro").get(url).status_code == 403
    other = reverse(
        "personnel:cycle_detail", kwargs={"partnership_slug": "lakeside", "pk": cycle.pk}
    )
    assert client_for("lakeside", "partnership_admin").get(other).status_code == 404


def test_adding_late_comers_from_the_page_is_for_managers(riverside, members, client_for):
    _people(riverside, members)
    cycle = _start(riverside, members)
    officer_make(riverside, "New Officer")
    url = cycle.get_absolute_url()
    assert client_for("riverside", "auditor").post(url).status_code == 403
    assert cycle.evaluations.count() == 3
    assert client_for("riverside", "agency_leader").post(url).status_code == 302
    assert cycle.evaluations.count() == 4


def test_starting_a_cycle_from_the_page(riverside, members, client_for):
    _people(riverside, members)
    url = reverse("personnel:cycle_create", kwargs={"partnership_slug": "riverside"})
    data = {
        "title": "Yearly SRO evaluations",
        "period_start": "2024-08-01",
        "period_end": "2024-01-01",
        "due_on": "2025-07-31",
        "interval_months": "12",
        "evaluator": members[("riverside", "school_admin")].pk,
    }
    assert client_for("riverside", "auditor").get(url).status_code == 403
    leader = client_for("riverside", "agency_leader")
    bad = leader.post(url, data)
    assert bad.status_code == 200 and "Yearly SRO evaluations" in bad.content.decode()
    assert not EvaluationCycle.objects.exists()
    response = leader.post(url, {**data, "period_end": "2025-06-30"})
    cycle = EvaluationCycle.objects.get(partnership=riverside)
    assert response.status_code == 302 and response["Location"] == cycle.get_absolute_url()
    assert cycle.evaluations.count() == 3
    listing = leader.get(
        reverse("personnel:evaluation_list", kwargs={"partnership_slug": "riverside"})
    )
    assert "Yearly SRO evaluations" in listing.content.decode()


def test_the_schedule_is_told_to_candidates_on_the_public_page(riverside, members, client):
    _people(riverside, members)
    guideline_publish(guideline=guideline_draft(partnership=riverside), today=DAY)
    _start(riverside, members)
    page = client.get(
        reverse("personnel:public_guidelines", kwargs={"partnership_slug": "riverside"})
    )
    assert page.status_code == 200
    assert "SROs are evaluated on a regular schedule (every year)" in page.content.decode()


def test_cycle_evaluations_are_audited(riverside, members):
    from secure.audit.models import AuditEvent

    _people(riverside, members)
    cycle = _start(riverside, members)
    assert AuditEvent.objects.filter(
        content_type__model="evaluationcycle", object_id=str(cycle.pk)
    ).exists()
    assert AuditEvent.objects.filter(content_type__model="evaluation").count() == 3
    assert Evaluation.objects.filter(cycle=cycle).count() == 3


def test_drafters_see_the_comments_while_editing(riverside, client_for):
    from secure.personnel.models.hiring import StakeholderGroup
    from secure.personnel.services import guideline_comment_add

    draft = guideline_draft(partnership=riverside)
    guideline_comment_add(
        guideline=draft,
        group=StakeholderGroup.STUDENTS,
        body="Ask how they would handle a hallway argument.",
    )
    url = reverse(
        "personnel:guideline_edit", kwargs={"partnership_slug": "riverside", "pk": draft.pk}
    )
    body = client_for("riverside", "agency_leader").get(url).content.decode()
    assert "Ask how they would handle a hallway argument." in body and "Students" in body


def test_an_owner_who_left_does_not_block_the_next_publication(riverside, members):
    leader = members[("riverside", "agency_leader")]
    guideline_publish(guideline=guideline_draft(partnership=riverside), today=DAY, by=leader)
    leader.is_active = False
    leader.save()
    second = guideline_draft(partnership=riverside)
    admin = members[("riverside", "partnership_admin")]
    guideline_publish(guideline=second, today=DAY + datetime.timedelta(days=60), by=admin)
    schedule = Schedule.objects.get(pk=second.review_schedule_id)
    assert schedule.owner is None  # reminders go to the administrators
    assert ScheduleCompletion.objects.get(schedule=schedule).completed_by == admin
