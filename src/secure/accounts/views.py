"""Sign in, sign out, two-factor set-up and verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token

from .forms import SignInForm, TokenForm
from .two_factor import (
    STILL_REQUIRED,
    WRONG_CODE,
    totp_device_confirm,
    totp_device_start,
    totp_qr_svg,
    totp_secret_base32,
    two_factor_disable,
    user_has_two_factor,
    user_requires_two_factor,
)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    """The person's own security settings."""
    return render(
        request,
        "accounts/security.html",
        {
            "has_two_factor": user_has_two_factor(user=request.user),  # type: ignore[arg-type]
            "requires_two_factor": user_requires_two_factor(user=request.user),  # type: ignore[arg-type]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Add an authenticator app: scan the code, type the first number it shows."""
    user = request.user
    if user_has_two_factor(user=user) and not user.is_verified():  # type: ignore[arg-type,union-attr]
        return redirect("accounts:two_factor_verify")
    device = totp_device_start(user=user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = totp_device_confirm(device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            otp_login(request, device)
            return render(request, "accounts/two_factor_done.html", {"backup_codes": codes})
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": totp_qr_svg(device=device),
            "secret": totp_secret_base32(device=device),
            "required": user_requires_two_factor(user=user),  # type: ignore[arg-type]
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Second step of signing in: the code from the authenticator app or a backup code."""
    default = reverse("partnerships:home")
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_safe_next(request, default))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip().replace(" ", ""))
        if device is None:
            form.add_error("token", str(WRONG_CODE))
        else:
            otp_login(request, device)
            return redirect(_safe_next(request, default))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _safe_next(request, "")},
    )


@login_required
@require_http_methods(["POST"])
def two_factor_turn_off(request: HttpRequest) -> HttpResponse:
    """Remove the authenticator app (only where the role does not require it)."""
    try:
        two_factor_disable(user=request.user)  # type: ignore[arg-type]
    except ValidationError:
        messages.error(request, str(STILL_REQUIRED))
    else:
        messages.success(request, _("Two-factor authentication is off."))
    return redirect("accounts:security")
