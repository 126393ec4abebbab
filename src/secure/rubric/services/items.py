"""Writes for what hangs off an item: evidence files and links, comments; and the settings."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership, Partnership

from .. import rules
from ..models import AssessmentItem, ItemComment, ItemEvidence, RubricSettings
from .assessments import ASSESSMENT_CLOSED, NOT_YOUR_ITEM
from .uploads import clean_file_name, upload_check

COMMENTS_CLOSED = _("Comments from your role are not open in this partnership.")
EMPTY_COMMENT = _("Write a comment first.")
EVIDENCE_NEEDS_TITLE = _("Give the evidence a title.")
NOT_YOUR_EVIDENCE = _(
    "Only the person who added this evidence or a partnership leader can remove it."
)


def _check_can_add(item: AssessmentItem, by: Membership) -> None:
    if not rules.assessment_is_editable(item.assessment):
        raise ValidationError(ASSESSMENT_CLOSED)
    if not rules.may_work_on(by, item.owner_id):
        raise ValidationError(NOT_YOUR_ITEM)


def item_evidence_add_link(
    *, item: AssessmentItem, by: Membership, title: str, url: str
) -> ItemEvidence:
    """Attach a link (a published MOU, a board agenda, a data dashboard) to an item."""
    _check_can_add(item, by)
    evidence = ItemEvidence(
        partnership_id=item.partnership_id,
        item=item,
        kind=ItemEvidence.Kind.LINK,
        title=title.strip() or url,
        url=url,
        added_by=by,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def item_evidence_add_file(
    *, item: AssessmentItem, by: Membership, title: str, upload: UploadedFile
) -> ItemEvidence:
    """Store an uploaded file (checked for size and kind) as evidence for an item."""
    _check_can_add(item, by)
    upload_check(upload)
    name = clean_file_name(upload.name or "")
    evidence = ItemEvidence(
        partnership_id=item.partnership_id,
        item=item,
        kind=ItemEvidence.Kind.FILE,
        title=title.strip() or name,
        original_name=name,
        size=upload.size or 0,
        added_by=by,
    )
    evidence.file.save(name, upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def item_evidence_remove(*, evidence: ItemEvidence, by: Membership) -> None:
    """Remove a file or link; the stored file is deleted with it."""
    if not rules.assessment_is_editable(evidence.item.assessment):
        raise ValidationError(ASSESSMENT_CLOSED)
    if not (rules.may_work_on(by, None) or evidence.added_by_id == by.pk):
        raise ValidationError(NOT_YOUR_EVIDENCE)
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if stored and storage is not None:
        transaction.on_commit(lambda: storage.delete(stored))


def rubric_settings_for(*, partnership: Partnership) -> RubricSettings:
    """The partnership's rubric settings (defaults until someone changes them)."""
    found = RubricSettings.objects.for_partnership(partnership).first()
    return found or RubricSettings(partnership=partnership)


def rubric_settings_update(
    *, partnership: Partnership, stakeholders_may_comment: bool, reminder_days_before: int
) -> RubricSettings:
    """Change who may comment and when reminders go out."""
    found = rubric_settings_for(partnership=partnership)
    found.stakeholders_may_comment = stakeholders_may_comment
    found.reminder_days_before = reminder_days_before
    found.full_clean(validate_constraints=False)
    found.save()
    return found


def item_comment_add(*, item: AssessmentItem, by: Membership, body: str) -> ItemComment:
    """Add a comment to an item, if the author's role may comment in this partnership."""
    allowed = rubric_settings_for(partnership=item.partnership).stakeholders_may_comment
    if not rules.may_comment(by, stakeholders_may_comment=allowed):
        raise ValidationError(COMMENTS_CLOSED)
    if not body.strip():
        raise ValidationError({"body": EMPTY_COMMENT})
    comment = ItemComment(
        partnership_id=item.partnership_id, item=item, author=by, body=body.strip()
    )
    comment.full_clean()
    comment.save()
    return comment
