"""Demo content for each partnership, and the live rubric evidence it produces."""

from __future__ import annotations

import pytest
from django.utils import timezone

from secure.core.demo import demo_seed
from secure.core.evidence import evidence_for
from secure.incidents.selectors.dashboard import officer_coverage
from secure.personnel.models import Candidate, OnboardingPlan, Person, TrainingSession
from secure.personnel.models.hiring import Guideline
from secure.personnel.selectors import officer_coverage_on, panel_aggregate, panel_makeup

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.SECURE_REQUIRE_2FA = False
    return demo_seed()


def test_each_demo_partnership_has_people_training_onboarding_and_hiring(demo):
    """Every demo partnership can show each part of the issue without setup."""
    for partnership in demo:
        assert Person.objects.for_partnership(partnership).filter(role="sro").count() >= 3
        sessions = TrainingSession.objects.for_partnership(partnership)
        assert sessions.filter(joint=True).exists() and sessions.filter(simulation=True).exists()
        plan = OnboardingPlan.objects.for_partnership(partnership).get()
        assert plan.mentor.pk != plan.person.pk
        statuses = set(
            Guideline.objects.for_partnership(partnership).values_list("status", flat=True)
        )
        assert statuses == {"published", "draft"}
        candidate = Candidate.objects.for_partnership(partnership).get()
        assert all(m.count for m in panel_makeup(candidate=candidate) if m.required)
        assert any(row.disagree for row in panel_aggregate(candidate=candidate))


def test_demo_assignments_agree_with_the_incident_datas_officer_counts(demo):
    """Schools with a sworn officer are the same from assignments and from reported FTE."""
    for partnership in demo:
        reported = officer_coverage(partnership=partnership)[0]
        assigned = officer_coverage_on(partnership=partnership, day=timezone.localdate())
        assert assigned.with_officer == reported.with_officers
        assert assigned.schools == reported.schools


def test_evidence_is_offered_for_the_people_items(demo):
    """Both sources answer 1.improve.1.1; hiring, onboarding and training items have evidence."""
    partnership = demo[0]
    sources = {e.source for e in evidence_for(partnership=partnership, item_id="1.improve.1.1")}
    assert {"incidents", "personnel"} <= sources
    for item in (
        "3.start.1",
        "3.start.2",
        "3.improve.1",
        "3.improve.2",
        "3.improve.3",
        "4.start.1",
        "4.start.2",
        "4.start.5",
        "4.improve.3",
        "4.improve.5",
        "5.start.1",
    ):
        found = [
            e
            for e in evidence_for(partnership=partnership, item_id=item)
            if e.source == "personnel"
        ]
        assert found, item
    (hiring,) = [
        e
        for e in evidence_for(partnership=partnership, item_id="3.start.1")
        if e.source == "personnel"
    ]
    assert hiring.suggested_status == "done"


def test_every_evidence_id_is_a_rubric_item():
    """The ids this app gives evidence for exist in the rubric seed (ids are positional)."""
    import json
    from pathlib import Path

    from secure.core.evidence import _providers
    from secure.personnel import evidence

    seed = Path(evidence.__file__).parents[1] / "rubric" / "data" / "secure-2016.json"
    ids: set[str] = set()

    def walk(items):
        for item in items:
            ids.add(item["id"])
            walk(item.get("children", []))

    for step in json.loads(seed.read_text())["steps"]:
        for part in ("start", "improve"):
            walk(step["checklists"][part])
    mine = {
        item_id
        for item_id, providers in _providers.items()
        if any(p.__module__ == "secure.personnel.evidence" for p in providers)
    }
    assert mine and mine <= ids, mine - ids


def test_the_people_pages_speak_spanish(demo):
    """With Spanish chosen, the officers, compliance and candidate pages render translated."""
    from django.conf import settings
    from django.urls import reverse

    from secure.partnerships.models import Membership

    from ..conftest import signed_in_client

    admin = Membership.objects.get(partnership=demo[0], role="partnership_admin").user
    client = signed_in_client(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    kwargs = {"partnership_slug": demo[0].slug}
    pages = {
        "personnel:person_list": "Escuelas con un oficial juramentado",
        "personnel:compliance": "Cumplimiento de la capacitación",
        "personnel:hiring": "Pautas de contratación",
    }
    for name, text in pages.items():
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200
        assert text in response.content.decode(), name
