"""A brake on guessing codes: wrong codes from one address are counted in the cache, briefly.

The count lives only in the cache (never the database), keyed by a hash of the address and a
15-minute window, and is never linked to a response.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from secure.audit.middleware import client_ip

WINDOW_SECONDS = 15 * 60


def max_failures() -> int:
    return int(getattr(settings, "SURVEY_CODE_FAILURES_PER_WINDOW", 20))


def _key(request: HttpRequest) -> str:
    address = client_ip(request) or "unknown"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"surveys:code-failures:{int(time.time()) // WINDOW_SECONDS}:{digest}"


def code_guessing_blocked(request: HttpRequest) -> bool:
    """Whether this address has typed too many wrong codes in the current window."""
    return int(cache.get(_key(request), 0)) >= max_failures()


def code_failure_count(request: HttpRequest) -> None:
    """Count one wrong code from this address."""
    key = _key(request)
    if not cache.add(key, 1, timeout=WINDOW_SECONDS + 5):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=WINDOW_SECONDS + 5)
