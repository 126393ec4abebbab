"""``secure demo``: seed the demo partnerships (once) and serve the app."""

from __future__ import annotations

import json
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from secure.core.demo import demo_exists, demo_seed, demo_users


class Command(BaseCommand):
    help = "Create the demo data (two partnerships, one account per role) and serve the app."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Seed only; do not serve.")
        parser.add_argument(
            "--list-users", action="store_true", help="Print the demo accounts and exit."
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list_users"]:
            self._print_users(options["format"])
            return
        call_command("migrate", interactive=False, verbosity=0)
        if demo_exists():
            self.stdout.write("Demo data already present.")
        else:
            demo_seed()
            self.stdout.write(self.style.SUCCESS("Demo data created."))
        self._print_users("table")
        if not options["no_serve"]:
            call_command("serve", host=options["host"], port=options["port"])

    def _print_users(self, fmt: str) -> None:
        users = demo_users()
        if fmt == "json":
            self.stdout.write(json.dumps(users, indent=2))
            return
        self.stdout.write(f"\nDemo sign-ins (password for all: {users[0]['password']}):")
        for user in users:
            self.stdout.write(f"  {user['partnership']:<10} {user['role']:<24} {user['email']}")
