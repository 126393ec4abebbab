"""Attribute every change made during a request to the signed-in person and their address."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import AuditActor, acting_as


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the server saw it (the proxy sets REMOTE_ADDR in production)."""
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    """Sets the audit actor for the duration of the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = AuditActor(user_id=user.pk, label=user.email, ip_address=client_ip(request))
        else:
            actor = AuditActor(label="anonymous", ip_address=client_ip(request))
        with acting_as(actor):
            return self.get_response(request)
