"""``secure mou analyze FILE [--format json|text]``: analyse an MOU file from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from secure.agreements.analyzer import ExtractionError, analyze_upload


class Command(BaseCommand):
    help = "Work with MOUs. `analyze FILE` reports what an MOU covers, misses or contradicts."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        analyze = sub.add_parser("analyze", help="Analyse a PDF (text layer), DOCX or text MOU.")
        analyze.add_argument("file", type=Path)
        analyze.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = analyze_upload(path.name, path.read_bytes())
        except ExtractionError as error:
            raise CommandError(str(error)) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
        else:
            self.stdout.write(report.as_text(), ending="")
