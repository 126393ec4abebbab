"""Demo content: each demo partnership's MOU, analysed (texts written for SECURE, not real MOUs)."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.utils import timezone

from secure.partnerships.models import Membership, Organization, Partnership
from secure.partnerships.roles import Role

from . import services
from .library import model_clauses

DEMO_TEXTS = {
    "riverside": (
        "MOU 2025–26 (signed)",
        Path(__file__).parent / "data" / "demo_mou_riverside.txt",
    ),
    "lakeside": (
        "Sheriff's agreement, 2019",
        Path(__file__).parent / "data" / "demo_mou_lakeside.txt",
    ),
}


def agreements_demo_seed(partnership: Partnership) -> None:
    """Analyse the partnership's demo MOU and mark it as the MOU in force."""
    found = DEMO_TEXTS.get(partnership.slug)
    if found is None:
        return
    title, path = found
    analysis = services.mou_analysis_create(
        partnership=partnership, title=title, name=path.name, data=path.read_bytes()
    )
    services.mou_analysis_mark_current(analysis=analysis)
    if partnership.slug == "riverside":
        _draft_in_review(partnership)
        _review_cycle(partnership)


def _review_cycle(partnership: Partnership) -> None:
    """The yearly review: the rubric's schedule for item 1.improve.2, or a new one."""
    from secure.rubric.models import Schedule

    existing = Schedule.objects.for_partnership(partnership).filter(item_id="1.improve.2").first()
    next_due = existing.next_due if existing else timezone.localdate() + datetime.timedelta(90)
    owner = Membership.objects.filter(
        partnership=partnership, role=Role.DISTRICT_LEADER, is_active=True
    ).first()
    services.mou_review_cycle_set(
        partnership=partnership,
        interval_months=12,
        next_due=next_due,
        owner=existing.owner if existing else owner,
    )


def _draft_in_review(partnership: Partnership) -> None:
    """A draft from the library, open for comments, with a stakeholder's comment."""
    draft = services.mou_draft_create(
        partnership=partnership,
        title="MOU 2026–27 (draft)",
        clause_ids=[c.id for c in model_clauses()],
        values={
            "district": "Riverside Unified",
            "agency": "Riverside Police",
            "complaint_contact": "the District's Office of Student Rights",
        },
        stronger=False,
        user=None,
    )
    services.mou_draft_open_for_comments(draft=draft)
    stakeholder = Membership.objects.filter(
        partnership=partnership, role=Role.COMMUNITY_STAKEHOLDER, is_active=True
    ).first()
    organizations = Organization.objects.for_partnership(partnership).filter(
        kind__in=[Organization.Kind.CIVIL_RIGHTS, Organization.Kind.COMMUNITY]
    )
    services.mou_commenters_set(
        draft=draft,
        memberships=[stakeholder] if stakeholder else [],
        organizations=organizations,
        user=None,
        notify=False,
    )
    if stakeholder is not None:
        version = draft.latest_version()
        assert version is not None
        services.mou_comment_add(
            version=version,
            section=1,
            membership=stakeholder,
            body="Please say that teachers may not call the SRO for behavior that is not a crime.",
        )
