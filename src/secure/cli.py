"""The ``secure`` command: every operational task, on the same services as the web app.

``secure <command> [options]`` runs the Django management command of that name (``serve``,
``demo``, ``migrate``, ``createadmin``, ``check``, ``roles`` …) with SECURE's settings;
``secure equity`` runs the equity engine, which needs no database.
"""

from __future__ import annotations

import os
import sys


def configure_settings() -> None:
    """Pick the settings module from SECURE_ENV (production) unless one is set explicitly."""
    if os.environ.get("SECURE_ENV", "").lower() == "production":
        default = "secure.settings.production"
    else:
        default = "secure.settings.local"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``secure`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "equity":
        from secure.equity.cli import main as equity_main

        return equity_main(args[1:])
    if args and args[0] == "demo":
        # The demo shows every role without two-factor set-up, says so in a banner, and serves
        # like production (friendly error pages, gunicorn) unless DEBUG is set explicitly.
        os.environ.setdefault("SECURE_DEMO_MODE", "1")
        os.environ.setdefault("SECURE_REQUIRE_2FA", "0")
        os.environ.setdefault("DEBUG", "0")
    configure_settings()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["secure", *args] if args else ["secure", "help"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
