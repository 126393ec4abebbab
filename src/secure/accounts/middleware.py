"""Send people who must use two-factor authentication to set it up or enter their code."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .two_factor import user_has_two_factor, user_requires_two_factor

# Paths a half-signed-in person may still reach.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/accounts/logout/", "/accounts/two-factor/")


class TwoFactorRequiredMiddleware:
    """Signed in but not verified: verify if you have a device; set one up if your role needs it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            if user_has_two_factor(user=user):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('accounts:two_factor_verify')}?{query}")
            if user_requires_two_factor(user=user):
                return redirect(reverse("accounts:two_factor_setup"))
        return self.get_response(request)
