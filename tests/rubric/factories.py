"""Rubric test data, made through the rubric's services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from secure.partnerships.models import Membership, Partnership
from secure.rubric import services
from secure.rubric.models import Assessment, Schedule


def assessment_make(
    partnership: Partnership, *, path: str = Assessment.Path.START_THEN_IMPROVE, year: int = 2025
) -> Assessment:
    """An open assessment of ``partnership`` for the ``year`` school year."""
    return services.assessment_start(partnership=partnership, school_year=year, path=path)


def assessment_for(partnership: Partnership) -> Assessment:
    """The partnership's first assessment, started if there is none (for tests/pages.py)."""
    found = Assessment.objects.filter(partnership=partnership).order_by("pk").first()
    return found or assessment_make(partnership)


def schedule_make(
    partnership: Partnership,
    *,
    owner: Membership | None = None,
    next_due: datetime.date | None = None,
    interval_months: int = 12,
    item_id: str = "1.improve.2",
    title: str = "Review the MOU",
) -> Schedule:
    return services.schedule_create(
        partnership=partnership,
        title=title,
        item_id=item_id,
        interval_months=interval_months,
        next_due=next_due or timezone.localdate() + datetime.timedelta(days=30),
        owner=owner,
    )


def schedule_for(partnership: Partnership) -> Schedule:
    found = Schedule.objects.filter(partnership=partnership).order_by("pk").first()
    return found or schedule_make(partnership)
