"""Values every page needs: the switcher's partnerships, the steps menu, demo mode."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from secure.partnerships.roles import role_can

from .steps import ACTION_STEPS


def site(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    context: dict[str, Any] = {
        "demo_mode": settings.SECURE_DEMO_MODE,
        "current_partnership": getattr(request, "partnership", None),
        "current_membership": membership,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from secure.partnerships.selectors import memberships_for_user

        context["my_memberships"] = memberships_for_user(user=user)
    if membership is not None:
        context["nav_steps"] = [
            {
                "step": step,
                "links": [
                    link for link in step.links if role_can(membership.role, link.permission)
                ],
            }
            for step in ACTION_STEPS
        ]
        context["can"] = _Can(membership.role)
    return context


class _Can:
    """Template helper: ``{% if can.school_manage %}`` asks about ``school.manage``."""

    def __init__(self, role: str) -> None:
        self.role = role

    def __getattr__(self, name: str) -> bool:
        if name.startswith("_"):
            raise AttributeError(name)
        return role_can(self.role, name.replace("_", ".", 1))
