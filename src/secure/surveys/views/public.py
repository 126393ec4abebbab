"""Answering: no account, no JavaScript, one page at a time, in the respondent's language."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods

from ..forms import CodeForm, DemographicsForm, SectionForm
from ..guessing import code_failure_count, code_guessing_blocked
from ..models import CampaignLink, Language, Response
from ..services.responding import (
    CODE_UNKNOWN,
    response_complete,
    response_open_with_code,
    response_save_demographics,
    response_save_page,
    response_sections,
    response_start_from_link,
    shown_questions,
)

DEMOGRAPHICS = "about-you"


def _response(link_token: str, response_token: str) -> Response:
    return get_object_or_404(
        Response.objects.select_related("campaign__instrument", "link__school"),
        token=response_token,
        link__token=link_token,
    )


def _page_url(response: Response, page: int | str) -> str:
    from django.urls import reverse

    if page == DEMOGRAPHICS:
        return reverse("surveys:about_you", args=[response.link.token, response.token])
    if page == "done":
        return reverse("surveys:done", args=[response.link.token, response.token])
    return reverse("surveys:page", args=[response.link.token, response.token, page])


@require_http_methods(["GET", "POST"])
def code_entry(request: HttpRequest) -> HttpResponse:
    """Type a one-time code (or the code given to come back) to start or carry on."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and code_guessing_blocked(request):
        return render(
            request, "surveys/public/code.html", {"form": form, "blocked": True}, status=429
        )
    if request.method == "POST" and form.is_valid():
        try:
            response = response_open_with_code(
                code=form.cleaned_data["code"], language=translation.get_language() or "en"
            )
        except ValidationError as error:
            if CODE_UNKNOWN in error.messages:
                code_failure_count(request)
            form.add_error("code", error)
        else:
            return redirect(_page_url(response, response.page))
    return render(request, "surveys/public/code.html", {"form": form})


@require_http_methods(["GET", "POST"])
def link_start(request: HttpRequest, link_token: str) -> HttpResponse:
    """What the survey is, who sees the answers, and a button to begin in a chosen language."""
    link = get_object_or_404(
        CampaignLink.objects.select_related("campaign__instrument", "school"), token=link_token
    )
    campaign = link.campaign
    language = translation.get_language() or "en"
    if language not in campaign.languages:
        language = campaign.languages[0]
    context: dict[str, Any] = {
        "link": link,
        "campaign": campaign,
        "title": campaign.instrument.title_in(language),
        "description": campaign.instrument.description.get(language, ""),
        "languages": [
            (code, label) for code, label in Language.choices if code in campaign.languages
        ],
        "language": language,
        "is_open": campaign.is_open(),
    }
    if request.method == "POST" and context["is_open"]:
        chosen = request.POST.get("language", language)
        try:
            started = response_start_from_link(link=link, language=chosen)
        except ValidationError as error:
            context["error"] = error.messages[0]
        else:
            with translation.override(started.response.language):
                return render(
                    request,
                    "surveys/public/started.html",
                    {
                        "response": started.response,
                        "resume_code": started.resume_code,
                        "next_url": _page_url(started.response, 1),
                        "title": campaign.instrument.title_in(started.response.language),
                    },
                )
    return render(request, "surveys/public/start.html", context)


@require_http_methods(["GET", "POST"])
def page(request: HttpRequest, link_token: str, response_token: str, number: int) -> HttpResponse:
    """One section; answers are saved each time the respondent moves on."""
    response = _response(link_token, response_token)
    if response.status == Response.Status.COMPLETE:
        return redirect(_page_url(response, "done"))
    sections = response_sections(response=response)
    if not 1 <= number <= len(sections):
        raise Http404
    if not response.campaign.is_open():
        return render(request, "surveys/public/closed.html", {"response": response}, status=410)
    from ..services.responding import next_page

    group, language = response.link.group, response.language
    section = sections[number - 1]
    questions = shown_questions(section=section, group=group, answers=response.answers)
    if not questions:  # skipped by an earlier answer
        following = next_page(response=response, sections=sections, after=number)
        return redirect(_page_url(response, following or _after_last(response)))
    form_html = ""
    with translation.override(language):
        if request.method == "POST":
            form = SectionForm(request.POST, questions=questions, group=group, language=language)
            going_back = request.POST.get("go") == "back"
            if form.is_valid() or going_back:
                if form.is_valid():
                    response_save_page(
                        response=response, section=section, cleaned=form.cleaned_data, page=number
                    )
                if going_back:
                    return redirect(_page_url(response, _previous(response, sections, number)))
                following = next_page(response=response, sections=sections, after=number)
                return redirect(_page_url(response, following or _after_last(response)))
        else:
            initial = {q.code: _initial(response.answers.get(q.code)) for q in questions}
            form = SectionForm(initial=initial, questions=questions, group=group, language=language)
            if not any(value is not None for value in initial.values()):
                form_html = _blank_form_html(response, section, questions, form)
        return render(
            request,
            "surveys/public/page.html",
            {
                "response": response,
                "form": form,
                "section_title": section.title.get(language) or section.title.get("en", ""),
                "title": response.campaign.instrument.title_in(language),
                "number": number,
                "total": len(sections) + (1 if response.campaign.ask_demographics else 0),
                "has_previous": number > 1,
                "form_html": form_html,
            },
        )


# A page seen for the first time is the same for every respondent of a group and language: its
# form is rendered once per process (0066). Answers already given are never in this cache.
_BLANK_FORMS: dict[tuple[Any, ...], str] = {}
_BLANK_FORMS_LIMIT = 1024


def _blank_form_html(response: Response, section: Any, questions: list[Any], form: Any) -> str:
    instrument = response.campaign.instrument
    key = (
        instrument.pk,
        instrument.created_at.isoformat(),
        section.pk,
        response.link.group,
        response.language,
        tuple(q.code for q in questions),
    )
    html = _BLANK_FORMS.get(key)
    if html is None:
        html = str(form)
        if len(_BLANK_FORMS) >= _BLANK_FORMS_LIMIT:
            _BLANK_FORMS.clear()
        _BLANK_FORMS[key] = html
    return html


def _initial(value: Any) -> Any:
    if isinstance(value, list):
        return [str(v) for v in value]
    return None if value is None else str(value)


def _previous(response: Response, sections: list[Any], number: int) -> int:
    for candidate in range(number - 1, 0, -1):
        if shown_questions(
            section=sections[candidate - 1], group=response.link.group, answers=response.answers
        ):
            return candidate
    return number


def _after_last(response: Response) -> str:
    return DEMOGRAPHICS if response.campaign.ask_demographics else "done"


@require_http_methods(["GET", "POST"])
def about_you(request: HttpRequest, link_token: str, response_token: str) -> HttpResponse:
    """Optional questions about the respondent, with a plain statement of why they are asked."""
    response = _response(link_token, response_token)
    if response.status == Response.Status.COMPLETE:
        return redirect(_page_url(response, "done"))
    if not response.campaign.ask_demographics:
        raise Http404
    sections = response_sections(response=response)
    with translation.override(response.language):
        form = DemographicsForm(request.POST or None, initial=response.demographics)
        if request.method == "POST" and form.is_valid():
            response_save_demographics(response=response, cleaned=form.cleaned_data)
            if request.POST.get("go") == "back":
                return redirect(
                    _page_url(response, _previous(response, sections, len(sections) + 1))
                )
            response_complete(response=response, sections=sections)
            return redirect(_page_url(response, "done"))
        return render(
            request,
            "surveys/public/about_you.html",
            {
                "response": response,
                "form": form,
                "title": response.campaign.instrument.title_in(response.language),
                "number": len(sections) + 1,
                "total": len(sections) + 1,
            },
        )


@require_http_methods(["GET", "POST"])
def done(request: HttpRequest, link_token: str, response_token: str) -> HttpResponse:
    """Send (when there are no demographic questions) and thank the respondent."""
    response = _response(link_token, response_token)
    if response.status != Response.Status.COMPLETE:
        if request.method == "POST":
            response_complete(response=response, sections=response_sections(response=response))
        else:
            with translation.override(response.language):
                return render(
                    request,
                    "surveys/public/send.html",
                    {
                        "response": response,
                        "title": response.campaign.instrument.title_in(response.language),
                    },
                )
    with translation.override(response.language):
        return render(
            request,
            "surveys/public/done.html",
            {
                "response": response,
                "title": response.campaign.instrument.title_in(response.language),
            },
        )
