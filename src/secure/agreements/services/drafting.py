"""Drafting an MOU together: versions, comments, approvals, adoption, acknowledgments."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership, Partnership
from secure.partnerships.roles import Role

from ..models import (
    MouAcknowledgment,
    MouAnalysis,
    MouComment,
    MouDraft,
    MouSharing,
    MouVersion,
)
from .analysis import mou_analysis_create, mou_analysis_mark_current

FROZEN = _("This MOU has been adopted; its text is frozen. Start a new draft to revise it.")
NO_SECTIONS = _("Write at least one section: a line starting with “## ” and its text below.")
NOT_IN_REVIEW = _("Comments and approvals open when the draft is opened for comments.")
NOT_DRAFTING = _("Only a draft that is being written can be opened for comments.")
NOT_APPROVER = _("Only the district leader or the agency leader approves an MOU.")
NEEDS_APPROVALS = _("Both the district and the agency must approve before the MOU is adopted.")
NO_SUCH_SECTION = _("There is no such section in this version.")
NOT_ADOPTED = _("Only the adopted MOU is acknowledged.")
NOT_ACKNOWLEDGER = _("Acknowledgments are for school administrators and SROs.")
EMPTY_ANSWER = _("Write an answer before resolving the comment.")

ACKNOWLEDGING_ROLES = (Role.SCHOOL_ADMIN, Role.SRO)
_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


def sections_from_text(text: str) -> list[dict[str, str]]:
    """Split ``## heading`` text into sections; text before the first heading is a preamble."""
    parts = _HEADING.split(text.replace("\r\n", "\n"))
    sections = []
    preamble = parts[0].strip()
    if preamble:
        sections.append({"heading": str(_("Preamble")), "body": preamble})
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        sections.append({"heading": heading.strip(), "body": body.strip()})
    return [s for s in sections if s["body"] or s["heading"]]


def sections_from_document(text: str) -> list[dict[str, str]]:
    """Sections of an uploaded MOU: each heading line ("ARTICLE 2. STUDENTS' RIGHTS", "Section 4",
    a short capitalised line) starts one; the clauses under it, numbering kept, are its text."""
    from ..analyzer.segment import _HEADING_WORD, _PAGE_FURNITURE, _is_heading, clean_line

    sections: list[dict[str, Any]] = []
    heading, body = str(_("Preamble")), list[str]()
    for raw in text.replace("\r\n", "\n").splitlines():
        line = clean_line(raw)
        if not line or _PAGE_FURNITURE.match(line):
            continue
        if _HEADING_WORD.match(line) or _is_heading(line):
            if body:
                sections.append({"heading": heading, "body": "\n".join(body)})
            # Consecutive headings (a title, then a subtitle): the later one names the section.
            heading, body = line.strip(), []
            continue
        body.append(line.removeprefix("## "))
    if body:
        sections.append({"heading": heading, "body": "\n".join(body)})
    return sections


def mou_draft_from_analysis(*, analysis: MouAnalysis, title: str, user: Any) -> MouDraft:
    """Start a draft from an uploaded MOU's text, split into sections at its headings."""
    sections = sections_from_document(analysis.text)
    if not sections:
        raise ValidationError(NO_SECTIONS)
    with transaction.atomic():
        draft = MouDraft.objects.create(partnership=analysis.partnership, title=title)
        MouVersion.objects.create(
            partnership=analysis.partnership,
            draft=draft,
            number=1,
            sections=sections,
            note=str(_("Started from the uploaded MOU “%(title)s”") % {"title": analysis.title}),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
    return draft


def _next_number(draft: MouDraft) -> int:
    return (draft.versions.aggregate(n=Max("number"))["n"] or 0) + 1


def mou_draft_create(
    *,
    partnership: Partnership,
    title: str,
    clause_ids: list[str],
    values: dict[str, str],
    stronger: bool,
    user: Any,
) -> MouDraft:
    """Start a draft from chosen library clauses, filled with the partnership's names."""
    from ..selectors import mou_library_clauses

    chosen = [c for c in mou_library_clauses(partnership=partnership) if c.id in clause_ids]
    sections = [{"heading": c.title, "body": c.render(values, stronger=stronger)} for c in chosen]
    if not sections:
        raise ValidationError(NO_SECTIONS)
    with transaction.atomic():
        draft = MouDraft.objects.create(partnership=partnership, title=title)
        MouVersion.objects.create(
            partnership=partnership,
            draft=draft,
            number=1,
            sections=sections,
            note=str(_("Started from the clause library")),
            created_by=user,
        )
    return draft


def mou_version_save(*, draft: MouDraft, text: str, note: str, user: Any) -> MouVersion:
    """Save edited text as the draft's next version (never over an adopted MOU)."""
    if draft.is_frozen:
        raise ValidationError(FROZEN)
    sections = sections_from_text(text)
    if not sections:
        raise ValidationError(NO_SECTIONS)
    with transaction.atomic():
        MouDraft.objects.select_for_update().filter(pk=draft.pk).first()
        return MouVersion.objects.create(
            partnership=draft.partnership,
            draft=draft,
            number=_next_number(draft),
            sections=sections,
            note=note,
            created_by=user,
        )


def mou_draft_open_for_comments(*, draft: MouDraft) -> MouDraft:
    """Drafting → open for comments."""
    if draft.status != MouDraft.Status.DRAFTING:
        raise ValidationError(NOT_DRAFTING)
    draft.status = MouDraft.Status.IN_REVIEW
    draft.save(update_fields=["status"])
    return draft


def mou_comment_add(
    *, version: MouVersion, section: int, membership: Membership, body: str
) -> MouComment:
    """An invited member (or a drafter) comments on one section while the draft is open."""
    from .workspace import NOT_INVITED, mou_may_comment

    if version.draft.status != MouDraft.Status.IN_REVIEW:
        raise ValidationError(NOT_IN_REVIEW)
    if not mou_may_comment(draft=version.draft, membership=membership):
        raise ValidationError(NOT_INVITED)
    if not 0 <= section < len(version.sections):
        raise ValidationError(NO_SUCH_SECTION)
    return MouComment.objects.create(
        partnership=version.partnership,
        version=version,
        section=section,
        author=membership.user,
        author_role=membership.role,
        body=body,
    )


def mou_comment_resolve(*, comment: MouComment, answer: str) -> MouComment:
    """Mark a comment resolved, with an answer unless the thread already has replies."""
    if comment.version.draft.is_frozen:
        raise ValidationError(FROZEN)
    if not answer.strip() and not (comment.answer or comment.replies.exists()):
        raise ValidationError(EMPTY_ANSWER)
    comment.answer = answer.strip() or comment.answer
    comment.resolved_at = timezone.now()
    comment.save(update_fields=["answer", "resolved_at"])
    return comment


def mou_draft_approve(*, draft: MouDraft, membership: Membership) -> MouDraft:
    """The district leader or the agency leader approves the draft's latest version."""
    if draft.status != MouDraft.Status.IN_REVIEW:
        raise ValidationError(NOT_IN_REVIEW)
    now = timezone.now()
    if membership.role == Role.DISTRICT_LEADER:
        draft.district_approved_by, draft.district_approved_at = membership.user, now
    elif membership.role == Role.AGENCY_LEADER:
        draft.agency_approved_by, draft.agency_approved_at = membership.user, now
    else:
        raise ValidationError(NOT_APPROVER)
    draft.save()
    return draft


def mou_draft_adopt(
    *, draft: MouDraft, user: Any, membership: Membership | None = None
) -> MouDraft:
    """Adopt the latest version once both sides approved: the text freezes and is analysed.

    With an active review cycle, adoption by ``membership`` also records the review as done.
    """
    from .workspace import mou_review_complete_on_adoption

    if draft.status != MouDraft.Status.IN_REVIEW:
        raise ValidationError(NOT_IN_REVIEW)
    if not (draft.district_approved_at and draft.agency_approved_at):
        raise ValidationError(NEEDS_APPROVALS)
    version = draft.latest_version()
    assert version is not None
    with transaction.atomic():
        draft.status = MouDraft.Status.ADOPTED
        draft.adopted_at = timezone.now()
        draft.save(update_fields=["status", "adopted_at"])
        analysis = mou_analysis_create(
            partnership=draft.partnership,
            title=f"{draft.title} v{version.number}",
            name="adopted.txt",
            data=version.as_text().replace("## ", "").encode(),
            user=user,
        )
        mou_analysis_mark_current(analysis=analysis)
        mou_review_complete_on_adoption(draft=draft, by=membership)
    return draft


def mou_acknowledge(*, draft: MouDraft, membership: Membership) -> MouAcknowledgment:
    """A school administrator or SRO records that they read and discussed the adopted MOU."""
    if not draft.is_frozen:
        raise ValidationError(NOT_ADOPTED)
    if membership.role not in ACKNOWLEDGING_ROLES:
        raise ValidationError(NOT_ACKNOWLEDGER)
    version = draft.latest_version()
    assert version is not None
    found, _created = MouAcknowledgment.objects.get_or_create(
        partnership=draft.partnership, version=version, membership=membership
    )
    return found


def mou_sharing_record(
    *, partnership: Partnership, audience: str, recipient: str, shared_on: Any, note: str, user: Any
) -> MouSharing:
    """Record that the MOU was shared with another community or with officials."""
    return MouSharing.objects.create(
        partnership=partnership,
        audience=audience,
        recipient=recipient,
        shared_on=shared_on,
        note=note,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
