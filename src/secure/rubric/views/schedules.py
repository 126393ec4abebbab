"""Recurring schedules: list, create, edit, record completions; the calendar; reminders; settings."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from secure.partnerships.access import partnership_view
from secure.partnerships.tenancy import get_for_partnership_or_404

from .. import rules, selectors, services
from ..content import rubric_item
from ..forms import CompletionForm, ScheduleForm, SettingsForm
from ..models import Schedule, ScheduleCompletion
from .common import base_context, membership_of, partnership_of
from .items import file_response


@partnership_view("rubric.view")
def schedule_list(request: HttpRequest) -> HttpResponse:
    schedules = selectors.schedule_list(partnership=partnership_of(request))
    return render(
        request,
        "rubric/schedule_list.html",
        base_context(request, schedules=schedules, today=timezone.localdate()),
    )


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def schedule_create(request: HttpRequest) -> HttpResponse:
    partnership = partnership_of(request)
    item_id = request.GET.get("item", "")
    found = rubric_item(item_id)
    initial = {"item_id": item_id if found else "", "interval_months": 12}
    form = ScheduleForm(request.POST or None, initial=initial, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        try:
            schedule = services.schedule_create(partnership=partnership, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Schedule added."))
            return redirect(
                "rubric:schedule_detail", partnership_slug=partnership.slug, pk=schedule.pk
            )
    return render(
        request,
        "rubric/schedule_form.html",
        base_context(request, form=form, schedule=None, suggested_item=found),
    )


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def schedule_update(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = partnership_of(request)
    schedule = get_for_partnership_or_404(Schedule, partnership=partnership, pk=pk)
    initial = {
        "title": schedule.title,
        "item_id": schedule.item_id,
        "interval_months": schedule.interval_months,
        "next_due": schedule.next_due,
        "description": schedule.description,
        "owner": schedule.owner,
        "is_active": schedule.is_active,
    }
    form = ScheduleForm(
        request.POST or None, initial=initial, partnership=partnership, with_active=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_update(schedule=schedule, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("rubric:schedule_detail", partnership_slug=partnership.slug, pk=pk)
    return render(
        request,
        "rubric/schedule_form.html",
        base_context(request, form=form, schedule=schedule, suggested_item=None),
    )


@partnership_view("rubric.view")
@require_http_methods(["GET", "POST"])
def schedule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A schedule, its history, and (for its owner and leaders) the form to record it done."""
    partnership = partnership_of(request)
    schedule = get_for_partnership_or_404(Schedule, partnership=partnership, pk=pk)
    member = membership_of(request)
    can_complete = rules.may_work_on(member, schedule.owner_id) and schedule.is_active
    form = CompletionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_complete:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.schedule_complete(
                    schedule=schedule,
                    by=member,
                    completed_on=form.cleaned_data["completed_on"],
                    notes=form.cleaned_data["notes"],
                    upload=form.cleaned_data["attachment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Recorded. The next one is due %(date)s.")
                    % {"date": schedule.next_due.isoformat()},
                )
                return redirect(request.path)
    return render(
        request,
        "rubric/schedule_detail.html",
        base_context(
            request,
            schedule=schedule,
            item=rubric_item(schedule.item_id) if schedule.item_id else None,
            history=selectors.schedule_history(schedule=schedule),
            form=form,
            can_complete=can_complete,
            today=timezone.localdate(),
        ),
    )


@partnership_view("rubric.files")
def completion_file(request: HttpRequest, pk: int, completion_id: int) -> HttpResponse:
    """Download a completion's attachment (members only)."""
    completion = get_for_partnership_or_404(
        ScheduleCompletion, partnership=partnership_of(request), schedule_id=pk, pk=completion_id
    )
    if not completion.file:
        raise PermissionDenied
    return file_response(completion.file, completion.original_name)


def _month(value: str, today: datetime.date) -> datetime.date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return datetime.date(year, month, 1)
    except (ValueError, TypeError):
        return today.replace(day=1)


@partnership_view("rubric.view")
def calendar(request: HttpRequest) -> HttpResponse:
    """A month of due dates and completions (``?month=2026-09``)."""
    today = timezone.localdate()
    first = _month(request.GET.get("month", ""), today)
    weeks = selectors.calendar_month(
        partnership=partnership_of(request), year=first.year, month=first.month, today=today
    )
    return render(
        request,
        "rubric/calendar.html",
        base_context(
            request,
            weeks=weeks,
            month=first,
            previous=rules.add_months(first, -1),
            next=rules.add_months(first, 1),
            today=today,
        ),
    )


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    """What today's reminders would be, and a button to send them now."""
    partnership = partnership_of(request)
    today = timezone.localdate()
    if request.method == "POST":
        site = f"{request.scheme}://{request.get_host()}"
        sent = services.reminders_send(partnership=partnership, today=today, site=site)
        messages.success(
            request,
            ngettext("Sent %(count)d reminder.", "Sent %(count)d reminders.", len(sent))
            % {"count": len(sent)},
        )
        return redirect("rubric:reminders", partnership_slug=partnership.slug)
    pending = services.reminders_due(partnership=partnership, today=today)
    return render(
        request, "rubric/reminders.html", base_context(request, pending=pending, today=today)
    )


@partnership_view("rubric.task")
@require_http_methods(["GET", "POST"])
def calendar_subscribe(request: HttpRequest) -> HttpResponse:
    """The member's private calendar address, and a way to replace it."""
    member = membership_of(request)
    if request.method == "POST":
        services.calendar_feed_reset(membership=member)
        messages.success(
            request, _("Your calendar address was replaced; the old one no longer works.")
        )
        return redirect("rubric:calendar_subscribe", partnership_slug=partnership_of(request).slug)
    feed = services.calendar_feed_for(membership=member)
    url = request.build_absolute_uri(
        reverse("rubric:ical_feed", kwargs={"token": services.calendar_feed_token(feed)})
    )
    return render(request, "rubric/calendar_subscribe.html", base_context(request, feed_url=url))


@partnership_view("rubric.manage")
@require_http_methods(["GET", "POST"])
def rubric_settings(request: HttpRequest) -> HttpResponse:
    partnership = partnership_of(request)
    current = services.rubric_settings_for(partnership=partnership)
    form = SettingsForm(
        request.POST or None,
        initial={
            "stakeholders_may_comment": current.stakeholders_may_comment,
            "reminder_days_before": current.reminder_days_before,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.rubric_settings_update(partnership=partnership, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("rubric:settings", partnership_slug=partnership.slug)
    return render(request, "rubric/settings.html", base_context(request, form=form))
