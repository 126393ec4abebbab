"""Pseudonymous student keys: HMAC-SHA256 of the district's student ID with a per-partnership key.

The key is derived from SECRET_KEY and the partnership's random salt (``IncidentSettings``), so
it is in no repository and differs between partnerships: the same student links across one
partnership's incidents, and nobody can recompute a key from a guessed ID without both secrets.
The raw ID is never stored. Rotating SECRET_KEY breaks the links to earlier records
(docs/decisions/0040).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction

from secure.partnerships.models import Partnership

from .models import IncidentSettings

KEY_LENGTH = 64


def incident_settings_for(*, partnership: Partnership) -> IncidentSettings:
    """The partnership's incident settings, created (with a fresh salt) on first use."""
    with transaction.atomic():
        found, _created = IncidentSettings.objects.get_or_create(partnership=partnership)
    return found


def pseudonym_secret(*, partnership: Partnership) -> bytes:
    """The partnership's HMAC key: SHA-256 of SECRET_KEY and the partnership's salt."""
    salt = incident_settings_for(partnership=partnership).salt
    material = f"secure-student-pseudonym:{settings.SECRET_KEY}:{salt}".encode()
    return hashlib.sha256(material).digest()


def student_id_normalize(raw: str) -> str:
    """The form of a student ID that is hashed: no surrounding spaces, upper case."""
    return raw.strip().upper()


def student_key(*, secret: bytes, raw_id: str) -> str:
    """The pseudonymous key of a student ID under a partnership's secret."""
    return hmac.new(secret, student_id_normalize(raw_id).encode(), hashlib.sha256).hexdigest()


def looks_like_key(value: str) -> bool:
    """Whether ``value`` is already a key (64 lower-case hex digits), as in a staged upload."""
    return len(value) == KEY_LENGTH and all(c in "0123456789abcdef" for c in value)
