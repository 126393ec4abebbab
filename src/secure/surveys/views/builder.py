"""The instrument builder: pages, questions, options, scales, skip logic and wording, in the browser.

Plain forms that work without JavaScript; the outline's reorder and delete buttons also work
through htmx, which swaps the outline in place. Editing is refused once an instrument has
answers: the page then offers a new version to edit (0063).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secure.partnerships.access import partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms_builder import (
    ArrangeForm,
    CopyForm,
    InstrumentForm,
    PageForm,
    QuestionForm,
    ScaleForm,
    errors_onto,
    texts_from,
)
from ..models import Campaign, Instrument, Question, Scale, Section
from ..services import builder


def _instrument(request: HttpRequest, pk: int) -> Instrument:
    return get_for_partnership_or_404(
        Instrument,
        partnership=request.partnership,  # type: ignore[attr-defined]
        pk=pk,
    )


def _to_builder(request: HttpRequest, instrument: Instrument) -> HttpResponse:
    return redirect(
        "surveys:instrument_edit",
        request.partnership.slug,  # type: ignore[attr-defined]
        instrument.pk,
    )


def _outline(instrument: Instrument) -> dict[str, Any]:
    sections = list(instrument.sections.order_by("position").prefetch_related("questions__scale"))
    return {
        "instrument": instrument,
        "sections": sections,
        "scales": list(instrument.scales.order_by("code")),
        "locked": builder.instrument_is_locked(instrument),
        "campaigns": list(Campaign.objects.filter(instrument=instrument).order_by("-opens_on")),
    }


@partnership_view("survey.manage")
def instrument_new(request: HttpRequest) -> HttpResponse:
    """Start an instrument from nothing (or copy one from the library on the survey page)."""
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            instrument = builder.instrument_create(
                partnership=request.partnership,  # type: ignore[attr-defined]
                key=data["key"],
                kind=data["kind"],
                title=form.texts("title"),
                description=form.texts("description"),
                groups=data["groups"],
                languages=data["languages"],
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Instrument created. Add its questions."))
            return _to_builder(request, instrument)
    return render(
        request, "surveys/builder/instrument_form.html", {"form": form, "instrument": None}
    )


@partnership_view("survey.manage")
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The builder: the instrument's settings and an outline of pages, questions and scales."""
    instrument = _instrument(request, pk)
    context = _outline(instrument)
    form = InstrumentForm(request.POST or None, instrument=instrument)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            builder.instrument_update(
                instrument=instrument,
                kind=data["kind"],
                title=form.texts("title"),
                description=form.texts("description"),
                groups=data["groups"],
                languages=data["languages"],
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Instrument saved."))
            return _to_builder(request, instrument)
    return render(
        request,
        "surveys/builder/builder.html",
        {**context, "form": form, "copy_form": CopyForm()},
    )


@require_POST
@partnership_view("survey.manage")
def instrument_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version to edit, leaving the one with answers as it was."""
    instrument = _instrument(request, pk)
    form = CopyForm(request.POST)
    key = form.cleaned_data.get("key", "") if form.is_valid() else ""
    try:
        copy = builder.instrument_copy(instrument=instrument, key=key)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _to_builder(request, instrument)
    messages.success(request, _("A new version was made. Its answers will be counted apart."))
    return _to_builder(request, copy)


@partnership_view("survey.manage")
def page_edit(request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    """Add a page, or change a page's title (in each language) and who sees it."""
    instrument = _instrument(request, pk)
    section = (
        get_object_or_404(Section, instrument=instrument, pk=section_pk) if section_pk else None
    )
    form = PageForm(request.POST or None, instrument=instrument, section=section)
    locked = builder.instrument_is_locked(instrument)
    if request.method == "POST" and form.is_valid():
        try:
            builder.section_save(
                instrument=instrument,
                section=section,
                title=texts_from(form.cleaned_data, "title", form.languages),
                groups=form.cleaned_data["groups"],
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Page saved."))
            return _to_builder(request, instrument)
    return render(
        request,
        "surveys/builder/part_form.html",
        {
            "instrument": instrument,
            "form": form,
            "locked": locked,
            "heading": _("Change a page") if section else _("Add a page"),
        },
    )


@partnership_view("survey.manage")
def question_edit(request: HttpRequest, pk: int, question_pk: int | None = None) -> HttpResponse:
    """Add or change a question: wording side by side, options, scale, who is asked and when."""
    instrument = _instrument(request, pk)
    question = (
        get_object_or_404(Question, section__instrument=instrument, pk=question_pk)
        if question_pk
        else None
    )
    page = request.GET.get("page", "")
    section = (
        Section.objects.filter(instrument=instrument, pk=int(page)).first()
        if page.isdigit()
        else None
    )
    form = QuestionForm(
        request.POST or None, instrument=instrument, question=question, section=section
    )
    locked = builder.instrument_is_locked(instrument)
    if request.method == "POST" and "more_options" not in request.POST and form.is_valid():
        try:
            builder.question_save(
                instrument=instrument,
                question=question,
                data=builder.QuestionData(**form.data_for_service()),
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Question saved."))
            return _to_builder(request, instrument)
    return render(
        request,
        "surveys/builder/question_form.html",
        {
            "instrument": instrument,
            "question": question,
            "form": form,
            "locked": locked,
        },
    )


@partnership_view("survey.manage")
def scale_edit(request: HttpRequest, pk: int, scale_pk: int | None = None) -> HttpResponse:
    """Add or rename a scale (a group of agreement questions averaged into one score)."""
    instrument = _instrument(request, pk)
    scale = get_object_or_404(Scale, instrument=instrument, pk=scale_pk) if scale_pk else None
    form = ScaleForm(request.POST or None, instrument=instrument, scale=scale)
    locked = builder.instrument_is_locked(instrument)
    if request.method == "POST" and form.is_valid():
        try:
            builder.scale_save(
                instrument=instrument,
                scale=scale,
                code=form.cleaned_data["code"],
                name=texts_from(form.cleaned_data, "name", form.languages),
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, _("Scale saved."))
            return _to_builder(request, instrument)
    return render(
        request,
        "surveys/builder/part_form.html",
        {
            "instrument": instrument,
            "form": form,
            "locked": locked,
            "heading": _("Change a scale") if scale else _("Add a scale"),
        },
    )


@require_POST
@partnership_view("survey.manage")
def instrument_arrange(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a page or question up or down, or delete a page, question or scale."""
    instrument = _instrument(request, pk)
    form = ArrangeForm(request.POST)
    error_text = ""
    if form.is_valid():
        item, action = form.cleaned_data["item"], form.cleaned_data["action"]
        target_pk = form.cleaned_data["pk"]
        try:
            if item == "section":
                section = get_object_or_404(Section, instrument=instrument, pk=target_pk)
                if action == "delete":
                    builder.section_delete(section=section)
                else:
                    builder.section_move(section=section, step=-1 if action == "up" else 1)
            elif item == "question":
                question = get_object_or_404(Question, section__instrument=instrument, pk=target_pk)
                if action == "delete":
                    builder.question_delete(question=question)
                else:
                    builder.question_move(question=question, step=-1 if action == "up" else 1)
            else:
                scale = get_object_or_404(Scale, instrument=instrument, pk=target_pk)
                if action != "delete":
                    raise ValidationError(_("Scales have no order."))
                builder.scale_delete(scale=scale)
        except ValidationError as error:
            error_text = " ".join(error.messages)
    else:
        error_text = _("That change could not be understood.")
    if request.headers.get("HX-Request"):
        return render(
            request,
            "surveys/builder/_outline.html",
            {**_outline(instrument), "error": error_text, "done": not error_text},
        )
    if error_text:
        messages.error(request, error_text)
    else:
        messages.success(request, _("Outline changed."))
    return _to_builder(request, instrument)
