"""Which models are audited, and the signal handlers that record their creates, changes, deletes.

Audit recording is infrastructure, not a business rule, so it lives in signals: a service that
forgets to log cannot skip it. Bulk operations (``bulk_create``, ``QuerySet.update``) send no
signals; code that uses them calls ``audit_record`` itself.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from .context import current_actor
from .models import AuditEvent

REDACTED = "[redacted]"
_registry: dict[type[models.Model], frozenset[str]] = {}


def audit_register(model: type[models.Model], *, redact: tuple[str, ...] = ()) -> None:
    """Record every create, change and delete of ``model``; ``redact`` fields show only that they changed."""
    _registry[model] = frozenset(redact)
    uid = f"audit:{model._meta.label}"
    pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + ":pre")
    post_save.connect(_record_save, sender=model, dispatch_uid=uid + ":post")
    post_delete.connect(_record_delete, sender=model, dispatch_uid=uid + ":delete")


def audited_models() -> set[type[models.Model]]:
    """Every model registered for auditing."""
    return set(_registry)


_exempt: dict[type[models.Model], str] = {}


def audit_exempt(model: type[models.Model], *, reason: str) -> None:
    """Declare that ``model`` is deliberately not audited, and why (anonymity, for example)."""
    if not reason.strip():
        raise ValueError("An audit exemption needs a reason.")
    _exempt[model] = reason


def audit_exemptions() -> dict[type[models.Model], str]:
    """Models deliberately left out of the audit trail, with the reason given for each."""
    return dict(_exempt)


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def _snapshot(instance: models.Model) -> dict[str, Any]:
    """The instance's concrete field values, keyed by attribute name."""
    return {
        field.attname: _plain(field.value_from_object(instance))
        for field in instance._meta.concrete_fields
    }


def _diff(before: dict[str, Any], after: dict[str, Any], redact: frozenset[str]) -> dict[str, Any]:
    """Field name to [before, after] for the fields that differ."""
    changes: dict[str, Any] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old != new:
            field_name = name[:-3] if name.endswith("_id") and name[:-3] in redact else name
            changes[name] = [REDACTED, REDACTED] if field_name in redact else [old, new]
    return changes


def audit_record(
    *,
    action: str,
    instance: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    partnership_id: int | None = None,
    object_repr: str = "",
) -> AuditEvent:
    """Append one audit event attributed to the current actor."""
    actor = current_actor()
    if instance is not None and partnership_id is None:
        partnership_id = getattr(instance, "partnership_id", None)
    return AuditEvent.objects.create(
        action=action,
        actor_id=actor.user_id,
        actor_label=actor.label[:254],
        partnership_id=partnership_id if partnership_id is not None else actor.partnership_id,
        content_type=ContentType.objects.get_for_model(instance) if instance is not None else None,
        object_id=str(instance.pk) if instance is not None else "",
        object_repr=(object_repr or (str(instance) if instance is not None else ""))[:200],
        changes=changes or {},
        ip_address=actor.ip_address,
    )


def _remember_before(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    before = None
    if instance.pk is not None:
        old = sender._base_manager.filter(pk=instance.pk).first()
        before = _snapshot(old) if old is not None else None
    instance._audit_before = before  # type: ignore[attr-defined]


def _record_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if kwargs.get("raw"):
        return
    redact = _registry.get(sender, frozenset())
    before = getattr(instance, "_audit_before", None)
    after = _snapshot(instance)
    if created or before is None:
        audit_record(
            action=AuditEvent.Action.CREATE, instance=instance, changes=_diff({}, after, redact)
        )
        return
    changes = _diff(before, after, redact)
    if changes:
        audit_record(action=AuditEvent.Action.UPDATE, instance=instance, changes=changes)


def _record_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    redact = _registry.get(sender, frozenset())
    audit_record(
        action=AuditEvent.Action.DELETE,
        instance=instance,
        changes=_diff(_snapshot(instance), {}, redact),
    )
