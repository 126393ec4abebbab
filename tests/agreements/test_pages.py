"""The MOU pages: upload and analyse, the report with evidence and conflicts, the library, evidence."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secure.agreements.demo import agreements_demo_seed
from secure.agreements.models import MouAnalysis
from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.roles import Role

from .factories import SAMPLE, analysis_make
from .test_extract_and_cli import pdf_without_text

pytestmark = pytest.mark.django_db


def list_url(slug: str = "riverside") -> str:
    return reverse("agreements:analysis_list", args=[slug])


def test_a_leader_uploads_an_mou_and_sees_evidence_conflicts_and_suggestions(riverside, client_for):
    """The report quotes the prohibition, shows the conflicting clause and suggests missing wording."""
    client = client_for("riverside", Role.DISTRICT_LEADER)
    upload = SimpleUploadedFile("mou.txt", SAMPLE.encode(), content_type="text/plain")
    response = client.post(list_url(), {"title": "Current MOU", "file": upload})
    analysis = MouAnalysis.objects.for_partnership(riverside).get()
    assert response.status_code == 302
    assert response.url == reverse("agreements:analysis_detail", args=["riverside", analysis.pk])
    page = client.get(response.url).content.decode()
    assert "“The SRO shall not be used for school discipline.”" in page
    assert (
        "Conflicts" in page
        and "The SRO will assist in enforcing the student code of conduct." in page
    )
    assert "complaint about an SRO&#x27;s conduct" in page  # the library's suggestion for the gap
    assert "section 1.1, page 1, line 1" in page


def test_a_scanned_pdf_is_refused_with_the_reason(riverside, client_for):
    """Uploading a scan without a text layer shows the plain explanation and stores nothing."""
    client = client_for("riverside", Role.DISTRICT_LEADER)
    upload = SimpleUploadedFile("scan.pdf", pdf_without_text(), content_type="application/pdf")
    response = client.post(list_url(), {"title": "Scan", "file": upload})
    assert response.status_code == 200
    assert "no text layer" in response.content.decode()
    assert not MouAnalysis.objects.exists()


def test_only_leaders_upload(riverside, client_for):
    """A school administrator sees analyses but cannot upload one."""
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    assert 'type="file"' not in client.get(list_url()).content.decode()
    upload = SimpleUploadedFile("mou.txt", SAMPLE.encode())
    assert client.post(list_url(), {"title": "x", "file": upload}).status_code == 403


def test_another_partnerships_analysis_is_not_found(riverside, lakeside, client_for):
    """Lakeside's members cannot open Riverside's analysis."""
    analysis = analysis_make(riverside)
    client = client_for("lakeside", Role.DISTRICT_LEADER)
    assert (
        client.get(
            reverse("agreements:analysis_detail", args=["lakeside", analysis.pk])
        ).status_code
        == 404
    )


def test_the_library_lists_every_clause_with_its_rubric_items(riverside, client_for):
    """The clause library shows both wordings and the items each clause satisfies."""
    page = (
        client_for("riverside", Role.COMMUNITY_STAKEHOLDER)
        .get(reverse("agreements:library", args=["riverside"]))
        .content.decode()
    )
    assert "Officers stay out of school discipline" in page and "1.start.3.3" in page
    assert "{district}" not in page


def test_live_evidence_reads_the_mou_in_force(riverside):
    """The rubric's MOU items show what the MOU marked as in force says, conflicts included."""
    assert evidence_for(partnership=riverside, item_id="1.start.3.3") == []
    agreements_demo_seed(riverside)
    [discipline] = evidence_for(partnership=riverside, item_id="1.start.3.3")
    assert discipline.suggested_status == Evidence.IN_PROGRESS  # the demo MOU contradicts itself
    assert discipline.facts["conflicts"] == ["discipline_prohibition"]
    review, cycle = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.improve.2")
        if e.source == "agreements"
    ]
    assert review.suggested_status == Evidence.DONE  # the MOU text sets a review timeline
    assert cycle.facts["reviews"] == 0 and cycle.suggested_status == Evidence.IN_PROGRESS
    [constitutional] = evidence_for(partnership=riverside, item_id="2.start.1")
    assert constitutional.suggested_status == Evidence.DONE
    assert (
        evidence_for(partnership=riverside, item_id="4.start.1")[0].suggested_status
        == Evidence.DONE
    )
    assert (
        evidence_for(partnership=riverside, item_id="2.start.2")[0].suggested_status
        == Evidence.DONE
    )
    [plain] = [
        e
        for e in evidence_for(partnership=riverside, item_id="1.start.3.2")
        if e.source == "agreements"
    ]
    assert plain.facts["flesch_kincaid_grade"] > 0


def test_marking_an_analysis_in_force_moves_the_evidence(riverside, client_for):
    """Only one analysis is in force; evidence follows the one marked."""
    weak = analysis_make(
        riverside, text="The deputy will receive appropriate training.", title="Old"
    )
    analysis_make(riverside, title="New")
    client = client_for("riverside", Role.AGENCY_LEADER)
    client.post(reverse("agreements:analysis_mark_current", args=["riverside", weak.pk]))
    assert list(MouAnalysis.objects.filter(is_current=True)) == [weak]
    [training] = evidence_for(partnership=riverside, item_id="4.start.1")
    assert training.suggested_status == Evidence.IN_PROGRESS


def test_the_lakeside_demo_mou_shows_the_traps(lakeside):
    """The weak demo MOU: discipline conflict, no officer complaint route, no review timeline."""
    agreements_demo_seed(lakeside)
    analysis = MouAnalysis.objects.for_partnership(lakeside).get()
    statuses = analysis.statuses()
    assert statuses["complaint_mechanism"] == "missing"
    assert statuses["regular_review_timeline"] == "missing"
    assert statuses["discipline_prohibition"] == "missing"
    assert [c["requirement"] for c in analysis.report["conflicts"]] == ["discipline_prohibition"]
