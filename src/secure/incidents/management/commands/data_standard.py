"""``secure data_standard``: print docs/data-standard.md, generated from the field definitions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ...standard import standard_markdown


class Command(BaseCommand):
    help = "Print the data standard (docs/data-standard.md) generated from the code."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = standard_markdown()
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
