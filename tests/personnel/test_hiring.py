"""Hiring guidelines with versions and comments, confidential candidates, panels, scorecards."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.personnel.catalogue import HIRING_QUALITIES
from secure.personnel.models import Guideline
from secure.personnel.models.hiring import StakeholderGroup as G
from secure.personnel.selectors import panel_aggregate, panel_makeup
from secure.personnel.services import (
    GUIDELINE_DRAFT_EXISTS,
    NOT_A_DRAFT,
    SCORE_RANGE,
    candidate_create,
    guideline_comment_add,
    guideline_draft,
    guideline_next_review,
    guideline_publish,
    guideline_update,
    panelist_add,
    scorecard_save,
)

pytestmark = pytest.mark.django_db


def test_the_first_draft_has_the_rubrics_eleven_qualities(riverside):
    """Default criteria are the rubric's eleven, linked to 3.start.1.1–11."""
    draft = guideline_draft(partnership=riverside)
    criteria = list(draft.criteria.all())
    assert [c.text for c in criteria] == HIRING_QUALITIES
    assert criteria[10].rubric_item == "3.start.1.11"


def test_versions_copy_criteria_and_publishing_supersedes_the_last(riverside):
    """Editing a draft, publishing it, then drafting again keeps the edited criteria."""
    first = guideline_draft(partnership=riverside)
    with pytest.raises(ValidationError) as error:
        guideline_draft(partnership=riverside)
    assert str(GUIDELINE_DRAFT_EXISTS) in error.value.messages
    guideline_update(
        guideline=first,
        introduction="Ours",
        review_months=6,
        criteria=["Knows the neighbourhood", *HIRING_QUALITIES[:2]],
    )
    guideline_publish(guideline=first, today=datetime.date(2026, 1, 31))
    assert guideline_next_review(first) == datetime.date(2026, 7, 31)
    with pytest.raises(ValidationError) as error:
        guideline_comment_add(guideline=first, group=G.STUDENTS, body="late")
    assert str(NOT_A_DRAFT) in error.value.messages
    second = guideline_draft(partnership=riverside)
    assert next(c.text for c in second.criteria.all()) == "Knows the neighbourhood"
    guideline_publish(guideline=second)
    first.refresh_from_db()
    assert first.status == Guideline.Status.SUPERSEDED


def test_the_public_page_shows_only_the_published_version(riverside, client):
    """Anyone can read the published guidelines; drafts stay inside the workspace."""
    url = reverse("personnel:public_guidelines", kwargs={"partnership_slug": "riverside"})
    assert "not published hiring guidelines yet" in client.get(url).content.decode()
    draft = guideline_draft(partnership=riverside)
    guideline_update(guideline=draft, introduction="Secret draft", review_months=12, criteria=["A"])
    assert "Secret draft" not in client.get(url).content.decode()
    guideline_publish(guideline=draft)
    assert "Secret draft" in client.get(url).content.decode()


def test_community_stakeholders_comment_on_a_draft(riverside, client_for):
    """A community stakeholder adds a comment for their group on the draft's page."""
    draft = guideline_draft(partnership=riverside)
    client = client_for("riverside", "community_stakeholder")
    response = client.post(
        draft.get_absolute_url(), {"group": G.COMMUNITY, "body": "Ask about youth programs"}
    )
    assert response.status_code == 302
    assert draft.comments.get().group == G.COMMUNITY


def _interviewed(partnership):
    guideline_publish(guideline=guideline_draft(partnership=partnership))
    return candidate_create(partnership=partnership, full_name="Dana Candidate")


def test_panel_makeup_is_shown_against_the_rubrics_groups(riverside):
    """Missing rubric groups are visible; law enforcement is extra, not required."""
    candidate = _interviewed(riverside)
    panelist_add(candidate=candidate, name="Teacher", group=G.SCHOOL_STAFF)
    panelist_add(candidate=candidate, name="Lieutenant", group=G.LAW_ENFORCEMENT)
    makeup = {m.group: m for m in panel_makeup(candidate=candidate)}
    assert makeup[G.SCHOOL_STAFF].count == 1 and makeup[G.SCHOOL_STAFF].required
    assert makeup[G.STUDENTS].count == 0 and makeup[G.STUDENTS].required
    assert not makeup[G.LAW_ENFORCEMENT].required


def test_the_aggregate_flags_where_groups_disagree(riverside):
    """Group means 4 vs 1.5 on a criterion are flagged; 3 vs 3.5 are not."""
    candidate = _interviewed(riverside)
    first, second = list(candidate.guideline.criteria.all())[:2]
    for name, group, a, b in [
        ("Teacher", G.SCHOOL_STAFF, 4, 3),
        ("Student A", G.STUDENTS, 1, 4),
        ("Student B", G.STUDENTS, 2, 3),
    ]:
        panelist = panelist_add(candidate=candidate, name=name, group=group)
        scorecard_save(panelist=panelist, scores={first.pk: (a, ""), second.pk: (b, "")})
    rows = panel_aggregate(candidate=candidate)
    assert rows[0].by_group == [("School staff", 4, 1), ("Students", 1.5, 2)]
    assert rows[0].disagree and rows[0].gap == 2.5
    assert not rows[1].disagree
    assert rows[2].overall is None


def test_scores_go_from_one_to_four(riverside):
    """A 5 is refused."""
    candidate = _interviewed(riverside)
    panelist = panelist_add(candidate=candidate, name="Teacher", group=G.SCHOOL_STAFF)
    criterion = candidate.guideline.criteria.first()
    with pytest.raises(ValidationError) as error:
        scorecard_save(panelist=panelist, scores={criterion.pk: (5, "")})
    assert str(SCORE_RANGE) in error.value.messages


def test_candidates_are_confidential_to_hiring_roles(riverside, members, client_for):
    """An SRO or community stakeholder cannot open the candidate list or a candidate."""
    candidate = _interviewed(riverside)
    for role in ("sro", "community_stakeholder", "school_admin", "data_analyst"):
        client = client_for("riverside", role)
        assert client.get(candidate.get_absolute_url()).status_code == 403
    assert (
        client_for("riverside", "district_leader").get(candidate.get_absolute_url()).status_code
        == 200
    )


def test_panelists_fill_in_only_their_own_scorecard(riverside, members, client_for):
    """A linked panelist saves their scorecard; another member sees only that they are not on it."""
    candidate = _interviewed(riverside)
    mine = panelist_add(
        candidate=candidate,
        name="Community rep",
        group=G.COMMUNITY,
        member=members[("riverside", "community_stakeholder")],
    )
    criterion = candidate.guideline.criteria.first()
    url = reverse(
        "personnel:my_scorecard", kwargs={"partnership_slug": "riverside", "pk": candidate.pk}
    )
    response = client_for("riverside", "community_stakeholder").post(
        url, {f"score_{criterion.pk}": "3", f"note_{criterion.pk}": "Good with youth"}
    )
    assert response.status_code == 302
    assert mine.scores.get().value == 3
    other = client_for("riverside", "school_admin")
    page = other.get(url).content.decode()
    assert "You are not on this interview panel." in page
    assert "Dana Candidate" not in page
    other.post(url, {f"score_{criterion.pk}": "1"})
    assert mine.scores.get().value == 3


def test_post_endpoints_draft_publish_and_seed_are_guarded(
    riverside, lakeside, members, client_for
):
    """Leaders start and publish drafts and seed topics; others get 403, other partnerships 404."""
    from secure.personnel.models import TrainingTopic

    kwargs = {"partnership_slug": "riverside"}
    new = reverse("personnel:guideline_new", kwargs=kwargs)
    seed = reverse("personnel:topics_seed", kwargs=kwargs)
    assert client_for("riverside", "sro").post(new).status_code == 403
    assert client_for("riverside", "sro").post(seed).status_code == 403
    leader = client_for("riverside", "agency_leader")
    assert leader.post(new).status_code == 302
    draft = Guideline.objects.get(partnership=riverside)
    publish = reverse("personnel:guideline_publish", kwargs={**kwargs, "pk": draft.pk})
    assert client_for("riverside", "community_stakeholder").post(publish).status_code == 403
    other = reverse(
        "personnel:guideline_publish", kwargs={"partnership_slug": "lakeside", "pk": draft.pk}
    )
    assert client_for("lakeside", "partnership_admin").post(other).status_code == 404
    assert leader.post(publish).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Guideline.Status.PUBLISHED
    assert client_for("riverside", "school_admin").post(seed).status_code == 302
    assert TrainingTopic.objects.filter(partnership=riverside).count() > 0
    assert not TrainingTopic.objects.filter(partnership=lakeside).exists()
