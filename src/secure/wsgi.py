"""WSGI entry point for gunicorn: ``gunicorn secure.wsgi``."""

from secure.cli import configure_settings

configure_settings()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
