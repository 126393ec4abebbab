"""The staff side: the queue, a case and its actions, the protected details, settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import member_can, partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import uploads
from ..crypto import decrypt_bytes
from ..forms.staff import (
    AcknowledgeForm,
    AssignForm,
    HoldForm,
    IncidentLinkForm,
    IncidentUnlinkForm,
    MessageForm,
    NamedMembersForm,
    NoteForm,
    QueueFilterForm,
    ReasonForm,
    ResolveForm,
    TemplatePickForm,
)
from ..models import Complaint, ComplaintAttachment
from ..selectors import (
    complaint_events,
    complaint_get_for_member,
    complaint_overdue_count,
    complaint_queue,
)
from ..services import workflow


def _status_url(request: HttpRequest, complaint: Complaint) -> str:
    return request.build_absolute_uri(
        reverse("complaints:status_lookup", args=[complaint.partnership.slug])
    )


@partnership_view("complaint.view")
def queue(request: HttpRequest) -> HttpResponse:
    """Complaints this member may see, filtered, with deadline warnings."""
    membership = request.membership  # type: ignore[attr-defined]
    data = request.GET.copy()
    data.setdefault("status", "open")  # the open cases unless another status is asked for
    form = QueueFilterForm(data, partnership=request.partnership)  # type: ignore[attr-defined]
    complaints = complaint_queue(membership=membership, filters=form.filters())
    page = Paginator(complaints, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "complaints/staff/queue.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "overdue_count": complaint_overdue_count(membership=membership),
        },
    )


@dataclass(frozen=True)
class Action:
    """A case action: its form, and the service call made with the form's cleaned data."""

    label: str | Any
    form: Callable[..., forms.Form]
    run: Callable[[HttpRequest, Complaint, dict[str, Any]], object]
    done: str | Any


def _actor(request: HttpRequest) -> Any:
    return request.membership  # type: ignore[attr-defined]


ACTIONS: dict[str, Action] = {
    "acknowledge": Action(
        gettext_lazy("Acknowledge"),
        lambda data, c, r: AcknowledgeForm(data, prefix="acknowledge"),
        lambda r, c, d: workflow.complaint_acknowledge(
            complaint=c, actor=_actor(r), reason=d["reason"]
        ),
        gettext_lazy("Acknowledged: the complaint is under review."),
    ),
    "resolve": Action(
        gettext_lazy("Resolve"),
        lambda data, c, r: ResolveForm(data, prefix="resolve"),
        lambda r, c, d: workflow.complaint_resolve(
            complaint=c,
            actor=_actor(r),
            outcome=d["outcome"],
            outcome_shared=d["outcome_shared"],
            reason=d["reason"],
            status_url=_status_url(r, c),
        ),
        gettext_lazy("Resolved. The outcome is on the complainant's status page."),
    ),
    "close": Action(
        gettext_lazy("Close"),
        lambda data, c, r: ReasonForm(data, prefix="close"),
        lambda r, c, d: workflow.complaint_close(complaint=c, actor=_actor(r), reason=d["reason"]),
        gettext_lazy("Closed."),
    ),
    "reopen": Action(
        gettext_lazy("Reopen"),
        lambda data, c, r: ReasonForm(data, prefix="reopen"),
        lambda r, c, d: workflow.complaint_reopen(complaint=c, actor=_actor(r), reason=d["reason"]),
        gettext_lazy("Reopened: the complaint is under review again."),
    ),
    "assign": Action(
        gettext_lazy("Assign"),
        lambda data, c, r: AssignForm(
            data, prefix="assign", complaint=c, initial={"assignee": c.assignee_id}
        ),
        lambda r, c, d: workflow.complaint_assign(
            complaint=c, actor=_actor(r), assignee=d["assignee"]
        ),
        gettext_lazy("Assignment saved."),
    ),
    "note": Action(
        gettext_lazy("Add note"),
        lambda data, c, r: NoteForm(data, prefix="note"),
        lambda r, c, d: workflow.complaint_note_add(complaint=c, actor=_actor(r), text=d["text"]),
        gettext_lazy("Note added."),
    ),
    "message": Action(
        gettext_lazy("Send"),
        lambda data, c, r: MessageForm(data, prefix="message", initial=_template_initial(r, c)),
        lambda r, c, d: workflow.complaint_message_send(
            complaint=c,
            actor=_actor(r),
            subject=d["subject"],
            body=d["body"],
            status_url=_status_url(r, c),
        ),
        gettext_lazy("Message sent."),
    ),
    "named": Action(
        gettext_lazy("Save"),
        lambda data, c, r: NamedMembersForm(
            data,
            prefix="named",
            complaint=c,
            acting=_actor(r),
            initial={"members": list(c.named_members.all())},
        ),
        lambda r, c, d: workflow.complaint_named_members_set(
            complaint=c, actor=_actor(r), members=list(d["members"])
        ),
        gettext_lazy("Saved. Members named in the complaint can no longer see it."),
    ),
    "link_incident": Action(
        pgettext_lazy("complaint case action", "Link"),
        lambda data, c, r: IncidentLinkForm(data, prefix="link_incident"),
        lambda r, c, d: workflow.complaint_incident_link(
            complaint=c, actor=_actor(r), number=d["number"], note=d["note"]
        ),
        gettext_lazy("Incident linked."),
    ),
    "unlink_incident": Action(
        pgettext_lazy("complaint case action", "Unlink"),
        lambda data, c, r: IncidentUnlinkForm(data, prefix="unlink_incident", complaint=c),
        lambda r, c, d: workflow.complaint_incident_unlink(
            complaint=c, actor=_actor(r), incident=d["incident"]
        ),
        gettext_lazy("Link removed."),
    ),
    "hold": Action(
        gettext_lazy("Save"),
        lambda data, c, r: HoldForm(data, prefix="hold", initial={"on": c.litigation_hold}),
        lambda r, c, d: workflow.complaint_hold_set(
            complaint=c, actor=_actor(r), on=d["on"], reason=d["reason"]
        ),
        gettext_lazy("Litigation hold saved."),
    ),
}


def _template_initial(request: HttpRequest, complaint: Complaint) -> dict[str, str]:
    """Pre-fill a message from the template chosen with ?template= (works without JavaScript)."""
    pick = TemplatePickForm(request.GET or None, complaint=complaint)
    if pick.is_bound and pick.is_valid() and pick.cleaned_data["template"] is not None:
        template = pick.cleaned_data["template"]
        return {
            "subject": template.subject.replace("{record_number}", complaint.record_number),
            "body": template.body.replace("{record_number}", complaint.record_number),
        }
    return {}


def _allowed_actions(complaint: Complaint) -> set[str]:
    S = Complaint.Status
    by_status = {
        S.RECEIVED: {"acknowledge", "close"},
        S.UNDER_REVIEW: {"resolve", "close"},
        S.RESOLVED: {"close", "reopen"},
        S.CLOSED: {"reopen"},
    }
    always = {"assign", "note", "message", "named", "link_incident", "hold"}
    if complaint.linked_incidents.exists():
        always = always | {"unlink_incident"}
    return by_status[Complaint.Status(complaint.status)] | always


@partnership_view("complaint.view")
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A case: summary, deadlines, history, and the actions the member's role allows."""
    membership = request.membership  # type: ignore[attr-defined]
    complaint = complaint_get_for_member(membership=membership, pk=pk)
    can_manage = member_can(request, "complaint.manage")
    bound: dict[str, forms.Form] = {}
    open_action = ""
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        name = request.POST.get("action", "")
        if name not in ACTIONS or name not in _allowed_actions(complaint):
            messages.error(request, _("That action is not available for this complaint now."))
            return redirect("complaints:detail", request.partnership.slug, complaint.pk)  # type: ignore[attr-defined]
        action = ACTIONS[name]
        form = action.form(request.POST, complaint, request)
        if form.is_valid():
            try:
                action.run(request, complaint, form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, str(action.done))
                if not _still_visible(request, complaint):
                    return redirect("complaints:queue", request.partnership.slug)  # type: ignore[attr-defined]
                return redirect("complaints:detail", request.partnership.slug, complaint.pk)  # type: ignore[attr-defined]
        bound[name] = form
        open_action = name
    action_forms = {}
    if can_manage:
        allowed = _allowed_actions(complaint)
        for name in [n for n in ACTIONS if n in allowed]:  # transitions first, as listed
            action_forms[name] = bound.get(name) or ACTIONS[name].form(None, complaint, request)
    return render(
        request,
        "complaints/staff/detail.html",
        {
            "complaint": complaint,
            "events": complaint_events(complaint=complaint),
            "action_forms": action_forms,
            "labels": {name: ACTIONS[name].label for name in ACTIONS},
            "open_action": open_action or ("message" if "template" in request.GET else ""),
            "template_pick": TemplatePickForm(request.GET or None, complaint=complaint),
            "can_manage": can_manage,
            "can_see_details": member_can(request, "complaint.contact_view"),
            "attachment_count": complaint.attachments.count(),
            "linked_incidents": complaint.linked_incidents.select_related("school").order_by(
                "occurred_on"
            ),
            "can_open_incidents": member_can(request, "incident.view"),
        },
        status=400 if bound else 200,
    )


def _still_visible(request: HttpRequest, complaint: Complaint) -> bool:
    return not complaint.named_members.filter(pk=request.membership.pk).exists()  # type: ignore[attr-defined]


@partnership_view("complaint.contact_view")
def confidential(request: HttpRequest, pk: int) -> HttpResponse:
    """The narrative, the names, the contact details and the attachments: each view is recorded."""
    membership = request.membership  # type: ignore[attr-defined]
    complaint = complaint_get_for_member(membership=membership, pk=pk)
    workflow.complaint_sensitive_view_record(
        complaint=complaint, what="narrative, contact details, additions"
    )
    additions = complaint.events.filter(kind="addition").order_by("occurred_at")
    return render(
        request,
        "complaints/staff/confidential.html",
        {
            "complaint": complaint,
            "additions": additions,
            "attachments": complaint.attachments.all(),
        },
    )


@partnership_view("complaint.contact_view")
def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    """One attachment, decrypted, as a download (recorded in the audit trail)."""
    membership = request.membership  # type: ignore[attr-defined]
    complaint = complaint_get_for_member(membership=membership, pk=pk)
    attachment = get_for_partnership_or_404(
        ComplaintAttachment,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=attachment_pk,
        complaint=complaint,
    )
    with default_storage.open(attachment.storage_name, "rb") as handle:
        data = decrypt_bytes(handle.read())
    workflow.complaint_sensitive_view_record(
        complaint=complaint, what=f"attachment {attachment.pk}"
    )
    response = HttpResponse(data, content_type=attachment.content_type)
    extension = uploads.EXTENSIONS.get(attachment.content_type, "bin")
    response["Content-Disposition"] = (
        f'attachment; filename="{complaint.record_number}-{attachment.pk}.{extension}"'
    )
    response["Cache-Control"] = "no-store"
    return response
