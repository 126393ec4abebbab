"""``secure import incidents|enrollment|officers|crdc FILE --partnership SLUG``."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from secure.audit.context import AuditActor, acting_as
from secure.partnerships.models import Partnership

from ...importers import ImportJob, ImportRefused, path_import, sha256_of
from ...values import school_year_parse


class ProgressBar:
    """A text progress bar on standard error (quiet when it is not a terminal, unless forced)."""

    def __init__(self, stream: Any, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.2 and (total is None or done < total):
            return
        self.last = now
        if total:
            share = min(done / total, 1.0)
            bar = "#" * int(share * 30)
            self.stream.write(f"\r{phase:<6} [{bar:<30}] {done:>10,}/{total:,} rows")
        else:
            self.stream.write(f"\r{phase:<6} {done:>10,} records")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Import a CSV or Excel file (checked whole first; saved in one transaction or not at all)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["incidents", "enrollment", "officers", "crdc"])
        parser.add_argument("file", type=Path)
        parser.add_argument("--partnership", required=True, help="The partnership's short name.")
        parser.add_argument("--year", help="School year of a CRDC file, e.g. 2021-22.")
        parser.add_argument(
            "--lea",
            help="CRDC: this NCES district ID's schools become the partnership's; "
            "the rest is kept as state comparison data.",
        )
        parser.add_argument(
            "--check", action="store_true", help="Check the file and say what would change."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--progress",
            choices=["auto", "always", "never"],
            default="auto",
            help="Progress bar on standard error (auto: when it is a terminal).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind, path = options["kind"], options["file"]
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership {options['partnership']!r}.")
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        extra: dict[str, Any] = {}
        if kind == "crdc":
            if not options["year"]:
                raise CommandError("A CRDC file needs --year (e.g. --year 2021-22).")
            try:
                extra["year"] = school_year_parse(options["year"])
            except ValueError as error:
                raise CommandError(str(error.args[0])) from None
            extra["lea"] = options["lea"] or None
        elif options["year"] or options["lea"]:
            raise CommandError("--year and --lea are for CRDC files only.")
        show = options["progress"] == "always" or (
            options["progress"] == "auto" and sys.stderr.isatty()
        )
        bar = ProgressBar(self.stderr._out, show)
        job = ImportJob(
            partnership=partnership,
            kind=kind,
            file_name=path.name,
            file_sha256=sha256_of(path=path),
            progress=bar,
        )
        with acting_as(AuditActor(label="system: secure import", partnership_id=partnership.pk)):
            try:
                result = path_import(job=job, path=path, dry_run=options["check"], **extra)
            except ImportRefused as refused:
                bar.finish()
                self._report_errors(refused, options["format"])
                raise CommandError(
                    f"{len(refused.errors)} problem(s) in {refused.rows} row(s); nothing was imported."
                ) from None
            except ValueError as error:
                bar.finish()
                raise CommandError(str(error)) from None
        bar.finish()
        if options["format"] == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "kind": kind,
                        "rows": result.rows,
                        "checked_only": result.dry_run,
                        "summary": result.summary,
                        "notes": result.notes,
                        "import_id": result.record_id,
                    },
                    indent=2,
                )
            )
            return
        verb = "would change" if result.dry_run else "imported"
        self.stdout.write(f"{path.name}: {result.rows} rows checked; {verb}:")
        for what, counts in result.summary.items():
            self.stdout.write(
                f"  {what}: {counts.get('created', 0)} new, {counts.get('updated', 0)} changed, "
                f"{counts.get('unchanged', 0)} unchanged"
            )
        for note in result.notes:
            self.stdout.write(f"  {note}")

    def _report_errors(self, refused: ImportRefused, fmt: str) -> None:
        if fmt == "json":
            self.stdout.write(
                json.dumps({"errors": [e.as_dict() for e in refused.errors]}, indent=2)
            )
            return
        self.stderr.write("line\tcolumn\tvalue\tproblem")
        for error in refused.errors:
            self.stderr.write(f"{error.line}\t{error.column}\t{error.value}\t{error.message}")
