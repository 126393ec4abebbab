"""The demo gives every rubric page something to show, and the pages render it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from secure.core.demo import demo_seed
from secure.partnerships.models import Partnership
from secure.rubric.models import Assessment, AssessmentItem, Schedule

from ..conftest import signed_in_client
from ..pages import PARTNERSHIP_PAGES, partnership_url_kwargs

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_partnerships():
    return demo_seed()


def test_demo_has_last_years_start_and_this_years_improve(demo_partnerships):
    """Each demo partnership has a completed Start cycle, an open Improve cycle and an overdue schedule."""
    for partnership in demo_partnerships:
        cycles = list(Assessment.objects.filter(partnership=partnership).order_by("school_year"))
        assert [(c.path, c.status) for c in cycles] == [
            (Assessment.Path.START, Assessment.Status.COMPLETED),
            (Assessment.Path.IMPROVE, Assessment.Status.OPEN),
        ]
        assert cycles[1].school_year == cycles[0].school_year + 1
        statuses = set(cycles[1].items.values_list("status", flat=True))
        assert statuses == set(AssessmentItem.Status.values)
        overdue = [
            s
            for s in Schedule.objects.filter(partnership=partnership)
            if s.next_due < cycles[1].started_on
            or s.is_overdue(__import__("django.utils.timezone", fromlist=["x"]).localdate())
        ]
        assert overdue


def test_every_rubric_page_renders_the_demo_for_its_administrator(demo_partnerships):
    """Each rubric page opens with the demo data (the walk in tests/partnerships uses empty data)."""
    riverside = Partnership.objects.get(slug="riverside")
    admin = riverside.__class__.objects.get(pk=riverside.pk)
    from secure.partnerships.models import Membership

    member = Membership.objects.get(partnership=admin, role="partnership_admin")
    client = signed_in_client(member.user)
    for name in PARTNERSHIP_PAGES:
        if not name.startswith("rubric:") and name != "partnerships:dashboard":
            continue
        url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
        response = client.get(url)
        assert response.status_code == 200, name
    pdf = client.get(
        reverse(
            "rubric:report_pdf",
            kwargs={
                "partnership_slug": "riverside",
                "pk": Assessment.objects.filter(partnership=riverside).first().pk,
            },
        )
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
