"""Serving: gunicorn with production settings, static files, security headers, friendly errors."""

from __future__ import annotations

import base64
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

SECURE = str(Path(sys.executable).parent / "secure")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    # As the TLS-terminating proxy in front of gunicorn would send it.
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310  (local test server)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_production_serving_with_gunicorn(tmp_path):
    """`secure serve` under SECURE_ENV=production runs gunicorn, answers, and serves hashed static files."""
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        SECURE_ENV="production",
        SECRET_KEY="a-long-random-secret-used-only-by-this-test-" + "z" * 20,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECURE_VAR_DIR=str(tmp_path),
        SECURE_SSL_REDIRECT="0",
        SECURE_ENCRYPTION_KEYS=base64.urlsafe_b64encode(b"k" * 32).decode(),
    )
    subprocess.run([SECURE, "migrate", "--noinput", "-v", "0"], env=env, check=True, timeout=120)
    server = subprocess.Popen(
        [SECURE, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, _headers, body = _get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        assert status == 200 and b"ok" in body
        status, headers, page = _get(base + "/accounts/login/")
        assert status == 200
        assert "Content-Security-Policy" in headers
        assert headers.get("Strict-Transport-Security", "").startswith("max-age=")
        css = re.search(rb'href="(/static/secure/css/secure\.[0-9a-f]{12}\.css)"', page)
        assert css, "static URLs are hashed in production"
        status, headers, _body = _get(base + css.group(1).decode())
        assert status == 200
        assert "max-age=315360000" in headers.get("Cache-Control", "")
        status, _headers, body = _get(base + "/no-such-page/")
        assert status == 404 and b"We can" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db
def test_every_page_sends_the_security_headers(client: Client):
    """CSP with no inline scripts, no framing, no sniffing, same-origin referrers."""
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_scripts_or_styles():
    """The Content-Security-Policy can stay strict because no template carries inline code."""
    root = Path(__file__).resolve().parents[2] / "src" / "secure"
    offenders = []
    for template in root.glob("*/templates/**/*.html"):
        if template.name.endswith("_pdf.html"):
            continue  # rendered to PDF by WeasyPrint on the server, never sent to a browser
        text = template.read_text()
        if (
            re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
            or re.search(r"\sstyle=\"", text)
            or "<style" in text
        ):
            offenders.append(str(template.relative_to(root)))
    assert offenders == []


@pytest.mark.django_db
def test_server_errors_show_a_friendly_page():
    """An unexpected error shows the plain 500 page, not a stack trace."""
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


@pytest.mark.django_db
def test_expired_forms_explain_themselves():
    """A missing CSRF token gets a page that says what to do."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert b"Your form expired" in response.content
