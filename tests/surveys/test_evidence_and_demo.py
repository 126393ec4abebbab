"""Live rubric evidence and demo content for surveys."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from secure.core.evidence import Evidence
from secure.surveys.demo import responses_generate, surveys_demo_seed
from secure.surveys.evidence import experience_measured, feedback_for_evaluations
from secure.surveys.models import Campaign, Instrument, Response
from secure.surveys.services.campaigns import codes_issue

from .factories import campaign_for, school_for

pytestmark = pytest.mark.django_db


def test_no_survey_suggests_nothing(riverside):
    assert experience_measured(riverside).suggested_status is None
    assert feedback_for_evaluations(riverside).suggested_status is None


def test_closed_survey_with_results_is_a_measured_baseline(riverside):
    """1.start.1 is suggested done once a perception campaign closed with enough responses."""
    campaign = campaign_for(riverside, opens_in=-40, days=10)
    responses_generate(campaign=campaign, per_link=10)
    evidence = experience_measured(riverside)
    assert evidence.suggested_status == Evidence.DONE
    assert evidence.facts["completed_responses"] == 20


def test_open_360_campaign_is_feedback_in_progress(riverside):
    campaign_for(riverside, key="sro-360-feedback", groups=["student", "sro"])
    evidence = feedback_for_evaluations(riverside)
    assert evidence.suggested_status == Evidence.IN_PROGRESS


def test_demo_has_a_closed_campaign_with_unsuppressed_results_and_open_ones(riverside):
    from secure.surveys import selectors

    for name in ("North High", "East Middle", "West Elementary"):
        school_for(riverside, name)
    surveys_demo_seed(riverside)
    closed = Campaign.objects.get(partnership=riverside, name="Spring school climate survey")
    assert closed.is_closed()
    data = selectors.campaign_results(closed, dimension="group", language="en")
    assert data["rates"].totals.total == 9 * 14
    assert all(m is not None for m in data["scales"].totals.extra)
    assert Campaign.objects.filter(partnership=riverside).exclude(pk=closed.pk).count() == 2
    assert all(
        c.is_open() for c in Campaign.objects.filter(partnership=riverside).exclude(pk=closed.pk)
    )


def test_codes_page_shows_codes_once_and_keeps_only_hashes(riverside, members, client_for):
    campaign = campaign_for(riverside)
    link = campaign.links.first()
    client = client_for("riverside", "partnership_admin")
    page = client.post(
        f"/p/riverside/surveys/campaigns/{campaign.pk}/codes/", {"link": link.pk, "count": 5}
    )
    assert page.status_code == 200
    assert page.content.decode().count("font-mono-lg") == 5
    assert link.codes.count() == 5
    assert (
        client_for("riverside", "school_admin")
        .post(f"/p/riverside/surveys/campaigns/{campaign.pk}/codes/", {"link": link.pk, "count": 5})
        .status_code
        == 403
    )
    assert len(codes_issue(link=link, count=1)) == 1


def test_campaign_form_creates_links_per_school_and_group(riverside, members, client_for):
    a, b = school_for(riverside, "A School"), school_for(riverside, "B School")
    client = client_for("riverside", "partnership_admin")
    client.post("/p/riverside/surveys/instruments/add/", {"key": "training-input"})
    instrument = Instrument.objects.get(partnership=riverside, key="training-input")
    today = timezone.localdate()
    page = client.post(
        "/p/riverside/surveys/campaigns/new/",
        {
            "instrument": instrument.pk,
            "name": "Training needs",
            "groups": ["sro", "staff"],
            "schools": [a.pk, b.pk],
            "languages": ["en", "es"],
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=9)).isoformat(),
            "minimum_cell": 10,
        },
    )
    assert page.status_code == 302, page.content[:3000]
    campaign = Campaign.objects.get(name="Training needs")
    assert campaign.links.count() == 4
    refused = client.post(
        "/p/riverside/surveys/campaigns/new/",
        {
            "instrument": instrument.pk,
            "name": "Wrong",
            "groups": ["student"],
            "schools": [a.pk],
            "languages": ["en"],
            "opens_on": today.isoformat(),
            "closes_on": today.isoformat(),
            "minimum_cell": 10,
        },
    )
    assert refused.status_code == 200 and b"not written for" in refused.content
    assert Response.objects.count() == 0
