"""Abuse resistance that needs no outside service: rate limits, a honeypot, a proof of work.

Rate limits count in Django's cache (Redis when configured, otherwise this process's memory), in
fixed windows. The proof of work is a small puzzle the browser solves in well under a second with
JavaScript; without JavaScript the form is accepted when it was on screen for a few seconds, so
nobody is shut out, while a script posting at machine speed is refused.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

from secure.audit.middleware import client_ip

_SALT = "secure.complaints.challenge"


@dataclass(frozen=True)
class Limit:
    """At most ``count`` actions per ``seconds`` for one key."""

    name: str
    count: int
    seconds: int


def _limits() -> dict[str, Limit]:
    configured = getattr(settings, "SECURE_COMPLAINT_LIMITS", {})
    defaults = {
        # Complaints filed from one address.
        "submit": Limit("submit", 5, 60 * 60),
        # Form steps saved from one address (generous: people go back and forth).
        "step": Limit("step", 120, 10 * 60),
        # Wrong record number or code from one address: stops guessing codes.
        "lookup": Limit("lookup", 10, 15 * 60),
        # Wrong codes for one record number, from anywhere.
        "lookup_record": Limit("lookup_record", 10, 60 * 60),
        # Additions to complaints from one address.
        "add": Limit("add", 10, 60 * 60),
    }
    for name, (count, seconds) in configured.items():
        defaults[name] = Limit(name, count, seconds)
    return defaults


def _key(limit: Limit, who: str) -> str:
    window = int(time.time()) // limit.seconds
    digest = hashlib.sha256(who.encode()).hexdigest()[:32]
    return f"complaints:rate:{limit.name}:{window}:{digest}"


def rate_limited(*, name: str, who: str) -> bool:
    """Whether ``who`` has already used up limit ``name`` in the current window."""
    limit = _limits()[name]
    return int(cache.get(_key(limit, who), 0)) >= limit.count


def rate_count(*, name: str, who: str) -> None:
    """Count one action of ``who`` against limit ``name``."""
    limit = _limits()[name]
    key = _key(limit, who)
    if cache.add(key, 1, timeout=limit.seconds + 5):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds + 5)


def requester(request: HttpRequest) -> str:
    """Who to count a public request against: the client's address."""
    return client_ip(request) or "unknown"


# The honeypot: a field hidden from people (and from screen readers) that scripts fill in.
HONEYPOT_FIELD = "website"


def honeypot_filled(data: Mapping[str, Any]) -> bool:
    """A value in the hidden field means a script filled the form."""
    return bool(str(data.get(HONEYPOT_FIELD, "") or "").strip())


# The proof of work.


def pow_bits() -> int:
    return int(getattr(settings, "SECURE_COMPLAINT_POW_BITS", 12))


def min_seconds_without_js() -> float:
    return float(getattr(settings, "SECURE_COMPLAINT_MIN_SECONDS", 4))


def challenge_issue(*, now: float | None = None) -> str:
    """A signed, single-use puzzle: a random nonce and the time it was issued."""
    issued = time.time() if now is None else now
    return signing.dumps({"n": secrets.token_hex(12), "t": issued}, salt=_SALT)


def leading_zero_bits(digest: bytes) -> int:
    """How many zero bits the digest starts with."""
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        bits += 8 - byte.bit_length()
        break
    return bits


def pow_solves(*, challenge: str, solution: str, bits: int) -> bool:
    """Whether SHA-256 of ``challenge:solution`` starts with ``bits`` zero bits."""
    if not solution or len(solution) > 20 or not solution.isdigit():
        return False
    digest = hashlib.sha256(f"{challenge}:{solution}".encode()).digest()
    return leading_zero_bits(digest) >= bits


def challenge_passes(
    *, challenge: str, solution: str, now: float | None = None, max_age: float = 6 * 60 * 60
) -> bool:
    """The form may be accepted: a genuine, unused, recent challenge that was solved, or that
    has been on screen long enough for a person to read the page (the path without JavaScript).
    """
    now = time.time() if now is None else now
    try:
        data = signing.loads(challenge, salt=_SALT)
        issued = float(data["t"])
        nonce = str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return False
    age = now - issued
    if age < 0 or age > max_age:
        return False
    solved = pow_solves(challenge=challenge, solution=solution, bits=pow_bits())
    if not solved and age < min_seconds_without_js():
        return False
    # Single use: the same challenge cannot file a second complaint.
    return bool(cache.add(f"complaints:challenge:{nonce}", 1, timeout=int(max_age) + 60))
