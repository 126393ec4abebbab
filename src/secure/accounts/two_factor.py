"""Two-factor authentication rules and services (TOTP devices from django-otp)."""

from __future__ import annotations

import io
import secrets
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from secure.audit.models import AuditEvent
from secure.audit.registry import audit_record
from secure.partnerships.roles import PERSONAL_DATA_ROLES

from .models import User

WRONG_CODE = _("That code is not right. Check the time on your phone and try the newest code.")
STILL_REQUIRED = _("Your role needs two-factor authentication, so it cannot be turned off.")
BACKUP_CODE_COUNT = 10


def user_requires_two_factor(*, user: User) -> bool:
    """Whether this deployment requires two-factor authentication of ``user``.

    Required when enforcement is on and the person holds, in any partnership, a role that sees
    personal data.
    """
    if not settings.SECURE_REQUIRE_2FA:
        return False
    return user.memberships.filter(is_active=True, role__in=PERSONAL_DATA_ROLES).exists()


def user_has_two_factor(*, user: User) -> bool:
    """Whether ``user`` has finished setting up an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for ``user`` (reusing the one being set up, if any)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_secret_base32(*, device: TOTPDevice) -> str:
    """The device's secret as people type it into an authenticator app."""
    return b32encode(device.bin_key).decode().rstrip("=")


def totp_qr_svg(*, device: TOTPDevice) -> str:
    """An inline SVG QR code of the device's provisioning address."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str]:
    """Confirm ``device`` with a code from the app; returns new one-time backup codes."""
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError(WRONG_CODE)
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = backup_codes_replace(user=device.user)
    audit_record(action=AuditEvent.Action.TWO_FACTOR, object_repr="Two-factor turned on")
    return codes


def backup_codes_replace(*, user: User) -> list[str]:
    """Issue a fresh set of one-time backup codes, discarding any earlier ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [secrets.token_hex(4) for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    """Remove ``user``'s authenticator and backup codes, unless their role requires them."""
    if user_requires_two_factor(user=user):
        raise ValidationError(STILL_REQUIRED)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(action=AuditEvent.Action.TWO_FACTOR, object_repr="Two-factor turned off")
