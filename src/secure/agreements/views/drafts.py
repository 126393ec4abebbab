"""Drafting pages: start from the library, edit into versions, diff, comment, approve, adopt, acknowledge."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import partnership_view
from secure.partnerships.roles import role_can
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import exports, selectors, services
from ..analyzer import analyze_text
from ..analyzer.plain import check_sections
from ..forms import CommentForm, DraftCreateForm, SharingForm, VersionForm
from ..models import MouComment, MouDraft, MouSharing, MouVersion
from ..requirements import REQUIREMENT_LABELS, STATUS_LABELS
from .workspace import live_check


def _can(request: HttpRequest, code: str) -> bool:
    return role_can(request.membership.role, code)  # type: ignore[attr-defined]


def _draft(request: HttpRequest, pk: int) -> MouDraft:
    return get_for_partnership_or_404(MouDraft, partnership=request.partnership, pk=pk)  # type: ignore[attr-defined]


@partnership_view("mou.view")
def draft_list(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    return render(
        request,
        "agreements/draft_list.html",
        {
            "drafts": selectors.mou_draft_list(partnership=partnership),
            "can_draft": _can(request, "mou.draft"),
        },
    )


@partnership_view("mou.draft")
@require_http_methods(["GET", "POST"])
def draft_create(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = DraftCreateForm(
        request.POST or None,
        partnership=partnership,
        initial={"district": partnership.name, "title": _("Our MOU")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {
            k: data[k]
            for k in ("district", "agency", "schools", "complaint_contact", "review_month")
        }
        try:
            draft = services.mou_draft_create(
                partnership=partnership,
                title=data["title"],
                clause_ids=data["clauses"],
                values=values,
                stronger=data["stronger"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft started from the clause library."))
            return redirect(
                "agreements:draft_detail", partnership_slug=partnership.slug, pk=draft.pk
            )
    return render(request, "agreements/draft_create.html", {"form": form})


def _sections(version: MouVersion, threads: list[selectors.Thread]) -> list[dict[str, Any]]:
    rows = []
    for check in check_sections(version.sections):
        section = version.sections[check.index]
        rows.append(
            {
                "index": check.index,
                "heading": section["heading"],
                "body": section["body"],
                "grade": check.grade,
                "long": check.long_sentences,
                "jargon": check.jargon,
                "threads": [t for t in threads if t.comment.section == check.index],
                "comments": [t.comment for t in threads if t.comment.section == check.index],
            }
        )
    return rows


@partnership_view("mou.view")
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    version = draft.latest_version()
    assert version is not None
    threads = selectors.mou_comment_threads(draft=draft)
    report = analyze_text(version.as_text().replace("## ", ""))
    coverage = [
        {
            "label": REQUIREMENT_LABELS[r.id],
            "status": r.status,
            "status_label": STATUS_LABELS[r.status],
        }
        for r in report.requirements
    ]
    membership = request.membership  # type: ignore[attr-defined]
    acknowledged = (
        draft.is_frozen and version.acknowledgments.filter(membership=membership).exists()
    )
    can_draft = _can(request, "mou.draft")
    may_comment = services.mou_may_comment(draft=draft, membership=membership)
    recipients = selectors.mou_distribution_status(draft=draft) if draft.is_frozen else []
    context = {
        "draft": draft,
        "version": version,
        "versions": list(draft.versions.order_by("-number")),
        "sections": _sections(version, [t for t in threads if t.comment.version_id == version.pk]),
        "older_threads": [t for t in threads if t.comment.version_id != version.pk],
        "older_comments": [t.comment for t in threads if t.comment.version_id != version.pk],
        "coverage": coverage,
        "conflicts": report.conflicts,
        "grade": report.flesch_kincaid_grade,
        "comment_form": CommentForm(headings=[s["heading"] for s in version.sections]),
        "can_draft": can_draft,
        "can_comment": may_comment and draft.status == MouDraft.Status.IN_REVIEW,
        "can_reply": may_comment and not draft.is_frozen,
        "invited_count": len(selectors.mou_commenters(draft=draft)) if can_draft else 0,
        "recipients": recipients,
        "ever_distributed": any(r.last_sent for r in recipients),
        "can_approve": _can(request, "mou.approve") and draft.status == MouDraft.Status.IN_REVIEW,
        "can_acknowledge": _can(request, "mou.acknowledge")
        and draft.is_frozen
        and not acknowledged,
        "acknowledged": acknowledged,
        "acknowledgments": list(version.acknowledgments.select_related("membership__user")),
        "not_acknowledged": selectors.mou_not_acknowledged(draft=draft) if draft.is_frozen else [],
    }
    return render(request, "agreements/draft_detail.html", context)


def _version_form(draft: MouDraft, data: Any, initial: dict[str, str]) -> VersionForm:
    """The edit form; the text box asks the server for the live check as the member types."""
    form = VersionForm(data, initial=initial)
    form.fields["text"].widget.attrs.update(
        {
            "hx-post": reverse(
                "agreements:draft_check",
                kwargs={"partnership_slug": draft.partnership.slug, "pk": draft.pk},
            ),
            "hx-trigger": "input changed delay:800ms",
            "hx-target": "#live-check",
            "hx-swap": "innerHTML",
            "hx-sync": "this:replace",
        }
    )
    return form


@partnership_view("mou.draft")
@require_http_methods(["GET", "POST"])
def draft_edit(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    if draft.is_frozen:
        messages.error(request, str(services.drafting.FROZEN))
        return redirect(
            "agreements:draft_detail", partnership_slug=draft.partnership.slug, pk=draft.pk
        )
    version = draft.latest_version()
    assert version is not None
    form = _version_form(draft, request.POST or None, {"text": version.as_text()})
    text = request.POST.get("text", "") if request.method == "POST" else version.as_text()
    # "Check without saving" (name="check") shows the check without JavaScript, keeping the text.
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        try:
            services.mou_version_save(
                draft=draft,
                text=form.cleaned_data["text"],
                note=form.cleaned_data["note"],
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("New version saved."))
            return redirect(
                "agreements:draft_detail", partnership_slug=draft.partnership.slug, pk=draft.pk
            )
    return render(
        request,
        "agreements/draft_edit.html",
        {"draft": draft, "form": form, **live_check(text)},
    )


@partnership_view("mou.view")
def draft_diff(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    versions = {v.number: v for v in draft.versions.all()}
    latest = max(versions)

    def pick(name: str, default: int) -> MouVersion:
        try:
            return versions[int(request.GET.get(name, default))]
        except (KeyError, ValueError):
            return versions[default]

    new = pick("new", latest)
    old = pick("old", max(1, new.number - 1))
    return render(
        request,
        "agreements/draft_diff.html",
        {
            "draft": draft,
            "old": old,
            "new": new,
            "versions": sorted(versions.values(), key=lambda v: v.number),
            "lines": selectors.mou_version_diff(old=old, new=new),
        },
    )


_ACTIONS = {
    "open": "mou.draft",
    "comment": "mou.comment",
    "reply": "mou.comment",
    "reopen": "mou.comment",
    "resolve": "mou.draft",
    "distribute": "mou.draft",
    "resend": "mou.draft",
    "approve": "mou.approve",
    "adopt": "mou.draft",
    "acknowledge": "mou.acknowledge",
}


@partnership_view("mou.view")
@require_POST
def draft_action(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    action = request.POST.get("action", "")
    if action not in _ACTIONS or not _can(request, _ACTIONS[action]):
        raise PermissionDenied
    membership = request.membership  # type: ignore[attr-defined]
    try:
        if action == "open":
            services.mou_draft_open_for_comments(draft=draft)
            invited = [c.membership for c in selectors.mou_commenters(draft=draft)]
            emailed = services.mou_invitations_email(draft=draft, memberships=invited)
            messages.success(
                request,
                ngettext(
                    "The draft is open for comments; %(count)d invited member was e-mailed.",
                    "The draft is open for comments; %(count)d invited members were e-mailed.",
                    emailed,
                )
                % {"count": emailed},
            )
        elif action == "comment":
            version = draft.latest_version()
            assert version is not None
            form = CommentForm(request.POST, headings=[s["heading"] for s in version.sections])
            if not form.is_valid():
                raise ValidationError(_("Choose a section and write a comment."))
            services.mou_comment_add(
                version=version,
                section=form.cleaned_data["section"],
                membership=membership,
                body=form.cleaned_data["body"],
            )
            messages.success(request, _("Comment added."))
        elif action in ("resolve", "reply", "reopen"):
            comment = get_for_partnership_or_404(
                MouComment,
                partnership=draft.partnership,
                pk=request.POST.get("comment", "") or 0,
                version__draft=draft,
            )
            if action == "resolve":
                services.mou_comment_resolve(comment=comment, answer=request.POST.get("answer", ""))
                messages.success(request, _("Comment resolved."))
            elif action == "reply":
                services.mou_comment_reply(
                    comment=comment, membership=membership, body=request.POST.get("body", "")
                )
                messages.success(request, _("Reply added."))
            else:
                services.mou_comment_reopen(comment=comment, membership=membership)
                messages.success(request, _("Comment reopened."))
        elif action in ("distribute", "resend"):
            sent = services.mou_distribute(
                draft=draft, user=request.user, resend=action == "resend"
            )
            messages.success(
                request,
                ngettext(
                    "The MOU was e-mailed to %(count)d person.",
                    "The MOU was e-mailed to %(count)d people.",
                    len(sent),
                )
                % {"count": len(sent)},
            )
        elif action == "approve":
            services.mou_draft_approve(draft=draft, membership=membership)
            messages.success(request, _("Approval recorded."))
        elif action == "adopt":
            services.mou_draft_adopt(draft=draft, user=request.user, membership=membership)
            messages.success(
                request, _("MOU adopted; its text is frozen and it is now the MOU in force.")
            )
        else:
            services.mou_acknowledge(draft=draft, membership=membership)
            messages.success(request, _("Thank you: your acknowledgment is recorded."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("agreements:draft_detail", partnership_slug=draft.partnership.slug, pk=draft.pk)


@partnership_view("mou.view")
def draft_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The latest version (the adopted text once adopted) as .docx or .pdf."""
    draft = _draft(request, pk)
    version = draft.latest_version()
    assert version is not None
    if fmt == "docx":
        body = exports.version_to_docx(version)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    elif fmt == "pdf":
        body = exports.version_to_pdf(version)
        content_type = "application/pdf"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    filename = exports.export_filename(version, fmt)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@partnership_view("mou.view")
@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    """Who the MOU was shared with: other communities, state officials, local lawmakers."""
    partnership = request.partnership  # type: ignore[attr-defined]
    can_record = _can(request, "mou.draft")
    form = SharingForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            services.mou_sharing_record(
                partnership=partnership, user=request.user, **form.cleaned_data
            )
            messages.success(request, _("Sharing recorded."))
            return redirect("agreements:sharing", partnership_slug=partnership.slug)
    return render(
        request,
        "agreements/sharing.html",
        {
            "records": MouSharing.objects.for_partnership(partnership),
            "form": form,
            "can_record": can_record,
        },
    )
