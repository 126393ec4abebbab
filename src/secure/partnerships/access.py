"""The gate every partnership page goes through: membership, then the role's permission.

``partnership_view("school.view")`` wraps a view taking ``(request, ...)``: it signs people in,
finds their active membership in the partnership named by the URL (404 for anyone else, so other
partnerships' existence is not revealed), checks the role's permission (403), and sets
``request.partnership`` and ``request.membership``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from secure.audit.context import set_actor_partnership

from .models import Membership, Partnership
from .roles import PERMISSIONS, role_can

CURRENT_PARTNERSHIP_SESSION_KEY = "secure_partnership"

View = Callable[..., HttpResponse]


class PartnershipRequest(HttpRequest):
    """A request that has passed the partnership gate."""

    partnership: Partnership
    membership: Membership


def membership_for(*, user: Any, partnership_slug: str) -> Membership | None:
    """The person's active membership in the partnership with this slug, if any."""
    if not user.is_authenticated:
        return None
    return (
        Membership.objects.select_related("partnership", "user")
        .filter(user=user, partnership__slug=partnership_slug, is_active=True)
        .first()
    )


def partnership_view(permission: str) -> Callable[[View], View]:
    """Require membership of the URL's partnership and the given permission."""
    if permission not in PERMISSIONS:
        raise KeyError(f"Unknown permission {permission!r}")

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(
            request: HttpRequest, partnership_slug: str, *args: Any, **kwargs: Any
        ) -> HttpResponse:
            membership = membership_for(user=request.user, partnership_slug=partnership_slug)
            if membership is None:
                raise Http404
            if not role_can(membership.role, permission):
                raise PermissionDenied
            request.partnership = membership.partnership  # type: ignore[attr-defined]
            request.membership = membership  # type: ignore[attr-defined]
            request.session[CURRENT_PARTNERSHIP_SESSION_KEY] = partnership_slug
            set_actor_partnership(membership.partnership_id)
            return view(request, *args, **kwargs)

        guarded = login_required(wrapped)
        guarded.secure_permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorator


def member_can(request: HttpRequest, permission: str) -> bool:
    """Whether the current member may do ``permission`` (for showing or hiding actions)."""
    membership = getattr(request, "membership", None)
    return membership is not None and role_can(membership.role, permission)
