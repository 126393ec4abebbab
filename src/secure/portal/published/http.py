"""HTTP helpers shared by the open-data files and the API: ETag, Cache-Control, 304."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

# Browsers and shared caches may keep published data this many seconds.
DATA_MAX_AGE = 300


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def client_has(request: HttpRequest, tag: str) -> bool:
    """Whether ``If-None-Match`` names ``tag``, compared weakly as RFC 9110 asks for that header:
    a compressed response's tag comes back marked weak (``W/"…"``) and still matches."""
    wanted = {
        t.strip().removeprefix("W/") for t in request.headers.get("If-None-Match", "").split(",")
    }
    return tag in wanted or "*" in wanted


def cached_response(
    request: HttpRequest,
    body: bytes | str,
    *,
    content_type: str,
    filename: str | None = None,
) -> HttpResponse:
    """A public, cacheable response with a strong ETag; 304 when the client already has it."""
    data = body.encode() if isinstance(body, str) else body
    tag = etag_for(data)
    if client_has(request, tag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(data, content_type=content_type)
        if filename:
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = tag
    response["Cache-Control"] = f"public, max-age={DATA_MAX_AGE}"
    response["Vary"] = "Accept-Language, Cookie"
    return response
