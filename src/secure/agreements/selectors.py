"""Reads for the agreements app."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import QuerySet

from secure.partnerships.models import Membership, Partnership

from .models import MouAcknowledgment, MouAnalysis, MouDraft, MouVersion
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
