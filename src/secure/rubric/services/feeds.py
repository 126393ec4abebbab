"""Private iCalendar addresses: a per-member secret, checked with an HMAC, reset at will."""

from __future__ import annotations

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

from secure.partnerships.models import Membership

from .. import rules
from ..models import CalendarFeed

_SALT = "secure.rubric.calendar-feed"


def _signature(feed: CalendarFeed) -> str:
    return salted_hmac(
        _SALT, f"{feed.membership_id}:{feed.secret}", algorithm="sha256"
    ).hexdigest()[:40]


def calendar_feed_for(*, membership: Membership) -> CalendarFeed:
    """The member's feed, created on first use."""
    feed = CalendarFeed.objects.filter(membership=membership).first()
    if feed is None:
        feed = CalendarFeed.objects.create(
            partnership_id=membership.partnership_id,
            membership=membership,
            secret=secrets.token_hex(32),
        )
    return feed


def calendar_feed_token(feed: CalendarFeed) -> str:
    """The token in the feed's address: the membership id and a signature of its secret."""
    return f"{feed.membership_id}-{_signature(feed)}"


def calendar_feed_reset(*, membership: Membership) -> CalendarFeed:
    """A new secret: the old address stops working at once."""
    feed = calendar_feed_for(membership=membership)
    feed.secret = secrets.token_hex(32)
    feed.save()
    return feed


def calendar_feed_member(token: str) -> Membership | None:
    """The active member whose feed this token opens, or None."""
    membership_id, _sep, signature = token.partition("-")
    if not membership_id.isdigit() or not signature:
        return None
    feed = (
        CalendarFeed.objects.select_related("membership__user", "membership__partnership")
        .filter(membership_id=int(membership_id))
        .first()
    )
    if feed is None or not constant_time_compare(signature, _signature(feed)):
        return None
    membership = feed.membership
    if not (membership.user.is_active and rules.may_own(membership)):
        return None
    return membership
