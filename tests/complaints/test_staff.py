"""The staff side: the queue, the case actions, conflicts of interest, tenancy, recorded views."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from secure.audit.models import AuditEvent
from secure.complaints.models import Complaint, ComplaintEvent
from secure.complaints.selectors import QueueFilters, complaint_queue
from secure.complaints.services import workflow
from secure.complaints.services.intake import attachment_store
from secure.partnerships.roles import Role

from .factories import PNG, complaint_file, complaint_make, template_make

pytestmark = pytest.mark.django_db
INVESTIGATOR = Role.COMPLAINT_INVESTIGATOR


def detail_url(complaint: Complaint, slug: str = "riverside") -> str:
    return reverse("complaints:detail", args=[slug, complaint.pk])


def act(client, complaint: Complaint, action: str, **data: object):
    fields = {f"{action}-{key}": value for key, value in data.items()}
    return client.post(detail_url(complaint), {"action": action, **fields})


def test_an_investigator_triages_and_resolves_a_complaint(
    riverside, members, client_for, django_capture_on_commit_callbacks
):
    """Assign, acknowledge, note, resolve and close: each step is in the history with a reason."""
    complaint = complaint_make(riverside, contact_email="parent@example.org", language="es")
    client = client_for("riverside", INVESTIGATOR)
    me = members[("riverside", INVESTIGATOR)]
    assert act(client, complaint, "assign", assignee=me.pk).status_code == 302
    assert act(client, complaint, "acknowledge", reason="Reading the file").status_code == 302
    assert act(client, complaint, "note", text="Called the school").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = act(
            client,
            complaint,
            "resolve",
            outcome="policy_change",
            outcome_shared="Revisamos la política de registros.",
            reason="Findings written",
        )
    assert response.status_code == 302
    act(client, complaint, "close", reason="Outcome shared")
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED
    assert complaint.assignee == me and complaint.acknowledged_at and complaint.closed_at
    kinds = list(complaint.events.values_list("kind", "to_status"))
    assert kinds == [
        ("submitted", "received"),
        ("assigned", ""),
        ("status", "under_review"),
        ("note", ""),
        ("status", "resolved"),
        ("status", "closed"),
    ]
    # The outcome went to the complainant, in their language, with a Spanish footer.
    assert len(mail.outbox) == 1
    assert "Revisamos la política de registros." in mail.outbox[0].body
    assert "Vea el estado de su queja" in mail.outbox[0].body


def test_transitions_refuse_the_wrong_order_and_missing_reasons(riverside, members):
    """A received complaint cannot be resolved; closing and reopening need a reason."""
    complaint = complaint_make(riverside)
    actor = members[("riverside", INVESTIGATOR)]
    with pytest.raises(ValidationError, match="not possible while the complaint is"):
        workflow.complaint_resolve(
            complaint=complaint, actor=actor, outcome="noted", outcome_shared="x", reason="y"
        )
    with pytest.raises(ValidationError) as error:
        workflow.complaint_close(complaint=complaint, actor=actor, reason=" ")
    assert str(workflow.REASON_REQUIRED) in str(error.value)
    workflow.complaint_close(complaint=complaint, actor=actor, reason="Duplicate of another")
    with pytest.raises(ValidationError):
        workflow.complaint_close(complaint=complaint, actor=actor, reason="again")
    workflow.complaint_reopen(complaint=complaint, actor=actor, reason="New information")
    assert complaint.status == Complaint.Status.UNDER_REVIEW and complaint.closed_at is None


def test_a_failed_action_keeps_what_was_typed(riverside, members, client_for):
    """Resolving without an outcome explains the error and keeps the message to the complainant."""
    complaint = complaint_make(riverside)
    client = client_for("riverside", INVESTIGATOR)
    act(client, complaint, "acknowledge", reason="")
    response = act(client, complaint, "resolve", outcome="", outcome_shared="Kept text", reason="r")
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.UNDER_REVIEW


def test_only_roles_that_manage_complaints_can_act(riverside, members, client_for):
    """An auditor sees the case but cannot change it."""
    complaint = complaint_make(riverside)
    auditor = client_for("riverside", Role.AUDITOR)
    assert auditor.get(detail_url(complaint)).status_code == 200
    assert act(auditor, complaint, "acknowledge", reason="x").status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED


def test_deadlines_follow_the_partnership_settings_and_show_as_overdue(
    riverside, members, client_for
):
    """Acknowledge within N and resolve within M days; a late one is flagged in the queue."""
    client = client_for("riverside", Role.PARTNERSHIP_ADMIN)
    client.post(
        reverse("complaints:settings", args=["riverside"]),
        {"acknowledge_within_days": 2, "resolve_within_days": 30, "retention_days": 365},
    )
    long_ago = timezone.now() - datetime.timedelta(days=10)
    late = complaint_make(riverside, submitted_at=long_ago)
    fresh = complaint_make(riverside)
    assert late.acknowledge_by == timezone.localdate(long_ago) + datetime.timedelta(days=2)
    assert late.resolve_by == timezone.localdate(long_ago) + datetime.timedelta(days=30)
    assert late.acknowledgement_overdue() and not late.resolution_overdue()
    assert not fresh.acknowledgement_overdue()
    page = client.get(reverse("complaints:queue", args=["riverside"])).content.decode()
    assert "1 complaint is past a deadline." in page
    assert "Acknowledgement overdue" in page
    overdue = client.get(reverse("complaints:queue", args=["riverside"]), {"overdue": "on"})
    assert late.record_number in overdue.content.decode()
    assert fresh.record_number not in overdue.content.decode()


def test_the_resolution_deadline_must_follow_the_acknowledgement_one(riverside, client_for):
    """Settings with the deadlines the wrong way round are refused with an explanation."""
    response = client_for("riverside", Role.PARTNERSHIP_ADMIN).post(
        reverse("complaints:settings", args=["riverside"]),
        {"acknowledge_within_days": 10, "resolve_within_days": 5, "retention_days": 365},
    )
    assert "must be later than the acknowledgement" in response.content.decode()


def test_queue_filters(riverside, members):
    """Status, kind of concern, school, assignee and record number narrow the queue."""
    investigator = members[("riverside", INVESTIGATOR)]
    search = complaint_make(riverside, concerns=["search"])
    force = complaint_make(riverside, concerns=["use_of_force"], school=None)
    workflow.complaint_assign(complaint=force, actor=investigator, assignee=investigator)

    def numbers(**filters: object) -> set[str]:
        queryset = complaint_queue(membership=investigator, filters=QueueFilters(**filters))
        return {c.record_number for c in queryset}

    assert numbers(concern="search") == {search.record_number}
    assert numbers(assignee="me") == {force.record_number}
    assert numbers(assignee="none") == {search.record_number}
    assert numbers(school=search.school_id) == {search.record_number}
    assert numbers(record_number=force.record_number.lower()) == {force.record_number}
    assert numbers(status="resolved") == set()
    assert numbers(status="open") == {search.record_number, force.record_number}


def test_a_member_named_in_a_complaint_cannot_see_it(riverside, members, client_for):
    """Conflict of interest: the named agency leader loses the case from queue and by URL."""
    complaint = complaint_make(riverside)
    named = members[("riverside", Role.AGENCY_LEADER)]
    sro = members[("riverside", Role.SRO)]
    client = client_for("riverside", INVESTIGATOR)
    act(client, complaint, "named", members=[named.pk, sro.pk])
    assert set(complaint.named_members.all()) == {named, sro}
    leader = client_for("riverside", Role.AGENCY_LEADER)
    assert leader.get(detail_url(complaint)).status_code == 404
    queue = leader.get(reverse("complaints:queue", args=["riverside"]), {"status": ""})
    assert complaint.record_number not in queue.content.decode()
    assert client_for("riverside", Role.SRO).get(detail_url(complaint)).status_code in {403, 404}
    # Another leader still sees it; the named leader cannot be assigned.
    assert (
        client_for("riverside", Role.DISTRICT_LEADER).get(detail_url(complaint)).status_code == 200
    )
    with pytest.raises(ValidationError):
        workflow.complaint_assign(complaint=complaint, actor=None, assignee=named)
    assert AuditEvent.objects.filter(
        object_id=str(complaint.pk), changes__has_key="named_members"
    ).exists()


def test_naming_the_assignee_takes_the_case_away_from_them(riverside, members):
    """A named assignee is unassigned at once."""
    complaint = complaint_make(riverside)
    leader = members[("riverside", Role.AGENCY_LEADER)]
    workflow.complaint_assign(complaint=complaint, actor=None, assignee=leader)
    workflow.complaint_named_members_set(complaint=complaint, actor=None, members=[leader])
    assert complaint.assignee is None


def test_a_lakeside_investigator_cannot_see_riversides_complaints(
    riverside, lakeside, members, client_for
):
    """Another partnership's complaints are in no queue and not found by id."""
    complaint = complaint_make(riverside)
    lake = client_for("lakeside", INVESTIGATOR)
    own_queue = lake.get(reverse("complaints:queue", args=["lakeside"]), {"status": ""})
    assert complaint.record_number not in own_queue.content.decode()
    assert (
        lake.get(reverse("complaints:detail", args=["lakeside", complaint.pk])).status_code == 404
    )
    assert lake.get(detail_url(complaint)).status_code == 404
    assert (
        lake.get(reverse("complaints:confidential", args=["lakeside", complaint.pk])).status_code
        == 404
    )


def test_every_view_of_the_protected_details_is_recorded(riverside, members, client_for):
    """Opening the narrative and contact details adds a 'viewed' event to the audit trail."""
    complaint = complaint_make(riverside, contact_email="private@example.org")
    client = client_for("riverside", INVESTIGATOR)
    summary = client.get(detail_url(complaint)).content.decode()
    assert "private@example.org" not in summary
    assert complaint.narrative not in summary
    page = client.get(reverse("complaints:confidential", args=["riverside", complaint.pk]))
    assert "private@example.org" in page.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.VIEW, object_id=str(complaint.pk))
    assert event.actor == members[("riverside", INVESTIGATOR)].user
    assert event.partnership == riverside


def test_leaders_without_the_permission_cannot_read_the_protected_details(
    riverside, members, client_for
):
    """A district leader handles the case but gets 403 on the narrative and contact details."""
    complaint = complaint_make(riverside)
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    assert leader.get(detail_url(complaint)).status_code == 200
    url = reverse("complaints:confidential", args=["riverside", complaint.pk])
    assert leader.get(url).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).exists()


def test_attachments_are_decrypted_for_download_and_the_download_is_recorded(
    riverside, lakeside, members, client_for
):
    """The investigator downloads the original bytes; a Lakeside member cannot."""
    complaint = complaint_make(riverside)
    attachment = attachment_store(
        partnership=riverside, name="photo.png", data=PNG, complaint=complaint
    )
    url = reverse("complaints:attachment_download", args=["riverside", complaint.pk, attachment.pk])
    response = client_for("riverside", INVESTIGATOR).get(url)
    assert response.status_code == 200
    assert response.content == PNG
    assert response["Content-Type"] == "image/png"
    assert "attachment;" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(action=AuditEvent.Action.VIEW).count() == 1
    assert client_for("riverside", Role.DISTRICT_LEADER).get(url).status_code == 403
    assert client_for("lakeside", INVESTIGATOR).get(url).status_code == 404
    other = complaint_make(lakeside)
    wrong = reverse("complaints:attachment_download", args=["lakeside", other.pk, attachment.pk])
    assert client_for("lakeside", INVESTIGATOR).get(wrong).status_code == 404


def test_messages_use_templates_in_the_complainants_language(
    riverside, members, client_for, django_capture_on_commit_callbacks
):
    """A Spanish template pre-fills the message; it reaches the status page and the inbox."""
    complaint = complaint_make(riverside, language="es", contact_email="familia@example.org")
    spanish = template_make(
        riverside,
        language="es",
        subject="Su queja {record_number}",
        body="Hola, revisamos {record_number}.",
    )
    template_make(riverside, name="Other", language="en")
    client = client_for("riverside", INVESTIGATOR)
    page = client.get(detail_url(complaint), {"template": spanish.pk}).content.decode()
    assert f"Hola, revisamos {complaint.record_number}." in page
    with django_capture_on_commit_callbacks(execute=True):
        act(
            client,
            complaint,
            "message",
            subject="Su queja",
            body=f"Hola, revisamos {complaint.record_number}.",
        )
    event = complaint.events.get(kind=ComplaintEvent.Kind.MESSAGE)
    assert event.public_text == f"Hola, revisamos {complaint.record_number}."
    assert mail.outbox[0].to == ["familia@example.org"]
    assert "Vea el estado de su queja" in mail.outbox[0].body


def test_response_templates_are_managed_per_language(riverside, client_for):
    """An investigator adds a template; the same name in the same language is refused."""
    client = client_for("riverside", INVESTIGATOR)
    data = {"name": "Closing", "language": "es", "subject": "Cierre", "body": "Cerramos su queja."}
    assert (
        client.post(reverse("complaints:template_create", args=["riverside"]), data).status_code
        == 302
    )
    again = client.post(reverse("complaints:template_create", args=["riverside"]), data)
    assert "already a template with this name" in again.content.decode()


def test_a_litigation_hold_needs_a_reason(riverside, members, client_for):
    """Putting a hold on is refused without a reason and recorded with one."""
    complaint = complaint_make(riverside)
    client = client_for("riverside", INVESTIGATOR)
    assert act(client, complaint, "hold", on="on", reason="").status_code == 400
    act(client, complaint, "hold", on="on", reason="Doe v. District")
    complaint.refresh_from_db()
    assert complaint.litigation_hold and complaint.hold_reason == "Doe v. District"


def test_the_audit_trail_never_holds_the_protected_values(riverside):
    """Creating a complaint records that fields were set, not what they say."""
    submitted = complaint_file(riverside, contact_email="hidden@example.org")
    event = AuditEvent.objects.get(
        action=AuditEvent.Action.CREATE,
        object_id=str(submitted.complaint.pk),
        content_type__model="complaint",
    )
    text = str(event.changes)
    assert "hidden@example.org" not in text
    assert submitted.complaint.narrative not in text
    assert event.changes["contact_email"] == ["[redacted]", "[redacted]"]
