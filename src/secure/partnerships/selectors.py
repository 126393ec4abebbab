"""Reads for partnerships, schools and members."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Membership, Organization, Partnership, School


def memberships_for_user(*, user: Any) -> QuerySet[Membership]:
    """The person's active memberships, with their partnerships."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.select_related("partnership")
        .filter(user=user, is_active=True)
        .order_by("partnership__name")
    )


def school_list(*, partnership: Partnership) -> QuerySet[School]:
    """The partnership's schools by name."""
    return School.objects.for_partnership(partnership).order_by("name")


def member_list(*, partnership: Partnership) -> QuerySet[Membership]:
    """The partnership's members, active first."""
    return (
        Membership.objects.for_partnership(partnership)
        .select_related("user", "organization")
        .order_by("-is_active", "role", "user__email")
    )


def organization_list(*, partnership: Partnership) -> QuerySet[Organization]:
    """The partnership's organizations by kind."""
    return Organization.objects.for_partnership(partnership).order_by("kind", "name")
