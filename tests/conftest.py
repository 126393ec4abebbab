"""Shared fixtures: two partnerships with a member for every role, and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from secure.partnerships.models import Membership, Partnership
from secure.partnerships.roles import Role

from .factories import member_make, partnership_make, school_make


@pytest.fixture
def riverside(db) -> Partnership:
    partnership = partnership_make("riverside", name="Riverside")
    school_make(partnership, name="Riverside High")
    return partnership


@pytest.fixture
def lakeside(db) -> Partnership:
    partnership = partnership_make("lakeside", name="Lakeside")
    school_make(partnership, name="Lakeside High")
    return partnership


@pytest.fixture
def members(riverside: Partnership, lakeside: Partnership) -> dict[tuple[str, str], Membership]:
    """One member per role in each partnership, keyed by (slug, role)."""
    return {
        (p.slug, role): member_make(p, role, email=f"{role}@{p.slug}.example.org")
        for p in (riverside, lakeside)
        for role in Role
    }


@pytest.fixture
def client_for(members) -> Callable[[str, str], Client]:
    """A client signed in as the member with ``role`` in the partnership ``slug``."""

    def make(slug: str, role: str) -> Client:
        return signed_in_client(members[(slug, role)].user)

    return make


def signed_in_client(user) -> Client:
    """A client signed in as ``user`` with a verified authenticator, as after a full sign-in."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
