"""Drafting pages: start from the library, edit into versions, diff, comment, approve, adopt, acknowledge."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.access import partnership_view
from secure.partnerships.roles import role_can
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import exports, selectors, services
from ..analyzer import analyze_text
from ..analyzer.readability import flesch_kincaid_grade
from ..analyzer.segment import split_sentences
from ..forms import CommentForm, DraftCreateForm, SharingForm, VersionForm
from ..models import MouComment, MouDraft, MouSharing, MouVersion
from ..requirements import REQUIREMENT_LABELS, STATUS_LABELS


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
        request.POST or None, initial={"district": partnership.name, "title": _("Our MOU")}
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


def _sections(version: MouVersion, comments: list[MouComment]) -> list[dict[str, Any]]:
    rows = []
    for index, section in enumerate(version.sections):
        sentences = split_sentences(section["body"])
        rows.append(
            {
                "index": index,
                "heading": section["heading"],
                "body": section["body"],
                "grade": flesch_kincaid_grade(sentences),
                "long": [s for s in sentences if len(s.split()) > 30],
                "comments": [c for c in comments if c.section == index],
            }
        )
    return rows


@partnership_view("mou.view")
def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    version = draft.latest_version()
    assert version is not None
    comments = list(MouComment.objects.filter(version__draft=draft).select_related("author"))
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
    context = {
        "draft": draft,
        "version": version,
        "versions": list(draft.versions.order_by("-number")),
        "sections": _sections(version, [c for c in comments if c.version_id == version.pk]),
        "older_comments": [c for c in comments if c.version_id != version.pk],
        "coverage": coverage,
        "conflicts": report.conflicts,
        "grade": report.flesch_kincaid_grade,
        "comment_form": CommentForm(headings=[s["heading"] for s in version.sections]),
        "can_draft": _can(request, "mou.draft"),
        "can_comment": _can(request, "mou.comment") and draft.status == MouDraft.Status.IN_REVIEW,
        "can_approve": _can(request, "mou.approve") and draft.status == MouDraft.Status.IN_REVIEW,
        "can_acknowledge": _can(request, "mou.acknowledge")
        and draft.is_frozen
        and not acknowledged,
        "acknowledged": acknowledged,
        "acknowledgments": list(version.acknowledgments.select_related("membership__user")),
        "not_acknowledged": selectors.mou_not_acknowledged(draft=draft) if draft.is_frozen else [],
    }
    return render(request, "agreements/draft_detail.html", context)


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
    form = VersionForm(request.POST or None, initial={"text": version.as_text()})
    if request.method == "POST" and form.is_valid():
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
    return render(request, "agreements/draft_edit.html", {"draft": draft, "form": form})


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
    "resolve": "mou.draft",
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
            messages.success(request, _("The draft is open for comments."))
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
        elif action == "resolve":
            comment = get_for_partnership_or_404(
                MouComment,
                partnership=draft.partnership,
                pk=request.POST.get("comment", ""),
                version__draft=draft,
            )
            services.mou_comment_resolve(comment=comment, answer=request.POST.get("answer", ""))
            messages.success(request, _("Comment answered and resolved."))
        elif action == "approve":
            services.mou_draft_approve(draft=draft, membership=membership)
            messages.success(request, _("Approval recorded."))
        elif action == "adopt":
            services.mou_draft_adopt(draft=draft, user=request.user)
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
