"""``secure rubric export`` prints the rubric; ``secure rubric remind`` sends due reminders.

Run ``secure rubric remind`` once a day from cron, for example ``15 6 * * * secure rubric remind``;
it never sends the same reminder twice, so running it more often is harmless.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from secure.audit.context import AuditActor, acting_as
from secure.partnerships.models import Partnership

from ...exports import rubric_csv, rubric_json
from ...services import reminders_send


class Command(BaseCommand):
    help = "Work with the SECURE rubric: export it, or send the reminders that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="Print the rubric as JSON or CSV.")
        export.add_argument("--format", choices=["json", "csv"], default="json")
        remind = sub.add_parser("remind", help="E-mail reminders for schedules and items due.")
        remind.add_argument("--partnership", help="Only this partnership (its short name).")
        remind.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        remind.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "export":
            text = rubric_json() if options["format"] == "json" else rubric_csv()
            self.stdout.write(text, ending="")
            return
        self._remind(options)

    def _remind(self, options: dict[str, Any]) -> None:
        try:
            today = (
                datetime.date.fromisoformat(options["date"])
                if options["date"]
                else timezone.localdate()
            )
        except ValueError:
            raise CommandError("--date must look like 2026-09-01.") from None
        partnerships = Partnership.objects.order_by("slug")
        if options["partnership"]:
            partnerships = partnerships.filter(slug=options["partnership"])
            if not partnerships.exists():
                raise CommandError(f"There is no partnership {options['partnership']!r}.")
        total = 0
        with acting_as(AuditActor(label="system: secure rubric remind")):
            for partnership in partnerships:
                sent = reminders_send(
                    partnership=partnership, today=today, dry_run=options["dry_run"]
                )
                total += len(sent)
                for reminder in sent:
                    emails = ", ".join(m.user.email for m in reminder.recipients)
                    self.stdout.write(
                        f"{partnership.slug}\t{reminder.kind}\t{reminder.due}\t{reminder.title[:60]}\t{emails}"
                    )
        verb = "would send" if options["dry_run"] else "sent"
        self.stdout.write(f"{total} reminder(s) {verb} for {today.isoformat()}.")
