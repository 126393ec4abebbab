"""Survey data for tests, made through the real services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from secure.partnerships.models import Partnership, School
from secure.surveys.models import Campaign, Group, Instrument
from secure.surveys.services.campaigns import campaign_create
from secure.surveys.services.instruments import instrument_from_library


def instrument_for(partnership: Partnership, key: str = "school-safety-perception") -> Instrument:
    return instrument_from_library(partnership=partnership, key=key)


def school_for(partnership: Partnership, name: str = "") -> School:
    if not name:
        found = School.objects.filter(partnership=partnership).order_by("pk").first()
        if found:
            return found
        name = "Test School"
    return School.objects.create(partnership=partnership, name=name)


def campaign_for(
    partnership: Partnership,
    *,
    groups: list[str] | None = None,
    schools: list[School] | None = None,
    opens_in: int = -1,
    days: int = 30,
    key: str = "school-safety-perception",
    **kwargs: object,
) -> Campaign:
    found = Campaign.objects.filter(partnership=partnership).first()
    if found and groups is None and schools is None and not kwargs:
        return found
    today = timezone.localdate()
    return campaign_create(
        partnership=partnership,
        instrument=instrument_for(partnership, key),
        name="Test campaign",
        groups=groups or [Group.STUDENT, Group.FAMILY],
        schools=schools or [school_for(partnership)],
        languages=["en", "es"],
        opens_on=today + datetime.timedelta(days=opens_in),
        closes_on=today + datetime.timedelta(days=opens_in + days),
        **kwargs,  # type: ignore[arg-type]
    )
