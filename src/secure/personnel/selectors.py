"""Reads: officer coverage of schools, training compliance, onboarding progress, panel views."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from secure.partnerships.models import Partnership, School

from .models import (
    Assignment,
    Attendance,
    Candidate,
    Panelist,
    Person,
    Score,
    TrainingTopic,
)
from .models.hiring import RUBRIC_PANEL_GROUPS, StakeholderGroup

DUE_SOON_DAYS = 60


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def assignments_on(*, partnership: Partnership, day: datetime.date) -> QuerySet[Assignment]:
    """The assignments in force on ``day``."""
    return (
        Assignment.objects.for_partnership(partnership)
        .filter(starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .select_related("person", "school")
    )


def person_list(*, partnership: Partnership) -> QuerySet[Person]:
    return Person.objects.for_partnership(partnership).select_related("supervisor", "member__user")


@dataclass
class Coverage:
    """Schools with at least one sworn officer assigned on a date, from the assignments."""

    day: datetime.date
    schools: int
    with_officer: int
    officers: int

    @property
    def share(self) -> float | None:
        return round(100 * self.with_officer / self.schools, 1) if self.schools else None


def officer_coverage_on(*, partnership: Partnership, day: datetime.date) -> Coverage:
    """How many of the partnership's schools have a sworn officer assigned on ``day``."""
    sworn = assignments_on(partnership=partnership, day=day).filter(
        person__sworn=True, person__is_active=True
    )
    return Coverage(
        day=day,
        schools=School.objects.for_partnership(partnership).count(),
        with_officer=sworn.values("school").distinct().count(),
        officers=sworn.values("person").distinct().count(),
    )


def school_year_of(day: datetime.date) -> str:
    """The July-to-June school year of a date, as the incident data writes it (2024-25)."""
    start = day.year if day.month >= 7 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


@dataclass
class SchoolStaffing:
    school: School
    officers: list[Person]
    staff: list[Person]
    reported_fte: object = None


def staffing_by_school(
    *, partnership: Partnership, day: datetime.date, year: str
) -> list[SchoolStaffing]:
    """Each school with the officers and staff assigned on ``day`` and the FTE reported for ``year``."""
    from secure.incidents.models import SwornOfficers

    fte = dict(
        SwornOfficers.objects.for_partnership(partnership)
        .filter(school_year=year)
        .values_list("school_id", "fte")
    )
    rows = {
        s.pk: SchoolStaffing(school=s, officers=[], staff=[], reported_fte=fte.get(s.pk))
        for s in School.objects.for_partnership(partnership)
    }
    for a in assignments_on(partnership=partnership, day=day).filter(person__is_active=True):
        row = rows[a.school_id]
        (row.officers if a.person.is_officer else row.staff).append(a.person)
    return list(rows.values())


# Training compliance ---------------------------------------------------------------------------


class State:
    CURRENT = "current"
    DUE = "due"
    OVERDUE = "overdue"
    NEVER = "never"


STATE_ORDER = (State.CURRENT, State.DUE, State.OVERDUE, State.NEVER)
STATE_LABELS = {
    State.CURRENT: pgettext_lazy("training state", "Current"),
    State.DUE: _("Due soon"),
    State.OVERDUE: pgettext_lazy("training state", "Overdue"),
    State.NEVER: _("Never trained"),
}


def training_state(
    *, last: datetime.date | None, refresh_months: int, today: datetime.date
) -> tuple[str, datetime.date | None]:
    """Whether training last taken on ``last`` is current, due soon, overdue or missing."""
    if last is None:
        return State.NEVER, None
    if not refresh_months:
        return State.CURRENT, None
    expires = add_months(last, refresh_months)
    if expires < today:
        return State.OVERDUE, expires
    if expires <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return State.DUE, expires
    return State.CURRENT, expires


@dataclass
class Requirement:
    person: Person
    topic: TrainingTopic
    last: datetime.date | None
    state: str
    expires: datetime.date | None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def last_trained(*, partnership: Partnership) -> dict[tuple[int, int], datetime.date]:
    """The date each person last attended a session on each topic."""
    rows = (
        Attendance.objects.for_partnership(partnership)
        .values("person_id", "session__topics")
        .annotate(last=Max("session__held_on"))
    )
    return {
        (r["person_id"], r["session__topics"]): r["last"]
        for r in rows
        if r["session__topics"] is not None
    }


def requirements(
    *, partnership: Partnership, today: datetime.date, person: Person | None = None
) -> list[Requirement]:
    """Every (active person, topic their role needs) with its training state on ``today``."""
    topics = list(TrainingTopic.objects.for_partnership(partnership))
    people = Person.objects.for_partnership(partnership).filter(is_active=True)
    if person is not None:
        people = people.filter(pk=person.pk)
    last = last_trained(partnership=partnership)
    found = []
    for p in people:
        for t in topics:
            if p.role not in t.roles:
                continue
            day = last.get((p.pk, t.pk))
            state, expires = training_state(last=day, refresh_months=t.refresh_months, today=today)
            found.append(Requirement(p, t, day, state, expires))
    return found


@dataclass
class ComplianceRow:
    """One school and role: how many required trainings are in each state."""

    school: str
    role: str
    people: int
    counts: dict[str, int] = field(default_factory=dict)
    gaps: list[Requirement] = field(default_factory=list)

    @property
    def cells(self) -> list[tuple[str, int]]:
        """(state label, count) in the order of ``STATE_ORDER``."""
        return [(str(STATE_LABELS[state]), self.counts.get(state, 0)) for state in STATE_ORDER]

    @property
    def required(self) -> int:
        return sum(self.counts.values())

    @property
    def current_share(self) -> float | None:
        total = self.required
        return round(100 * self.counts.get(State.CURRENT, 0) / total, 1) if total else None


def compliance(*, partnership: Partnership, today: datetime.date) -> list[ComplianceRow]:
    """Training compliance per school (of the person's current assignment) and role."""
    school_of: dict[int, str] = {}
    for a in assignments_on(partnership=partnership, day=today):
        school_of.setdefault(a.person_id, a.school.name)
    role_labels = dict(Person.Role.choices)
    no_school = str(_("No current school assignment"))
    rows: dict[tuple[str, str], ComplianceRow] = {}
    people: dict[tuple[str, str], set[int]] = defaultdict(set)
    for req in requirements(partnership=partnership, today=today):
        key = (school_of.get(req.person.pk, no_school), req.person.role)
        row = rows.setdefault(key, ComplianceRow(key[0], str(role_labels[key[1]]), 0))
        row.counts[req.state] = row.counts.get(req.state, 0) + 1
        people[key].add(req.person.pk)
        if req.state != State.CURRENT:
            row.gaps.append(req)
    for key, row in rows.items():
        row.people = len(people[key])
    return sorted(rows.values(), key=lambda r: (r.school == no_school, r.school, r.role))


@dataclass
class OnboardingProgress:
    done: list[tuple[TrainingTopic, datetime.date]]
    remaining: list[TrainingTopic]

    @property
    def total(self) -> int:
        return len(self.done) + len(self.remaining)

    @property
    def share(self) -> float | None:
        total = len(self.done) + len(self.remaining)
        return round(100 * len(self.done) / total) if total else None


def onboarding_progress(*, person: Person) -> OnboardingProgress:
    """The onboarding topics the new SRO has attended a session on, and those still to do."""
    last = last_trained(partnership=person.partnership)
    done, remaining = [], []
    for topic in TrainingTopic.objects.for_partnership(person.partnership).filter(onboarding=True):
        day = last.get((person.pk, topic.pk))
        if day is not None:
            done.append((topic, day))
        else:
            remaining.append(topic)
    return OnboardingProgress(done, remaining)


# Hiring ----------------------------------------------------------------------------------------


@dataclass
class PanelMakeup:
    group: str
    label: str
    count: int
    required: bool


def panel_makeup(*, candidate: Candidate) -> list[PanelMakeup]:
    """How many panelists speak for each stakeholder group, against the rubric's list."""
    counts: dict[str, int] = defaultdict(int)
    for group in candidate.panelists.values_list("group", flat=True):
        counts[group] += 1
    return [
        PanelMakeup(g.value, str(g.label), counts[g.value], g in RUBRIC_PANEL_GROUPS)
        for g in StakeholderGroup
    ]


DISAGREEMENT_GAP = 1.5  # points on the 1-4 scale between the highest and lowest group mean


@dataclass
class CriterionAggregate:
    criterion: str
    by_group: list[tuple[str, float | None, int]]
    overall: float | None
    gap: float | None

    @property
    def disagree(self) -> bool:
        return self.gap is not None and self.gap >= DISAGREEMENT_GAP


def panel_aggregate(*, candidate: Candidate) -> list[CriterionAggregate]:
    """Mean score per criterion per stakeholder group, flagging where groups disagree."""
    groups = [g for g in StakeholderGroup if candidate.panelists.filter(group=g.value).exists()]
    values: dict[tuple[int, str], list[int]] = defaultdict(list)
    for criterion_id, group, value in (
        Score.objects.for_partnership(candidate.partnership)
        .filter(panelist__candidate=candidate)
        .values_list("criterion_id", "panelist__group", "value")
    ):
        values[(criterion_id, group)].append(value)
    found = []
    for criterion in candidate.guideline.criteria.all():
        by_group = []
        for g in groups:
            got = values.get((criterion.pk, g.value), [])
            by_group.append((str(g.label), round(mean(got), 1) if got else None, len(got)))
        means = [m for _label, m, _n in by_group if m is not None]
        every = [v for g in groups for v in values.get((criterion.pk, g.value), [])]
        found.append(
            CriterionAggregate(
                criterion=criterion.text,
                by_group=by_group,
                overall=round(mean(every), 1) if every else None,
                gap=round(max(means) - min(means), 1) if len(means) >= 2 else None,
            )
        )
    return found


def panelist_for(*, candidate: Candidate, membership_id: int) -> Panelist | None:
    return candidate.panelists.filter(member_id=membership_id).first()
