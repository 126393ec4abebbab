"""Answering a survey: anonymous links and codes, page by page, nothing identifying kept."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from secure.surveys.models import AccessCode, Response
from secure.surveys.services import responding
from secure.surveys.services.campaigns import codes_issue

from .factories import campaign_for

pytestmark = pytest.mark.django_db


def _walk_to_end(client: Client, url: str, data: dict[str, str] | None = None) -> Client:
    """Post every page with ``data`` (or nothing) until the thank-you page."""
    for _ in range(12):
        response = client.post(url, data or {}, follow=False)
        assert response.status_code == 302, response.content[:500]
        url = response["Location"]
        if url.endswith("/done/"):
            break
    return client


def test_a_link_starts_a_response_with_a_resume_code(riverside):
    """Starting by link gives a response and a code to come back; the code reopens it."""
    campaign = campaign_for(riverside)
    link = campaign.links.first()
    client = Client()
    page = client.post(f"/s/{link.token}/", {"language": "es"})
    assert page.status_code == 200
    code = re.search(r'data-testid="resume-code">([A-Z0-9-]+)<', page.content.decode()).group(1)
    response = Response.objects.get()
    assert response.language == "es"
    assert responding.response_open_with_code(code=code.lower()).pk == response.pk
    assert code not in str(Response.objects.values().get())


def test_pages_are_in_the_chosen_language_and_keep_answers(riverside):
    """Each page is in Spanish for a Spanish response, and saved answers are shown again."""
    campaign = campaign_for(riverside)
    link = campaign.links.get(group="student")
    started = responding.response_start_from_link(link=link, language="es")
    url = f"/s/{link.token}/{started.response.token}/1/"
    page = Client().get(url)
    assert "Me siento seguro o segura" in page.content.decode()
    assert '<html lang="es"' in page.content.decode()
    Client().post(url, {"safe_in_building": "4"})
    started.response.refresh_from_db()
    assert started.response.answers == {"safe_in_building": 4}
    again = Client().get(url).content.decode()
    assert re.search(r'value="4"[^>]*checked', again)


def test_one_time_code_opens_one_response_only(riverside):
    """A code starts one response, reopens it while unfinished, and is refused once it is sent."""
    campaign = campaign_for(riverside)
    [code] = codes_issue(link=campaign.links.first(), count=1)
    assert not AccessCode.objects.filter(code_hash__icontains=code.replace("-", ""))
    first = responding.response_open_with_code(code=code)
    assert responding.response_open_with_code(code=code).pk == first.pk
    responding.response_complete(
        response=first, sections=responding.response_sections(response=first)
    )
    with pytest.raises(ValidationError) as error:
        responding.response_open_with_code(code=code)
    assert error.value.messages == [responding.CODE_USED]
    assert Response.objects.count() == 1


def test_unknown_code_is_refused(riverside):
    campaign_for(riverside)
    with pytest.raises(ValidationError) as error:
        responding.response_open_with_code(code="AAAAA-AAAAA")
    assert error.value.messages == [responding.CODE_UNKNOWN]


def test_closed_campaign_takes_no_answers(riverside):
    """Before it opens (and after it closes) neither a link nor a code starts a response."""
    campaign = campaign_for(riverside, opens_in=5)
    link = campaign.links.first()
    [code] = codes_issue(link=link, count=1)
    with pytest.raises(ValidationError):
        responding.response_start_from_link(link=link, language="en")
    with pytest.raises(ValidationError):
        responding.response_open_with_code(code=code)
    assert b"not open now" in Client().get(f"/s/{link.token}/").content


def test_skip_logic_hides_questions_and_drops_their_answers(riverside):
    """Questions about the SRO are asked only of those who know the SRO; stale answers go."""
    campaign = campaign_for(riverside, groups=["student"], ask_demographics=False)
    link = campaign.links.get()
    started = responding.response_start_from_link(link=link, language="en")
    response = started.response
    sections = responding.response_sections(response=response)
    sro = sections[2]
    assert responding.shown_questions(section=sro, group="student", answers={}) == []
    asked = responding.shown_questions(section=sro, group="student", answers={"know_sro": "yes"})
    assert "sro_contacts" in [q.code for q in asked]
    response.answers = {"know_sro": "no_sro", "sro_contacts": 3}
    responding.response_complete(response=response, sections=sections)
    assert response.answers == {"know_sro": "no_sro"}


def test_group_wording_and_group_only_questions(riverside):
    """Families read wording about their child; a student-only question is not asked of them."""
    campaign = campaign_for(riverside)
    link = campaign.links.get(group="family")
    started = responding.response_start_from_link(link=link, language="en")
    page = Client().get(f"/s/{link.token}/{started.response.token}/1/").content.decode()
    assert "My child is safe inside the school building." in page
    assert "there is an adult at school I would tell" not in page


def test_whole_walk_by_link_without_javascript(riverside):
    """Every page posts as a plain form; the response ends complete with demographics kept apart."""
    campaign = campaign_for(riverside, groups=["student"])
    link = campaign.links.get()
    started = responding.response_start_from_link(link=link, language="en")
    client = Client()
    _walk_to_end(client, f"/s/{link.token}/{started.response.token}/1/", {"race_ethnicity": "HI"})
    response = Response.objects.get()
    assert response.status == Response.Status.COMPLETE
    assert response.demographics == {"race_ethnicity": "HI"}
    assert client.get(f"/s/{link.token}/{response.token}/1/").status_code == 302


def test_nothing_identifying_is_stored_with_answers(riverside):
    """A response has no account, address, browser or time of day: only the day."""
    fields = {f.name for f in Response._meta.get_fields()}
    assert not fields & {"user", "ip_address", "user_agent", "created_at", "email", "name"}
    assert Response._meta.get_field("started_on").get_internal_type() == "DateField"


def test_numeric_answers_are_checked(riverside):
    campaign = campaign_for(riverside, groups=["student"])
    link = campaign.links.get()
    started = responding.response_start_from_link(link=link, language="en")
    started.response.answers = {"know_sro": "yes"}
    started.response.save()
    page = Client().post(f"/s/{link.token}/{started.response.token}/3/", {"sro_contacts": "-4"})
    assert page.status_code == 200
    assert b"usa-error-message" in page.content


def test_guessing_codes_is_slowed_down(riverside, settings):
    """After a few wrong codes from one address, even a right one waits; nothing is stored."""
    from django.core.cache import cache

    cache.clear()
    settings.SURVEY_CODE_FAILURES_PER_WINDOW = 3
    campaign = campaign_for(riverside)
    [code] = codes_issue(link=campaign.links.first(), count=1)
    client = Client()
    for _ in range(3):
        assert client.post("/s/", {"code": "BBBBB-BBBBB"}).status_code == 200
    assert client.post("/s/", {"code": code}).status_code == 429
    assert Response.objects.count() == 0
    cache.clear()
    assert client.post("/s/", {"code": code}).status_code == 302


def test_cached_blank_pages_never_mix_languages_groups_or_answers(riverside):
    """The first view of a page is rendered once per group and language (0065), answers never."""
    campaign = campaign_for(riverside)
    student = campaign.links.get(group="student")
    family = campaign.links.get(group="family")
    pages = {}
    for link, language in ((student, "es"), (student, "en"), (family, "en")):
        started = responding.response_start_from_link(link=link, language=language)
        url = f"/s/{link.token}/{started.response.token}/1/"
        pages[(link.group, language)] = (url, Client().get(url).content.decode())
    assert "Me siento seguro o segura" in pages[("student", "es")][1]
    assert "I feel safe inside the school building." in pages[("student", "en")][1]
    assert "My child is safe inside the school building." in pages[("family", "en")][1]
    url = pages[("student", "en")][0]
    Client().post(url, {"safe_in_building": "2", "go": "next"})
    again = Client().get(url).content.decode()
    assert re.search(r'value="2"[^>]*checked', again)
    other = responding.response_start_from_link(link=student, language="en")
    fresh = Client().get(f"/s/{student.token}/{other.response.token}/1/").content.decode()
    assert "checked" not in fresh
