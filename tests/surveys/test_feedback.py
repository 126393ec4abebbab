"""360° feedback about one SRO for evaluations, and training input: suppressed summaries."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secure.personnel.models import Person
from secure.personnel.services import person_create
from secure.surveys import selectors
from secure.surveys.demo import responses_generate
from secure.surveys.models import Campaign, Response
from secure.surveys.services.campaigns import (
    OFFICER_NEEDS_360,
    OFFICER_NOT_SRO,
    OFFICER_OTHER_PARTNERSHIP,
    campaign_create,
)
from secure.surveys.stats import scale_score

from .factories import campaign_for, instrument_for, school_for

pytestmark = pytest.mark.django_db


def officer(partnership, name="Pat Officer", role=Person.Role.SRO) -> Person:
    return person_create(partnership=partnership, full_name=name, role=role, sworn=True)


def feedback_campaign(partnership, subject, groups=("student", "family", "staff", "sro"), **kw):
    today = timezone.localdate()
    return campaign_create(
        partnership=partnership,
        instrument=instrument_for(partnership, "sro-360-feedback"),
        name=f"Feedback on {subject}",
        groups=list(groups),
        schools=[school_for(partnership)],
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=kw.pop("opened", 5)),
        closes_on=today + datetime.timedelta(days=20),
        subject_officer=subject,
        **kw,
    )


def keep(campaign: Campaign, group: str, n: int) -> None:
    """Leave only ``n`` completed responses from ``group``."""
    extra = Response.objects.filter(campaign=campaign, link__group=group).order_by("pk")[n:]
    Response.objects.filter(pk__in=[r.pk for r in extra]).delete()


def hand_scores(campaign: Campaign, groups: set[str], code: str) -> list[float]:
    scale = campaign.instrument.scales.get(code=code)
    items = list(scale.questions.all())
    scores = []
    for response in Response.objects.filter(campaign=campaign, link__group__in=groups):
        value = scale_score([q.scored_value(response.answers.get(q.code)) for q in items])
        if value is not None:
            scores.append(value)
    return scores


def test_feedback_by_group_and_capability_matches_hand_computation(riverside):
    pat = officer(riverside)
    campaign = feedback_campaign(riverside, pat)
    responses_generate(campaign=campaign, per_link=14)
    summary = selectors.officer_feedback(pat)
    assert [c.pk for c in summary.campaigns] == [campaign.pk]
    assert [g.key for g in summary.groups] == ["students", "families", "peers_staff"]
    codes = [code for code, _name in summary.scales]
    assert codes == sorted(["deescalation", "respect", "communication", "alternatives"])
    peers = next(g for g in summary.groups if g.key == "peers_staff")
    assert peers.respondents == 28  # staff and other SROs pooled
    cell = next(c for c in peers.scales if c.code == "deescalation")
    scores = hand_scores(campaign, {"staff", "sro"}, "deescalation")
    assert cell.n == len(scores)
    assert cell.mean == pytest.approx(round(sum(scores) / len(scores), 2))
    favourable = sum(1 for s in scores if s >= 4)
    assert cell.favourable_percent == round(100 * favourable / len(scores))
    assert summary.overall.respondents == 56 and summary.has_results


def test_a_group_below_the_minimum_is_never_revealed(riverside):
    pat = officer(riverside)
    campaign = feedback_campaign(riverside, pat)
    responses_generate(campaign=campaign, per_link=14)
    keep(campaign, "family", 4)
    summary = selectors.officer_feedback(pat)
    families = next(g for g in summary.groups if g.key == "families")
    assert families.respondents is None
    assert all(
        c.n is None and c.mean is None and c.favourable_percent is None for c in families.scales
    )
    # complementary: the four families cannot be worked out from the total and the others
    others = [g.respondents for g in summary.groups if g.key != "families"]
    assert summary.overall.respondents is None or None in others
    for index in range(len(summary.scales)):
        column = [g.scales[index].n for g in summary.groups]
        assert summary.overall.scales[index].n is None or column.count(None) >= 2


def test_higher_minimum_of_the_campaign_applies(riverside):
    pat = officer(riverside)
    campaign = feedback_campaign(riverside, pat, minimum_cell=20)
    responses_generate(campaign=campaign, per_link=14)
    summary = selectors.officer_feedback(pat)
    assert summary.minimum == 20
    students = next(g for g in summary.groups if g.key == "students")
    assert students.respondents is None  # 14 < 20
    peers = next(g for g in summary.groups if g.key == "peers_staff")
    assert peers.respondents == 28


def test_only_this_officers_campaigns_in_this_partnership(riverside, lakeside):
    pat, sam = officer(riverside), officer(riverside, "Sam Officer")
    mine = feedback_campaign(riverside, pat)
    theirs = feedback_campaign(riverside, sam)
    responses_generate(campaign=mine, per_link=12)
    responses_generate(campaign=theirs, per_link=30)
    climate = campaign_for(riverside, groups=["student"])
    responses_generate(campaign=climate, per_link=30)
    summary = selectors.officer_feedback(pat)
    assert [c.pk for c in summary.campaigns] == [mine.pk]
    assert summary.overall.respondents == 48
    other = officer(lakeside, "Pat Officer")
    assert selectors.officer_feedback(other).campaigns == []
    assert selectors.officer_feedback(other).overall.respondents == 0


def test_since_and_until_filter_by_the_day_answers_were_sent(riverside):
    pat = officer(riverside)
    campaign = feedback_campaign(riverside, pat)
    responses_generate(campaign=campaign, per_link=12)
    today = timezone.localdate()
    old = Response.objects.filter(campaign=campaign, link__group="student")
    old.update(completed_on=today - datetime.timedelta(days=400))
    recent = selectors.officer_feedback(pat, since=today - datetime.timedelta(days=30))
    assert next(g for g in recent.groups if g.key == "students").respondents == 0
    assert recent.overall.respondents == 36
    before = selectors.officer_feedback(pat, until=today - datetime.timedelta(days=300))
    assert before.overall.respondents == 12
    assert next(g for g in before.groups if g.key == "students").respondents == 12


def test_no_campaign_gives_an_empty_summary(riverside):
    summary = selectors.officer_feedback(officer(riverside))
    assert summary.campaigns == [] and summary.groups == [] and not summary.has_results


def test_campaign_about_an_officer_is_checked(riverside, lakeside):
    with pytest.raises(ValidationError) as error:
        feedback_campaign(riverside, officer(lakeside))
    assert OFFICER_OTHER_PARTNERSHIP in error.value.messages
    with pytest.raises(ValidationError) as error:
        feedback_campaign(riverside, officer(riverside, "Kim Staff", role=Person.Role.SCHOOL_STAFF))
    assert OFFICER_NOT_SRO in error.value.messages
    with pytest.raises(ValidationError) as error:
        campaign_for(riverside, groups=["student"], subject_officer=officer(riverside, "Lee"))
    assert OFFICER_NEEDS_360 in error.value.messages


def test_campaign_form_offers_only_this_partnerships_officers(riverside, lakeside, client_for):
    pat, stranger = officer(riverside), officer(lakeside, "Stranger")
    instrument = instrument_for(riverside, "sro-360-feedback")
    client = client_for("riverside", "partnership_admin")
    url = "/p/riverside/surveys/campaigns/new/"
    page = client.get(url)
    assert "Pat Officer" in page.content.decode() and "Stranger" not in page.content.decode()
    today = timezone.localdate()
    data = {
        "instrument": instrument.pk,
        "name": "Feedback on Pat",
        "groups": ["student", "staff"],
        "schools": [school_for(riverside).pk],
        "languages": ["en", "es"],
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
        "minimum_cell": 10,
        "subject_officer": stranger.pk,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200 and not Campaign.objects.filter(name="Feedback on Pat")
    assert "Stranger" not in refused.content.decode()
    made = client.post(url, {**data, "subject_officer": pat.pk})
    assert made.status_code == 302
    campaign = Campaign.objects.get(name="Feedback on Pat")
    assert campaign.subject_officer == pat
    detail = client.get(made["Location"])
    assert "360° feedback about Pat Officer" in detail.content.decode()


def test_training_input_summary_is_suppressed(riverside):
    today = timezone.localdate()
    campaign = campaign_create(
        partnership=riverside,
        instrument=instrument_for(riverside, "training-input"),
        name="Training input",
        groups=["sro", "staff"],
        schools=[school_for(riverside)],
        languages=["en"],
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=3),
    )
    responses_generate(campaign=campaign, per_link=12)
    summary = selectors.training_input(riverside)
    assert [c.pk for c in summary.campaigns] == [campaign.pk]
    assert summary.overall.respondents == 24
    assert [code for code, _n in summary.scales] == ["training_value"]
    topics = next(t for t in summary.items if "topics" in t.title.lower())
    shown = [c for c in topics.totals.cells if c is not None]
    assert all(c == 0 or c >= 10 for c in shown)
    assert all(c is None or c == 0 or c >= 10 for c in topics.rows[0].cells)
    hours = next(n for n in summary.numbers if n["code"] == "hours")
    values = [r.answers["hours"] for r in Response.objects.filter(campaign=campaign)]
    assert hours["n"] == len(values) and hours["mean"] == round(sum(values) / len(values), 1)
    keep(campaign, "sro", 3)
    keep(campaign, "staff", 3)
    small = selectors.training_input(riverside)
    assert small.overall.respondents is None
    assert next(n for n in small.numbers if n["code"] == "hours")["mean"] is None
    later = selectors.training_input(riverside, since=today + datetime.timedelta(days=1))
    assert later.overall.respondents == 0
    assert selectors.training_input(riverside).campaigns  # lakeside sees none of it


def test_demo_feedback_is_about_an_officer(riverside):
    from secure.surveys.demo import surveys_demo_seed

    pat = officer(riverside)
    surveys_demo_seed(riverside)
    summary = selectors.officer_feedback(pat)
    assert len(summary.campaigns) == 1
    groups = {g.key: g for g in summary.groups}
    assert groups["students"].respondents == 12
    assert groups["families"].respondents == 12
    assert groups["peers_staff"].respondents == 24


def test_new_campaign_can_start_from_an_officer(riverside, client_for):
    pat = officer(riverside)
    feedback = instrument_for(riverside, "sro-360-feedback")
    client = client_for("riverside", "partnership_admin")
    page = client.get(f"/p/riverside/surveys/campaigns/new/?subject_officer={pat.pk}")
    text = page.content.decode()
    assert f'<option value="{pat.pk}" selected>' in text
    assert f'<option value="{feedback.pk}" selected>' in text
    assert (
        client.get("/p/riverside/surveys/campaigns/new/?subject_officer=999999").status_code == 200
    )
