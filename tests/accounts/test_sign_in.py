"""Signing in: e-mail and password, lockout, password reset, sessions."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from secure.audit.models import AuditEvent
from secure.partnerships.roles import Role

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _sign_in(client, email, password=PASSWORD):
    return client.post(LOGIN, {"username": email, "password": password})


def test_a_member_signs_in_with_email_and_password(members, client):
    """Correct credentials sign in, are case-insensitive in the e-mail, and are audited."""
    email = "Community_Stakeholder@Riverside.example.org"
    response = _sign_in(client, email)
    assert response.status_code == 302
    assert client.get(reverse("partnerships:dashboard", args=["riverside"])).status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.actor == members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user
    assert event.ip_address == "127.0.0.1"


def test_a_wrong_password_is_refused_audited_and_keeps_the_email(members, client):
    """A failed sign-in says so, keeps what was typed, and goes into the audit trail."""
    response = _sign_in(client, "auditor@riverside.example.org", "wrong-password")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()
    assert 'value="auditor@riverside.example.org"' in response.content.decode()
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.actor_label == "auditor@riverside.example.org"


def test_repeated_failures_lock_the_account(members, client):
    """After the configured number of failures even the right password is refused for a while."""
    email = "auditor@riverside.example.org"
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, email, "wrong-password")
    response = _sign_in(client, email)
    assert response.status_code == 429
    assert "paused" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOCKED_OUT).exists()
    assert client.get(reverse("partnerships:dashboard", args=["riverside"])).status_code == 302


def test_password_reset_by_email(members, client):
    """A reset link arrives by e-mail, sets a new password once, and the new password works."""
    email = "data_analyst@riverside.example.org"
    client.post(reverse("accounts:password_reset"), {"email": email})
    assert len(mail.outbox) == 1
    link = re.search(
        r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body
    ).group(1)
    form_url = client.get(link)["Location"]
    new_password = "a-much-better-passphrase-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert _sign_in(client, email, new_password).status_code == 302
    assert "used or has expired" in Client().get(link, follow=True).content.decode()


def test_password_reset_does_not_reveal_whether_an_account_exists(db, client):
    """Unknown addresses get the same answer and no e-mail."""
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_sessions_expire():
    """Sessions end when the browser closes and after two idle hours."""
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE <= 2 * 60 * 60


def test_sign_out_is_a_post_and_is_audited(members, client_for):
    """Signing out ends the session and is recorded."""
    client = client_for("riverside", Role.SRO)
    client.post(reverse("accounts:logout"))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).count() == 1
    assert client.get(reverse("partnerships:dashboard", args=["riverside"])).status_code == 302


def test_passwords_are_hashed_with_argon2_in_production_settings():
    """Argon2id is the first hasher of the real settings (tests use a fast one)."""
    from secure.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
