"""Live evidence for the rubric's MOU items, from the analysis of the MOU in force."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from secure.core.evidence import Evidence, evidence_provider
from secure.partnerships.models import Partnership
from secure.partnerships.roles import Role

from .models import MouAnalysis, MouComment, MouDraft, MouSharing
from .requirements import REQUIREMENT_LABELS, RUBRIC_REQUIREMENTS, STATUS_LABELS
from .selectors import mou_analysis_current, mou_not_acknowledged

# The rubric asks for language accessible to students and families.
PLAIN_LANGUAGE_GRADE = 8.0


def _url(partnership: Partnership, analysis: MouAnalysis) -> str:
    return reverse(
        "agreements:analysis_detail",
        kwargs={"partnership_slug": partnership.slug, "pk": analysis.pk},
    )


def requirements_evidence(partnership: Partnership, item_id: str) -> Evidence | None:
    """What the MOU in force says on the requirements tied to one rubric item."""
    analysis = mou_analysis_current(partnership=partnership)
    if analysis is None:
        return None
    wanted = RUBRIC_REQUIREMENTS[item_id]
    statuses = {r: analysis.statuses().get(r, "missing") for r in wanted}
    conflicted = {c["requirement"] for c in analysis.report.get("conflicts", [])} & set(wanted)
    parts = [f"{REQUIREMENT_LABELS[r]}: {STATUS_LABELS[statuses[r]]}" for r in wanted]
    summary = _("Analysis of “%(title)s”: %(parts)s.") % {
        "title": analysis.title,
        "parts": "; ".join(parts),
    }
    if conflicted:
        summary += " " + _("The MOU contradicts itself here; see the conflicts.")
    if all(s == "met" for s in statuses.values()) and not conflicted:
        status = Evidence.DONE
    elif any(s != "missing" for s in statuses.values()):
        status = Evidence.IN_PROGRESS
    else:
        status = Evidence.NOT_STARTED
    return Evidence(
        summary=summary,
        suggested_status=status,
        url=_url(partnership, analysis),
        facts={"analysis": analysis.pk, "statuses": statuses, "conflicts": sorted(conflicted)},
    )


@evidence_provider("1.start.3.3")
def discipline_prohibition(partnership: Partnership) -> Evidence | None:
    """The MOU in force keeps SROs out of school discipline and defines their role."""
    return requirements_evidence(partnership, "1.start.3.3")


@evidence_provider("2.start.1")
def constitutional_requirements(partnership: Partnership) -> Evidence | None:
    """The MOU in force sets standards for searches, force and questioning."""
    return requirements_evidence(partnership, "2.start.1")


@evidence_provider("2.start.2")
def civil_rights(partnership: Partnership) -> Evidence | None:
    """The MOU in force prohibits discrimination and limits record sharing to FERPA."""
    return requirements_evidence(partnership, "2.start.2")


@evidence_provider("4.start.1")
def training_language(partnership: Partnership) -> Evidence | None:
    """The MOU in force names training needs and plans."""
    return requirements_evidence(partnership, "4.start.1")


@evidence_provider("1.improve.2")
def review_timeline(partnership: Partnership) -> Evidence | None:
    """The MOU in force sets a regular timeline for its own review."""
    return requirements_evidence(partnership, "1.improve.2")


@evidence_provider("1.start.3.2")
def plain_language(partnership: Partnership) -> Evidence | None:
    """The reading grade of the MOU in force, against grade 8."""
    analysis = mou_analysis_current(partnership=partnership)
    if analysis is None or analysis.grade is None:
        return None
    grade = float(analysis.grade)
    summary = _(
        "Reading grade of “%(title)s” (Flesch-Kincaid): %(grade)s; the aim is %(aim)s or below."
    ) % {
        "title": analysis.title,
        "grade": grade,
        "aim": PLAIN_LANGUAGE_GRADE,
    }
    status = Evidence.DONE if grade <= PLAIN_LANGUAGE_GRADE else Evidence.IN_PROGRESS
    return Evidence(
        summary=summary,
        suggested_status=status,
        url=_url(partnership, analysis),
        facts={"analysis": analysis.pk, "flesch_kincaid_grade": grade},
    )


@evidence_provider("1.start.3")
def drafted_with_stakeholders(partnership: Partnership) -> Evidence | None:
    """An MOU drafted in SECURE, with comments from stakeholders, approved and adopted."""
    draft = MouDraft.objects.for_partnership(partnership).first()
    if draft is None:
        return None
    comments = MouComment.objects.for_partnership(partnership).filter(version__draft=draft)
    roles = sorted(set(comments.values_list("author_role", flat=True)))
    summary = _(
        "Draft “%(title)s” (%(status)s): %(versions)d versions, %(comments)d comments "
        "from %(roles)d roles."
    ) % {
        "title": draft.title,
        "status": draft.get_status_display(),
        "versions": draft.versions.count(),
        "comments": comments.count(),
        "roles": len(roles),
    }
    if draft.is_frozen and Role.COMMUNITY_STAKEHOLDER in roles:
        status = Evidence.DONE
    else:
        status = Evidence.IN_PROGRESS
    return Evidence(
        summary=summary,
        suggested_status=status,
        url=reverse(
            "agreements:draft_detail", kwargs={"partnership_slug": partnership.slug, "pk": draft.pk}
        ),
        facts={"draft": draft.pk, "status": draft.status, "comment_roles": roles},
    )


@evidence_provider("1.improve.2.4")
def copies_acknowledged(partnership: Partnership) -> Evidence | None:
    """School administrators and SROs who acknowledged the adopted MOU."""
    draft = (
        MouDraft.objects.for_partnership(partnership)
        .filter(status=MouDraft.Status.ADOPTED)
        .order_by("-adopted_at")
        .first()
    )
    if draft is None:
        return None
    missing = len(mou_not_acknowledged(draft=draft))
    version = draft.latest_version()
    done = version.acknowledgments.count() if version else 0
    summary = _(
        "%(done)d school administrators and SROs acknowledged the adopted MOU; %(missing)d have not."
    ) % {"done": done, "missing": missing}
    return Evidence(
        summary=summary,
        suggested_status=Evidence.DONE if missing == 0 and done else Evidence.IN_PROGRESS,
        url=reverse(
            "agreements:draft_detail", kwargs={"partnership_slug": partnership.slug, "pk": draft.pk}
        ),
        facts={"acknowledged": done, "not_acknowledged": missing},
    )


def _sharing_evidence(partnership: Partnership, audiences: tuple[str, ...]) -> Evidence | None:
    records = MouSharing.objects.for_partnership(partnership).filter(audience__in=audiences)
    latest = records.first()
    if latest is None:
        return None
    summary = _("MOU shared %(count)d times; most recently with %(who)s on %(date)s.") % {
        "count": records.count(),
        "who": latest.recipient,
        "date": latest.shared_on.isoformat(),
    }
    return Evidence(
        summary=summary,
        suggested_status=Evidence.DONE,
        url=reverse("agreements:sharing", kwargs={"partnership_slug": partnership.slug}),
        facts={"records": records.count(), "latest": latest.shared_on.isoformat()},
    )


@evidence_provider("1.improve.2.2")
def shared_with_other_communities(partnership: Partnership) -> Evidence | None:
    """The MOU was shared with colleagues in other communities."""
    return _sharing_evidence(partnership, (MouSharing.Audience.OTHER_COMMUNITY,))


@evidence_provider("1.improve.2.3")
def shared_with_officials(partnership: Partnership) -> Evidence | None:
    """The MOU was shared with state officials or local lawmakers."""
    return _sharing_evidence(
        partnership, (MouSharing.Audience.STATE_OFFICIAL, MouSharing.Audience.LOCAL_LAWMAKER)
    )


@evidence_provider("1.improve.2")
def review_cycle(partnership: Partnership) -> Evidence | None:
    """The MOU review cycle: how often, when next, and the reviews recorded."""
    from django.utils import timezone

    from .services.workspace import mou_review_cycle_for

    cycle = mou_review_cycle_for(partnership=partnership)
    if cycle is None:
        return None
    schedule = cycle.schedule
    done = schedule.completions.count()
    summary = _("MOU review cycle: %(interval)s, next due %(due)s; %(done)d reviews recorded.") % {
        "interval": schedule.get_interval_months_display(),
        "due": schedule.next_due.isoformat(),
        "done": done,
    }
    on_time = schedule.is_active and not schedule.is_overdue(timezone.localdate())
    return Evidence(
        summary=summary,
        suggested_status=Evidence.DONE if on_time and done else Evidence.IN_PROGRESS,
        url=reverse("agreements:review_cycle", kwargs={"partnership_slug": partnership.slug}),
        facts={
            "schedule": schedule.pk,
            "next_due": schedule.next_due.isoformat(),
            "reviews": done,
            "active": schedule.is_active,
        },
    )


@evidence_provider("1.improve.2.1")
def stakeholders_in_revision(partnership: Partnership) -> Evidence | None:
    """Who was invited to comment on the latest draft, and how many of them did."""
    from .selectors import mou_commenters

    draft = MouDraft.objects.for_partnership(partnership).first()
    if draft is None:
        return None
    commenters = mou_commenters(draft=draft)
    if not commenters:
        return None
    took_part = [c for c in commenters if c.comments]
    roles = sorted({c.membership.role for c in took_part})
    summary = _(
        "Draft “%(title)s”: %(invited)d members invited to comment; %(commented)d commented."
    ) % {"title": draft.title, "invited": len(commenters), "commented": len(took_part)}
    return Evidence(
        summary=summary,
        suggested_status=Evidence.DONE if took_part else Evidence.IN_PROGRESS,
        url=reverse(
            "agreements:draft_detail", kwargs={"partnership_slug": partnership.slug, "pk": draft.pk}
        ),
        facts={"invited": len(commenters), "commented": len(took_part), "roles": roles},
    )
