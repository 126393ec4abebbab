"""A respondent answers on a phone, in Spanish, without an account; every page passes axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from secure.surveys.models import Campaign, Response

from .conftest import DESKTOP, PHONE, assert_accessible

VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_respondent_answers_in_spanish_page_by_page(
    viewport, page: Page, live_server, demo, console_errors
):
    """Start from the school's link, answer each page, resume with the code, send; axe-clean."""
    page.set_viewport_size(VIEWPORTS[viewport])
    campaign = Campaign.objects.get(
        partnership__slug="riverside", name="Fall school climate survey"
    )
    link = campaign.links.get(group="student", school__in=campaign.schools.all()[:1])
    page.goto(f"{live_server.url}/s/{link.token}/")
    assert_accessible(page, f"survey start ({viewport})")
    page.locator("label[for=language-es]").click()
    page.get_by_role("button", name="Start the survey").click()
    code = page.get_by_test_id("resume-code").inner_text()
    assert page.locator("html").get_attribute("lang") == "es"
    assert_accessible(page, f"resume code ({viewport})")
    page.get_by_role("link", name="Ir a la primera página").click()
    assert_accessible(page, f"first page ({viewport})")
    page.get_by_role(
        "group", name="Me siento seguro o segura dentro del edificio escolar."
    ).locator("label", has_text="De acuerdo").filter(has_not_text="desacuerdo").filter(
        has_not_text="Muy"
    ).click()
    page.get_by_role("button", name="Guardar y continuar").click()
    page.wait_for_load_state()
    assert_accessible(page, f"second page ({viewport})")
    # Leave, and come back with the code: the next page is where the respondent stopped.
    page.goto(f"{live_server.url}/s/")
    assert_accessible(page, f"code entry ({viewport})")
    page.get_by_label("Your code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()
    assert "/1/" in page.url
    response = Response.objects.get(link=link)
    assert response.answers == {"safe_in_building": 4}
    for _ in range(8):
        button = page.get_by_role("button", name="Guardar y continuar")
        if not button.count():
            break
        button.click()
        page.wait_for_load_state()
    assert_accessible(page, f"about you ({viewport})")
    page.get_by_role("button", name="Enviar mis respuestas").click()
    page.wait_for_load_state()
    assert_accessible(page, f"thank you ({viewport})")
    response.refresh_from_db()
    assert response.status == Response.Status.COMPLETE
    assert console_errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_survey_staff_pages_with_results_are_accessible(
    viewport, page: Page, live_server, demo, sign_in, console_errors
):
    """Campaigns, an instrument side by side, its trend, a closed campaign's results with data,
    written answers, the new-campaign form and a code sheet pass axe."""
    page.set_viewport_size(VIEWPORTS[viewport])
    sign_in("partnership-admin@riverside.example.org")
    closed = Campaign.objects.get(
        partnership__slug="riverside", name="Spring school climate survey"
    )
    base = f"{live_server.url}/p/riverside/surveys"
    urls = [
        f"{base}/",
        f"{base}/campaigns/new/",
        f"{base}/instruments/{closed.instrument_id}/",
        f"{base}/instruments/{closed.instrument_id}/trend/",
        f"{base}/campaigns/{closed.pk}/",
        f"{base}/campaigns/{closed.pk}/results/",
        f"{base}/campaigns/{closed.pk}/results/?by=race_ethnicity",
        f"{base}/campaigns/{closed.pk}/comments/",
    ]
    for url in urls:
        response = page.goto(url)
        assert response is not None and response.ok, url
        assert_accessible(page, f"{url} ({viewport})")
    assert page.get_by_test_id("scale-chart").count() == 0  # comments page: no chart
    page.goto(f"{base}/campaigns/{closed.pk}/")
    page.get_by_role("button", name="Make the code sheet").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("codes").locator("li").count() == 30
    assert_accessible(page, f"code sheet ({viewport})")
    assert console_errors == []
