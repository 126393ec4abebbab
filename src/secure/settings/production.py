"""Production settings (``SECURE_ENV=production``): refuse to start without real configuration."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

MISSING_SETTING = "SECURE_ENV=production needs the environment variable {name}."

for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SECURE_ENCRYPTION_KEYS"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(MISSING_SETTING.format(name=_name))

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # HTTPS only, for good
if env_bool("SECURE_BEHIND_PROXY", True):
    # The TLS-terminating proxy in front of gunicorn tells us the original scheme.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
