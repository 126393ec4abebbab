"""Each rubric rule on its own."""

from __future__ import annotations

import datetime

import pytest

from secure.partnerships.models import Membership
from secure.partnerships.roles import Role
from secure.rubric import rules
from secure.rubric.models import AssessmentItem

S = AssessmentItem.Status
D = datetime.date


def test_school_years_start_in_july():
    """June belongs to the year that began the previous July."""
    assert rules.school_year_of(D(2026, 6, 30)) == 2025
    assert rules.school_year_of(D(2026, 7, 1)) == 2026


def test_adding_months_clamps_to_the_end_of_the_month():
    """January 31 plus one month is the last day of February; years roll over."""
    assert rules.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert rules.add_months(D(2027, 11, 15), 3) == D(2028, 2, 15)
    assert rules.add_months(D(2026, 3, 31), -1) == D(2026, 2, 28)


def test_the_next_occurrence_keeps_the_timeline():
    """Doing a quarterly review late does not push the following one back."""
    assert rules.next_due_after_completion(D(2026, 1, 15), 3) == D(2026, 4, 15)


@pytest.mark.parametrize(
    ("children", "allowed"),
    [
        ([S.DONE, S.NOT_APPLICABLE], True),
        ([S.DONE, S.IN_PROGRESS], False),
        ([], True),
    ],
)
def test_a_parent_is_done_only_when_its_sub_items_are_settled(children, allowed):
    """Sub-items must each be done or not applicable."""
    assert rules.children_allow_done(children) is allowed


@pytest.mark.parametrize(
    ("children", "rolled"),
    [
        ([S.NOT_STARTED, S.NOT_STARTED], S.NOT_STARTED),
        ([S.NOT_STARTED, S.DONE], S.IN_PROGRESS),
        ([S.DONE, S.NOT_APPLICABLE], S.DONE),
        ([S.NOT_APPLICABLE, S.NOT_APPLICABLE], S.NOT_APPLICABLE),
    ],
)
def test_sub_items_roll_up(children, rolled):
    """The roll-up moves to in progress once any sub-item moves, and to done once all settle."""
    assert rules.rollup_status(children) == rolled


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (D(2026, 9, 1), None),
        (D(2026, 9, 17), "upcoming"),
        (D(2026, 9, 30), "upcoming"),
        (D(2026, 10, 1), "due"),
        (D(2026, 10, 2), "overdue"),
    ],
)
def test_which_reminder_is_due(today, kind):
    """Upcoming within the lead time, due on the day, overdue after it."""
    assert rules.reminder_kind(due=D(2026, 10, 1), today=today, days_before=14) == kind


def test_overdue_reminders_repeat_weekly():
    """The overdue key changes once a week, so a daily run sends one overdue reminder a week."""
    due = D(2026, 10, 1)
    keys = {
        rules.reminder_key(
            subject="s:1", due=due, kind="overdue", today=due + datetime.timedelta(days=n)
        )
        for n in range(1, 15)
    }
    assert len(keys) == 3  # days 1–6, 7–13, 14


@pytest.mark.parametrize(
    ("role", "owns", "allowed"),
    [
        (Role.DISTRICT_LEADER, False, True),
        (Role.SCHOOL_ADMIN, True, True),
        (Role.SCHOOL_ADMIN, False, False),
        (Role.AUDITOR, True, False),
        (Role.COMMUNITY_STAKEHOLDER, True, False),
    ],
)
def test_who_may_work_on_an_item(role, owns, allowed):
    """Leaders work on anything; other staff on what they own; auditors and stakeholders on nothing."""
    member = Membership(pk=7, role=role, is_active=True)
    assert rules.may_work_on(member, 7 if owns else 8) is allowed


@pytest.mark.parametrize(
    ("role", "setting", "allowed"),
    [
        (Role.SRO, False, True),
        (Role.COMMUNITY_STAKEHOLDER, False, False),
        (Role.COMMUNITY_STAKEHOLDER, True, True),
        (Role.AUDITOR, True, False),
    ],
)
def test_who_may_comment(role, setting, allowed):
    """Stakeholders comment only where the partnership allows it; auditors never."""
    member = Membership(role=role, is_active=True)
    assert rules.may_comment(member, stakeholders_may_comment=setting) is allowed


def test_inactive_members_cannot_own():
    """A deactivated member can no longer be given tasks."""
    assert not rules.may_own(Membership(role=Role.SRO, is_active=False))
