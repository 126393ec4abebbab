"""Template helpers for the rubric: status labels and tags, owner labels, the home panel."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from secure.partnerships.models import Membership

from ..content import RubricItem, rubric_item
from ..models import AssessmentItem
from ..selectors import assessment_progress, attention

register = template.Library()

_TAG_CLASSES: dict[str, str] = {
    AssessmentItem.Status.DONE: "bg-success-dark",
    AssessmentItem.Status.IN_PROGRESS: "bg-warning text-ink",
    AssessmentItem.Status.NOT_STARTED: "bg-base-lighter text-ink",
    AssessmentItem.Status.NOT_APPLICABLE: "bg-base-dark",
}


@register.filter
def status_label(value: str) -> str:
    """The translated label of an item status code."""
    try:
        return str(AssessmentItem.Status(value).label)
    except ValueError:
        return value


@register.filter
def status_class(value: str) -> str:
    """USWDS utility classes for an item status tag (colours with enough contrast)."""
    return _TAG_CLASSES.get(value, "bg-base-lighter text-ink")


@register.filter
def item_text(item_id: str) -> str:
    found: RubricItem | None = rubric_item(item_id)
    return found.text if found else item_id


@register.simple_tag
def owner_label(membership: Membership | None, show_names: bool) -> str:
    """The owner's name for those who may see members, otherwise only their role."""
    if membership is None:
        return ""
    if show_names:
        return membership.user.get_full_name() or membership.user.email
    return str(membership.get_role_display())


@register.inclusion_tag("rubric/home.html", takes_context=True)
def rubric_home(context: dict[str, Any]) -> dict[str, Any]:
    """The partnership home's rubric panel: the five steps at a glance and what needs attention."""
    request = context["request"]
    partnership = request.partnership
    membership = request.membership
    needs = attention(partnership=partnership, membership=membership, today=timezone.localdate())
    current = needs["current"]
    progress = assessment_progress(assessment=current) if current else None
    return {
        **needs,
        "progress": progress,
        "current_partnership": partnership,
        "nav_steps": context.get("nav_steps", []),
        "can": context.get("can"),
        "show_names": context.get("can") is not None and context["can"].member_view,
    }


@register.simple_tag(takes_context=True)
def rubric_current_progress(context: dict[str, Any]) -> Any:
    """Progress of the partnership's current assessment (None before the first one)."""
    from ..selectors import assessment_current

    current = assessment_current(partnership=context["request"].partnership)
    return assessment_progress(assessment=current) if current else None
