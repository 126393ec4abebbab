"""Reads of the audit trail."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from secure.partnerships.models import Membership, Partnership

from .models import AuditEvent

SIGN_IN_ACTIONS = (
    AuditEvent.Action.LOGIN,
    AuditEvent.Action.LOGIN_FAILED,
    AuditEvent.Action.LOCKED_OUT,
    AuditEvent.Action.LOGOUT,
    AuditEvent.Action.TWO_FACTOR,
)


def audit_event_list(
    *,
    partnership: Partnership,
    action: str = "",
    actor: str = "",
    kind: int | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The partnership's events, plus its members' sign-in events, newest first, filtered."""
    member_ids = Membership.objects.filter(partnership=partnership).values("user_id")
    member_emails = Membership.objects.filter(partnership=partnership).values("user__email")
    events = AuditEvent.objects.filter(
        Q(partnership=partnership)
        | Q(partnership__isnull=True, action__in=SIGN_IN_ACTIONS)
        & (Q(actor_id__in=member_ids) | Q(actor_label__in=member_emails))
    ).select_related("content_type")
    filters: dict[str, Any] = {}
    if action:
        filters["action"] = action
    if actor:
        filters["actor_label__icontains"] = actor
    if kind:
        filters["content_type_id"] = kind
    if since:
        filters["occurred_at__date__gte"] = since
    if until:
        filters["occurred_at__date__lte"] = until
    return events.filter(**filters).order_by("-occurred_at", "-id")
