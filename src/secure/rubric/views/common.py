"""Helpers shared by the rubric's views."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from secure.partnerships.access import member_can
from secure.partnerships.models import Membership, Partnership
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..content import rubric_load
from ..models import Assessment


def partnership_of(request: HttpRequest) -> Partnership:
    return request.partnership  # type: ignore[attr-defined]


def membership_of(request: HttpRequest) -> Membership:
    return request.membership  # type: ignore[attr-defined]


def assessment_or_404(request: HttpRequest, pk: int) -> Assessment:
    return get_for_partnership_or_404(Assessment, partnership=partnership_of(request), pk=pk)


def show_names(request: HttpRequest) -> bool:
    """Members' names show to roles that may see the member list; others see roles only."""
    return member_can(request, "member.view")


def base_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"rubric": rubric_load(), "show_names": show_names(request), **extra}
