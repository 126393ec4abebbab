"""``secure complaints purge`` (from cron) and ``secure complaints rotate-keys``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from secure.audit.context import AuditActor, acting_as
from secure.partnerships.models import Partnership

from ...services.retention import complaint_keys_rotate, complaints_purge


class Command(BaseCommand):
    help = "Complaint housekeeping: purge contact details past retention; rotate encryption keys."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        purge = sub.add_parser(
            "purge",
            help="Delete contact details of complaints closed longer than the retention period "
            "(complaints under a litigation hold are kept). Run daily from cron.",
        )
        purge.add_argument("--partnership", help="Only this partnership (its short name).")
        purge.add_argument("--dry-run", action="store_true", help="List, change nothing.")
        sub.add_parser(
            "rotate-keys",
            help="Re-encrypt complaint details under the first key of SECURE_ENCRYPTION_KEYS.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with acting_as(AuditActor(label=f"system: secure complaints {options['action']}")):
            if options["action"] == "purge":
                self._purge(options)
            else:
                count = complaint_keys_rotate()
                self.stdout.write(f"Re-encrypted {count} complaints.")

    def _purge(self, options: dict[str, Any]) -> None:
        partnership = None
        if options.get("partnership"):
            partnership = Partnership.objects.filter(slug=options["partnership"]).first()
            if partnership is None:
                raise CommandError(f"No partnership {options['partnership']!r}.")
        report = complaints_purge(partnership=partnership, dry_run=options["dry_run"])
        verb = "Would purge" if options["dry_run"] else "Purged"
        self.stdout.write(f"{verb} contact details of {len(report.purged)} complaints.")
        for number in report.purged:
            self.stdout.write(f"  {number}")
        if report.held:
            self.stdout.write(f"Kept under litigation hold: {', '.join(report.held)}")
        if report.drafts_removed:
            self.stdout.write(f"Removed {report.drafts_removed} uploads of unfinished drafts.")
