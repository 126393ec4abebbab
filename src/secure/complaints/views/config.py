"""Settings of the complaint process and response templates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from ..forms.staff import ResponseTemplateForm, SettingsForm
from ..models import ResponseTemplate
from ..selectors import complaint_settings_for, response_templates
from ..services import config as services


@partnership_view("complaint.configure")
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    """Deadlines and retention, and the list of response templates."""
    partnership = request.partnership  # type: ignore[attr-defined]
    current = complaint_settings_for(partnership=partnership)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_settings_update(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved. New complaints get the new deadlines."))
            return redirect("complaints:settings", partnership.slug)
    return render(
        request,
        "complaints/staff/settings.html",
        {"form": form, "templates": response_templates(partnership=partnership)},
    )


@partnership_view("complaint.configure")
@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    form = ResponseTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_template_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Template added."))
            return redirect("complaints:settings", partnership.slug)
    return render(request, "complaints/staff/template_form.html", {"form": form, "template": None})


@partnership_view("complaint.configure")
@require_http_methods(["GET", "POST"])
def template_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = request.partnership  # type: ignore[attr-defined]
    template = get_for_partnership_or_404(ResponseTemplate, partnership=partnership, pk=pk)
    form = ResponseTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_template_update(template=template, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Template saved."))
            return redirect("complaints:settings", partnership.slug)
    return render(
        request, "complaints/staff/template_form.html", {"form": form, "template": template}
    )
