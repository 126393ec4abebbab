"""No member of one partnership can read or change another's data, whatever URL or id they try."""

from __future__ import annotations

import pytest
from django.urls import resolve, reverse

from secure.audit.models import AuditEvent
from secure.partnerships.roles import Role

from ..pages import (
    NOT_PAGES,
    OTHER_PAGES,
    PARTNERSHIP_PAGES,
    PUBLIC_PAGES,
    all_url_names,
    partnership_url_kwargs,
)

pytestmark = pytest.mark.django_db


def test_every_url_is_listed_for_the_page_checks():
    """Each URL is in exactly one list, so new pages join the tenancy and accessibility checks."""
    listed = set(PARTNERSHIP_PAGES) | set(PUBLIC_PAGES) | set(OTHER_PAGES) | NOT_PAGES
    assert all_url_names() - listed == set(), "add new URLs to tests/pages.py"
    assert listed - all_url_names() == set(), "tests/pages.py lists URLs that no longer exist"


def test_every_partnership_page_is_guarded(riverside, members):
    """Every view inside a partnership workspace goes through the membership-and-permission gate."""
    for name in PARTNERSHIP_PAGES:
        url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
        view = resolve(url).func
        assert getattr(view, "secure_permission", None), (
            f"{name} is not wrapped by partnership_view"
        )


INJECTED = {"name": "Injected", "role": "auditor", "is_active": "", "action": "note", "text": "x"}


def _refused_without_trace(client, url: str) -> None:
    """GET and POST both answer 404, and the POST leaves nothing in the audit trail."""
    assert client.get(url).status_code == 404, url
    before = AuditEvent.objects.count()
    assert client.post(url, INJECTED).status_code == 404, url
    assert AuditEvent.objects.count() == before, f"POST {url} changed something"


@pytest.mark.parametrize("name", sorted(PARTNERSHIP_PAGES))
def test_members_of_another_partnership_get_not_found(name, riverside, lakeside, client_for):
    """A Lakeside administrator gets 404 for every Riverside page, GET or POST, and changes nothing."""
    client = client_for("lakeside", Role.PARTNERSHIP_ADMIN)
    _refused_without_trace(
        client, reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
    )


@pytest.mark.parametrize(
    "name",
    sorted(
        n
        for n in PARTNERSHIP_PAGES
        if PARTNERSHIP_PAGES[n].__name__ != "_none" and n != "partnerships:step_detail"
    ),
)
def test_another_partnerships_ids_are_not_found_in_your_own(name, riverside, lakeside, client_for):
    """In their own workspace, a Lakeside administrator cannot open or change Riverside's records by id."""
    client = client_for("lakeside", Role.PARTNERSHIP_ADMIN)
    _refused_without_trace(
        client, reverse(name, kwargs=partnership_url_kwargs(name, lakeside, riverside))
    )


@pytest.mark.parametrize("name", sorted(PARTNERSHIP_PAGES))
def test_signed_out_visitors_are_sent_to_sign_in(name, riverside, members, client):
    """Partnership pages ask anonymous visitors to sign in."""
    url = reverse(name, kwargs=partnership_url_kwargs(name, riverside, riverside))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_inactive_members_are_locked_out_of_their_partnership(riverside, members, client_for):
    """Deactivating a membership closes the partnership to that person at once."""
    client = client_for("riverside", Role.DATA_ANALYST)
    membership = members[("riverside", Role.DATA_ANALYST)]
    membership.is_active = False
    membership.save()
    assert client.get(reverse("partnerships:dashboard", args=["riverside"])).status_code == 404


def test_switching_to_a_partnership_you_do_not_belong_to_is_refused(
    riverside, lakeside, client_for
):
    """The switcher only switches to the person's own partnerships."""
    client = client_for("riverside", Role.DISTRICT_LEADER)
    response = client.post(reverse("partnerships:switch"), {"partnership": "lakeside"})
    assert response.status_code == 404
