"""Drafting an MOU: library start, versions and diffs, comments, approvals, adoption, acknowledgments."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from secure.agreements import services
from secure.agreements.analyzer import analyze_upload
from secure.agreements.models import MouAcknowledgment, MouAnalysis, MouComment, MouDraft
from secure.agreements.selectors import mou_not_acknowledged, mou_version_diff
from secure.agreements.services import drafting
from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.roles import Role

from .factories import draft_make

pytestmark = pytest.mark.django_db


def member(members, role, slug="riverside"):
    return members[(slug, role)]


def adopt(draft, members):
    services.mou_draft_open_for_comments(draft=draft)
    services.mou_draft_approve(draft=draft, membership=member(members, Role.DISTRICT_LEADER))
    services.mou_draft_approve(draft=draft, membership=member(members, Role.AGENCY_LEADER))
    return services.mou_draft_adopt(draft=draft, user=None)


def test_a_draft_from_the_library_fills_the_partnerships_names(riverside):
    """Every library clause becomes a section, with the district and agency named."""
    draft = draft_make(riverside)
    version = draft.latest_version()
    assert version.number == 1 and len(version.sections) == 13
    assert "Riverside Police selects SROs" in version.as_text()
    assert "{agency}" not in version.as_text()


def test_saving_edits_makes_a_new_version_and_a_readable_diff(riverside):
    """Each save is a version; the diff shows the removed and the added line."""
    draft = draft_make(riverside)
    first = draft.latest_version()
    text = first.as_text().replace(
        "Discipline is the job of principals and teachers.", "Discipline belongs to school staff."
    )
    second = services.mou_version_save(draft=draft, text=text, note="Shorter", user=None)
    assert second.number == 2
    changed = [
        (line.kind, line.text)
        for line in mou_version_diff(old=first, new=second)
        if line.kind != "same"
    ]
    assert ("added", next(t for k, t in changed if k == "added")) in changed
    assert any(k == "removed" and "principals and teachers" in t for k, t in changed)
    assert any(k == "added" and "belongs to school staff" in t for k, t in changed)


def test_text_without_sections_is_refused(riverside):
    """An empty text cannot be saved as a version."""
    with pytest.raises(ValidationError) as error:
        services.mou_version_save(draft=draft_make(riverside), text="   ", note="", user=None)
    assert error.value.messages == [str(drafting.NO_SECTIONS)]


def test_stakeholders_comment_on_sections_only_while_open(riverside, members):
    """Comments wait for the draft to open; they are anchored to a section and get answered."""
    draft = draft_make(riverside)
    version = draft.latest_version()
    stakeholder = member(members, Role.COMMUNITY_STAKEHOLDER)
    with pytest.raises(ValidationError):
        services.mou_comment_add(
            version=version, section=0, membership=stakeholder, body="Too early"
        )
    services.mou_draft_open_for_comments(draft=draft)
    services.mou_commenters_set(draft=draft, memberships=[stakeholder], organizations=[], user=None)
    comment = services.mou_comment_add(
        version=version, section=1, membership=stakeholder, body="Add teachers."
    )
    assert comment.author_role == Role.COMMUNITY_STAKEHOLDER and comment.section == 1
    with pytest.raises(ValidationError):
        services.mou_comment_add(version=version, section=99, membership=stakeholder, body="x")
    with pytest.raises(ValidationError):
        services.mou_comment_resolve(comment=comment, answer=" ")
    services.mou_comment_resolve(comment=comment, answer="Added in version 2.")
    assert MouComment.objects.get().resolved_at is not None


def test_adoption_needs_both_leaders_then_freezes_and_becomes_the_mou_in_force(riverside, members):
    """District and agency approve; adoption freezes the text and the analysis feeds live evidence."""
    draft = draft_make(riverside)
    services.mou_draft_open_for_comments(draft=draft)
    with pytest.raises(ValidationError):
        services.mou_draft_approve(draft=draft, membership=member(members, Role.SCHOOL_ADMIN))
    services.mou_draft_approve(draft=draft, membership=member(members, Role.DISTRICT_LEADER))
    with pytest.raises(ValidationError) as error:
        services.mou_draft_adopt(draft=draft, user=None)
    assert error.value.messages == [str(drafting.NEEDS_APPROVALS)]
    services.mou_draft_approve(draft=draft, membership=member(members, Role.AGENCY_LEADER))
    services.mou_draft_adopt(draft=draft, user=None)
    assert MouDraft.objects.get().status == MouDraft.Status.ADOPTED
    with pytest.raises(ValidationError):
        services.mou_version_save(draft=draft, text="## A\nB.", note="", user=None)
    analysis = MouAnalysis.objects.get(is_current=True)
    assert all(status == "met" for status in analysis.statuses().values()), analysis.statuses()
    [discipline] = evidence_for(partnership=riverside, item_id="1.start.3.3")
    assert discipline.suggested_status == Evidence.DONE


def test_acknowledgments_list_who_has_not_read_the_mou(riverside, members):
    """School administrators and SROs acknowledge once; the rest are listed; others cannot."""
    draft = adopt(draft_make(riverside), members)
    waiting = {m.role for m in mou_not_acknowledged(draft=draft)}
    assert waiting == {Role.SCHOOL_ADMIN, Role.SRO}
    services.mou_acknowledge(draft=draft, membership=member(members, Role.SRO))
    services.mou_acknowledge(draft=draft, membership=member(members, Role.SRO))
    assert MouAcknowledgment.objects.count() == 1
    assert [m.role for m in mou_not_acknowledged(draft=draft)] == [Role.SCHOOL_ADMIN]
    with pytest.raises(ValidationError):
        services.mou_acknowledge(draft=draft, membership=member(members, Role.DATA_ANALYST))
    [evidence] = evidence_for(partnership=riverside, item_id="1.improve.2.4")
    assert evidence.facts == {"acknowledged": 1, "not_acknowledged": 1}
    services.mou_acknowledge(draft=draft, membership=member(members, Role.SCHOOL_ADMIN))
    assert (
        evidence_for(partnership=riverside, item_id="1.improve.2.4")[0].suggested_status
        == Evidence.DONE
    )


def test_the_whole_cycle_through_the_pages(riverside, members, client_for):
    """Start, open, comment, approve twice, adopt and acknowledge through the web pages."""
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    response = leader.post(
        reverse("agreements:draft_create", args=["riverside"]),
        {
            "title": "MOU 2026",
            "clauses": ["role", "no-discipline"],
            "district": "Riverside Unified",
            "agency": "Riverside Police",
            "schools": "all schools",
            "complaint_contact": "the district office",
            "review_month": "June",
        },
    )
    draft = MouDraft.objects.get()
    act_url = reverse("agreements:draft_action", args=["riverside", draft.pk])
    assert response.url == reverse("agreements:draft_detail", args=["riverside", draft.pk])
    leader.post(act_url, {"action": "open"})
    leader.post(
        reverse("agreements:draft_commenters", args=["riverside", draft.pk]),
        {"memberships": [members[("riverside", Role.COMMUNITY_STAKEHOLDER)].pk]},
    )
    stakeholder = client_for("riverside", Role.COMMUNITY_STAKEHOLDER)
    stakeholder.post(
        act_url, {"action": "comment", "section": "1", "body": "Name the teachers too."}
    )
    assert stakeholder.post(act_url, {"action": "adopt"}).status_code == 403
    leader.post(act_url, {"action": "approve"})
    client_for("riverside", Role.AGENCY_LEADER).post(act_url, {"action": "approve"})
    leader.post(act_url, {"action": "adopt"})
    client_for("riverside", Role.SRO).post(act_url, {"action": "acknowledge"})
    page = leader.get(
        reverse("agreements:draft_detail", args=["riverside", draft.pk])
    ).content.decode()
    assert "Name the teachers too." in page and "Adopted" in page
    assert "Not yet acknowledged" in page
    assert MouAcknowledgment.objects.count() == 1
    [evidence] = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.start.3")
        if e.source == "agreements"
    ]
    assert evidence.facts["comment_roles"] == [Role.COMMUNITY_STAKEHOLDER]
    assert evidence.suggested_status == Evidence.DONE


def test_the_diff_page_and_another_partnerships_draft(riverside, lakeside, client_for):
    """The diff page compares chosen versions; Lakeside cannot open Riverside's draft."""
    draft = draft_make(riverside)
    services.mou_version_save(
        draft=draft, text="## Role\nSROs keep schools safe.", note="", user=None
    )
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    page = client.get(
        reverse("agreements:draft_diff", args=["riverside", draft.pk]) + "?old=1&new=2"
    ).content.decode()
    assert "<ins>+ SROs keep schools safe.</ins>" in page
    other = client_for("lakeside", Role.DISTRICT_LEADER)
    assert (
        other.get(reverse("agreements:draft_detail", args=["lakeside", draft.pk])).status_code
        == 404
    )
    assert (
        other.post(
            reverse("agreements:draft_action", args=["lakeside", draft.pk]), {"action": "open"}
        ).status_code
        == 404
    )


def test_the_draft_downloads_as_word_and_pdf_that_read_back(riverside, client_for, lakeside):
    """Both exports hold the MOU text; the analyzer reads them back; other partnerships get 404."""
    draft = draft_make(riverside)
    client = client_for("riverside", Role.SRO)
    for fmt, name in (("docx", "mou.docx"), ("pdf", "mou.pdf")):
        response = client.get(reverse("agreements:draft_export", args=["riverside", draft.pk, fmt]))
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="our-mou-v1.{fmt}"'
        report = analyze_upload(name, response.content)
        assert report.result("discipline_prohibition").status == "met"
        assert report.conflicts == []
    other = client_for("lakeside", Role.SRO)
    assert (
        other.get(
            reverse("agreements:draft_export", args=["lakeside", draft.pk, "pdf"])
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse("agreements:draft_export", args=["riverside", draft.pk, "odt"])
        ).status_code
        == 404
    )


def test_sharing_is_recorded_and_feeds_the_sharing_items(riverside, client_for):
    """Leaders record sharing with another community and with state officials; others only read."""
    url = reverse("agreements:sharing", args=["riverside"])
    leader = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    assert evidence_for(partnership=riverside, item_id="1.improve.2.2") == []
    leader.post(
        url,
        {
            "audience": "other_community",
            "recipient": "Lakeside USD",
            "shared_on": "2026-10-01",
            "note": "They liked the complaint clause.",
        },
    )
    leader.post(
        url,
        {
            "audience": "state_official",
            "recipient": "State SRO task force",
            "shared_on": "2026-11-02",
            "note": "",
        },
    )
    [community] = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.improve.2.2")
        if e.source == "agreements"
    ]
    [officials] = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.improve.2.3")
        if e.source == "agreements"
    ]
    assert community.facts == {"records": 1, "latest": "2026-10-01"}
    assert officials.suggested_status == Evidence.DONE and "State SRO task force" in str(
        officials.summary
    )
    sro = client_for("riverside", Role.SRO)
    assert "Lakeside USD" in sro.get(url).content.decode()
    assert (
        sro.post(
            url, {"audience": "state_official", "recipient": "x", "shared_on": "2026-11-02"}
        ).status_code
        == 403
    )
