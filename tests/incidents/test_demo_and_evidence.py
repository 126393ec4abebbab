"""Demo data, equity flags on it, and the live rubric evidence."""

from __future__ import annotations

import pytest

from secure.core.demo import demo_seed
from secure.core.evidence import evidence_for
from secure.incidents.flags import equity_flags
from secure.incidents.models import Enrollment, IncidentAction, SwornOfficers
from secure.incidents.scope import data_scope, incident_rows
from secure.incidents.selectors.dashboard import school_years
from secure.partnerships.models import Membership
from secure.partnerships.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return {p.slug: p for p in demo_seed()}


def test_each_demo_partnership_has_several_years_of_data(demo):
    """Four school years of incidents, enrollment by every dimension and sworn officers."""
    for partnership in demo.values():
        actions = IncidentAction.objects.filter(partnership=partnership)
        assert 1500 < actions.count() < 8000
        assert len(school_years(partnership=partnership)) == 4
        dims = set(
            Enrollment.objects.filter(partnership=partnership).values_list("dimension", flat=True)
        )
        assert dims == {"total", "race", "sex", "disability", "el", "age_band"}
        assert SwornOfficers.objects.filter(partnership=partnership, fte__gt=0).exists()


def test_the_equity_engine_flags_the_demos_built_in_disparity(demo):
    """Black students' referral risk ratio in Riverside is flagged by the equity engine."""
    riverside = demo["riverside"]
    year = school_years(partnership=riverside)[0]
    flags = equity_flags(
        partnership=riverside, outcome="referral_to_law_enforcement", dimension="race", year=year
    )
    assert flags is not None
    black = flags.by_group["black"]
    assert black.flagged and black.risk_ratio is not None and black.risk_ratio >= 2
    assert not flags.by_group["white"].flagged


def test_live_evidence_reports_the_incident_data(demo):
    """Every data item of the rubric gets evidence from the incident records."""
    for item in ("1.start.1.1", "1.improve.1.1", "2.start.3", "2.start.4", "2.improve.1"):
        found = [
            e
            for e in evidence_for(partnership=demo["riverside"], item_id=item)
            if e.source == "incidents"
        ]
        assert found and found[0].suggested_status in {"in_progress", "done"}, item


def test_the_demo_generator_is_deterministic():
    """The same seed gives the same rows every time."""
    import datetime
    import random

    from secure.incidents.demo import _involved, school_years_for_demo

    pool = [f"S{n}" for n in range(500)]
    races = {"white": 0.5, "black": 0.5}
    assert _involved(random.Random("x"), pool, races, 3) == _involved(
        random.Random("x"), pool, races, 3
    )
    assert school_years_for_demo(datetime.date(2026, 11, 27)) == [
        "2022-23",
        "2023-24",
        "2024-25",
        "2025-26",
    ]


def test_evidence_says_not_started_without_data(riverside):
    """With no data, the incident evidence suggests not started."""
    found = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.start.1.1")
        if e.source == "incidents"
    ]
    assert found[0].suggested_status == "not_started"


def test_the_demos_school_staff_accounts_see_their_own_schools(demo):
    """The demo school administrator and SRO are linked to people with assignments."""
    for partnership in demo.values():
        for role in (Role.SCHOOL_ADMIN, Role.SRO):
            membership = Membership.objects.get(partnership=partnership, role=role)
            scope = data_scope(membership=membership)
            assert len(scope.school_ids or ()) == 1, (partnership.slug, role)
            seen = incident_rows(partnership, scope).count()
            assert 0 < seen < incident_rows(partnership).count(), (partnership.slug, role)
