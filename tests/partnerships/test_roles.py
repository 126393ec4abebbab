"""What each role may do is defined once, documented from the code, and enforced on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import resolve, reverse

from secure.partnerships.roles import PERMISSIONS, Role, permissions_table_markdown, role_can

from ..pages import PARTNERSHIP_PAGES, partnership_url_kwargs

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def test_docs_table_matches_the_code():
    """docs/roles.md carries the table generated from PERMISSIONS (run `secure roles`)."""
    assert permissions_table_markdown() in DOCS.read_text()


def test_auditors_read_everything_and_change_nothing():
    """The auditor holds every read permission and no write permission."""
    for permission in PERMISSIONS.values():
        assert role_can(Role.AUDITOR, permission.code) is (not permission.writes)


def test_unknown_permissions_are_an_error():
    """A typo in a permission code fails loudly instead of denying or allowing silently."""
    with pytest.raises(KeyError):
        role_can(Role.PARTNERSHIP_ADMIN, "school.delete_everything")


@pytest.mark.parametrize("name", sorted(PARTNERSHIP_PAGES))
def test_every_page_answers_each_role_as_the_table_says(name, riverside, client_for):
    """A role with the page's permission gets it (200); a role without gets 403."""
    url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
    permission = resolve(url).func.secure_permission
    wrong = []
    for role in Role:
        expected = 200 if role_can(role, permission) else 403
        got = client_for("riverside", role).get(url).status_code
        if got != expected:
            wrong.append(f"{role}: {got}, expected {expected}")
    assert wrong == [], f"{name} ({permission})"
