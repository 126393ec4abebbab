"""The public page: sections from real data, the not-found page, caching, Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from secure.agreements import services as mou_services
from secure.portal.mou import sections_from_text
from secure.portal.services import public_page_unpublish, public_page_update

from ..personnel.factories import published_for
from ..rubric.factories import assessment_for
from ..surveys.factories import campaign_for
from .factories import published_page_for

pytestmark = pytest.mark.django_db

RIVERSIDE_MOU = (
    Path(__file__).parents[2] / "src/secure/agreements/data/demo_mou_riverside.txt"
).read_bytes()


def _public(slug: str = "riverside") -> str:
    return reverse("portal:public", kwargs={"partnership_slug": slug})


@pytest.fixture
def mou(riverside):
    analysis = mou_services.mou_analysis_create(
        partnership=riverside, title="Riverside MOU", name="mou.txt", data=RIVERSIDE_MOU
    )
    mou_services.mou_analysis_mark_current(analysis=analysis)
    return analysis


def test_an_unpublished_page_is_a_friendly_not_found(client, riverside):
    response = client.get(_public())
    assert response.status_code == 404
    html = response.content.decode()
    assert "This public page is not available" in html
    assert client.get(_public("no-such-partnership")).status_code == 404


def test_the_published_page_is_cached_publicly_for_a_short_time(client, riverside):
    published_page_for(riverside)
    response = client.get(_public())
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"


def test_the_mou_section_shows_the_text_a_plain_summary_and_the_reading_level(
    client, riverside, mou
):
    published_page_for(riverside)
    html = client.get(_public()).content.decode()
    assert "Our agreement (MOU)" in html
    assert "SROs search students only with probable cause" in html
    assert 'data-requirement="discipline_prohibition"' in html
    assert "Reading level: about grade" in html
    assert reverse("portal:mou_pdf", kwargs={"partnership_slug": "riverside"}) in html


def test_the_mou_summary_reports_what_the_analyzer_found(riverside, mou):
    """Key points follow the analyzer's statuses; a contradicted point says so."""
    from secure.portal.mou import public_mou

    found = public_mou(riverside)
    assert found is not None
    statuses = mou.statuses()
    assert {p.requirement: p.status for p in found.points} == {
        p.requirement: statuses.get(p.requirement, "missing") for p in found.points
    }
    conflicts = {c["requirement"] for c in mou.report.get("conflicts", [])}
    assert {p.requirement for p in found.points if p.contradicted} == conflicts & {
        p.requirement for p in found.points
    }


def test_the_mou_pdf_is_public_only_while_published_with_the_mou_section(client, riverside, mou):
    url = reverse("portal:mou_pdf", kwargs={"partnership_slug": "riverside"})
    assert client.get(url).status_code == 404
    page = published_page_for(riverside)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    public_page_update(page=page, show_mou=False)
    assert client.get(url).status_code == 404


def test_text_of_an_uploaded_mou_is_split_into_headed_sections():
    sections = sections_from_text("MOU\nARTICLE 1. ROLE\n1.1 Officers keep people safe.\n\n")
    assert [s.heading for s in sections] == ["MOU", "ARTICLE 1. ROLE"]
    assert sections[1].paragraphs == ("1.1 Officers keep people safe.",)


def test_hiring_rubric_and_open_surveys_sections(client, riverside):
    published_for(riverside)
    assessment_for(riverside)
    campaign_for(riverside)
    published_page_for(riverside)
    html = client.get(_public()).content.decode()
    assert "How officers are chosen" in html
    assert reverse("personnel:public_guidelines", kwargs={"partnership_slug": "riverside"}) in html
    assert "Our progress on the SECURE rubric" in html
    assert "Surveys open now" in html and "/s/" in html
    assert reverse("complaints:start", kwargs={"partnership_slug": "riverside"}) in html


def test_sections_switched_off_do_not_render(client, riverside, mou):
    published_for(riverside)
    assessment_for(riverside)
    published_page_for(riverside, show_mou=False, show_hiring=False, show_rubric=False)
    html = client.get(_public()).content.decode()
    assert "Our agreement (MOU)" not in html
    assert "How officers are chosen" not in html
    assert "Our progress on the SECURE rubric" not in html
    assert "Read the agreement" not in html


def test_a_section_without_data_does_not_render(client, riverside):
    published_page_for(riverside)
    html = client.get(_public()).content.decode()
    assert "Our agreement (MOU)" not in html and "How officers are chosen" not in html


def test_a_settings_change_shows_at_once_despite_the_server_cache(client, riverside):
    page = published_page_for(riverside, introduction="First words.")
    assert "First words." in client.get(_public()).content.decode()
    public_page_update(page=page, introduction="Second words.")
    html = client.get(_public()).content.decode()
    assert "Second words." in html and "First words." not in html


def test_unpublishing_removes_the_cached_page_at_once(client, riverside):
    page = published_page_for(riverside, introduction="Cached words.")
    assert client.get(_public()).status_code == 200
    assert client.get(_public()).status_code == 200  # now served from the server cache
    public_page_unpublish(page=page)
    response = client.get(_public())
    assert response.status_code == 404
    assert "Cached words." not in response.content.decode()


def test_the_server_cache_serves_the_body_without_rebuilding_it(client, riverside, mou):
    """A second request does not run the section queries again (the body comes from the cache)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    published_page_for(riverside)
    client.get(_public())
    with CaptureQueriesContext(connection) as first:
        client.get(_public())
    assert not any("agreements_mouanalysis" in q["sql"] for q in first.captured_queries)


def test_the_page_is_in_spanish_for_spanish_readers(client, riverside, mou):
    published_page_for(riverside, introduction="Hello families.", introduction_es="Hola familias.")
    client.cookies["secure_language"] = "es"
    html = client.get(_public(), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="es"' in html
    assert "Hola familias." in html and "Hello families." not in html
    assert "Nuestro acuerdo (MOU)" in html
    assert "Presentar una queja" in html


def test_the_page_shows_the_latest_school_year_and_only_flagged_equity_rows(riverside):
    """The page narrows each published table; the rows it keeps are unchanged."""
    from secure.portal.compact import PageTable
    from secure.portal.published import Column, PublishedTable

    columns = [
        Column("school_year", "School year", "The year."),
        Column("group", "Group", "The group."),
        Column("risk_ratio", "Risk ratio", "The ratio.", "number"),
        Column("flagged", "Flagged", "At or above.", "boolean"),
    ]
    table = PublishedTable.exempt(
        key="equity-indicators",
        section="equity",
        title="Equity",
        description="Ratios.",
        columns=columns,
        rows=[
            ("2024-25", "A", 2.5, True),
            ("2025-26", "A", 2.4, True),
            ("2025-26", "B", 0.9, False),
        ],
        minimum=10,
        data_as_of=None,
    )
    page_table = PageTable(table)
    assert page_table.year == "2025-26"
    assert [c.name for c in page_table.columns] == ["group", "risk_ratio"]
    assert [[cell.value for cell in row] for row in page_table.display()] == [["A", 2.4]]
    assert page_table.shown == 1 and page_table.left_out == 2
    assert page_table.key == "equity-indicators"


def test_shared_caches_keep_languages_apart(client, riverside):
    published_page_for(riverside)
    vary = client.get(_public())["Vary"]
    assert "Cookie" in vary and "Accept-Language" in vary


def test_an_mou_adopted_in_secure_is_shown_with_the_agreements_pdf(client, riverside, members):
    """The adopted version's sections are on the page and its PDF is the agreements export."""
    from ..agreements.factories import draft_make

    draft = draft_make(riverside, title="Adopted MOU 2026")
    mou_services.mou_draft_open_for_comments(draft=draft)
    for role in ("district_leader", "agency_leader"):
        mou_services.mou_draft_approve(draft=draft, membership=members[("riverside", role)])
    mou_services.mou_draft_adopt(draft=draft, user=None)
    published_page_for(riverside)
    html = client.get(_public()).content.decode()
    version = draft.latest_version()
    assert "Adopted MOU 2026" in html
    assert version.sections[0]["heading"] in html
    assert "The agreement in plain words" in html
    response = client.get(reverse("portal:mou_pdf", kwargs={"partnership_slug": "riverside"}))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert "adopted-mou-2026-v1.pdf" in response["Content-Disposition"]
