"""Two-factor authentication: open to everyone, required for roles that see personal data."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from secure.accounts.two_factor import WRONG_CODE
from secure.audit.models import AuditEvent
from secure.partnerships.roles import PERSONAL_DATA_ROLES, Role

pytestmark = pytest.mark.django_db
DASHBOARD = "/p/riverside/"


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _plain_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", sorted(PERSONAL_DATA_ROLES))
def test_roles_that_see_personal_data_must_set_up_two_factor(role, members, settings):
    """Signed in with a password only, they are sent to set up an authenticator."""
    settings.SECURE_REQUIRE_2FA = True
    client = _plain_client(members[("riverside", role)].user)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor_setup")


def test_community_stakeholders_are_not_required_to(members, settings):
    """Roles without personal data get in with a password alone."""
    settings.SECURE_REQUIRE_2FA = True
    client = _plain_client(members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user)
    assert client.get(DASHBOARD).status_code == 200


def test_deployments_can_turn_the_requirement_off(members, settings):
    """SECURE_REQUIRE_2FA=0 (the demo) lets every role in with a password."""
    settings.SECURE_REQUIRE_2FA = False
    client = _plain_client(members[("riverside", Role.DATA_ANALYST)].user)
    assert client.get(DASHBOARD).status_code == 200


def test_setting_up_an_authenticator(members, settings):
    """A wrong code is refused and kept; the right code turns it on and shows backup codes."""
    settings.SECURE_REQUIRE_2FA = True
    user = members[("riverside", Role.COMPLAINT_INVESTIGATOR)].user
    client = _plain_client(user)
    page = client.get(reverse("accounts:two_factor_setup"))
    assert "<svg" in page.content.decode()
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
    assert str(WRONG_CODE) in response.content.decode().replace("&#x27;", "'")
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("accounts:two_factor_setup"), {"token": _code(device)})
    assert response.status_code == 200
    assert len(response.context["backup_codes"]) == 10
    assert client.get(DASHBOARD).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TWO_FACTOR, actor=user).exists()


def test_people_with_an_authenticator_enter_a_code_after_their_password(members, settings):
    """Having a device, the second step is asked of everyone, then the page they wanted opens."""
    settings.SECURE_REQUIRE_2FA = False
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no back-off delay between the two tries below
    user = members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = _plain_client(user)
    response = client.get(DASHBOARD)
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    response = client.post(response["Location"], {"token": "123456", "next": DASHBOARD})
    assert response.status_code == 200  # wrong code: the form again
    response = client.post(
        reverse("accounts:two_factor_verify"), {"token": _code(device), "next": DASHBOARD}
    )
    assert response["Location"] == DASHBOARD


def test_the_code_step_does_not_redirect_off_site(members):
    """The ``next`` address after verification must be on this site."""
    user = members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = _plain_client(user)
    response = client.post(
        reverse("accounts:two_factor_verify"),
        {"token": _code(device), "next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("partnerships:home")


def test_two_factor_cannot_be_turned_off_where_the_role_requires_it(members, client_for, settings):
    """Required roles keep their authenticator; others may remove it."""
    settings.SECURE_REQUIRE_2FA = True
    required = client_for("riverside", Role.AUDITOR)
    required.post(reverse("accounts:two_factor_off"))
    assert TOTPDevice.objects.filter(user=members[("riverside", Role.AUDITOR)].user).exists()
    optional = client_for("riverside", Role.COMMUNITY_STAKEHOLDER)
    optional.post(reverse("accounts:two_factor_off"))
    assert not TOTPDevice.objects.filter(
        user=members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user
    ).exists()


def test_wrong_codes_slow_down_guessing(members):
    """After a wrong code, even the right one is refused until the back-off delay passes."""
    user = members[("riverside", Role.COMMUNITY_STAKEHOLDER)].user
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = _plain_client(user)
    client.post(reverse("accounts:two_factor_verify"), {"token": "123456"})
    response = client.post(reverse("accounts:two_factor_verify"), {"token": _code(device)})
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_verified()
