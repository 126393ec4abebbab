"""Writes for partnerships, schools, organizations and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _

from secure.accounts.models import User

from .models import Membership, Organization, Partnership, School
from .roles import Role

LAST_ADMIN = _("A partnership needs at least one active partnership administrator.")
ALREADY_MEMBER = _("This person is already a member of the partnership.")


@transaction.atomic
def partnership_create(
    *, name: str, slug: str, district_name: str, agency_name: str, state: str = ""
) -> Partnership:
    """A new partnership with its district and agency as its first organizations."""
    partnership = Partnership(
        name=name, slug=slug, district_name=district_name, agency_name=agency_name, state=state
    )
    partnership.full_clean()
    partnership.save()
    organization_create(
        partnership=partnership, name=district_name, kind=Organization.Kind.SCHOOL_DISTRICT
    )
    organization_create(
        partnership=partnership, name=agency_name, kind=Organization.Kind.LAW_ENFORCEMENT
    )
    return partnership


def organization_create(
    *, partnership: Partnership, name: str, kind: str, website: str = ""
) -> Organization:
    """Add an organization to the partnership."""
    organization = Organization(partnership=partnership, name=name, kind=kind, website=website)
    organization.full_clean()
    organization.save()
    return organization


def school_create(*, partnership: Partnership, **fields: Any) -> School:
    """Add a school to the partnership."""
    school = School(partnership=partnership, **fields)
    school.full_clean()
    school.save()
    return school


def school_update(*, school: School, **fields: Any) -> School:
    """Change a school's details."""
    for name, value in fields.items():
        setattr(school, name, value)
    school.full_clean()
    school.save()
    return school


def _send_welcome(*, user: User, partnership: Partnership, request: HttpRequest | None) -> None:
    """E-mail a new member a one-time link to choose their password."""
    context = {
        "partnership": partnership,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "protocol": "https" if request is not None and request.is_secure() else "http",
        "domain": request.get_host() if request is not None else "localhost",
    }
    subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
    body = render_to_string("accounts/email/welcome.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def membership_add(
    *,
    partnership: Partnership,
    email: str,
    role: str,
    full_name: str = "",
    title: str = "",
    organization: Organization | None = None,
    password: str | None = None,
    request: HttpRequest | None = None,
) -> Membership:
    """Make a person a member with a role, creating their account (and inviting them) if new."""
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(email=email, password=password, full_name=full_name)
    elif Membership.objects.filter(user=user, partnership=partnership).exists():
        raise ValidationError({"email": ALREADY_MEMBER})
    if organization is not None and organization.partnership_id != partnership.pk:
        raise ValidationError(
            {"organization": _("Choose one of this partnership's organizations.")}
        )
    membership = Membership(
        partnership=partnership, user=user, role=role, title=title, organization=organization
    )
    membership.full_clean()
    membership.save()
    if created and password is None:
        transaction.on_commit(
            lambda: _send_welcome(user=user, partnership=partnership, request=request)
        )
    return membership


def _active_admins(partnership: Partnership) -> int:
    return Membership.objects.filter(
        partnership=partnership, role=Role.PARTNERSHIP_ADMIN, is_active=True
    ).count()


@transaction.atomic
def membership_update(
    *,
    membership: Membership,
    role: str,
    is_active: bool,
    title: str = "",
    organization: Organization | None = None,
) -> Membership:
    """Change a member's role, title, organization or active state; keep one administrator."""
    Membership.objects.select_for_update().filter(partnership=membership.partnership_id).exists()
    was_admin = membership.role == Role.PARTNERSHIP_ADMIN and membership.is_active
    stays_admin = role == Role.PARTNERSHIP_ADMIN and is_active
    if was_admin and not stays_admin and _active_admins(membership.partnership) <= 1:
        raise ValidationError(LAST_ADMIN)
    if organization is not None and organization.partnership_id != membership.partnership_id:
        raise ValidationError(
            {"organization": _("Choose one of this partnership's organizations.")}
        )
    membership.role = role
    membership.is_active = is_active
    membership.title = title
    membership.organization = organization
    membership.full_clean()
    membership.save()
    return membership
