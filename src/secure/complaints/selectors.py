"""Reads for complaints: the queue as one member may see it, a case, a status lookup."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from secure.partnerships.models import Membership, Partnership
from secure.partnerships.roles import Role, role_can

from .models import Complaint, ComplaintEvent, ComplaintSettings, ResponseTemplate
from .services.codes import normalise, record_number_normalise


def complaint_settings_for(*, partnership: Partnership) -> ComplaintSettings:
    """The partnership's settings, or the defaults (unsaved) when nobody has changed them."""
    found = ComplaintSettings.objects.for_partnership(partnership).first()
    return found or ComplaintSettings(partnership=partnership)


def complaints_visible_to(*, membership: Membership) -> QuerySet[Complaint]:
    """The partnership's complaints minus those that name this member (conflict of interest)."""
    return (
        Complaint.objects.for_partnership(membership.partnership)
        .exclude(named_members=membership)
        .select_related("school", "assignee__user")
    )


def complaint_get_for_member(*, membership: Membership, pk: int) -> Complaint:
    """One complaint this member may see, or 404 (another partnership's, or one naming them)."""
    try:
        return complaints_visible_to(membership=membership).get(pk=pk)
    except (Complaint.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""
    concern: str = ""
    school: int | None = None
    assignee: str = ""  # "", "me", "none", or a membership id
    overdue: bool = False
    record_number: str = ""


def complaint_queue(
    *, membership: Membership, filters: QueueFilters, today: datetime.date | None = None
) -> QuerySet[Complaint]:
    """The queue: open complaints first, oldest deadline first, narrowed by the filters."""
    today = today or timezone.localdate()
    queryset = complaints_visible_to(membership=membership)
    if filters.status == "open":
        queryset = queryset.filter(
            status__in=[Complaint.Status.RECEIVED, Complaint.Status.UNDER_REVIEW]
        )
    elif filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.concern:
        # Lists are stored as JSON; the quoted code matches one element on SQLite and PostgreSQL.
        queryset = queryset.filter(concerns__icontains=f'"{filters.concern}"')
    if filters.school:
        queryset = queryset.filter(school_id=filters.school)
    if filters.assignee == "me":
        queryset = queryset.filter(assignee=membership)
    elif filters.assignee == "none":
        queryset = queryset.filter(assignee__isnull=True)
    elif filters.assignee.isdigit():
        queryset = queryset.filter(assignee_id=int(filters.assignee))
    if filters.overdue:
        queryset = queryset.filter(
            Q(status=Complaint.Status.RECEIVED, acknowledge_by__lt=today)
            | Q(
                status__in=[Complaint.Status.RECEIVED, Complaint.Status.UNDER_REVIEW],
                resolve_by__lt=today,
            )
        )
    if filters.record_number:
        queryset = queryset.filter(record_number=record_number_normalise(filters.record_number))
    return queryset.order_by("closed_at", "resolved_at", "resolve_by", "received_at")


def complaint_overdue_count(*, membership: Membership, today: datetime.date | None = None) -> int:
    """How many complaints this member can see are past a deadline."""
    return complaint_queue(
        membership=membership, filters=QueueFilters(overdue=True), today=today
    ).count()


def complaint_for_status_code(
    *, partnership: Partnership, record_number: str, status_code: str
) -> Complaint | None:
    """The complaint with this record number, if the private code matches."""
    complaint = (
        Complaint.objects.for_partnership(partnership)
        .filter(record_number=record_number_normalise(record_number))
        .first()
    )
    if complaint is None or not check_password(normalise(status_code), complaint.status_code_hash):
        return None
    return complaint


def complaint_public_events(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """What the complainant may see: status changes, messages and outcomes, their own additions."""
    return complaint.events.filter(
        Q(kind__in=[ComplaintEvent.Kind.SUBMITTED, ComplaintEvent.Kind.ADDITION])
        | ~Q(public_text="")
    ).order_by("occurred_at", "id")


def complaint_events(*, complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """The whole case history for staff, newest first."""
    return complaint.events.select_related("actor__user").order_by("-occurred_at", "-id")


def assignable_members(*, complaint: Complaint) -> QuerySet[Membership]:
    """Active members who may handle complaints and are not named in this one."""
    handlers = [str(role) for role in Role if role_can(role, "complaint.manage")]
    return (
        Membership.objects.for_partnership(complaint.partnership)
        .filter(is_active=True, role__in=handlers)
        .exclude(pk__in=complaint.named_members.values("pk"))
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def response_templates(
    *, partnership: Partnership, language: str | None = None
) -> QuerySet[ResponseTemplate]:
    """The partnership's response templates, in one language if given."""
    queryset = ResponseTemplate.objects.for_partnership(partnership)
    if language:
        queryset = queryset.filter(language=language)
    return queryset.order_by("name", "language")
