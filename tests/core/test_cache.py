"""The cache that holds rate limits can be the machine's Redis, shared by every worker."""

from __future__ import annotations

import socket

import pytest
from django.core.cache import caches


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_a_redis_cache_url_shares_counters(settings):
    """With CACHE_URL=redis://…, a counter written by one connection is read by another."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "secure-test",
        }
    }
    cache = caches["default"]
    cache.delete("attempts")
    cache.add("attempts", 0, timeout=30)
    cache.incr("attempts")
    other = caches.create_connection("default")
    assert other.get("attempts") == 1
    cache.delete("attempts")
