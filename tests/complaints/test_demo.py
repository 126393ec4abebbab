"""The demo shows complaints in every state, one of them overdue, in both partnerships."""

from __future__ import annotations

import pytest

from secure.complaints.models import Complaint
from secure.core.demo import demo_seed

pytestmark = pytest.mark.django_db


def test_demo_complaints_cover_every_state_and_an_overdue_one():
    """Each demo partnership has received, under review, resolved and closed complaints."""
    for partnership in demo_seed():
        complaints = list(Complaint.objects.for_partnership(partnership))
        assert {c.status for c in complaints} == set(Complaint.Status.values)
        assert any(c.acknowledgement_overdue() for c in complaints)
        assert any(c.language == "es" for c in complaints)
        resolved = [c for c in complaints if c.resolved_at]
        assert all(c.resolved_at > c.received_at for c in resolved)
