"""Codes people type: random, unambiguous, stored only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O, 1/I/L: a code read off paper must not be misread.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def code_new() -> str:
    """A fresh code such as ``K7PQ2-MX9RT`` (about 50 bits)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def code_normalise(code: str) -> str:
    """Upper case, separators and spaces dropped."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    """HMAC-SHA256 of the normalised code, keyed from SECRET_KEY."""
    key = hashlib.sha256(f"surveys:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, code_normalise(code).encode(), hashlib.sha256).hexdigest()


def token_new() -> str:
    """An unguessable URL token."""
    return secrets.token_urlsafe(24)
