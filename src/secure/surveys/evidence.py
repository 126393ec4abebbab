"""Live evidence: the baseline of experience (1.start.1) and feedback for evaluations (5.start.3)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secure.core.evidence import Evidence, evidence_provider
from secure.partnerships.models import Partnership

from .models import Campaign, Group, Instrument, Response


def _campaigns(partnership: Partnership, kind: str) -> list[Campaign]:
    return list(
        Campaign.objects.for_partnership(partnership)
        .filter(instrument__kind=kind)
        .annotate(
            completed=Count("responses", filter=Q(responses__status=Response.Status.COMPLETE))
        )
    )


def _evidence(partnership: Partnership, kind: str, *, done_text: str, empty: str) -> Evidence:
    campaigns = _campaigns(partnership, kind)
    url = reverse("surveys:campaign_list", args=[partnership.slug])
    completed = sum(c.completed for c in campaigns)  # type: ignore[attr-defined]
    groups = sorted({g for c in campaigns for g in c.groups})
    closed = [c for c in campaigns if c.is_closed() and c.completed >= c.minimum_cell]  # type: ignore[attr-defined]
    if not campaigns:
        return Evidence(summary=empty, suggested_status=None, url=url, facts={"campaigns": 0})
    summary = ngettext(
        "%(campaigns)d campaign, %(completed)d completed responses from: %(groups)s. ",
        "%(campaigns)d campaigns, %(completed)d completed responses from: %(groups)s. ",
        len(campaigns),
    ) % {
        "campaigns": len(campaigns),
        "completed": completed,
        "groups": ", ".join(str(Group(g).label) for g in groups),
    }
    return Evidence(
        summary=summary
        + str(done_text if closed else _("No campaign has closed with results yet.")),
        suggested_status=Evidence.DONE if closed else Evidence.IN_PROGRESS,
        url=url,
        facts={
            "campaigns": len(campaigns),
            "completed_responses": completed,
            "groups": groups,
            "closed_with_results": len(closed),
        },
    )


@evidence_provider("1.start.1")
def experience_measured(partnership: Partnership) -> Evidence:
    """Perception surveys of students, families, staff and community: the starting place."""
    return _evidence(
        partnership,
        Instrument.Kind.PERCEPTION,
        done_text=str(_("A baseline has been measured and its results can be read.")),
        empty=str(
            _("No perception survey yet: run one from Surveys to measure the starting place.")
        ),
    )


@evidence_provider("5.start.3")
def feedback_for_evaluations(partnership: Partnership) -> Evidence:
    """360° feedback on SROs from students, families, staff and peers."""
    return _evidence(
        partnership,
        Instrument.Kind.FEEDBACK_360,
        done_text=str(_("Feedback has been collected for SRO evaluations.")),
        empty=str(_("No 360° feedback campaign yet: one can be started from Surveys.")),
    )
