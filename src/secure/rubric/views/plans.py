"""The action plan of the current cycle, and each member's own tasks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from secure.partnerships.access import partnership_view

from .. import selectors
from .common import base_context, membership_of, partnership_of


@partnership_view("rubric.view")
def action_plan(request: HttpRequest) -> HttpResponse:
    """What is not done in the current cycle: overdue, due soon, later, not yet planned."""
    current = selectors.assessment_current(partnership=partnership_of(request))
    plan = (
        selectors.action_plan(assessment=current, today=timezone.localdate()) if current else None
    )
    return render(
        request,
        "rubric/action_plan.html",
        base_context(request, assessment=current, plan=plan, today=timezone.localdate()),
    )


@partnership_view("rubric.task")
def my_tasks(request: HttpRequest) -> HttpResponse:
    """The items and schedules the signed-in member owns."""
    tasks = selectors.my_tasks(membership=membership_of(request))
    return render(
        request, "rubric/my_tasks.html", base_context(request, today=timezone.localdate(), **tasks)
    )
