"""The private iCalendar feed: opened by calendar apps with the secret address, not a session."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from .. import services
from ..ical import member_calendar


@require_GET
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's schedules and dated items; unknown, reset or inactive addresses get 404."""
    membership = services.calendar_feed_member(token)
    if membership is None:
        raise Http404
    site = f"{request.scheme}://{request.get_host()}"
    response = HttpResponse(
        member_calendar(membership=membership, site=site),
        content_type="text/calendar; charset=utf-8",
    )
    response["Cache-Control"] = "private, max-age=900"
    return response
