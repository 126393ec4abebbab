"""Test data for the agreements app, made through its services."""

from __future__ import annotations

from secure.agreements import services
from secure.agreements.library import model_clauses
from secure.agreements.models import MouAnalysis, MouClause, MouDraft
from secure.partnerships.models import Partnership

SAMPLE = (
    "1.1 The SRO shall not be used for school discipline.\n"
    "1.2 The SRO will assist in enforcing the student code of conduct.\n"
    "1.3 This MOU is reviewed every year by June 30.\n"
)


def analysis_make(
    partnership: Partnership, *, text: str = SAMPLE, title: str = "Test MOU"
) -> MouAnalysis:
    return services.mou_analysis_create(
        partnership=partnership, title=title, name="mou.txt", data=text.encode()
    )


def analysis_for(partnership: Partnership) -> MouAnalysis:
    return MouAnalysis.objects.for_partnership(partnership).first() or analysis_make(partnership)


def draft_make(partnership: Partnership, *, title: str = "Our MOU") -> MouDraft:
    return services.mou_draft_create(
        partnership=partnership,
        title=title,
        clause_ids=[c.id for c in model_clauses()],
        values={"district": "Riverside Unified", "agency": "Riverside Police"},
        stronger=False,
        user=None,
    )


def draft_for(partnership: Partnership) -> MouDraft:
    return MouDraft.objects.for_partnership(partnership).first() or draft_make(partnership)


def clause_make(partnership: Partnership, *, title: str = "Family liaison") -> MouClause:
    return services.mou_clause_save(
        partnership=partnership,
        title=title,
        requirements=["complaint_mechanism"],
        rubric_items=["1.start.3.3"],
        standard="{district} names a family liaison who helps families raise concerns.",
        stronger="{district} names a family liaison at each school who helps families complain "
        "about officers.",
        user=None,
    )


def clause_for(partnership: Partnership) -> MouClause:
    return MouClause.objects.for_partnership(partnership).first() or clause_make(partnership)
