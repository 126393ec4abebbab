"""Assessment cycles: starting one on a path, changing items, the rules on statuses, progress."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.audit.models import AuditEvent
from secure.partnerships.roles import Role
from secure.rubric import selectors, services
from secure.rubric.models import Assessment, AssessmentItem
from secure.rubric.services import assessments as A

from .factories import assessment_make

pytestmark = pytest.mark.django_db
S = AssessmentItem.Status


def _item(assessment, item_id):
    return assessment.items.get(item_id=item_id)


def test_each_path_lists_the_items_of_its_checklists(riverside):
    """Start lists the 36 Start items, Improve the 29 Improve items, Start then Improve all 65."""
    counts = {}
    for year, path in enumerate(Assessment.Path.values, start=2020):
        cycle = assessment_make(riverside, path=path, year=year)
        counts[path] = cycle.items.count()
        assert cycle.edition == "secure-2016" and cycle.status == Assessment.Status.OPEN
    assert counts == {"start": 36, "improve": 29, "start_improve": 65}


def test_one_assessment_per_school_year(riverside, lakeside):
    """A second cycle for the same year is refused; another partnership may use the year."""
    assessment_make(riverside, year=2025)
    with pytest.raises(ValidationError) as error:
        assessment_make(riverside, year=2025)
    assert "2025–26" in str(error.value)
    assessment_make(lakeside, year=2025)


def test_not_applicable_needs_a_reason(riverside):
    """Setting an item aside must say why."""
    row = _item(assessment_make(riverside), "3.start.1.9")
    with pytest.raises(ValidationError) as error:
        services.assessment_item_update(item=row, status=S.NOT_APPLICABLE, na_reason="  ")
    assert error.value.message_dict["na_reason"] == [str(A.NA_NEEDS_REASON)]
    services.assessment_item_update(
        item=row, status=S.NOT_APPLICABLE, na_reason="State law sets it."
    )
    assert row.na_reason == "State law sets it."


def test_a_parent_is_not_done_before_its_sub_items(riverside):
    """'Draft an MOU' can be done only once its four sub-items are done or not applicable."""
    cycle = assessment_make(riverside)
    parent = _item(cycle, "1.start.3")
    with pytest.raises(ValidationError) as error:
        services.assessment_item_update(item=parent, status=S.DONE)
    assert error.value.message_dict["status"] == [str(A.PARENT_HAS_OPEN_SUB_ITEMS)]
    for n in (1, 2, 3):
        services.assessment_item_update(item=_item(cycle, f"1.start.3.{n}"), status=S.DONE)
    services.assessment_item_update(
        item=_item(cycle, "1.start.3.4"), status=S.NOT_APPLICABLE, na_reason="No local data yet."
    )
    services.assessment_item_update(item=parent, status=S.DONE)
    entry = selectors.item_row(row=parent)
    assert entry.rollup.done == 3 and entry.rollup.applicable == 3
    assert entry.rollup_status == S.DONE


def test_owners_must_be_active_staff_of_the_partnership(riverside, lakeside, members):
    """Auditors, stakeholders and other partnerships' members cannot own items."""
    row = _item(assessment_make(riverside), "2.start.5")
    for bad in (
        members[("riverside", Role.AUDITOR)],
        members[("riverside", Role.COMMUNITY_STAKEHOLDER)],
        members[("lakeside", Role.DISTRICT_LEADER)],
    ):
        with pytest.raises(ValidationError) as error:
            services.assessment_item_update(item=row, status=S.NOT_STARTED, owner=bad)
        assert error.value.message_dict["owner"] == [str(A.OWNER_NOT_ELIGIBLE)]
    principal = members[("riverside", Role.SCHOOL_ADMIN)]
    services.assessment_item_update(item=row, status=S.NOT_STARTED, owner=principal)
    assert row.owner == principal


def test_a_completed_assessment_is_read_only_until_reopened(riverside):
    """Completing freezes the items; reopening allows changes again."""
    cycle = assessment_make(riverside)
    services.assessment_complete(assessment=cycle)
    row = _item(cycle, "2.start.1")
    with pytest.raises(ValidationError, match="Reopen it"):
        services.assessment_item_update(item=row, status=S.DONE)
    services.assessment_reopen(assessment=cycle)
    row = _item(cycle, "2.start.1")
    services.assessment_item_update(item=row, status=S.DONE)
    with pytest.raises(ValidationError):
        services.assessment_reopen(assessment=cycle)


def test_owners_report_progress_on_their_own_items_only(riverside, members):
    """A principal updates the item they own, not someone else's; leaders update any."""
    cycle = assessment_make(riverside)
    principal = members[("riverside", Role.SCHOOL_ADMIN)]
    mine, other = _item(cycle, "4.start.3"), _item(cycle, "4.start.4")
    services.assessment_item_update(item=mine, status=S.NOT_STARTED, owner=principal)
    services.assessment_item_progress(
        item=mine, by=principal, status=S.IN_PROGRESS, notes="Staff PD set."
    )
    assert (mine.status, mine.notes) == (S.IN_PROGRESS, "Staff PD set.")
    with pytest.raises(ValidationError, match="owner or a partnership leader"):
        services.assessment_item_progress(item=other, by=principal, status=S.DONE)
    leader = members[("riverside", Role.AGENCY_LEADER)]
    services.assessment_item_progress(item=other, by=leader, status=S.DONE)


def test_progress_counts_by_step_and_leaves_out_what_does_not_apply(riverside):
    """Percentages are of applicable items; each step and checklist is counted separately."""
    cycle = assessment_make(riverside)
    services.assessment_item_update(item=_item(cycle, "2.start.1"), status=S.DONE)
    services.assessment_item_update(item=_item(cycle, "2.start.2"), status=S.IN_PROGRESS)
    services.assessment_item_update(
        item=_item(cycle, "2.start.3"), status=S.NOT_APPLICABLE, na_reason="Covered elsewhere."
    )
    progress = selectors.assessment_progress(assessment=cycle)
    step2 = progress.steps[1]
    assert step2.by_checklist["start"].as_dict() == {
        "total": 5,
        "done": 1,
        "in_progress": 1,
        "not_started": 2,
        "not_applicable": 1,
        "percent_done": 25,
    }
    assert step2.all.total == 8 and step2.all.percent == 14
    assert progress.overall.total == 65 and progress.overall.done == 1


def test_year_over_year_compares_shared_items(riverside):
    """The comparison lists each cycle's step progress and the items whose status changed."""
    last = assessment_make(riverside, path=Assessment.Path.IMPROVE, year=2024)
    services.assessment_item_update(item=_item(last, "5.improve.1"), status=S.IN_PROGRESS)
    services.assessment_complete(assessment=last)
    this = assessment_make(riverside, path=Assessment.Path.IMPROVE, year=2025)
    services.assessment_item_update(item=_item(this, "5.improve.1"), status=S.DONE)
    data = selectors.cycles_compare(partnership=riverside)
    assert [cycle.school_year for cycle, _p in data["progress"]] == [2024, 2025]
    assert [(c.item.id, c.before, c.after) for c in data["changes"]] == [
        ("5.improve.1", S.IN_PROGRESS, S.DONE)
    ]


def test_a_new_cycle_can_keep_last_cycles_owners(riverside, members):
    """Owners carry over item by item when the leader asks for it."""
    last = assessment_make(riverside, path=Assessment.Path.IMPROVE, year=2024)
    analyst = members[("riverside", Role.DATA_ANALYST)]
    services.assessment_item_update(item=_item(last, "4.improve.1"), status=S.DONE, owner=analyst)
    this = services.assessment_start(
        partnership=riverside, school_year=2025, path=Assessment.Path.IMPROVE, copy_owners=True
    )
    assert _item(this, "4.improve.1").owner == analyst
    assert _item(this, "4.improve.2").owner is None


def test_changes_are_in_the_audit_trail(riverside, members, client_for):
    """Starting a cycle and changing an item through the web are recorded with who did it."""
    client = client_for("riverside", Role.DISTRICT_LEADER)
    client.post(
        reverse("rubric:assessment_create", args=["riverside"]),
        {"school_year": "2025", "path": "improve", "copy_owners": "on"},
    )
    cycle = Assessment.objects.get(partnership=riverside)
    client.post(
        reverse("rubric:item_update", args=["riverside", cycle.pk, "1.improve.1.1"]),
        {"status": "in_progress", "notes": "Pulling last year's data."},
    )
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.UPDATE,
        content_type__model="assessmentitem",
        object_id=str(_item(cycle, "1.improve.1.1").pk),
    )
    assert event.actor_id == members[("riverside", Role.DISTRICT_LEADER)].user_id
    assert event.changes["status"] == ["not_started", "in_progress"]


def test_starting_and_running_a_cycle_in_the_web(riverside, members, client_for):
    """A leader starts a Start cycle, sets an owner and date; the item page and plan show them."""
    client = client_for("riverside", Role.AGENCY_LEADER)
    response = client.post(
        reverse("rubric:assessment_create", args=["riverside"]),
        {"school_year": "2025", "path": "start"},
    )
    cycle = Assessment.objects.get(partnership=riverside)
    assert response["Location"] == reverse("rubric:assessment_detail", args=["riverside", cycle.pk])
    sro = members[("riverside", Role.SRO)]
    response = client.post(
        reverse("rubric:item_update", args=["riverside", cycle.pk, "4.start.4"]),
        {"status": "in_progress", "owner": sro.pk, "due_date": "2020-01-15", "notes": ""},
    )
    assert response.status_code == 302
    page = client.get(reverse("rubric:item_detail", args=["riverside", cycle.pk, "4.start.4"]))
    assert "Train SROs to exercise discretion" in page.content.decode()
    plan = client.get(reverse("rubric:action_plan", args=["riverside"])).content.decode()
    assert "Overdue" in plan and "4.start.4" in plan


def test_bad_item_input_is_explained_and_kept(riverside, members, client_for):
    """Not applicable without a reason re-shows the form with the error and the notes typed."""
    cycle = assessment_make(riverside)
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    response = client.post(
        reverse("rubric:item_update", args=["riverside", cycle.pk, "5.start.2"]),
        {"status": "not_applicable", "na_reason": "", "notes": "Kept text"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert str(A.NA_NEEDS_REASON) in page and "Kept text" in page


def test_completing_and_reopening_in_the_web(riverside, members, client_for):
    """The status page completes an open cycle and reopens a completed one."""
    cycle = assessment_make(riverside)
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    url = reverse("rubric:assessment_status", args=["riverside", cycle.pk])
    assert "items are not done" in client.get(url).content.decode()
    client.post(url)
    cycle.refresh_from_db()
    assert cycle.status == Assessment.Status.COMPLETED and cycle.completed_on
    client.post(url)
    cycle.refresh_from_db()
    assert cycle.status == Assessment.Status.OPEN


def test_an_unknown_item_id_is_not_found(riverside, members, client_for):
    """Item pages exist only for the items of the assessment."""
    cycle = assessment_make(riverside, path=Assessment.Path.START)
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    assert (
        client.get(
            reverse("rubric:item_detail", args=["riverside", cycle.pk, "1.improve.1"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("rubric:item_detail", args=["riverside", cycle.pk, "9.start.1"])
        ).status_code
        == 404
    )


def test_spanish_pages_keep_the_rubric_text_in_english(riverside, members, client_for):
    """The UI around the rubric is translated; the rubric's words stay as published, marked lang=en."""
    cycle = assessment_make(riverside)
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    client.cookies["secure_language"] = "es"
    page = client.get(
        reverse("rubric:assessment_step", args=["riverside", cycle.pk, 2])
    ).content.decode()
    assert 'lang="es"' in page and "Lista de verificación para comenzar" in page
    assert '<span lang="en">Include a mechanism to receive complaints' in page
