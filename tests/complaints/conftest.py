"""Complaint tests start with empty rate-limit counters and no waiting on the review page."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_limits(settings):
    cache.clear()
    settings.SECURE_COMPLAINT_MIN_SECONDS = 0
    yield
    cache.clear()
