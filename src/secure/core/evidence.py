"""Live evidence: what the rest of SECURE currently shows about each rubric item.

Each app declares, in its own ``evidence.py`` (imported from its ``AppConfig.ready``), functions
that look at one partnership's state and say what it shows for given rubric items::

    from secure.core.evidence import Evidence, evidence_provider

    @evidence_provider("2.start.5")
    def complaint_mechanism(partnership):
        count = Complaint.objects.for_partnership(partnership).count()
        return Evidence(summary=..., suggested_status=Evidence.DONE if count else None, url=...)

The rubric reads them with ``evidence_for``; no domain app imports the rubric. Rubric item ids are
positional: ``<step>.<start|improve>.<n>`` for a bullet and ``<parent id>.<m>`` for its sub-bullets,
counting from 1 in the order the seed lists them (see ``secure/rubric/data``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from secure.partnerships.models import Partnership


@dataclass(frozen=True)
class Evidence:
    """What one app's current state shows for a rubric item; a person confirms any status."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    summary: str | Promise
    suggested_status: str | None = None
    url: str = ""
    source: str = ""
    facts: dict[str, Any] = field(default_factory=dict)


Provider = Callable[["Partnership"], Evidence | None]
_providers: dict[str, list[Provider]] = {}


def evidence_provider(*item_ids: str) -> Callable[[Provider], Provider]:
    """Register a function as live evidence for the rubric items ``item_ids``."""

    def register(provider: Provider) -> Provider:
        for item_id in item_ids:
            bucket = _providers.setdefault(item_id, [])
            if provider not in bucket:
                bucket.append(provider)
        return provider

    return register


def evidence_for(*, partnership: Partnership, item_id: str) -> list[Evidence]:
    """Everything the apps currently show for one rubric item in one partnership."""
    found: list[Evidence] = []
    for provider in _providers.get(item_id, []):
        evidence = provider(partnership)
        if evidence is not None:
            source = evidence.source or provider.__module__.split(".")[1]
            found.append(
                Evidence(
                    summary=evidence.summary,
                    suggested_status=evidence.suggested_status,
                    url=evidence.url,
                    source=source,
                    facts=evidence.facts,
                )
            )
    return found


def evidence_item_ids() -> set[str]:
    """Every rubric item id some app provides evidence for."""
    return set(_providers)
