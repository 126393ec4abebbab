"""The MOU workspace around drafting: who may comment, replies, the partnership's own clauses,
the review cycle (a rubric schedule) and e-mailed distribution of the adopted MOU."""

from __future__ import annotations

import datetime
import string
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from secure.partnerships.models import Membership, Organization, Partnership
from secure.partnerships.roles import role_can
from secure.rubric import rules as rubric_rules
from secure.rubric.content import rubric_item
from secure.rubric.models import Schedule, ScheduleCompletion
from secure.rubric.services.reminders import base_url
from secure.rubric.services.schedules import schedule_complete, schedule_create, schedule_update

from ..library import variable_names
from ..models import (
    MouAcknowledgment,
    MouClause,
    MouComment,
    MouDistribution,
    MouDraft,
    MouReviewCycle,
    MouReviewInvitation,
)
from ..requirements import REQUIREMENT_LABELS

NOT_INVITED = _(
    "Only the members and organizations invited to comment on this draft, and the people "
    "drafting it, can comment."
)
NOT_THIS_PARTNERSHIP = _("Choose members and organizations of this partnership only.")
EMPTY_REPLY = _("Write a reply.")
NOT_RESOLVED = _("This comment is not resolved.")
NOT_REOPENER = _("Only the people drafting the MOU or the comment's author can reopen it.")
DUPLICATE_TITLE = _("Your library already has a clause with this title.")
UNKNOWN_REQUIREMENT = _("Unknown requirement: %(value)s.")
UNKNOWN_RUBRIC_ITEM = _("There is no rubric item %(value)s.")
UNKNOWN_VARIABLE = _("Unknown variable {%(value)s}. Use only: %(allowed)s.")
BAD_BRACES = _("Curly braces are only for variables such as {district}: %(error)s")
NEEDS_MAPPING = _("Say which requirement or rubric item the clause meets.")
NO_REVIEW_CYCLE = _("Set the MOU review cycle first.")
REVIEW_ITEM = "1.improve.2"
NOBODY_TO_SEND = _("Nobody to e-mail: every school administrator and SRO has acknowledged it.")


# --- choosing the commenters -------------------------------------------------------------------


def mou_may_comment(*, draft: MouDraft, membership: Membership) -> bool:
    """Drafting roles always; anyone else only if invited, or their organization was invited."""
    if not membership.is_active or membership.partnership_id != draft.partnership_id:
        return False
    if not role_can(membership.role, "mou.comment"):
        return False
    if role_can(membership.role, "mou.draft"):
        return True
    invitations = MouReviewInvitation.objects.filter(draft=draft)
    if invitations.filter(membership=membership).exists():
        return True
    return (
        membership.organization_id is not None
        and invitations.filter(organization_id=membership.organization_id).exists()
    )


def _invited_people(draft: MouDraft) -> set[int]:
    from ..selectors import mou_commenters

    return {c.membership.pk for c in mou_commenters(draft=draft)}


def mou_invitations_email(
    *, draft: MouDraft, memberships: Iterable[Membership], site: str | None = None
) -> int:
    """E-mail members that they are invited to comment on a draft open for comments."""
    link = (site or base_url()) + reverse(
        "agreements:draft_detail",
        kwargs={"partnership_slug": draft.partnership.slug, "pk": draft.pk},
    )
    sent = 0
    for member in memberships:
        if not (member.is_active and member.user.is_active and member.user.email):
            continue
        language = getattr(member.user, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = gettext("You are invited to comment on the MOU draft “%(title)s”") % {
                "title": draft.title
            }
            body = render_to_string(
                "agreements/email/invitation.txt",
                {"member": member, "draft": draft, "partnership": draft.partnership, "link": link},
            )
        send_mail(subject, body, None, [member.user.email])
        sent += 1
    return sent


def mou_commenters_set(
    *,
    draft: MouDraft,
    memberships: Iterable[Membership],
    organizations: Iterable[Organization],
    user: Any,
    notify: bool = True,
) -> list[MouReviewInvitation]:
    """Replace who is invited to comment on a draft (members and whole partner organizations).

    While the draft is open for comments, people newly able to comment get an e-mail.
    """
    from .drafting import FROZEN

    if draft.is_frozen:
        raise ValidationError(FROZEN)
    memberships, organizations = list(memberships), list(organizations)
    if any(m.partnership_id != draft.partnership_id for m in memberships) or any(
        o.partnership_id != draft.partnership_id for o in organizations
    ):
        raise ValidationError(NOT_THIS_PARTNERSHIP)
    invitations = MouReviewInvitation.objects.filter(draft=draft)
    by = user if getattr(user, "is_authenticated", False) else None
    before = _invited_people(draft)
    with transaction.atomic():
        for invitation in invitations.exclude(membership__in=memberships).exclude(
            organization__in=organizations
        ):
            invitation.delete()  # one by one, so each removal is audited
        have_members = set(invitations.values_list("membership_id", flat=True))
        have_orgs = set(invitations.values_list("organization_id", flat=True))
        for m in memberships:
            if m.pk not in have_members:
                MouReviewInvitation.objects.create(
                    partnership=draft.partnership, draft=draft, membership=m, invited_by=by
                )
        for o in organizations:
            if o.pk not in have_orgs:
                MouReviewInvitation.objects.create(
                    partnership=draft.partnership, draft=draft, organization=o, invited_by=by
                )
    if notify and draft.status == MouDraft.Status.IN_REVIEW:
        added = _invited_people(draft) - before
        mou_invitations_email(
            draft=draft,
            memberships=Membership.objects.filter(pk__in=added).select_related("user"),
        )
    return list(MouReviewInvitation.objects.filter(draft=draft))


# --- threaded replies, resolve and reopen ------------------------------------------------------


def mou_comment_reply(*, comment: MouComment, membership: Membership, body: str) -> MouComment:
    """Reply under a comment; replies to a reply join the same thread."""
    from .drafting import FROZEN

    root = comment.parent or comment
    draft = root.version.draft
    if draft.is_frozen:
        raise ValidationError(FROZEN)
    if not mou_may_comment(draft=draft, membership=membership):
        raise ValidationError(NOT_INVITED)
    if not body.strip():
        raise ValidationError(EMPTY_REPLY)
    return MouComment.objects.create(
        partnership=root.partnership,
        version=root.version,
        section=root.section,
        parent=root,
        author=membership.user,
        author_role=membership.role,
        body=body.strip(),
    )


def mou_comment_reopen(*, comment: MouComment, membership: Membership) -> MouComment:
    """Reopen a resolved comment (the drafters, or whoever wrote it)."""
    from .drafting import FROZEN

    if comment.version.draft.is_frozen:
        raise ValidationError(FROZEN)
    if comment.resolved_at is None:
        raise ValidationError(NOT_RESOLVED)
    is_author = comment.author_id is not None and comment.author_id == membership.user_id
    if not (role_can(membership.role, "mou.draft") or is_author):
        raise ValidationError(NOT_REOPENER)
    comment.resolved_at = None
    comment.save(update_fields=["resolved_at"])
    return comment


# --- the partnership's own clauses -------------------------------------------------------------


def _check_variables(text: str) -> None:
    allowed = variable_names()
    try:
        names = [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError as error:
        raise ValidationError(BAD_BRACES, params={"error": str(error)}) from error
    for name in names:
        if name not in allowed:
            raise ValidationError(
                UNKNOWN_VARIABLE,
                params={"value": name, "allowed": ", ".join("{" + a + "}" for a in allowed)},
            )


def mou_clause_save(
    *,
    partnership: Partnership,
    title: str,
    requirements: list[str],
    rubric_items: list[str],
    standard: str,
    stronger: str,
    user: Any,
    clause: MouClause | None = None,
) -> MouClause:
    """Add a clause to the partnership's library, or change one it added."""
    errors: dict[str, list[ValidationError]] = {}
    for r in requirements:
        if r not in REQUIREMENT_LABELS:
            errors.setdefault("requirements", []).append(
                ValidationError(UNKNOWN_REQUIREMENT, params={"value": r})
            )
    for item in rubric_items:
        if rubric_item(item) is None:
            errors.setdefault("rubric_items", []).append(
                ValidationError(UNKNOWN_RUBRIC_ITEM, params={"value": item})
            )
    if not requirements and not rubric_items:
        errors.setdefault("requirements", []).append(ValidationError(NEEDS_MAPPING))
    for name, text in (("standard", standard), ("stronger", stronger)):
        try:
            _check_variables(text)
        except ValidationError as error:
            errors.setdefault(name, []).append(error)
    same_title = MouClause.objects.for_partnership(partnership).filter(title__iexact=title.strip())
    if clause is not None:
        same_title = same_title.exclude(pk=clause.pk)
    if same_title.exists():
        errors.setdefault("title", []).append(ValidationError(DUPLICATE_TITLE))
    if errors:
        raise ValidationError(errors)
    if clause is None:
        clause = MouClause(
            partnership=partnership,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
    clause.title = title.strip()
    clause.requirements = list(requirements)
    clause.rubric_items = list(rubric_items)
    clause.standard = standard.strip()
    clause.stronger = stronger.strip()
    clause.save()
    return clause


def mou_clause_retire(*, clause: MouClause, retired: bool = True) -> MouClause:
    """Retire a clause (it no longer appears when assembling a draft) or bring it back."""
    clause.is_retired = retired
    clause.save(update_fields=["is_retired", "updated_at"])
    return clause


# --- the review cycle, carried by a rubric schedule --------------------------------------------


def mou_review_cycle_for(*, partnership: Partnership) -> MouReviewCycle | None:
    return MouReviewCycle.objects.for_partnership(partnership).select_related("schedule").first()


def mou_review_cycle_set(
    *,
    partnership: Partnership,
    interval_months: int,
    next_due: datetime.date,
    owner: Membership | None,
    is_active: bool = True,
) -> MouReviewCycle:
    """Set how often the MOU is reviewed and when next: creates or updates the rubric schedule."""
    title = gettext("Review the MOU with stakeholders")
    description = gettext(
        "Evaluate and revise the MOU with stakeholders (rubric item 1.improve.2). Adopting a "
        "revised MOU, or recording a review, marks the review done."
    )
    with transaction.atomic():
        cycle = mou_review_cycle_for(partnership=partnership)
        if cycle is None:
            # A schedule for the review item set up in the rubric already is the cycle.
            existing = (
                Schedule.objects.for_partnership(partnership)
                .filter(item_id=REVIEW_ITEM, mou_review_cycle__isnull=True)
                .order_by("-is_active", "pk")
                .first()
            )
            if existing is not None:
                cycle = MouReviewCycle.objects.create(partnership=partnership, schedule=existing)
        if cycle is None:
            schedule = schedule_create(
                partnership=partnership,
                title=title,
                interval_months=interval_months,
                next_due=next_due,
                item_id=REVIEW_ITEM,
                description=description,
                owner=owner,
            )
            if not is_active:
                schedule.is_active = False
                schedule.save(update_fields=["is_active"])
            return MouReviewCycle.objects.create(partnership=partnership, schedule=schedule)
        schedule = cycle.schedule
        schedule_update(
            schedule=schedule,
            title=schedule.title,
            interval_months=interval_months,
            next_due=next_due,
            is_active=is_active,
            item_id=REVIEW_ITEM,
            description=schedule.description,
            owner=owner,
        )
        return cycle


def mou_review_complete(
    *,
    partnership: Partnership,
    by: Membership,
    completed_on: datetime.date,
    notes: str,
) -> ScheduleCompletion:
    """Record that the MOU review was carried out: the schedule moves to its next due date."""
    cycle = mou_review_cycle_for(partnership=partnership)
    if cycle is None:
        raise ValidationError(NO_REVIEW_CYCLE)
    return schedule_complete(schedule=cycle.schedule, by=by, completed_on=completed_on, notes=notes)


def mou_review_complete_on_adoption(*, draft: MouDraft, by: Membership | None) -> None:
    """Adopting a revised MOU completes the current review, when there is an active cycle."""
    cycle = mou_review_cycle_for(partnership=draft.partnership)
    if cycle is None or by is None or not cycle.schedule.is_active:
        return
    if not rubric_rules.may_work_on(by, cycle.schedule.owner_id):
        return
    version = draft.latest_version()
    schedule_complete(
        schedule=cycle.schedule,
        by=by,
        completed_on=timezone.localdate(),
        notes=gettext("Adopted “%(title)s”, version %(number)s.")
        % {"title": draft.title, "number": version.number if version else "?"},
    )


# --- e-mailed distribution of the adopted MOU --------------------------------------------------


def mou_distribute(
    *, draft: MouDraft, user: Any, resend: bool = False, site: str | None = None
) -> list[MouDistribution]:
    """E-mail the adopted version to every school administrator and SRO (or, on a resend, to
    those who have not acknowledged it yet), each with a link to read and acknowledge it."""
    from .drafting import ACKNOWLEDGING_ROLES, NOT_ADOPTED

    if not draft.is_frozen:
        raise ValidationError(NOT_ADOPTED)
    version = draft.latest_version()
    assert version is not None
    done = set(
        MouAcknowledgment.objects.filter(version=version).values_list("membership_id", flat=True)
    )
    members = (
        Membership.objects.for_partnership(draft.partnership)
        .filter(is_active=True, user__is_active=True, role__in=ACKNOWLEDGING_ROLES)
        .exclude(user__email="")
        .select_related("user")
    )
    recipients = [m for m in members if not (resend and m.pk in done)]
    if not recipients:
        raise ValidationError(NOBODY_TO_SEND)
    link = (site or base_url()) + reverse(
        "agreements:draft_detail",
        kwargs={"partnership_slug": draft.partnership.slug, "pk": draft.pk},
    )
    by = user if getattr(user, "is_authenticated", False) else None
    sent = []
    for member in recipients:
        language = getattr(member.user, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = (
                gettext("Reminder: please acknowledge the MOU “%(title)s”")
                if resend
                else gettext("The MOU “%(title)s” is adopted: please read and acknowledge it")
            ) % {"title": draft.title}
            body = render_to_string(
                "agreements/email/distribution.txt",
                {
                    "member": member,
                    "draft": draft,
                    "version": version,
                    "partnership": draft.partnership,
                    "link": link,
                    "resend": resend,
                },
            )
        send_mail(subject, body, None, [member.user.email])
        sent.append(
            MouDistribution.objects.create(
                partnership=draft.partnership,
                version=version,
                membership=member,
                email=member.user.email,
                is_resend=resend,
                sent_by=by,
            )
        )
    return sent
