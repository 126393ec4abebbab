"""Live evidence, uploaded files and links, and comments on an item."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secure.core.evidence import Evidence, evidence_for
from secure.partnerships.models import Organization
from secure.partnerships.roles import Role
from secure.partnerships.services import organization_create
from secure.rubric import services
from secure.rubric.models import AssessmentItem, ItemComment, ItemEvidence
from secure.rubric.services import uploads

from .factories import assessment_make, schedule_make

pytestmark = pytest.mark.django_db
S = AssessmentItem.Status
PDF = b"%PDF-1.4\n% made-up test document\n"


def _item(cycle, item_id):
    return cycle.items.get(item_id=item_id)


def _from(partnership, item_id, source):
    """The live evidence one app shows for an item (other apps may add their own)."""
    return [e for e in evidence_for(partnership=partnership, item_id=item_id) if e.source == source]


def test_stakeholder_organizations_are_live_evidence_for_drafting_the_mou_together(riverside):
    """With no stakeholder organization the MOU item shows not started; with some, in progress."""
    [found] = _from(riverside, "1.start.3", "partnerships")
    assert found.source == "partnerships" and found.suggested_status == Evidence.NOT_STARTED
    organization_create(
        partnership=riverside, name="Parents Council", kind=Organization.Kind.COMMUNITY
    )
    [found] = _from(riverside, "1.start.3", "partnerships")
    assert "Parents Council" in str(found.summary)
    assert found.suggested_status == Evidence.IN_PROGRESS
    assert found.facts["organizations"] == 1 and not found.facts["all_kinds_present"]


def test_schools_with_nces_ids_are_evidence_for_using_the_crdc(riverside):
    """The CRDC item says how many schools can be matched to federal data, without a suggestion."""
    [found] = _from(riverside, "1.start.1.2", "partnerships")
    assert found.facts == {"schools": 1, "with_nces_id": 1}
    assert found.suggested_status is None


def test_a_kept_schedule_is_evidence_of_a_regular_timeline(riverside, members):
    """A schedule on time suggests done; once overdue, in progress."""
    import datetime

    from django.utils import timezone

    schedule = schedule_make(riverside, item_id="3.improve.1")
    [found] = _from(riverside, "3.improve.1", "rubric")
    assert found.suggested_status == Evidence.DONE
    services.schedule_update(
        schedule=schedule,
        title=schedule.title,
        item_id="3.improve.1",
        interval_months=12,
        next_due=timezone.localdate() - datetime.timedelta(days=1),
        is_active=True,
    )
    [found] = _from(riverside, "3.improve.1", "rubric")
    assert found.suggested_status == Evidence.IN_PROGRESS and "overdue" in str(found.summary)


def test_a_person_confirms_the_suggested_status(riverside, members, client_for):
    """The item page shows live evidence; confirming sets the status and records the basis."""
    cycle = assessment_make(riverside)
    organization_create(partnership=riverside, name="Civil Rights Coalition", kind="civil_rights")
    client = client_for("riverside", Role.DISTRICT_LEADER)
    url = reverse("rubric:item_detail", args=["riverside", cycle.pk, "1.start.3"])
    page = client.get(url).content.decode()
    assert "Civil Rights Coalition" in page and "Confirm: In progress" in page
    client.post(
        url, {"action": "confirm", "source": "partnerships", "suggested_status": "in_progress"}
    )
    row = _item(cycle, "1.start.3")
    assert row.status == S.IN_PROGRESS
    assert row.status_basis.startswith("partnerships: 1 stakeholder organization")


def test_confirming_evidence_that_is_no_longer_there_is_refused(riverside, members):
    """A suggestion must still be what the app shows when the person confirms it."""
    cycle = assessment_make(riverside)
    leader = members[("riverside", Role.DISTRICT_LEADER)]
    with pytest.raises(ValidationError) as error:
        services.assessment_item_confirm_evidence(
            item=_item(cycle, "1.start.3"),
            by=leader,
            source="partnerships",
            suggested_status="done",
        )
    assert error.value.messages == [str(services.assessments.EVIDENCE_CHANGED)]


def test_owners_add_links_and_files_others_may_not(riverside, members, client_for):
    """The owner uploads a PDF and adds a link; a colleague who is not the owner gets 403."""
    cycle = assessment_make(riverside)
    sro = members[("riverside", Role.SRO)]
    services.assessment_item_update(item=_item(cycle, "4.start.4"), status=S.IN_PROGRESS, owner=sro)
    url = reverse("rubric:item_detail", args=["riverside", cycle.pk, "4.start.4"])
    client = client_for("riverside", Role.SRO)
    client.post(
        url,
        {"action": "link", "link_title": "Diversion policy", "url": "policy.example.org/diversion"},
    )
    client.post(
        url,
        {
            "action": "file",
            "file_title": "",
            "upload": SimpleUploadedFile("Sign-in sheet.pdf", PDF),
        },
    )
    kinds = {(e.kind, e.title, e.url or e.original_name) for e in ItemEvidence.objects.all()}
    assert kinds == {
        ("link", "Diversion policy", "https://policy.example.org/diversion"),
        ("file", "Sign-in sheet.pdf", "Sign-in sheet.pdf"),
    }
    stored = ItemEvidence.objects.get(kind="file").file.name
    assert stored.startswith(f"rubric/{riverside.pk}/evidence/") and "Sign-in" not in stored
    other = client_for("riverside", Role.DATA_ANALYST)
    response = other.post(
        url, {"action": "link", "link_title": "x", "url": "https://x.example.org"}
    )
    assert response.status_code == 403
    auditor = client_for("riverside", Role.AUDITOR)
    assert auditor.post(url, {"action": "progress", "status": "done"}).status_code == 403


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("minutes.exe", b"MZ\x90\x00", uploads.FILE_KIND_NOT_ALLOWED),
        ("minutes.pdf", b"<html>not a pdf</html>", uploads.FILE_CONTENT_MISMATCH),
        ("data.csv", b"a,b\x00\x00", uploads.FILE_CONTENT_MISMATCH),
        ("empty.txt", b"", uploads.FILE_EMPTY),
    ],
)
def test_uploads_are_checked(name, content, message, riverside, members):
    """Only the allowed kinds, with contents that match their names, and not empty."""
    cycle = assessment_make(riverside)
    leader = members[("riverside", Role.DISTRICT_LEADER)]
    with pytest.raises(ValidationError) as error:
        services.item_evidence_add_file(
            item=_item(cycle, "2.start.3"),
            by=leader,
            title="",
            upload=SimpleUploadedFile(name, content),
        )
    assert str(message).split("%")[0] in error.value.messages[0]
    assert not ItemEvidence.objects.exists()


def test_uploads_over_the_size_limit_are_refused(riverside, members, settings):
    """The limit comes from RUBRIC_MAX_UPLOAD_BYTES."""
    settings.RUBRIC_MAX_UPLOAD_BYTES = 1024 * 1024
    cycle = assessment_make(riverside)
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        services.item_evidence_add_file(
            item=_item(cycle, "2.start.3"),
            by=members[("riverside", Role.DISTRICT_LEADER)],
            title="",
            upload=SimpleUploadedFile("big.pdf", PDF + b"0" * 1024 * 1024),
        )


def test_files_download_only_through_the_checked_view(riverside, lakeside, members, client_for):
    """Staff download; stakeholders see the name only (403); another partnership gets 404."""
    cycle = assessment_make(riverside)
    evidence = services.item_evidence_add_file(
        item=_item(cycle, "2.start.3"),
        by=members[("riverside", Role.DISTRICT_LEADER)],
        title="Data procedure",
        upload=SimpleUploadedFile("procedure.pdf", PDF),
    )
    url = reverse("rubric:evidence_file", args=["riverside", cycle.pk, evidence.pk])
    response = client_for("riverside", Role.SRO).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="procedure.pdf"' in response["Content-Disposition"]
    assert client_for("riverside", Role.COMMUNITY_STAKEHOLDER).get(url).status_code == 403
    assert client_for("lakeside", Role.PARTNERSHIP_ADMIN).get(url).status_code == 404
    own = assessment_make(lakeside)
    crossed = reverse("rubric:evidence_file", args=["lakeside", own.pk, evidence.pk])
    assert client_for("lakeside", Role.PARTNERSHIP_ADMIN).get(crossed).status_code == 404


def test_removing_evidence_deletes_the_stored_file(
    riverside, members, client_for, django_capture_on_commit_callbacks
):
    """A leader removes a file; it is gone from storage too."""
    cycle = assessment_make(riverside)
    evidence = services.item_evidence_add_file(
        item=_item(cycle, "2.start.3"),
        by=members[("riverside", Role.DISTRICT_LEADER)],
        title="",
        upload=SimpleUploadedFile("notes.txt", b"made-up notes\n"),
    )
    storage, name = evidence.file.storage, evidence.file.name
    client = client_for("riverside", Role.AGENCY_LEADER)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("rubric:item_detail", args=["riverside", cycle.pk, "2.start.3"]),
            {"action": "remove", "evidence": evidence.pk},
        )
    assert not ItemEvidence.objects.exists()
    assert not storage.exists(name)


def test_stakeholders_comment_only_where_the_partnership_allows(riverside, members, client_for):
    """Off by default; once a leader allows it, a stakeholder's comment is kept."""
    cycle = assessment_make(riverside)
    url = reverse("rubric:item_detail", args=["riverside", cycle.pk, "2.improve.3"])
    stakeholder = client_for("riverside", Role.COMMUNITY_STAKEHOLDER)
    assert "Add comment" not in stakeholder.get(url).content.decode()
    assert stakeholder.post(url, {"action": "comment", "body": "Hello"}).status_code == 403
    client_for("riverside", Role.PARTNERSHIP_ADMIN).post(
        reverse("rubric:settings", args=["riverside"]),
        {"stakeholders_may_comment": "on", "reminder_days_before": "7"},
    )
    stakeholder.post(url, {"action": "comment", "body": "Please include youth voices."})
    comment = ItemComment.objects.get()
    assert comment.author == members[("riverside", Role.COMMUNITY_STAKEHOLDER)]
    page = stakeholder.get(url).content.decode()
    assert "Please include youth voices." in page
    # Stakeholders may not see the member list, so they see roles, not names.
    assert members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user.get_full_name() not in page
    assert (
        client_for("riverside", Role.AUDITOR)
        .post(url, {"action": "comment", "body": "x"})
        .status_code
        == 403
    )


def test_a_parent_with_open_sub_items_is_not_offered_done_from_evidence(
    riverside, members, client_for
):
    """A kept MOU-review schedule suggests done, but the MOU item waits for its sub-items."""
    cycle = assessment_make(riverside, path="improve")
    schedule_make(riverside, item_id="1.improve.2")
    page = (
        client_for("riverside", Role.DISTRICT_LEADER)
        .get(reverse("rubric:item_detail", args=["riverside", cycle.pk, "1.improve.2"]))
        .content.decode()
    )
    assert "Suggested status: Done" in page
    assert "Confirm: Done" not in page and "first settle every sub-item" in page
