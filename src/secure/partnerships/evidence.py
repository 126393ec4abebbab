"""Live rubric evidence from the partnership itself: its stakeholder organizations and schools.

Each provider says what the partnership's records show for a rubric item; a person confirms any
status. Nothing here can show that an MOU was drafted together, only who is at the table.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from secure.core.evidence import Evidence, evidence_provider

from .models import Organization, Partnership, School

STAKEHOLDER_KINDS = (
    Organization.Kind.JUVENILE_JUSTICE,
    Organization.Kind.CIVIL_RIGHTS,
    Organization.Kind.COMMUNITY,
)
NO_STAKEHOLDERS = _(
    "No juvenile justice, civil rights or community organization is in the partnership yet."
)


def _organizations_url(partnership: Partnership) -> str:
    return reverse("partnerships:organization_list", kwargs={"partnership_slug": partnership.slug})


@evidence_provider("1.start.3", "1.improve.2.1", "2.improve.3")
def stakeholder_organizations(partnership: Partnership) -> Evidence:
    """Which stakeholder groups the rubric names are part of the partnership."""
    found = list(
        Organization.objects.for_partnership(partnership)
        .filter(kind__in=STAKEHOLDER_KINDS)
        .order_by("kind", "name")
    )
    if not found:
        return Evidence(
            summary=NO_STAKEHOLDERS,
            suggested_status=Evidence.NOT_STARTED,
            url=_organizations_url(partnership),
            source="partnerships",
        )
    kinds = sorted({str(o.get_kind_display()) for o in found})
    summary = ngettext(
        "%(count)d stakeholder organization takes part: %(names)s.",
        "%(count)d stakeholder organizations take part: %(names)s.",
        len(found),
    ) % {"count": len(found), "names": ", ".join(o.name for o in found)}
    all_kinds = len({o.kind for o in found}) == len(STAKEHOLDER_KINDS)
    return Evidence(
        summary=summary,
        # Stakeholders at the table is a start; only people can say the work was done together.
        suggested_status=Evidence.IN_PROGRESS,
        url=_organizations_url(partnership),
        source="partnerships",
        facts={"organizations": len(found), "kinds": kinds, "all_kinds_present": all_kinds},
    )


@evidence_provider("1.start.1.2", "1.improve.1.2")
def schools_with_nces_ids(partnership: Partnership) -> Evidence | None:
    """How many schools carry the NCES id that matches them to the Civil Rights Data Collection."""
    schools = School.objects.for_partnership(partnership)
    total = schools.count()
    if not total:
        return None
    with_id = schools.exclude(nces_id="").count()
    summary = ngettext(
        "%(with_id)d of %(total)d school has an NCES ID, so its CRDC data can be matched.",
        "%(with_id)d of %(total)d schools have an NCES ID, so their CRDC data can be matched.",
        total,
    ) % {"with_id": with_id, "total": total}
    return Evidence(
        summary=summary,
        suggested_status=None,
        url=reverse("partnerships:school_list", kwargs={"partnership_slug": partnership.slug}),
        source="partnerships",
        facts={"schools": total, "with_nces_id": with_id},
    )
