"""Writes for assessments and their items: start a cycle, change items, confirm evidence, close."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.core.evidence import evidence_for
from secure.partnerships.models import Membership, Partnership

from .. import rules
from ..content import checklists_for_path, rubric_load
from ..models import Assessment, AssessmentItem

ASSESSMENT_EXISTS = _("There is already an assessment for the %(year)s school year.")
ASSESSMENT_CLOSED = _("This assessment is completed. Reopen it to make changes.")
ASSESSMENT_ALREADY_OPEN = _("This assessment is already in progress.")
ASSESSMENT_ALREADY_COMPLETED = _("This assessment is already completed.")
NA_NEEDS_REASON = _("Say why the item does not apply.")
PARENT_HAS_OPEN_SUB_ITEMS = _(
    "Finish the sub-items first: each must be done or marked not applicable."
)
OWNER_NOT_ELIGIBLE = _("Choose an active member of this partnership who can work on tasks.")
NOT_YOUR_ITEM = _("Only the item's owner or a partnership leader can change it.")
EVIDENCE_CHANGED = _("The live evidence has changed since the page was loaded. Look again.")
EVIDENCE_HAS_NO_SUGGESTION = _("This evidence does not suggest a status.")


@transaction.atomic
def assessment_start(
    *,
    partnership: Partnership,
    school_year: int,
    path: str,
    copy_owners: bool = False,
    started_on: datetime.date | None = None,
) -> Assessment:
    """Open an assessment cycle for a school year with one item row per rubric item on its path."""
    if Assessment.objects.for_partnership(partnership).filter(school_year=school_year).exists():
        label = Assessment(school_year=school_year).year_label
        raise ValidationError(
            {"school_year": ValidationError(ASSESSMENT_EXISTS, params={"year": label})}
        )
    rubric = rubric_load()
    assessment = Assessment(
        partnership=partnership,
        school_year=school_year,
        path=path,
        status=Assessment.Status.OPEN,
        edition=rubric.edition,
        started_on=started_on or timezone.localdate(),
    )
    assessment.full_clean()
    assessment.save()
    previous_owners: dict[str, Membership] = {}
    if copy_owners:
        previous = (
            Assessment.objects.for_partnership(partnership)
            .filter(school_year__lt=school_year)
            .order_by("-school_year")
            .first()
        )
        if previous is not None:
            previous_owners = {
                row.item_id: row.owner
                for row in previous.items.select_related("owner").exclude(owner=None)
                if row.owner is not None and rules.may_own(row.owner)
            }
    for checklist in checklists_for_path(path):
        for item in rubric.items(checklist=checklist):
            # Saved one by one so that the audit trail records each row.
            AssessmentItem.objects.create(
                partnership=partnership,
                assessment=assessment,
                item_id=item.id,
                step=item.step,
                checklist=item.checklist,
                order=item.order,
                owner=previous_owners.get(item.id),
            )
    return assessment


def assessment_complete(
    *, assessment: Assessment, completed_on: datetime.date | None = None
) -> Assessment:
    """Close a cycle; what is not done stays on record and carries into the next year's plan."""
    if assessment.status == Assessment.Status.COMPLETED:
        raise ValidationError(ASSESSMENT_ALREADY_COMPLETED)
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_on = completed_on or timezone.localdate()
    assessment.save()
    return assessment


def assessment_reopen(*, assessment: Assessment) -> Assessment:
    """Reopen a completed cycle for corrections."""
    if assessment.status == Assessment.Status.OPEN:
        raise ValidationError(ASSESSMENT_ALREADY_OPEN)
    assessment.status = Assessment.Status.OPEN
    assessment.completed_on = None
    assessment.save()
    return assessment


def _children_statuses(item: AssessmentItem) -> list[str] | None:
    rubric_item = rubric_load().item(item.item_id)
    if rubric_item is None or not rubric_item.children:
        return None
    ids = [child.id for child in rubric_item.children]
    return list(
        AssessmentItem.objects.filter(assessment=item.assessment_id, item_id__in=ids).values_list(
            "status", flat=True
        )
    )


def _check_status(item: AssessmentItem, status: str, na_reason: str) -> None:
    if not rules.assessment_is_editable(item.assessment):
        raise ValidationError(ASSESSMENT_CLOSED)
    if status == AssessmentItem.Status.NOT_APPLICABLE and not na_reason.strip():
        raise ValidationError({"na_reason": NA_NEEDS_REASON})
    if status == AssessmentItem.Status.DONE:
        children = _children_statuses(item)
        if children is not None and not rules.children_allow_done(children):
            raise ValidationError({"status": PARENT_HAS_OPEN_SUB_ITEMS})


def _check_owner(item: AssessmentItem, owner: Membership | None) -> None:
    if owner is None:
        return
    if owner.partnership_id != item.partnership_id or not rules.may_own(owner):
        raise ValidationError({"owner": OWNER_NOT_ELIGIBLE})


@transaction.atomic
def assessment_item_update(
    *,
    item: AssessmentItem,
    status: str,
    na_reason: str = "",
    owner: Membership | None = None,
    due_date: datetime.date | None = None,
    notes: str = "",
) -> AssessmentItem:
    """A leader sets everything about an item: status, reason, owner, due date, notes."""
    _check_status(item, status, na_reason)
    _check_owner(item, owner)
    if status != item.status:
        item.status_basis = ""
    item.status = status
    item.na_reason = na_reason.strip() if status == AssessmentItem.Status.NOT_APPLICABLE else ""
    item.owner = owner
    item.due_date = due_date
    item.notes = notes
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def assessment_item_progress(
    *, item: AssessmentItem, by: Membership, status: str, na_reason: str = "", notes: str = ""
) -> AssessmentItem:
    """The owner (or a leader) reports progress: status and notes, not owner or due date."""
    if not rules.may_work_on(by, item.owner_id):
        raise ValidationError(NOT_YOUR_ITEM)
    return assessment_item_update(
        item=item,
        status=status,
        na_reason=na_reason,
        owner=item.owner,
        due_date=item.due_date,
        notes=notes,
    )


@transaction.atomic
def assessment_item_confirm_evidence(
    *, item: AssessmentItem, by: Membership, source: str, suggested_status: str
) -> AssessmentItem:
    """A person confirms the status that an app's live evidence suggests for the item."""
    if not rules.may_work_on(by, item.owner_id):
        raise ValidationError(NOT_YOUR_ITEM)
    if not suggested_status:
        raise ValidationError(EVIDENCE_HAS_NO_SUGGESTION)
    matching = [
        evidence
        for evidence in evidence_for(partnership=item.partnership, item_id=item.item_id)
        if evidence.source == source and evidence.suggested_status == suggested_status
    ]
    if not matching:
        raise ValidationError(EVIDENCE_CHANGED)
    _check_status(item, suggested_status, "")
    evidence = matching[0]
    item.status = suggested_status
    item.na_reason = ""
    item.status_basis = f"{evidence.source}: {evidence.summary}"[:500]
    item.save()
    return item
