"""The public side: no account needed. Works without JavaScript; every step keeps its input."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secure.partnerships.models import Partnership

from .. import abuse, uploads
from ..draft import Draft
from ..forms.intake import REVIEW, STEP_SLUGS, STEPS, DetailsForm, IntakeForm, ReviewForm, step_for
from ..forms.public import AddInformationForm, StatusLookupForm
from ..models import Complaint, ComplaintAttachment
from ..selectors import complaint_for_status_code, complaint_public_events
from ..services.codes import normalise
from ..services.intake import (
    attachment_discard,
    attachment_store,
    complaint_add_information,
    complaint_submit,
)
from .summary import step_summary

FILED_KEY = "complaints:filed"
ACCESS_KEY = "complaints:access"


def _partnership(slug: str) -> Partnership:
    return get_object_or_404(Partnership, slug=slug)


def _too_many(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    return render(
        request, "complaints/public/too_many.html", {"partnership": partnership}, status=429
    )


def _status_url(request: HttpRequest, partnership: Partnership) -> str:
    return request.build_absolute_uri(reverse("complaints:status_lookup", args=[partnership.slug]))


def _pending_uploads(partnership: Partnership, draft: Draft) -> list[ComplaintAttachment]:
    if not draft.has_upload_key():
        return []
    return list(
        ComplaintAttachment.objects.for_partnership(partnership).filter(
            draft_key=draft.upload_key, complaint__isnull=True
        )
    )


def start(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """What the form is for, what it asks, what happens next, and how anonymity works."""
    partnership = _partnership(partnership_slug)
    draft = Draft(request, partnership_slug)
    return render(
        request,
        "complaints/public/start.html",
        {"partnership": partnership, "steps": STEPS, "has_draft": not draft.is_empty},
    )


def _form(step_slug: str, partnership: Partnership, data: Any = None) -> IntakeForm:
    step = step_for(step_slug)
    assert step is not None
    return step.form_class(data, partnership=partnership)


def _step_context(partnership: Partnership, slug: str) -> dict[str, Any]:
    index = STEP_SLUGS.index(slug)
    return {
        "partnership": partnership,
        "step": STEPS[index],
        "steps": STEPS,
        "number": index + 1,
        "total": len(STEPS) + 1,
        "previous": STEP_SLUGS[index - 1] if index else "",
    }


def _store_uploads(
    request: HttpRequest, partnership: Partnership, draft: Draft, form: IntakeForm
) -> None:
    """Remove uploads the person unticked, then check and keep the new ones."""
    pending = {str(a.pk): a for a in _pending_uploads(partnership, draft)}
    for pk in request.POST.getlist("remove"):
        if pk in pending:
            attachment_discard(attachment=pending.pop(pk))
    count = len(pending)
    for upload in request.FILES.getlist("attachments"):
        if (upload.size or 0) > uploads.max_bytes():  # refuse without reading it into memory
            limit = uploads.max_bytes() // (1024 * 1024)
            form.add_error("attachments", uploads.TOO_BIG % {"name": upload.name, "limit": limit})
            continue
        data = upload.read()
        try:
            attachment_store(
                partnership=partnership,
                name=upload.name or "",
                data=data,
                draft_key=draft.upload_key,
                existing=count,
            )
            count += 1
        except ValidationError as error:
            form.add_error("attachments", error)


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, partnership_slug: str, step_slug: str) -> HttpResponse:
    """One step of the form. Whatever is sent is kept, even when it needs correcting."""
    partnership = _partnership(partnership_slug)
    if step_slug == REVIEW:
        return review(request, partnership)
    if step_for(step_slug) is None:
        return redirect("complaints:step", partnership_slug, STEP_SLUGS[0])
    draft = Draft(request, partnership_slug)
    context = _step_context(partnership, step_slug)
    if request.method == "POST":
        who = abuse.requester(request)
        if abuse.rate_limited(name="step", who=who):
            return _too_many(request, partnership)
        abuse.rate_count(name="step", who=who)
        draft.step_save(step_slug, request.POST)
        form = _form(step_slug, partnership, request.POST)
        valid = form.is_valid()
        if isinstance(form, DetailsForm):
            _store_uploads(request, partnership, draft, form)
            valid = valid and not form.errors
        if request.POST.get("go") == "back" and context["previous"]:
            return redirect("complaints:step", partnership_slug, context["previous"])
        if valid:
            index = STEP_SLUGS.index(step_slug)
            following = STEP_SLUGS[index + 1] if index + 1 < len(STEP_SLUGS) else REVIEW
            return redirect("complaints:step", partnership_slug, following)
    else:
        saved = draft.step_data(step_slug)
        form = _form(step_slug, partnership, saved)
    context.update(
        {
            "form": form,
            "uploads": _pending_uploads(partnership, draft) if step_slug == "details" else [],
        }
    )
    return render(request, "complaints/public/step.html", context)


def _validated_steps(
    partnership: Partnership, draft: Draft
) -> tuple[dict[str, IntakeForm], str | None]:
    """Every step's form bound to the draft, and the first step that still needs answers."""
    forms: dict[str, IntakeForm] = {}
    first_invalid = None
    for item in STEPS:
        data = draft.step_data(item.slug)
        form = item.form_class(data or {}, partnership=partnership)
        forms[item.slug] = form
        if not form.is_valid() and first_invalid is None:
            first_invalid = item.slug
    return forms, first_invalid


def review(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Check everything, then file. A refused or failed submission keeps the whole draft."""
    draft = Draft(request, partnership.slug)
    forms, first_invalid = _validated_steps(partnership, draft)
    if first_invalid is not None:
        if not draft.is_empty:
            messages.warning(request, _("Some answers are still needed on this page."))
        return redirect("complaints:step", partnership.slug, first_invalid)
    status = 200
    review_form = ReviewForm(initial={"challenge": abuse.challenge_issue()})
    if request.method == "POST":
        response = _submit(request, partnership, draft, forms)
        if response is not None:
            return response
        status = 400
        review_form = ReviewForm(initial={"challenge": abuse.challenge_issue()})
    return render(
        request,
        "complaints/public/review.html",
        {
            "partnership": partnership,
            "steps": STEPS,
            "number": len(STEPS) + 1,
            "total": len(STEPS) + 1,
            "summary": [(s, step_summary(forms[s.slug])) for s in STEPS],
            "uploads": _pending_uploads(partnership, draft),
            "review_form": review_form,
            "pow_bits": abuse.pow_bits(),
        },
        status=status,
    )


def _submit(
    request: HttpRequest, partnership: Partnership, draft: Draft, forms: dict[str, IntakeForm]
) -> HttpResponse | None:
    """File the draft; None means it was refused and the review page shows why."""
    who = abuse.requester(request)
    if abuse.rate_limited(name="submit", who=who):
        return _too_many(request, partnership)
    posted = ReviewForm(request.POST)
    if abuse.honeypot_filled(request.POST) or not posted.is_valid():
        messages.error(
            request, _("We could not accept the form. Please press “Send my complaint” again.")
        )
        return None
    if not abuse.challenge_passes(
        challenge=posted.cleaned_data["challenge"], solution=posted.cleaned_data["solution"]
    ):
        messages.error(
            request,
            _("Please take a moment to check your answers, then press “Send my complaint” again."),
        )
        return None
    details = forms["details"]
    assert isinstance(details, DetailsForm)
    contact = forms["contact"].cleaned_data
    concern = forms["concern"].cleaned_data
    about = forms["about-you"]
    language = translation.get_language() or "en"
    try:
        submitted = complaint_submit(
            partnership=partnership,
            language=language.split("-")[0],
            concerns=concern["concerns"],
            bases=concern["bases"],
            involved=concern["involved"],
            relationship=concern["relationship"],
            school=details.school_object(),
            happened_on=details.cleaned_data["happened_on"],
            narrative=details.cleaned_data["narrative"],
            people_named=details.cleaned_data["people_named"],
            location_detail=details.cleaned_data["location_detail"],
            contact_name=contact["contact_name"],
            contact_email=contact["contact_email"],
            contact_phone=contact["contact_phone"],
            demographics=about.demographics(),  # type: ignore[attr-defined]
            draft_key=draft.upload_key if draft.has_upload_key() else "",
            status_url=_status_url(request, partnership),
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None
    except DatabaseError:
        messages.error(
            request,
            _(
                "Something went wrong on our side and your complaint was not filed yet. Your "
                "answers are kept: please press “Send my complaint” again in a few minutes."
            ),
        )
        return None
    abuse.rate_count(name="submit", who=who)
    draft.clear()
    request.session[FILED_KEY] = {
        "slug": partnership.slug,
        "record_number": submitted.complaint.record_number,
        "status_code": submitted.status_code,
        "email": bool(submitted.complaint.contact_email),
    }
    request.session[ACCESS_KEY] = {"slug": partnership.slug, "pk": submitted.complaint.pk}
    return redirect("complaints:confirmation", partnership.slug)


def confirmation(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The record number and private status code, once the complaint is filed."""
    partnership = _partnership(partnership_slug)
    filed = request.session.get(FILED_KEY)
    if not filed or filed.get("slug") != partnership_slug:
        return redirect("complaints:start", partnership_slug)
    return render(
        request,
        "complaints/public/confirmation.html",
        {"partnership": partnership, "filed": filed},
    )


@require_http_methods(["GET", "POST"])
def status_lookup(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """Find a complaint by its record number and private code."""
    partnership = _partnership(partnership_slug)
    form = StatusLookupForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        who = abuse.requester(request)
        record = normalise(form.cleaned_data["record_number"])  # one counter however it is typed
        if abuse.rate_limited(name="lookup", who=who) or abuse.rate_limited(
            name="lookup_record", who=record
        ):
            return _too_many(request, partnership)
        complaint = complaint_for_status_code(
            partnership=partnership,
            record_number=form.cleaned_data["record_number"],
            status_code=form.cleaned_data["status_code"],
        )
        if complaint is not None:
            request.session.cycle_key()
            request.session[ACCESS_KEY] = {"slug": partnership_slug, "pk": complaint.pk}
            return redirect("complaints:status_detail", partnership_slug)
        abuse.rate_count(name="lookup", who=who)
        abuse.rate_count(name="lookup_record", who=record)
        form.add_error(
            None,
            _(
                "We could not find a complaint with this record number and code. Please check "
                "both and try again."
            ),
        )
        status = 400
    return render(
        request,
        "complaints/public/status_lookup.html",
        {"partnership": partnership, "form": form},
        status=status,
    )


def _granted(request: HttpRequest, partnership: Partnership) -> Complaint | None:
    access = request.session.get(ACCESS_KEY)
    if not access or access.get("slug") != partnership.slug:
        return None
    return Complaint.objects.for_partnership(partnership).filter(pk=access.get("pk")).first()


def status_detail(
    request: HttpRequest, partnership_slug: str, add_form: AddInformationForm | None = None
) -> HttpResponse:
    """Where the complaint stands, what the partnership has shared, and a way to add more."""
    partnership = _partnership(partnership_slug)
    complaint = _granted(request, partnership)
    if complaint is None:
        return redirect("complaints:status_lookup", partnership_slug)
    return render(
        request,
        "complaints/public/status_detail.html",
        {
            "partnership": partnership,
            "complaint": complaint,
            "events": complaint_public_events(complaint=complaint),
            "add_form": add_form or AddInformationForm(),
        },
        status=400 if add_form is not None else 200,
    )


@require_POST
def status_add(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The complainant adds information; what they typed stays if anything is wrong."""
    partnership = _partnership(partnership_slug)
    complaint = _granted(request, partnership)
    if complaint is None:
        return redirect("complaints:status_lookup", partnership_slug)
    who = abuse.requester(request)
    if abuse.rate_limited(name="add", who=who):
        return _too_many(request, partnership)
    form = AddInformationForm(request.POST)  # files are checked by content in the service
    if form.is_valid():
        files = [(f.name or "", f.read()) for f in request.FILES.getlist("attachments")]
        try:
            complaint_add_information(
                complaint=complaint, text=form.cleaned_data["text"], files=files
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            abuse.rate_count(name="add", who=who)
            messages.success(request, _("Thank you. What you added is now part of your complaint."))
            return redirect("complaints:status_detail", partnership_slug)
    return status_detail(request, partnership_slug, add_form=form)


def printable(request: HttpRequest, partnership_slug: str) -> HttpResponse:
    """The whole form on paper, from the same definition as the web form."""
    partnership = _partnership(partnership_slug)
    forms = [(s, s.form_class(partnership=partnership)) for s in STEPS]
    return render(
        request, "complaints/public/printable.html", {"partnership": partnership, "forms": forms}
    )
