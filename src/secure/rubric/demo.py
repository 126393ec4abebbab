"""Demo content: last year's completed Start assessment, this year's Improve assessment in
progress, and the schedules the Improve checklist asks for (one of them overdue).

Everything is made up and dated relative to today, so the demo always has something due soon,
something overdue and a year to compare with.
"""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from secure.partnerships.models import Membership, Partnership
from secure.partnerships.roles import Role

from . import rules, services
from .content import rubric_load
from .models import Assessment, AssessmentItem, Schedule

S = AssessmentItem.Status

# Last year's Start pass: what was not done, and what the partnership set aside (with why).
_START_OPEN = {"1.start.2": S.IN_PROGRESS, "5.start.2": S.IN_PROGRESS, "5.start.3": S.NOT_STARTED}
_START_NA = {
    "3.start.1.7": "Public speaking is assessed in the agency's general promotion exam.",
    "3.start.1.9": "The agency sets experience requirements in its collective agreement.",
}
# This year's Improve pass: status, owner role, due date in days from today (None: no date).
_IMPROVE: dict[str, tuple[str, Role | None, int | None]] = {
    "1.improve.1.1": (S.DONE, Role.DATA_ANALYST, None),
    "1.improve.1.2": (S.IN_PROGRESS, Role.DATA_ANALYST, 10),
    "1.improve.1": (S.IN_PROGRESS, Role.DISTRICT_LEADER, 40),
    "1.improve.2.1": (S.DONE, Role.DISTRICT_LEADER, None),
    "1.improve.2.2": (S.NOT_STARTED, Role.DISTRICT_LEADER, 90),
    "1.improve.2.4": (S.IN_PROGRESS, Role.SCHOOL_ADMIN, -12),
    "1.improve.2": (S.IN_PROGRESS, Role.DISTRICT_LEADER, 120),
    "2.improve.1": (S.DONE, Role.DATA_ANALYST, None),
    "2.improve.2": (S.IN_PROGRESS, Role.DISTRICT_LEADER, -5),
    "3.improve.1": (S.DONE, Role.AGENCY_LEADER, None),
    "3.improve.2.1": (S.DONE, Role.AGENCY_LEADER, None),
    "3.improve.2.5": (S.DONE, Role.AGENCY_LEADER, None),
    "3.improve.2.6": (S.IN_PROGRESS, Role.AGENCY_LEADER, 25),
    "3.improve.2": (S.IN_PROGRESS, Role.AGENCY_LEADER, 150),
    "4.improve.1": (S.IN_PROGRESS, Role.DATA_ANALYST, 20),
    "4.improve.4": (S.IN_PROGRESS, Role.SRO, 60),
    "4.improve.5": (S.NOT_STARTED, Role.AGENCY_LEADER, -20),
    "5.improve.1": (S.NOT_STARTED, Role.SCHOOL_ADMIN, None),
}
_SCHEDULES = [
    # title, item, months, owner role, next due in days from today, completions to record
    ("Review and revise the MOU with stakeholders", "1.improve.2", 12, Role.DISTRICT_LEADER, 45, 1),
    ("Review and update SRO hiring guidelines", "3.improve.1", 12, Role.AGENCY_LEADER, 120, 1),
    (
        "Review discipline and arrest data with SROs and staff",
        "4.improve.1",
        3,
        Role.DATA_ANALYST,
        -9,
        2,
    ),
    ("Ask SROs and staff what training works", "4.improve.2", 6, Role.AGENCY_LEADER, 6, 1),
    ("Update SRO training manual and staff handbook", "4.improve.3", 12, Role.SCHOOL_ADMIN, 200, 0),
]


def _members(partnership: Partnership) -> dict[str, Membership]:
    found: dict[str, Membership] = {}
    for membership in Membership.objects.for_partnership(partnership).select_related("user"):
        found.setdefault(membership.role, membership)
    return found


def _start_last_year(partnership: Partnership, year: int, members: dict[str, Membership]) -> None:
    assessment = services.assessment_start(
        partnership=partnership,
        school_year=year,
        path=Assessment.Path.START,
        started_on=datetime.date(year, 8, 15),
    )
    owners = {1: Role.DISTRICT_LEADER, 2: Role.DISTRICT_LEADER, 3: Role.AGENCY_LEADER}
    owners |= {4: Role.AGENCY_LEADER, 5: Role.SCHOOL_ADMIN}
    # Sub-items first, so that each parent's sub-items are settled before it is marked done.
    for row in reversed(list(assessment.items.order_by("order"))):
        status = _START_OPEN.get(row.item_id, S.DONE)
        reason = _START_NA.get(row.item_id, "")
        if reason:
            status = S.NOT_APPLICABLE
        services.assessment_item_update(
            item=row,
            status=status,
            na_reason=reason,
            owner=members.get(owners[row.step]),
            due_date=datetime.date(year + 1, 5, 31),
            notes="Carried into this year's plan." if status in _START_OPEN.values() else "",
        )
    services.assessment_complete(assessment=assessment, completed_on=datetime.date(year + 1, 6, 30))


def _improve_this_year(
    partnership: Partnership, year: int, today: datetime.date, members: dict[str, Membership]
) -> None:
    assessment = services.assessment_start(
        partnership=partnership,
        school_year=year,
        path=Assessment.Path.IMPROVE,
        copy_owners=True,
        started_on=min(datetime.date(year, 8, 20), today),
    )
    rows = {row.item_id: row for row in assessment.items.all()}
    for item_id, (status, role, days) in _IMPROVE.items():
        services.assessment_item_update(
            item=rows[item_id],
            status=status,
            owner=members.get(role) if role else None,
            due_date=today + datetime.timedelta(days=days) if days is not None else None,
            notes="",
        )
    leader = members[Role.DISTRICT_LEADER]
    services.assessment_item_update(
        item=rows["1.improve.2.3"],
        status=S.NOT_APPLICABLE,
        na_reason="The state has no SRO policy body this year; revisit when the task force meets.",
        owner=leader,
        notes="",
    )
    rows["1.improve.1.1"].refresh_from_db()
    services.item_evidence_add_link(
        item=rows["1.improve.1.1"],
        by=members[Role.DATA_ANALYST],
        title="Discipline and arrests dashboard (made-up demo address)",
        url=f"https://data.example.org/{partnership.slug}/discipline",
    )
    services.item_evidence_add_file(
        item=rows["2.improve.1"],
        by=members[Role.DATA_ANALYST],
        title="Data collection procedure",
        upload=SimpleUploadedFile(
            "data-collection-procedure.txt",
            b"Made-up demo document.\nEach month the agency sends stops, searches, citations,\n"
            b"arrests and uses of force at school, by school, to the district's data office.\n",
        ),
    )
    services.rubric_settings_update(
        partnership=partnership, stakeholders_may_comment=True, reminder_days_before=14
    )
    services.item_comment_add(
        item=rows["1.improve.2.1"],
        by=members[Role.COMMUNITY_STAKEHOLDER],
        body="The parents council asks for the draft two weeks before the revision meeting.",
    )
    services.item_comment_add(
        item=rows["1.improve.2.4"],
        by=members[Role.SCHOOL_ADMIN],
        body="Copies went to the high schools; middle schools still to do.",
    )


def _schedules(
    partnership: Partnership, today: datetime.date, members: dict[str, Membership]
) -> None:
    for title, item_id, months, role, days, done in _SCHEDULES:
        target = today + datetime.timedelta(days=days)
        schedule: Schedule = services.schedule_create(
            partnership=partnership,
            title=title,
            item_id=item_id,
            interval_months=months,
            next_due=rules.add_months(target, -months * done),
            owner=members.get(role),
        )
        for _n in range(done):
            services.schedule_complete(
                schedule=schedule,
                by=members[role],
                completed_on=min(schedule.next_due + datetime.timedelta(days=3), today),
                notes="Done at the partnership meeting; minutes filed.",
            )
        if schedule.next_due != target:  # month-end clamping can shift the date by a day or two
            services.schedule_update(
                schedule=schedule,
                title=title,
                item_id=item_id,
                interval_months=months,
                next_due=target,
                is_active=True,
                owner=members.get(role),
            )


def demo_seed_rubric(partnership: Partnership) -> None:
    """Add the rubric's demo content to one demo partnership."""
    today = timezone.localdate()
    this_year = rules.school_year_of(today)
    members = _members(partnership)
    assert rubric_load().edition
    _start_last_year(partnership, this_year - 1, members)
    _improve_this_year(partnership, this_year, today, members)
    _schedules(partnership, today, members)
