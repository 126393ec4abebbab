"""Reads for the public page: every section it shows, from the other apps' public data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import Promise

from secure.core.steps import ACTION_STEPS
from secure.partnerships.models import Partnership
from secure.personnel.models import Guideline, GuidelineComment
from secure.personnel.models.hiring import StakeholderGroup
from secure.rubric.selectors import assessment_current, assessment_progress
from secure.surveys.models import CampaignLink
from secure.surveys.models.choices import Group

from . import sections as s
from .compact import PageTable
from .models import PublicPage
from .mou import public_mou

# Sections whose numbers come from the open-data tables (``secure.portal.published``).
TABLE_SECTIONS = frozenset({s.OFFICERS, s.ACTIONS, s.EQUITY, s.COMPLAINTS, s.SURVEYS})

# Survey groups whose anonymous links the public page offers: people the public page speaks to.
PUBLIC_SURVEY_GROUPS = (Group.STUDENT, Group.FAMILY, Group.COMMUNITY)


@dataclass(frozen=True)
class PublicGuidelines:
    guideline: Guideline
    criteria: list[str]
    groups_heard: list[Promise]


@dataclass(frozen=True)
class StepRow:
    """Checklist items of one action step: done, under way, not started (items that apply)."""

    number: int
    title: Promise | str
    done: int
    in_progress: int
    not_started: int
    applicable: int
    percent: int | None


@dataclass(frozen=True)
class RubricProgress:
    year_label: str
    is_open: bool
    steps: list[StepRow]
    done: int
    applicable: int
    percent: int | None


@dataclass(frozen=True)
class SurveyLink:
    school: str
    group: Promise | str
    url: str


@dataclass
class OpenSurvey:
    title: str
    closes_on: datetime.date
    links: list[SurveyLink] = field(default_factory=list)


def public_page_for(partnership: Partnership) -> PublicPage:
    """The partnership's public page, or an unsaved one with the defaults (reads create nothing)."""
    found = PublicPage.objects.for_partnership(partnership).first()
    return found if found is not None else PublicPage(partnership=partnership)


def public_guidelines(partnership: Partnership) -> PublicGuidelines | None:
    """The published hiring guidelines, their criteria and which groups gave input."""
    guideline = (
        Guideline.objects.for_partnership(partnership)
        .filter(status=Guideline.Status.PUBLISHED)
        .first()
    )
    if guideline is None:
        return None
    heard = set(
        GuidelineComment.objects.for_partnership(partnership).values_list("group", flat=True)
    )
    return PublicGuidelines(
        guideline=guideline,
        criteria=[c.text for c in guideline.criteria.all()],
        groups_heard=[g.label for g in StakeholderGroup if g.value in heard],
    )


def rubric_progress(partnership: Partnership) -> RubricProgress | None:
    """Checklist items done on each of the five steps in the current assessment cycle."""
    assessment = assessment_current(partnership=partnership)
    if assessment is None:
        return None
    progress = assessment_progress(assessment=assessment)
    titles = {step.number: step.short_title for step in ACTION_STEPS}
    rows = [
        StepRow(
            number=step.number,
            title=titles.get(step.number, step.title),
            done=step.all.done,
            in_progress=step.all.in_progress,
            not_started=step.all.not_started,
            applicable=step.all.applicable,
            percent=step.all.percent,
        )
        for step in progress.steps
        if step.all.total
    ]
    return RubricProgress(
        year_label=assessment.year_label,
        is_open=assessment.is_open,
        steps=rows,
        done=progress.overall.done,
        applicable=progress.overall.applicable,
        percent=progress.overall.percent,
    )


def open_surveys(partnership: Partnership, language: str) -> list[OpenSurvey]:
    """Campaigns open today, with their anonymous links for students, families and community."""
    today = timezone.localdate()
    links = (
        CampaignLink.objects.for_partnership(partnership)
        .filter(
            campaign__opens_on__lte=today,
            campaign__closes_on__gte=today,
            group__in=[g.value for g in PUBLIC_SURVEY_GROUPS],
        )
        .select_related("campaign__instrument", "school")
        .order_by("campaign__closes_on", "campaign__name", "school__name", "group")
    )
    found: dict[int, OpenSurvey] = {}
    for link in links:
        campaign = link.campaign
        survey = found.setdefault(
            campaign.pk,
            OpenSurvey(title=campaign.instrument.title_in(language), closes_on=campaign.closes_on),
        )
        survey.links.append(
            SurveyLink(
                school=link.school.name,
                group=link.get_group_display(),
                url=reverse("surveys:link_start", kwargs={"link_token": link.token}),
            )
        )
    return list(found.values())


def published_tables(page: PublicPage) -> dict[str, list[PageTable]]:
    """The suppressed open-data tables of the sections switched on, by section, narrowed to the
    latest school year for the page."""
    wanted = page.sections() & TABLE_SECTIONS
    if not wanted:
        return {}
    from .published import tables_for

    grouped: dict[str, list[PageTable]] = {}
    for table in tables_for(page.partnership, sections=wanted, minimum=page.minimum_cell):
        grouped.setdefault(table.section, []).append(PageTable(table))
    return grouped


def opendata_url(partnership: Partnership) -> str:
    """The open-data downloads page of the partnership, when the portal serves one."""
    try:
        return reverse("portal:opendata", kwargs={"partnership_slug": partnership.slug})
    except NoReverseMatch:
        return ""


def data_as_of(tables: dict[str, list[PageTable]]) -> datetime.date | None:
    """The newest date of the data the page shows."""
    dates = [t.data_as_of for group in tables.values() for t in group if t.data_as_of]
    return max(dates) if dates else None


def public_page_context(*, page: PublicPage, language: str | None) -> dict[str, Any]:
    """Everything the public page shows for ``page`` in ``language``; empty sections are None."""
    partnership = page.partnership
    on = page.sections()
    language = language or "en"
    mou = public_mou(partnership) if s.MOU in on else None
    tables = published_tables(page)
    surveys = open_surveys(partnership, language)
    return {
        "page": page,
        "partnership": partnership,
        "sections": on,
        "introduction": page.introduction_for(language),
        "mou": mou,
        "guidelines": public_guidelines(partnership) if s.HIRING in on else None,
        "rubric": rubric_progress(partnership) if s.RUBRIC in on else None,
        "tables": tables,
        "open_surveys": surveys,
        "data_as_of": data_as_of(tables),
        "opendata_url": opendata_url(partnership),
        "minimum": page.minimum_cell,
    }


@dataclass(frozen=True)
class SectionState:
    """Whether a section is switched on and whether the partnership has data for it."""

    key: str
    label: Promise
    on: bool
    has_data: bool

    @property
    def shown(self) -> bool:
        return self.on and self.has_data


def section_states(*, page: PublicPage, context: dict[str, Any]) -> list[SectionState]:
    """Each section as the page would show it, from a ``public_page_context`` of every section."""
    found = {
        s.MOU: context["mou"] is not None,
        s.HIRING: context["guidelines"] is not None,
        s.RUBRIC: context["rubric"] is not None,
        **{key: bool(context["tables"].get(key)) for key in TABLE_SECTIONS},
    }
    on = page.sections()
    return [
        SectionState(key=key, label=label, on=key in on, has_data=found[key])
        for key, label, _description in s.SECTIONS
    ]
