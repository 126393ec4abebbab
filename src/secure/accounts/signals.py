"""Sign-ins, failed sign-ins, lockouts and sign-outs go into the audit trail."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from secure.audit.context import AuditActor, acting_as
from secure.audit.middleware import client_ip
from secure.audit.models import AuditEvent
from secure.audit.registry import audit_record


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="audit-login")
def _on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    with acting_as(AuditActor(user_id=user.pk, label=user.email, ip_address=_ip(request))):
        audit_record(action=AuditEvent.Action.LOGIN, object_repr=user.email)


@receiver(user_logged_out, dispatch_uid="audit-logout")
def _on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    with acting_as(AuditActor(user_id=user.pk, label=user.email, ip_address=_ip(request))):
        audit_record(action=AuditEvent.Action.LOGOUT, object_repr=user.email)


@receiver(user_login_failed, dispatch_uid="audit-login-failed")
def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    attempted = str(credentials.get("username") or credentials.get("email") or "")[:254]
    with acting_as(AuditActor(label=attempted, ip_address=_ip(request))):
        audit_record(action=AuditEvent.Action.LOGIN_FAILED, object_repr=attempted)


@receiver(user_locked_out, dispatch_uid="audit-locked-out")
def _on_locked_out(
    sender: Any, request: HttpRequest | None, username: str | None = None, **kwargs: Any
) -> None:
    attempted = (username or "")[:254]
    with acting_as(AuditActor(label=attempted, ip_address=_ip(request))):
        audit_record(action=AuditEvent.Action.LOCKED_OUT, object_repr=attempted)
