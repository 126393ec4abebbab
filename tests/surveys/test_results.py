"""Results: suppression of small groups, scale scores, reliability, CSV, free text, roles."""

from __future__ import annotations

import csv
import io

import pytest

from secure.surveys import selectors
from secure.surveys.demo import responses_generate
from secure.surveys.models import Response
from secure.surveys.stats import cronbach_alpha, scale_score

from .factories import campaign_for, school_for

pytestmark = pytest.mark.django_db


def test_cronbach_alpha_matches_a_hand_computed_value():
    """Three items, four respondents: alpha = 3/2 * (1 - 2.25/6.25) = 0.96."""
    rows = [[1, 1, 1], [2, 2, 3], [3, 3, 3], [4, 4, 4]]
    item_var = 1.6667 + 1.6667 + 1.5833
    total_var = 20.25 * 4 / 3 - 0  # sample variance of totals [3, 7, 9, 12]
    totals = [3, 7, 9, 12]
    mean = sum(totals) / 4
    total_var = sum((t - mean) ** 2 for t in totals) / 3
    expected = 3 / 2 * (1 - item_var / total_var)
    assert cronbach_alpha(rows) == pytest.approx(expected, abs=1e-3)
    assert cronbach_alpha([[1, 1], [1, 1]]) is None
    assert cronbach_alpha([[1, 2, 3]]) is None


def test_scale_score_needs_half_the_items():
    assert scale_score([4, None, 2]) == 3
    assert scale_score([4, None, None]) is None


def test_reverse_coded_items_are_turned_around(riverside):
    campaign = campaign_for(riverside)
    question = campaign.instrument.sections.get(position=1).questions.get(code="worried_at_school")
    assert question.reverse and question.scored_value(5) == 1.0 and question.scored_value(2) == 4.0


def test_small_groups_are_hidden_everywhere(riverside):
    """A school with fewer than ten responses shows no count, no rate and no mean."""
    big, small = school_for(riverside, "Big High"), school_for(riverside, "Small Middle")
    campaign = campaign_for(riverside, groups=["student"], schools=[big, small])
    responses_generate(campaign=campaign, per_link=12)
    Response.objects.filter(link__school=small).exclude(
        pk__in=Response.objects.filter(link__school=small).values("pk")[:4]
    ).delete()
    rates = selectors.response_rates(campaign)
    by_school = {row.label: row for row in rates.rows}
    assert by_school["Small Middle"].total is None and by_school["Small Middle"].extra[1] is None
    # complementary: the big school's count would reveal the small one through the total
    assert by_school["Big High"].total is None or rates.totals.total is None
    data = selectors.campaign_results(campaign, dimension="school", language="en")
    small_row = next(r for r in data["scales"].rows if r.label == "Small Middle")
    assert all(c is None for c in small_row.cells) and all(m is None for m in small_row.extra)
    for item in data["items"]:
        for row in item.rows:
            if row.label == "Small Middle":
                assert all(c in (None, 0) for c in row.cells)


def test_large_groups_are_shown_with_means_and_alpha(riverside):
    campaign = campaign_for(riverside, groups=["student", "family"])
    responses_generate(campaign=campaign, per_link=30)
    data = selectors.campaign_results(campaign, dimension="group", language="en")
    assert data["responses"] == 60
    assert data["rates"].totals.total == 60
    assert all(mean is not None for mean in data["scales"].totals.extra)
    safety = next(s for s in data["reliability"] if s["name"] == "Feeling safe")
    assert safety["n"] and safety["alpha"] is not None and safety["reversed"] == 1


def test_results_page_csv_and_free_text_by_role(riverside, members, client_for):
    """Analysts see results and CSV; school administrators see results but not written answers."""
    campaign = campaign_for(riverside, groups=["student"])
    responses_generate(campaign=campaign, per_link=40)
    analyst = client_for("riverside", "data_analyst")
    base = f"/p/riverside/surveys/campaigns/{campaign.pk}"
    page = analyst.get(base + "/results/?by=race_ethnicity")
    assert page.status_code == 200 and b'data-testid="scale-chart"' in page.content
    download = analyst.get(base + "/results.csv?by=group")
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0] == ["table", "row", "column", "count", "value"]
    assert ["completed", "Total", "total", "40", ""] in rows
    assert analyst.get(base + "/comments/").status_code == 200
    school_admin = client_for("riverside", "school_admin")
    assert school_admin.get(base + "/results/").status_code == 200
    assert school_admin.get(base + "/comments/").status_code == 403
    assert client_for("riverside", "sro").get(base + "/results/").status_code == 403
    assert client_for("lakeside", "data_analyst").get(base + "/results/").status_code == 404


def test_results_of_a_campaign_without_responses(riverside):
    """Nobody has answered yet: zeros, no means, no alpha."""
    campaign = campaign_for(riverside)
    data = selectors.campaign_results(campaign, dimension="sex", language="es")
    assert data["responses"] == 0
    assert data["scales"].rows == [] and all(m is None for m in data["scales"].totals.extra)
    assert all(s["alpha"] is None for s in data["reliability"])


def test_trend_compares_campaigns_and_hides_small_ones(riverside, members, client_for):
    """Two rounds of one instrument side by side; a round with too few respondents is hidden."""
    import datetime

    from django.utils import timezone

    from secure.surveys.services.campaigns import campaign_create

    first = campaign_for(riverside, groups=["student"], opens_in=-100, days=10)
    responses_generate(campaign=first, per_link=20)
    today = timezone.localdate()
    second = campaign_create(
        partnership=riverside,
        instrument=first.instrument,
        name="Second round",
        groups=["student"],
        schools=[school_for(riverside)],
        languages=["en"],
        opens_on=today - datetime.timedelta(days=5),
        closes_on=today + datetime.timedelta(days=5),
    )
    responses_generate(campaign=second, per_link=4)
    data = selectors.instrument_trend(first.instrument)
    assert [row["campaign"] for row in data["rows"]] == [first, second]
    assert all(cell["mean"] is not None for cell in data["rows"][0]["cells"])
    assert all(cell["n"] is None and cell["mean"] is None for cell in data["rows"][1]["cells"])
    family = selectors.instrument_trend(first.instrument, dimension="group", key="family")
    assert all(cell["n"] == 0 for cell in family["rows"][0]["cells"])
    page = client_for("riverside", "data_analyst").get(
        f"/p/riverside/surveys/instruments/{first.instrument.pk}/trend/?group=student"
    )
    assert page.status_code == 200 and b'data-testid="trend"' in page.content


def test_pdf_summary_has_the_suppressed_numbers(riverside, members, client_for):
    """The PDF carries the same tables; other partnerships and SROs cannot download it."""
    from pypdf import PdfReader

    campaign = campaign_for(riverside, groups=["student"])
    responses_generate(campaign=campaign, per_link=25)
    base = f"/p/riverside/surveys/campaigns/{campaign.pk}/results.pdf"
    download = client_for("riverside", "data_analyst").get(base + "?by=group")
    assert download["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    assert "Response rates" in text and "Feeling safe" in text and "25" in text
    # The same tables as the page, from the same templates: invitations, reversed items, numbers.
    assert "Invited or given codes" in text and "Reversed items" in text
    assert "Answers given as numbers" in text
    assert client_for("riverside", "sro").get(base).status_code == 403
    assert client_for("lakeside", "data_analyst").get(base).status_code == 404


def test_invitation_counts_give_response_rates(riverside, members, client_for):
    """Managers record how many were invited per link; the rate is completed over invited."""
    campaign = campaign_for(riverside, groups=["student"])
    responses_generate(campaign=campaign, per_link=20)
    link = campaign.links.get()
    url = f"/p/riverside/surveys/campaigns/{campaign.pk}/invited/"
    assert (
        client_for("riverside", "school_admin").post(url, {f"invited-{link.pk}": "40"}).status_code
        == 403
    )
    client_for("riverside", "partnership_admin").post(url, {f"invited-{link.pk}": "40"})
    link.refresh_from_db()
    assert link.invited == 40
    assert selectors.response_rates(campaign).totals.extra == [40, 50]


def test_number_questions_are_reported_when_enough_answered(riverside, client_for):
    """Number questions (added ones too) get a mean and median, hidden below the minimum."""
    campaign = campaign_for(riverside, groups=["student"])
    responses_generate(campaign=campaign, per_link=12)
    answered = [
        r.answers["sro_contacts"]
        for r in Response.objects.filter(campaign=campaign)
        if "sro_contacts" in r.answers
    ]
    data = selectors.campaign_results(campaign, dimension="group", language="en")
    contacts = next(n for n in data["numbers"] if n["code"] == "sro_contacts")
    if len(answered) >= campaign.minimum_cell:
        assert contacts["n"] == len(answered)
        assert contacts["mean"] == round(sum(answered) / len(answered), 1)
    else:
        assert contacts["n"] is None and contacts["mean"] is None
    Response.objects.filter(campaign=campaign).exclude(
        pk__in=Response.objects.filter(campaign=campaign).values("pk")[:3]
    ).delete()
    few = selectors.campaign_results(campaign, dimension="group", language="en")
    hidden = next(n for n in few["numbers"] if n["code"] == "sro_contacts")
    assert hidden["mean"] is None and hidden["median"] is None
    client = client_for("riverside", "data_analyst")
    text = client.get(f"/p/riverside/surveys/campaigns/{campaign.pk}/results.csv").content.decode()
    assert "number_mean,sro_contacts" in text


def test_trend_by_school_and_demographic(riverside, client_for):
    """The trend can be narrowed to one school and one self-reported answer; small ones hide."""
    big, small = school_for(riverside, "Big High"), school_for(riverside, "Small Middle")
    campaign = campaign_for(riverside, groups=["student"], schools=[big, small])
    responses_generate(campaign=campaign, per_link=30)
    everyone = Response.objects.filter(campaign=campaign, link__school=big)
    hispanic = [r for r in everyone if r.demographics.get("race_ethnicity") == "HI"]
    data = selectors.instrument_trend(campaign.instrument, filters={"school": "Big High"})
    safety = data["scales"].index("Feeling safe")
    assert data["rows"][0]["cells"][safety]["n"] == 30
    narrowed = selectors.instrument_trend(
        campaign.instrument, filters={"school": "Big High", "race_ethnicity": "HI"}
    )
    cell = narrowed["rows"][0]["cells"][safety]
    if len(hispanic) >= campaign.minimum_cell:
        assert cell["n"] == len(hispanic)
    else:
        assert cell["n"] is None and cell["mean"] is None
    page = client_for("riverside", "data_analyst").get(
        f"/p/riverside/surveys/instruments/{campaign.instrument.pk}/trend/"
        "?school=Big+High&demographic=race_ethnicity:HI"
    )
    assert page.status_code == 200 and b'data-testid="trend"' in page.content
    assert b'value="race_ethnicity:HI" selected' in page.content
