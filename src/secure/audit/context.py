"""Who is acting right now: set per request by middleware, and by command-line commands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class AuditActor:
    """The person or process behind the changes being made."""

    user_id: int | None = None
    label: str = ""
    ip_address: str | None = None
    partnership_id: int | None = None


SYSTEM = AuditActor(label="system")
_current: ContextVar[AuditActor] = ContextVar("secure_audit_actor", default=SYSTEM)


def current_actor() -> AuditActor:
    """The actor that changes made now are attributed to."""
    return _current.get()


@contextmanager
def acting_as(actor: AuditActor) -> Iterator[AuditActor]:
    """Attribute changes made inside the block to ``actor``."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def set_actor_partnership(partnership_id: int | None) -> None:
    """Note which partnership the current request works in (for events with no partnership)."""
    _current.set(replace(_current.get(), partnership_id=partnership_id))
