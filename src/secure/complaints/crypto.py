"""Encryption at rest for complaint details: Fernet tokens under keys from the environment.

``SECURE_ENCRYPTION_KEYS`` lists Fernet keys, newest first: the first encrypts, all decrypt, so a
key is rotated by putting a new one in front and running ``secure complaints rotate-keys``.
Production refuses to start without it; elsewhere a key derived from ``SECRET_KEY`` is used, which
is fine for a laptop and useless for real data.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

UNREADABLE = (
    "A complaint field could not be decrypted: is SECURE_ENCRYPTION_KEYS missing the key it was "
    "written with?"
)
BAD_KEY = (
    "SECURE_ENCRYPTION_KEYS holds a value that is not a Fernet key (32 url-safe base64 bytes)."
)


def local_key(secret: str) -> bytes:
    """A Fernet key derived from the Django secret: for development and tests only."""
    digest = hashlib.sha256(b"secure.complaints local key|" + secret.encode()).digest()
    return base64.urlsafe_b64encode(digest)


@lru_cache(maxsize=4)
def _cipher(keys: tuple[str, ...], secret: str) -> MultiFernet:
    try:
        fernets = [Fernet(k.encode()) for k in keys] or [Fernet(local_key(secret))]
    except ValueError as error:
        raise ImproperlyConfigured(BAD_KEY) from error
    return MultiFernet(fernets)


def cipher() -> MultiFernet:
    """The MultiFernet for the configured keys."""
    return _cipher(tuple(settings.SECURE_ENCRYPTION_KEYS), settings.SECRET_KEY)


def encrypt_bytes(data: bytes) -> bytes:
    return cipher().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    try:
        return cipher().decrypt(token)
    except InvalidToken as error:
        raise ImproperlyConfigured(UNREADABLE) from error


def encrypt_text(value: str) -> str:
    """The token for ``value``; the empty string stays empty (nothing to protect)."""
    if value == "":
        return ""
    return encrypt_bytes(value.encode()).decode("ascii")


def decrypt_text(token: str) -> str:
    if token == "":
        return ""
    return decrypt_bytes(token.encode("ascii")).decode()


def rotate_text(token: str) -> str:
    """The same value re-encrypted under the newest key."""
    if token == "":
        return ""
    return cipher().rotate(token.encode("ascii")).decode("ascii")
