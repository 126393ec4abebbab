"""``secure serve``: the development server when DEBUG is on, gunicorn otherwise."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve SECURE: Django's development server with DEBUG on, gunicorn without it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collecting static files before starting gunicorn.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"SECURE at http://{address}/", ending="\n")
        self.stdout.flush()
        if settings.DEBUG:
            call_command("runserver", address, use_reloader=False)
            return
        if not options["no_collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=0)
        os.execv(  # noqa: S606  (replaces this process with gunicorn, no shell)
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "secure.wsgi:application",
                "--bind",
                address,
                "--workers",
                str(options["workers"]),
                "--access-logfile",
                "-",
            ],
        )
