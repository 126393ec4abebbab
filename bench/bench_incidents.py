"""Benchmark: importing one million incident action rows into PostgreSQL, against a plain COPY.

Run as ``.venv/bin/python bench/bench_incidents.py`` (``make bench`` runs every bench/bench_*.py).
It uses its own database (``secure_bench`` on postgres://postgres@127.0.0.1:5432 unless
``BENCH_DATABASE_URL`` says otherwise), created at the start and dropped at the end.

1. Generates an incidents file in the data standard's shape (seeded, so every run measures the
   same data): ``--rows`` action rows (default 1,000,000) over 40 schools and four school years.
2. Baseline: PostgreSQL's ``COPY … FROM STDIN`` of the same file into a table of text columns,
   no checks at all.
3. SECURE: ``secure import incidents`` in process (``path_import``, the function the command
   calls): reads and checks every row, pseudonymizes student IDs, then writes incidents,
   students and actions in one transaction (COPY for new rows on PostgreSQL).
4. Prints rows per second for both and their ratio (the aim: within 3x of COPY), the import's
   time split into checking, saving and finishing (building the indexes and checking the foreign
   keys once per table, 0043, or the deferred per-row foreign-key checks at commit), and the
   database floor: the saved rows copied into the three tables again in PostgreSQL's own
   format, keys and indexes built once -- what the database alone needs (0045). Then it times
   the main dashboard queries for the partnership, best of three (aim: well under a second),
   as the first view after a write sees them (counted in the database) and from the cache
   (0044).

``--keep`` keeps the database; ``--dashboard-only`` then times the dashboard queries again
without generating and importing the file.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

AIM_RATIO = 3.0
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/secure_bench"
SCHOOLS = 40
YEARS = ("2021-22", "2022-23", "2023-24", "2024-25")
RACES = ("HI", "AM", "AS", "BL", "HP", "WH", "TR")
RACE_WEIGHTS = (22, 1, 5, 30, 1, 36, 5)
ACTIONS = (
    "referral_to_law_enforcement",
    "school_related_arrest",
    "search",
    "in_school_suspension",
    "out_of_school_suspension",
    "citation",
    "restorative_practice",
    "diversion",
)
OFFENSES = ("fighting", "threat", "drugs", "theft", "vandalism", "defiance", "disorderly_conduct")


def _admin_url(url: str) -> tuple[str, str]:
    """The URL of the server's maintenance database, and the bench database's name."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"secure", "test_secure", "postgres"}:
        raise SystemExit(f"refusing to use database {name!r}: give the bench its own database")
    return urlunsplit(parts._replace(path="/postgres")), name


def database_create(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def file_generate(path: Path, *, rows: int, school_ids: list[str], seed: int = 2016) -> int:
    """Write ``rows`` action rows (whole incidents only, so slightly fewer may be written)."""
    from secure.incidents.standard import INCIDENTS

    rng = random.Random(seed)  # noqa: S311 (synthetic data)
    written = 0
    number = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(INCIDENTS.names)
        while written < rows:
            number += 1
            year = rng.choice(YEARS)
            first = int(year[:4])
            month = rng.choice((9, 10, 11, 12, 1, 2, 3, 4, 5))
            day = f"{first if month >= 7 else first + 1}-{month:02d}-{rng.randint(1, 28):02d}"
            school = rng.choice(school_ids)
            incident = [
                f"B{number:08d}",
                day,
                school,
                rng.choice(("hallway", "classroom", "cafeteria", "grounds")),
                rng.choice(OFFENSES),
                rng.choice(("staff_call_nonviolent", "staff_call_violent", "officer_initiated")),
                str(4400 + rng.randrange(30)),
                "",
            ]
            for pupil in rng.sample(range(150_000), rng.choice((1, 1, 2, 2, 3))):
                age = rng.randint(11, 18)
                student = [
                    f"{school[-4:]}{pupil:06d}",
                    str(age),
                    str(max(6, min(12, age - 5))),
                    rng.choice("FM"),
                    rng.choices(RACES, weights=RACE_WEIGHTS)[0],
                    rng.choice(("yes", "no", "no", "no", "no")),
                    rng.choice(("none", "none", "none", "none", "idea", "504")),
                ]
                for action in rng.sample(ACTIONS, rng.choice((1, 1, 2, 2, 3))):
                    writer.writerow([*incident, *student, action, "", "", "", "", "", ""])
                    written += 1
    return written


def copy_baseline(path: Path, header: list[str]) -> float:
    """Seconds to COPY the file into a table of text columns (PostgreSQL's own speed)."""
    from django.db import connection

    columns = ", ".join(f'"{name}" text' for name in header)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute(f"CREATE TABLE bench_copy ({columns})")
        start = time.perf_counter()
        with (
            cursor.cursor.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
            path.open("rb") as handle,
        ):
            for block in iter(lambda: handle.read(1 << 20), b""):
                copy.write(block)
        seconds = time.perf_counter() - start
        cursor.execute("DROP TABLE bench_copy")
    return seconds


def database_floor() -> float:
    """Seconds the database alone needs to store what the import stored.

    The three tables' rows, as saved, are dumped in PostgreSQL's own COPY format, then in a
    transaction that is rolled back the tables are emptied and the rows copied in again the
    way a first import writes them: foreign keys, unique constraints and indexes dropped and
    built once at the end (``foreign_keys_checked_once``). No reading, checking or keying of
    a file: the least any import of these rows into these tables can cost.
    """
    import io

    from django.db import connection, transaction

    from secure.incidents.importers.writing import foreign_keys_checked_once
    from secure.incidents.models import Incident, IncidentAction, IncidentStudent

    models_ = (Incident, IncidentStudent, IncidentAction)
    dumps: dict[str, bytes] = {}
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            buffer = io.BytesIO()
            with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:
                for block in copy:
                    buffer.write(block)
            dumps[table] = buffer.getvalue()
    with transaction.atomic():
        with connection.cursor() as cursor:
            names = ", ".join(f'"{m._meta.db_table}"' for m in models_)
            cursor.execute(f"TRUNCATE {names} CASCADE")
            start = time.perf_counter()
            with foreign_keys_checked_once(models_=models_, indexes=True):
                for table, dump in dumps.items():
                    with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:
                        copy.write(dump)
            seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return seconds


class PhaseClock:
    """A progress reporter that notes when each phase of the import (check, save) last reported."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.last: dict[str, float] = {}

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        self.last[phase] = time.perf_counter() - self.start

    def split(self, total: float) -> str:
        """Seconds spent checking, saving, and finishing (indexes, foreign keys, commit)."""
        check = self.last.get("check", 0.0)
        save = self.last.get("save", check) - check
        return f"check {check:.2f} s, save {save:.2f} s, commit {total - check - save:.2f} s"


def dashboard_times(partnership, repeat: int = 3) -> dict[str, tuple[float, float]]:
    """Best-of-``repeat`` seconds of the dashboard's main queries: as the first view after a
    write sees them (the data version changed, so they are counted in the database) and as
    later views see them (from the cache, 0044)."""
    from secure.incidents.selectors import dashboard
    from secure.incidents.versions import data_changed

    year = YEARS[-1]
    queries = {
        "referrals by race (group table)": lambda: dashboard.group_table(
            partnership=partnership,
            action="referral_to_law_enforcement",
            dimension="race",
            year=year,
        ),
        "cross-tab race x sex": lambda: dashboard.cross_tab(
            partnership=partnership,
            action="referral_to_law_enforcement",
            rows="race",
            columns="sex",
            year=year,
        ),
        "by school": lambda: dashboard.by_school(
            partnership=partnership, action="referral_to_law_enforcement", year=year
        ),
        "every action (overview)": lambda: dashboard.action_overview(
            partnership=partnership, year=year
        ),
    }
    best = {}
    for label, query in queries.items():
        first, cached = [], []
        for _ in range(repeat):
            data_changed(partnership.pk)
            start = time.perf_counter()
            query()
            first.append(time.perf_counter() - start)
            start = time.perf_counter()
            query()
            cached.append(time.perf_counter() - start)
        best[label] = (min(first), min(cached))
    return best


def dashboard_print(partnership) -> None:
    print(f"dashboard, best of three:{'first view':>23} {'cached':>10}")
    for label, (first, cached) in dashboard_times(partnership).items():
        print(f"  {label:<34} {first * 1000:8.1f} ms {cached * 1000:7.1f} ms")


def dashboard_only() -> int:
    """Time the dashboard queries of the partnership a kept bench database holds."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from secure.incidents.models import IncidentAction
    from secure.partnerships.models import Partnership

    call_command("migrate", verbosity=0)
    partnership = Partnership.objects.get(slug="bench")
    rows = IncidentAction.objects.filter(partnership=partnership).count()
    print(f"{rows:,} action rows kept from an earlier run")
    dashboard_print(partnership)
    connection.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="Keep the bench database.")
    parser.add_argument(
        "--dashboard-only",
        action="store_true",
        help="Only time the dashboard queries, on a database kept by an earlier --keep run.",
    )
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secure.settings.test")
    if args.dashboard_only:
        return dashboard_only()
    database_create(url)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from secure.incidents.importers import ImportJob, path_import, sha256_of
        from secure.incidents.models import IncidentAction
        from secure.partnerships.services import partnership_create, school_create

        call_command("migrate", verbosity=0)
        partnership = partnership_create(
            name="Bench", slug="bench", district_name="Bench District", agency_name="Bench PD"
        )
        school_ids = []
        for n in range(SCHOOLS):
            school = school_create(
                partnership=partnership,
                name=f"Bench School {n}",
                level="high",
                nces_id=f"9900099{n:05d}",
            )
            school_ids.append(school.nces_id)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "incidents.csv"
            rows = file_generate(path, rows=args.rows, school_ids=school_ids)
            print(f"{rows:,} action rows, {path.stat().st_size / 1e6:.0f} MB")
            with path.open(encoding="utf-8") as handle:
                header = next(csv.reader(handle))
            copy_seconds = copy_baseline(path, header)
            clock = PhaseClock()
            job = ImportJob(
                partnership=partnership,
                kind="incidents",
                file_name=path.name,
                file_sha256=sha256_of(path=path),
                progress=clock,
            )
            start = clock.start = time.perf_counter()
            result = path_import(job=job, path=path)
            import_seconds = time.perf_counter() - start
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        stored = IncidentAction.objects.count()
        assert stored == rows, (stored, rows)
        ratio = import_seconds / copy_seconds
        print(f"COPY (text, no checks): {copy_seconds:7.2f} s  {rows / copy_seconds:12,.0f} rows/s")
        print(
            f"secure import:          {import_seconds:7.2f} s  {rows / import_seconds:12,.0f} rows/s"
        )
        print(f"ratio import / COPY:    {ratio:7.2f}x  (aim: within {AIM_RATIO:.0f}x)")
        print(f"  {clock.split(import_seconds)}")
        print(f"  {result.summary}")
        floor = database_floor()
        print(
            f"database floor:         {floor:7.2f} s  ({floor / copy_seconds:.2f}x COPY): the saved "
            "rows copied into the three tables again, keys and indexes built once"
        )
        print(
            f"import beyond the floor: {import_seconds - floor:6.2f} s  (reading, checking, "
            f"keying and writing the file; import / floor {import_seconds / floor:.2f}x)"
        )
        dashboard_print(partnership)
        connection.close()
    finally:
        if not args.keep:
            database_drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
