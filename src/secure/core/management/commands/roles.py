"""``secure roles``: the role-by-permission table (the source of docs/roles.md)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from secure.partnerships.roles import PERMISSIONS, Role, permissions_table_markdown


class Command(BaseCommand):
    help = "Print what each role may see and do."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["markdown", "json"], default="markdown")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["format"] == "json":
            rows = [
                {
                    "permission": p.code,
                    "label": str(p.label),
                    "writes": p.writes,
                    "roles": [str(r) for r in Role if r in p.roles],
                }
                for p in PERMISSIONS.values()
            ]
            self.stdout.write(json.dumps(rows, indent=2))
        else:
            self.stdout.write(permissions_table_markdown(), ending="")
