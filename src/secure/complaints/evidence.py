"""Live evidence for the rubric item on the complaint mechanism (2.start.5)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secure.core.evidence import Evidence, evidence_provider
from secure.partnerships.models import Partnership

from .models import Complaint, Demographics


@evidence_provider("2.start.5")
def complaint_mechanism(partnership: Partnership) -> Evidence:
    """The public intake is open; how many complaints came in, were handled, and gave demographics."""
    complaints = Complaint.objects.for_partnership(partnership)
    total = complaints.count()
    resolved = complaints.filter(resolved_at__isnull=False).count()
    with_demographics = Demographics.objects.for_partnership(partnership).count()
    overdue = sum(
        1
        for c in complaints.filter(
            status__in=[Complaint.Status.RECEIVED, Complaint.Status.UNDER_REVIEW]
        )
        if c.acknowledgement_overdue() or c.resolution_overdue()
    )
    public_url = reverse("complaints:start", args=[partnership.slug])
    summary: str | Promise
    if total == 0:
        summary = _(
            "The public complaint form is open (in English and Spanish, with optional "
            "self-reported race, age, sex, English-learner and disability status); no complaint "
            "has been received yet."
        )
        status = Evidence.IN_PROGRESS
    else:
        summary = ngettext(
            "%(total)d complaint received through the public form; %(resolved)d resolved; "
            "%(demo)d gave self-reported demographics; %(overdue)d past a deadline.",
            "%(total)d complaints received through the public form; %(resolved)d resolved; "
            "%(demo)d gave self-reported demographics; %(overdue)d past a deadline.",
            total,
        ) % {"total": total, "resolved": resolved, "demo": with_demographics, "overdue": overdue}
        status = Evidence.DONE
    return Evidence(
        summary=summary,
        suggested_status=status,
        url=public_url,
        facts={
            "complaints": total,
            "resolved": resolved,
            "with_demographics": with_demographics,
            "overdue": overdue,
            "public_form": public_url,
        },
    )
