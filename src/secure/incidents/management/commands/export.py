"""``secure export counts --partnership SLUG --outcome OUTCOME --dimension DIMENSION [...]``."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from secure.partnerships.models import Partnership

from ...dimensions import COUNT_DIMENSIONS
from ...models.choices import ActionType
from ...selectors.counts import (
    COLUMNS,
    SOURCES,
    UNITS,
    count_rows_csv,
    crdc_count_table,
    record_count_table,
)
from ...values import school_year_parse


class Command(BaseCommand):
    help = "Write a count table in the equity engine's input shape."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["counts"])
        parser.add_argument("--partnership", required=True)
        parser.add_argument("--outcome", required=True, choices=[str(v) for v in ActionType.values])
        parser.add_argument(
            "--dimension", required=True, choices=[str(d) for d in COUNT_DIMENSIONS]
        )
        parser.add_argument("--year", help="School year, e.g. 2023-24 (default: every year).")
        parser.add_argument("--unit", choices=UNITS, default="school")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument(
            "--source",
            choices=SOURCES,
            default="records",
            help="records: the partnership's incident data; crdc: its imported CRDC files.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        partnership = Partnership.objects.filter(slug=options["partnership"]).first()
        if partnership is None:
            raise CommandError(f"No partnership {options['partnership']!r}.")
        year = None
        if options["year"]:
            try:
                year = school_year_parse(options["year"])
            except ValueError as error:
                raise CommandError(str(error.args[0])) from None
        select = crdc_count_table if options["source"] == "crdc" else record_count_table
        if options["source"] == "crdc" and options["dimension"] in ("age_band", "offense"):
            raise CommandError("CRDC files have no counts by age band or offense.")
        result = select(
            partnership=partnership,
            outcome=options["outcome"],
            dimension=options["dimension"],
            year=year,
            unit=options["unit"],
        )
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        if options["format"] == "json":
            self.stdout.write(
                json.dumps([{c: row[c] for c in COLUMNS} for row in result.rows], indent=2)
            )
        else:
            self.stdout.write(count_rows_csv(result.rows), ending="")
