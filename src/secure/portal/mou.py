"""The adopted MOU for the public page: its text, a plain-language summary and its reading level.

The summary is built from the agreements analyzer's coverage of the rubric's key points; the
sentences saying what each point means for a student or a family are our own (decision 0081).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.agreements.models import MouAnalysis, MouDraft, MouVersion
from secure.agreements.requirements import REQUIREMENT_LABELS
from secure.partnerships.models import Partnership

# The reading grade the rubric's "accessible to all audiences" is measured against.
PLAIN_LANGUAGE_GRADE = 8.0

# What each key point means in plain words, in the order the summary lists them.
KEY_POINTS: tuple[tuple[str, Promise], ...] = (
    (
        "discipline_prohibition",
        _(
            "Officers are at school for safety and crimes. Breaking a school rule is for "
            "teachers and principals, not the police."
        ),
    ),
    (
        "searches_seizures",
        _("Officers may search a student or take their things only when the law allows it."),
    ),
    (
        "use_of_force",
        _("Officers use force, restraints or handcuffs on students only as a last resort."),
    ),
    (
        "interrogation_miranda_parent_notice",
        _(
            "Before an officer questions a student, the student's rights are explained and a "
            "parent or guardian is told."
        ),
    ),
    (
        "nondiscrimination_civil_rights",
        _(
            "Officers treat every student equally, whatever their race, sex, language or disability."
        ),
    ),
    (
        "complaint_mechanism",
        _("Students and families can complain about an officer, and someone must answer."),
    ),
    (
        "data_collection_disaggregation",
        _(
            "The partnership counts police actions at school and checks whether some groups of "
            "students are affected more than others."
        ),
    ),
    (
        "ferpa_information_sharing",
        _("Schools share student records with officers only as the privacy law (FERPA) allows."),
    ),
    ("training", _("Officers and school staff are trained, and some training is done together.")),
    (
        "regular_review_timeline",
        _("The agreement is reviewed on a regular schedule, with the community."),
    ),
)

COVERAGE_LABELS: dict[str, Promise] = {
    "met": pgettext_lazy("mou coverage", "The agreement says this."),
    "partial": pgettext_lazy("mou coverage", "The agreement says this only in part."),
    "missing": pgettext_lazy("mou coverage", "The agreement does not say this yet."),
}


@dataclass(frozen=True)
class KeyPoint:
    """One key point of the rubric and what the MOU says about it."""

    requirement: str
    topic: Promise
    meaning: Promise
    status: str
    coverage: Promise
    contradicted: bool


@dataclass(frozen=True)
class MouSection:
    heading: str
    paragraphs: tuple[str, ...]


@dataclass
class PublicMou:
    """The MOU in force as the public page shows it."""

    title: str
    since: datetime.date | None
    sections: list[MouSection]
    grade: float | None
    points: list[KeyPoint] = field(default_factory=list)
    version: MouVersion | None = None
    analysis: MouAnalysis | None = None

    @property
    def is_plain(self) -> bool:
        """Whether the text reads at grade 8 or below."""
        return self.grade is not None and self.grade <= PLAIN_LANGUAGE_GRADE

    @property
    def grade_rounded(self) -> int | None:
        return None if self.grade is None else max(1, round(self.grade))


def _is_heading(line: str) -> bool:
    """A line written as a heading: in capitals, or starting with "Article" or "Section"."""
    letters = [c for c in line if c.isalpha()]
    starts = line.split(" ", 1)[0].lower().rstrip(".")
    return (
        bool(letters)
        and (all(c.isupper() for c in letters) or starts in {"article", "section"})
        and len(line) <= 120
    )


def sections_from_text(text: str) -> list[MouSection]:
    """Headings and paragraphs of an uploaded MOU's plain text."""
    sections: list[MouSection] = []
    heading, paragraphs = "", list[str]()
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _is_heading(line):
            if heading or paragraphs:
                sections.append(MouSection(heading, tuple(paragraphs)))
            heading, paragraphs = line, []
        else:
            paragraphs.append(line)
    if heading or paragraphs:
        sections.append(MouSection(heading, tuple(paragraphs)))
    return sections


def key_points(analysis: MouAnalysis) -> list[KeyPoint]:
    """What the analysed MOU says on each key point, in plain words."""
    statuses = analysis.statuses()
    contradicted = {c.get("requirement") for c in analysis.report.get("conflicts", [])}
    points = []
    for requirement, meaning in KEY_POINTS:
        status = statuses.get(requirement, "missing")
        points.append(
            KeyPoint(
                requirement=requirement,
                topic=REQUIREMENT_LABELS[requirement],
                meaning=meaning,
                status=status,
                coverage=COVERAGE_LABELS.get(status, COVERAGE_LABELS["missing"]),
                contradicted=requirement in contradicted,
            )
        )
    return points


def adopted_draft(partnership: Partnership) -> MouDraft | None:
    """The partnership's most recently adopted MOU draft."""
    return (
        MouDraft.objects.for_partnership(partnership)
        .filter(status=MouDraft.Status.ADOPTED)
        .order_by("-adopted_at", "-pk")
        .first()
    )


def public_mou(partnership: Partnership) -> PublicMou | None:
    """The adopted MOU (or else the uploaded MOU marked in force), or None when there is none."""
    analysis = MouAnalysis.objects.for_partnership(partnership).filter(is_current=True).first()
    draft = adopted_draft(partnership)
    version = draft.latest_version() if draft else None
    if draft is not None and version is not None:
        found = PublicMou(
            title=draft.title,
            since=draft.adopted_at.date() if draft.adopted_at else None,
            sections=[
                MouSection(
                    s.get("heading", ""),
                    tuple(p.strip() for p in s.get("body", "").split("\n") if p.strip()),
                )
                for s in version.sections
            ],
            grade=analysis.grade if analysis else None,
            version=version,
            analysis=analysis,
        )
    elif analysis is not None:
        found = PublicMou(
            title=analysis.title,
            since=analysis.created_at.date(),
            sections=sections_from_text(analysis.text),
            grade=analysis.grade,
            analysis=analysis,
        )
    else:
        return None
    if analysis is not None:
        found.points = key_points(analysis)
    return found
