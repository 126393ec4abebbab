"""Writing campaigns: creating one with its links, issuing one-time codes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Partnership, School

from ..models import AccessCode, Campaign, CampaignLink, Instrument
from .codes import code_hash, code_new, token_new

DATES_BACKWARDS = _("The closing date must be on or after the opening date.")
GROUP_NOT_IN_INSTRUMENT = _("This instrument is not written for: {groups}.")
LANGUAGE_NOT_IN_INSTRUMENT = _("This instrument is not translated into: {languages}.")
TOO_MANY_CODES = _("Issue at most {limit} codes at a time.")
MAX_CODES = 2000
OFFICER_OTHER_PARTNERSHIP = _("That officer is not in this partnership.")
OFFICER_NOT_SRO = _("360° feedback can only be about a school resource officer.")
OFFICER_NEEDS_360 = _("Only a 360° feedback instrument can be about one officer.")


@transaction.atomic
def campaign_create(
    *,
    partnership: Partnership,
    instrument: Instrument,
    name: str,
    groups: list[str],
    schools: Iterable[School],
    languages: list[str],
    opens_on: datetime.date,
    closes_on: datetime.date,
    ask_demographics: bool = True,
    minimum_cell: int = 10,
    subject_officer: Any = None,
) -> Campaign:
    """A campaign with one anonymous link for every school and group.

    ``subject_officer`` (a ``secure.personnel`` ``Person`` who is an SRO) makes it 360°
    feedback about that officer, read by ``selectors.officer_feedback`` for evaluations.
    """
    if closes_on < opens_on:
        raise ValidationError(DATES_BACKWARDS)
    if subject_officer is not None:
        if subject_officer.partnership_id != partnership.pk:
            raise ValidationError(OFFICER_OTHER_PARTNERSHIP)
        if subject_officer.role != "sro":
            raise ValidationError(OFFICER_NOT_SRO)
        if instrument.kind != Instrument.Kind.FEEDBACK_360:
            raise ValidationError(OFFICER_NEEDS_360)
    missing = [g for g in groups if g not in instrument.groups]
    if missing:
        raise ValidationError(GROUP_NOT_IN_INSTRUMENT.format(groups=", ".join(missing)))
    untranslated = [lang for lang in languages if lang not in instrument.languages]
    if untranslated:
        raise ValidationError(LANGUAGE_NOT_IN_INSTRUMENT.format(languages=", ".join(untranslated)))
    campaign = Campaign.objects.create(
        partnership=partnership,
        instrument=instrument,
        name=name,
        groups=list(groups),
        languages=list(languages),
        opens_on=opens_on,
        closes_on=closes_on,
        ask_demographics=ask_demographics,
        minimum_cell=minimum_cell,
        subject_officer=subject_officer,
    )
    schools = list(schools)
    campaign.schools.set(schools)
    for school in schools:
        for group in groups:
            CampaignLink.objects.create(
                partnership=partnership,
                campaign=campaign,
                school=school,
                group=group,
                token=token_new(),
            )
    return campaign


@transaction.atomic
def codes_issue(*, link: CampaignLink, count: int) -> list[str]:
    """``count`` new one-time codes for the link; only their hashes are kept, so show them now."""
    if not 1 <= count <= MAX_CODES:
        raise ValidationError(TOO_MANY_CODES.format(limit=MAX_CODES))
    codes = [code_new() for _ in range(count)]
    AccessCode.objects.bulk_create(
        [
            AccessCode(partnership_id=link.partnership_id, link=link, code_hash=code_hash(c))
            for c in codes
        ]
    )
    return codes


def link_invited_set(*, link: CampaignLink, invited: int) -> CampaignLink:
    """Record how many people were asked to answer through this link."""
    link.invited = max(0, invited)
    link.save(update_fields=["invited"])
    return link
