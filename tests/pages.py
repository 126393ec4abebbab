"""Every page of the app, for the checks that must cover them all.

``PARTNERSHIP_PAGES`` maps each URL name inside a partnership workspace to a function that
builds its URL keyword arguments (other than the partnership slug) from objects of a given
partnership. The cross-partnership walk and the accessibility check both use it, and a test
fails when a URL exists that is listed neither here nor in ``PUBLIC_PAGES`` / ``OTHER_PAGES``:
a new page joins every check by being added here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from secure.partnerships.models import Membership, Partnership, School

KwargsFor = Callable[[Partnership], dict[str, Any]]


def _none(partnership: Partnership) -> dict[str, Any]:
    return {}


def _school(partnership: Partnership) -> dict[str, Any]:
    return {"pk": School.objects.filter(partnership=partnership).first().pk}


def _member(partnership: Partnership) -> dict[str, Any]:
    return {"pk": Membership.objects.filter(partnership=partnership).first().pk}


PARTNERSHIP_PAGES: dict[str, KwargsFor] = {
    "partnerships:dashboard": _none,
    "partnerships:step_detail": lambda p: {"number": 1},
    "partnerships:school_list": _none,
    "partnerships:school_create": _none,
    "partnerships:school_detail": _school,
    "partnerships:school_update": _school,
    "partnerships:organization_list": _none,
    "partnerships:organization_create": _none,
    "partnerships:member_list": _none,
    "partnerships:member_add": _none,
    "partnerships:member_update": _member,
    "audit:list": _none,
}

# Pages anyone may open, signed in or not.
PUBLIC_PAGES: dict[str, dict[str, Any]] = {
    "partnerships:home": {},
    "accounts:login": {},
    "accounts:password_reset": {},
    "accounts:password_reset_done": {},
    "accounts:password_reset_complete": {},
}

# Pages outside a partnership for a signed-in person, and endpoints that are not pages.
OTHER_PAGES: dict[str, dict[str, Any]] = {
    "partnerships:list": {},
    "accounts:security": {},
    "accounts:two_factor_setup": {},
    "accounts:two_factor_verify": {},
}
NOT_PAGES = {
    "set_language",  # POST endpoint
    "health",  # JSON for load balancers
    "partnerships:switch",  # POST endpoint
    "accounts:logout",  # POST endpoint
    "accounts:two_factor_off",  # POST endpoint
    "accounts:password_reset_confirm",  # needs a real token; covered by the reset test
}


def all_url_names() -> set[str]:
    """Every named URL pattern of the project, as ``namespace:name``."""
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def partnership_url_kwargs(
    name: str, partnership: Partnership, objects_from: Partnership
) -> dict[str, Any]:
    """URL kwargs for page ``name`` in ``partnership``, with object ids taken from ``objects_from``."""
    return {"partnership_slug": partnership.slug, **PARTNERSHIP_PAGES[name](objects_from)}
