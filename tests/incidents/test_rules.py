"""Each rule of an incident row, on its own."""

from __future__ import annotations

import datetime

from django.utils import timezone

from secure.incidents import rules

DAY = datetime.date(2024, 3, 15)


def test_incident_date_rule():
    """Tomorrow is refused; today is fine."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert rules.incident_date_rule({"incident_date": tomorrow}) == [
        ("incident_date", rules.DATE_IN_FUTURE)
    ]
    assert rules.incident_date_rule({"incident_date": timezone.localdate()}) == []


def test_narrative_rule():
    """2,000 characters pass; 2,001 do not."""
    assert rules.narrative_rule({"narrative": "x" * 2000}) == []
    assert rules.narrative_rule({"narrative": "x" * 2001}) == [
        ("narrative", rules.NARRATIVE_TOO_LONG)
    ]


def test_age_rule():
    """Ages 3 to 22 only."""
    assert rules.age_rule({"age": 22}) == []
    assert rules.age_rule({"age": 23}) == [("age", rules.AGE_OUT_OF_RANGE)]


def test_age_grade_rule():
    """A 9th grader of 12 to 18 is plausible; of 10 or 19 is not; ungraded is anything."""
    assert rules.age_grade_rule({"age": 12, "grade": "9"}) == []
    assert rules.age_grade_rule({"age": 18, "grade": "9"}) == []
    assert rules.age_grade_rule({"age": 19, "grade": "9"}) == [("age", rules.AGE_GRADE_MISMATCH)]
    assert rules.age_grade_rule({"age": 10, "grade": "9"}) == [("age", rules.AGE_GRADE_MISMATCH)]
    assert rules.age_grade_rule({"age": 19, "grade": "ug"}) == []


def test_force_type_rule():
    """Use of force needs its type; no other action may carry one."""
    assert rules.force_type_rule({"action": "use_of_force", "force_type": ""}) == [
        ("force_type", rules.FORCE_TYPE_REQUIRED)
    ]
    assert rules.force_type_rule({"action": "search", "force_type": "physical"}) == [
        ("force_type", rules.FORCE_TYPE_UNEXPECTED)
    ]
    assert rules.force_type_rule({"action": "use_of_force", "force_type": "restraint"}) == []


def test_questioning_rule():
    """Questioning says whether a parent was notified and rights advised (no counts as an answer)."""
    assert len(rules.questioning_rule({"action": "questioning"})) == 2
    assert (
        rules.questioning_rule(
            {"action": "questioning", "parent_notified": False, "rights_advised": False}
        )
        == []
    )
    assert rules.questioning_rule({"action": "search"}) == []


def test_action_date_rule():
    """An action may not precede the incident."""
    before = DAY - datetime.timedelta(days=1)
    assert rules.action_date_rule({"incident_date": DAY, "action_date": before}) == [
        ("action_date", rules.ACTION_BEFORE_INCIDENT)
    ]
    assert rules.action_date_rule({"incident_date": DAY, "action_date": DAY}) == []


def test_action_details_rule():
    """A row without an action carries no action details."""
    assert rules.action_details_rule({"action": None, "outcome": "released"}) == [
        ("outcome", rules.ACTION_DETAILS_WITHOUT_ACTION)
    ]
    assert rules.action_details_rule({"action": None, "outcome": ""}) == []
