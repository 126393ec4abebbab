"""Live evidence from the rubric's own schedules: a kept schedule shows a regular timeline exists."""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from secure.core.evidence import Evidence, Provider, evidence_provider
from secure.partnerships.models import Partnership

from .content import rubric_load
from .models import Schedule

SCHEDULE_KEPT = _("Schedule “%(title)s” (%(interval)s); next due %(due)s.")
SCHEDULE_LATE = _("Schedule “%(title)s” (%(interval)s) is overdue since %(due)s.")
SCHEDULE_LAST_DONE = _("Last done %(date)s.")


def schedule_evidence(partnership: Partnership, item_id: str) -> Evidence | None:
    """Active schedules for the item: done when all are on time, in progress when one is late."""
    schedules = list(
        Schedule.objects.for_partnership(partnership)
        .filter(item_id=item_id, is_active=True)
        .prefetch_related("completions")
        .order_by("next_due")
    )
    if not schedules:
        return None
    today = timezone.localdate()
    parts = []
    late = False
    for schedule in schedules:
        params = {
            "title": schedule.title,
            "interval": schedule.get_interval_months_display(),
            "due": formats.date_format(schedule.next_due, "SHORT_DATE_FORMAT"),
        }
        overdue = schedule.next_due < today
        late = late or overdue
        text = str((SCHEDULE_LATE if overdue else SCHEDULE_KEPT) % params)
        last = max((c.completed_on for c in schedule.completions.all()), default=None)
        if last is not None:
            text += " " + str(
                SCHEDULE_LAST_DONE % {"date": formats.date_format(last, "SHORT_DATE_FORMAT")}
            )
        parts.append(text)
    first = schedules[0]
    return Evidence(
        summary=" ".join(parts),
        suggested_status=Evidence.IN_PROGRESS if late else Evidence.DONE,
        url=reverse(
            "rubric:schedule_detail",
            kwargs={"partnership_slug": partnership.slug, "pk": first.pk},
        ),
        source="rubric",
        facts={"schedules": len(schedules), "overdue": late},
    )


def _provider_for(item_id: str) -> Provider:
    def provider(partnership: Partnership) -> Evidence | None:
        return schedule_evidence(partnership, item_id)

    provider.__name__ = f"schedule_evidence_{item_id.replace('.', '_')}"
    return provider


def register() -> None:
    """Offer schedule evidence for every rubric item (a schedule may serve any of them)."""
    for item in rubric_load().items():
        evidence_provider(item.id)(_provider_for(item.id))
