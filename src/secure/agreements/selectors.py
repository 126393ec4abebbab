"""Reads for the agreements app."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from secure.partnerships.models import Membership, Partnership

from .library import ModelClause, model_clauses
from .models import (
    MouAcknowledgment,
    MouAnalysis,
    MouClause,
    MouComment,
    MouDistribution,
    MouDraft,
    MouReviewInvitation,
    MouVersion,
)
from .services.drafting import ACKNOWLEDGING_ROLES


def mou_analysis_list(*, partnership: Partnership) -> QuerySet[MouAnalysis]:
    """The partnership's analyses, newest first."""
    return MouAnalysis.objects.for_partnership(partnership).select_related("uploaded_by")


def mou_analysis_current(*, partnership: Partnership) -> MouAnalysis | None:
    """The analysis of the MOU in force, or else the newest analysis."""
    analyses = MouAnalysis.objects.for_partnership(partnership)
    return analyses.filter(is_current=True).first() or analyses.first()


def mou_draft_list(*, partnership: Partnership) -> QuerySet[MouDraft]:
    """The partnership's drafts, newest first."""
    return MouDraft.objects.for_partnership(partnership)


def mou_not_acknowledged(*, draft: MouDraft) -> list[Membership]:
    """School administrators and SROs who have not acknowledged the adopted version."""
    version = draft.latest_version()
    done = set(
        MouAcknowledgment.objects.filter(version=version).values_list("membership_id", flat=True)
    )
    members = Membership.objects.filter(
        partnership=draft.partnership, is_active=True, role__in=ACKNOWLEDGING_ROLES
    ).select_related("user")
    return [m for m in members if m.pk not in done]


@dataclass(frozen=True)
class DiffLine:
    """One line of a readable diff: ``kind`` is ``same``, ``added`` or ``removed``."""

    kind: str
    text: str


def mou_version_diff(*, old: MouVersion, new: MouVersion) -> list[DiffLine]:
    """Line-by-line differences between two versions' text."""
    lines: list[DiffLine] = []
    for line in difflib.ndiff(old.as_text().splitlines(), new.as_text().splitlines()):
        code, text = line[:2], line[2:]
        if code == "? ":
            continue
        kind = {"+ ": "added", "- ": "removed"}.get(code, "same")
        lines.append(DiffLine(kind=kind, text=text))
    return lines


def mou_partnership_clauses(
    *, partnership: Partnership, include_retired: bool = False
) -> QuerySet[MouClause]:
    """The clauses the partnership added to its own library."""
    clauses = MouClause.objects.for_partnership(partnership)
    return clauses if include_retired else clauses.filter(is_retired=False)


def mou_library_clauses(*, partnership: Partnership) -> list[ModelClause]:
    """The model clauses, then the partnership's own clauses still in use, for a new draft."""
    own = [
        ModelClause(
            id=c.library_id,
            title=c.title,
            requirements=tuple(c.requirements),
            rubric_items=tuple(c.rubric_items),
            standard=c.standard,
            stronger=c.stronger,
            own=True,
        )
        for c in mou_partnership_clauses(partnership=partnership)
    ]
    return [*model_clauses(), *own]


@dataclass(frozen=True)
class Commenter:
    """Someone who may comment on a draft, how they came to be invited, and whether they did."""

    membership: Membership
    via: str  # the organization's name when invited with their organization, else ""
    comments: int


def mou_commenters(*, draft: MouDraft) -> list[Commenter]:
    """The invited members, directly or through their organization, with their comment counts."""
    invitations = list(
        MouReviewInvitation.objects.filter(draft=draft).select_related("organization")
    )
    direct = {i.membership_id for i in invitations if i.membership_id}
    orgs = {i.organization_id: i.organization for i in invitations if i.organization_id}
    members = Membership.objects.filter(partnership=draft.partnership, is_active=True).filter(
        Q(pk__in=direct) | Q(organization_id__in=list(orgs))
    )
    counts: dict[int, int] = {}
    for author_id in MouComment.objects.filter(version__draft=draft).values_list(
        "author_id", flat=True
    ):
        if author_id is not None:
            counts[author_id] = counts.get(author_id, 0) + 1
    rows = []
    for m in members.select_related("user", "organization"):
        via = ""
        if m.pk not in direct and m.organization_id in orgs:
            via = orgs[m.organization_id].name  # type: ignore[union-attr]
        rows.append(Commenter(membership=m, via=via, comments=counts.get(m.user_id, 0)))
    return sorted(rows, key=lambda r: (r.comments == 0, str(r.membership.user)))


@dataclass
class Thread:
    """A comment anchored to a section, its replies, and whether it was answered or resolved."""

    comment: MouComment
    replies: list[MouComment]

    @property
    def answered(self) -> bool:
        """An answer was written, or someone other than the author replied."""
        if self.comment.answer:
            return True
        return any(r.author_id != self.comment.author_id for r in self.replies)

    @property
    def resolved(self) -> bool:
        return self.comment.resolved_at is not None


def mou_comment_threads(*, draft: MouDraft) -> list[Thread]:
    """Every comment on the draft as a thread with its replies, oldest first."""
    comments = list(
        MouComment.objects.filter(version__draft=draft)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    threads = {c.pk: Thread(comment=c, replies=[]) for c in comments if c.parent_id is None}
    for c in comments:
        if c.parent_id is not None and c.parent_id in threads:
            threads[c.parent_id].replies.append(c)
    return list(threads.values())


@dataclass(frozen=True)
class Recipient:
    """A school administrator or SRO: when the MOU was last e-mailed to them, and acknowledged."""

    membership: Membership
    last_sent: MouDistribution | None
    acknowledged: bool


def mou_distribution_status(*, draft: MouDraft) -> list[Recipient]:
    """Every school administrator and SRO with the latest e-mail and their acknowledgment."""
    version = draft.latest_version()
    done = set(
        MouAcknowledgment.objects.filter(version=version).values_list("membership_id", flat=True)
    )
    last: dict[int, MouDistribution] = {}
    for d in MouDistribution.objects.filter(version=version).order_by("sent_at", "pk"):
        last[d.membership_id] = d
    members = Membership.objects.filter(
        partnership=draft.partnership, is_active=True, role__in=ACKNOWLEDGING_ROLES
    ).select_related("user")
    return [
        Recipient(membership=m, last_sent=last.get(m.pk), acknowledged=m.pk in done)
        for m in members
    ]
