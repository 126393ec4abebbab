"""One item of an assessment: its page (progress, evidence, comments), the leaders' edit form,
and the permission-checked download of an uploaded file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import rules, selectors, services
from ..forms import (
    CommentForm,
    EvidenceFileForm,
    EvidenceLinkForm,
    ItemProgressForm,
    ItemUpdateForm,
)
from ..models import AssessmentItem, ItemEvidence
from ..services.uploads import content_type_for
from .common import assessment_or_404, base_context, membership_of, partnership_of


def _item_or_404(request: HttpRequest, pk: int, item_id: str) -> AssessmentItem:
    assessment = assessment_or_404(request, pk)
    item = get_for_partnership_or_404(
        AssessmentItem, partnership=partnership_of(request), assessment=assessment, item_id=item_id
    )
    item.assessment = assessment
    return item


def _progress_initial(item: AssessmentItem) -> dict[str, Any]:
    return {"status": item.status, "na_reason": item.na_reason, "notes": item.notes}


def _check_allowed(request: HttpRequest, item: AssessmentItem, action: str) -> None:
    """Each action has its own rule; anything else is refused."""
    member = membership_of(request)
    if action == "comment":
        settings = services.rubric_settings_for(partnership=partnership_of(request))
        allowed = rules.may_comment(
            member, stakeholders_may_comment=settings.stakeholders_may_comment
        )
    elif action == "remove":
        allowed = rules.may_work_on(member, None) or rules.may_own(member)
    elif action in {"progress", "confirm", "link", "file"}:
        allowed = rules.may_work_on(member, item.owner_id)
    else:
        allowed = False
    if not allowed:
        raise PermissionDenied


def _bound_form(request: HttpRequest, action: str) -> Form | None:
    if action == "progress":
        return ItemProgressForm(request.POST)
    if action == "link":
        return EvidenceLinkForm(request.POST)
    if action == "file":
        return EvidenceFileForm(request.POST, request.FILES)
    if action == "comment":
        return CommentForm(request.POST)
    return None


Data = dict[str, Any]


def _do_progress(request: HttpRequest, item: AssessmentItem, data: Data) -> None:
    services.assessment_item_progress(item=item, by=membership_of(request), **data)


def _do_confirm(request: HttpRequest, item: AssessmentItem, data: Data) -> None:
    services.assessment_item_confirm_evidence(
        item=item,
        by=membership_of(request),
        source=request.POST.get("source", ""),
        suggested_status=request.POST.get("suggested_status", ""),
    )


def _do_link(request: HttpRequest, item: AssessmentItem, data: Data) -> None:
    services.item_evidence_add_link(
        item=item, by=membership_of(request), title=data["link_title"], url=data["url"]
    )


def _do_file(request: HttpRequest, item: AssessmentItem, data: Data) -> None:
    services.item_evidence_add_file(
        item=item, by=membership_of(request), title=data["file_title"], upload=data["upload"]
    )


def _do_remove(request: HttpRequest, item: AssessmentItem, data: Data) -> None:
    evidence = get_for_partnership_or_404(
        ItemEvidence,
        partnership=partnership_of(request),
        item=item,
        pk=request.POST.get("evidence"),
    )
    services.item_evidence_remove(evidence=evidence, by=membership_of(request))


def _do_comment(request: HttpRequest, item: AssessmentItem, data: Data) -> None:
    services.item_comment_add(item=item, by=membership_of(request), body=data["body"])


_ACTIONS: dict[str, Callable[[HttpRequest, AssessmentItem, Data], None]] = {
    "progress": _do_progress,
    "confirm": _do_confirm,
    "link": _do_link,
    "file": _do_file,
    "remove": _do_remove,
    "comment": _do_comment,
}


def _handle_post(request: HttpRequest, item: AssessmentItem, forms: dict[str, Form]) -> bool:
    """Carry out the posted action; True when the page should reload (done, or reported)."""
    action = request.POST.get("action", "")
    _check_allowed(request, item, action)
    form = _bound_form(request, action)
    if form is not None:
        forms[action] = form
        if not form.is_valid():
            return False
    try:
        _ACTIONS[action](request, item, form.cleaned_data if form is not None else {})
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
            return True
        form.add_error(None, error)
        return False
    messages.success(request, _("Saved."))
    return True


@partnership_view("rubric.view")
@require_http_methods(["GET", "POST"])
def item_detail(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    """Everything about one item; its owner and leaders report progress and add evidence here."""
    item = _item_or_404(request, pk, item_id)
    member = membership_of(request)
    forms: dict[str, Form] = {
        "progress": ItemProgressForm(initial=_progress_initial(item)),
        "link": EvidenceLinkForm(),
        "file": EvidenceFileForm(),
        "comment": CommentForm(),
    }
    if request.method == "POST" and _handle_post(request, item, forms):
        return redirect(request.path)
    settings = services.rubric_settings_for(partnership=partnership_of(request))
    entry = selectors.item_row(row=item)
    return render(
        request,
        "rubric/item_detail.html",
        base_context(
            request,
            assessment=item.assessment,
            entry=entry,
            forms=forms,
            editable=item.assessment.is_open,
            can_work=rules.may_work_on(member, item.owner_id),
            can_comment=rules.may_comment(
                member, stakeholders_may_comment=settings.stakeholders_may_comment
            ),
            comments=item.comments.select_related("author__user"),
        ),
    )


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def item_update(request: HttpRequest, pk: int, item_id: str) -> HttpResponse:
    """A leader sets an item's status, owner, due date and notes."""
    item = _item_or_404(request, pk, item_id)
    initial = {**_progress_initial(item), "owner": item.owner, "due_date": item.due_date}
    form = ItemUpdateForm(
        request.POST or None, initial=initial, partnership=partnership_of(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_item_update(item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(
                "rubric:item_detail",
                partnership_slug=partnership_of(request).slug,
                pk=pk,
                item_id=item_id,
            )
    entry = selectors.item_row(row=item)
    return render(
        request,
        "rubric/item_form.html",
        base_context(request, assessment=item.assessment, entry=entry, form=form),
    )


@partnership_view("rubric.files")
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    """Download an uploaded evidence file: members only, never a public address."""
    assessment = assessment_or_404(request, pk)
    evidence = get_for_partnership_or_404(
        ItemEvidence,
        partnership=partnership_of(request),
        item__assessment=assessment,
        pk=evidence_id,
        kind=ItemEvidence.Kind.FILE,
    )
    return file_response(evidence.file, evidence.original_name)


def file_response(stored: Any, name: str) -> HttpResponse:
    """A stored file as an attachment, with the type its name allows and no sniffing.

    (A streaming response; typed as ``HttpResponse`` because the partnership gate is.)
    """
    response = FileResponse(
        stored.open("rb"), as_attachment=True, filename=name, content_type=content_type_for(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return cast(HttpResponse, response)
