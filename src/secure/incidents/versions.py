"""A partnership's incident-data version: a random token that changes with every write.

Dashboard numbers that are slow to count at a million actions (the overview of every action)
are kept in Django's cache under a key that includes this token, so a cached answer is used
only while the data it was counted from is unchanged (decision 0044). The token changes:

- in the same transaction as every import that writes incidents, students or actions
  (``incidents_write`` calls ``data_changed``; its bulk writes send no model signals);
- on every save or delete of an ``Incident``, ``IncidentStudent`` or ``IncidentAction``
  through the ORM (the entry form, the admin, the shell, cascades), by the signal receivers
  connected in ``IncidentsConfig.ready``.

A reader takes the token first and counts afterwards, so an answer is never stored under a
token older than the data it was counted from would allow: a write that commits between the
two leaves an answer under the old token, which no later reader asks for. The token is random
rather than a counter, so a rolled-back or restored database cannot meet an old cached answer
under a reused number.
"""

from __future__ import annotations

from typing import Any

from secure.partnerships.models import Partnership

from .models.settings import IncidentSettings, new_version


def data_changed(partnership_id: int) -> None:
    """Give the partnership's incident data a new version token (inside the writer's transaction)."""
    IncidentSettings.objects.filter(partnership_id=partnership_id).update(
        data_version=new_version()
    )


def data_version(partnership: Partnership) -> str | None:
    """The partnership's current token (None before its incident settings exist)."""
    return (
        IncidentSettings.objects.filter(partnership=partnership)
        .values_list("data_version", flat=True)
        .first()
    )


def row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Signal receiver: an incident, student or action row was saved or deleted (fixtures
    loaded with ``loaddata`` included: they change the data as much as any other write)."""
    partnership_id = getattr(instance, "partnership_id", None)
    if partnership_id is not None:
        data_changed(partnership_id)
