"""Benchmark: thousands of respondents answering a survey at once, against gunicorn and PostgreSQL.

Run as ``.venv/bin/python bench/bench_surveys.py`` (``make bench`` runs every bench/bench_*.py).
It uses its own database (``secure_bench_surveys`` on postgres://postgres@127.0.0.1:5432 unless
``BENCH_SURVEYS_DATABASE_URL`` says otherwise), created at the start and dropped at the end.

1. Creates the database, migrates it, and makes a partnership with the starter climate survey
   open at ten schools for students and families.
2. Starts ``secure serve`` (gunicorn, production settings) on 127.0.0.1; worker class, workers,
   threads and backlog come from the command line (passed through ``GUNICORN_CMD_ARGS``).
3. ``--respondents`` simulated people (default 2,000), all in progress at the same time, are
   started over ``--ramp`` seconds from one asyncio load generator (aiohttp), each on its own
   connection with its own CSRF cookie. Each does what a phone does: opens the anonymous link,
   chooses English or Spanish, then for every page loads it and sends it (following the
   redirect), answers the optional page about themselves and loads the thank-you page --
   the whole responding path, CSRF included, with a short pause between pages.
4. Prints completed responses per second, requests per second, p50/p95/max latency and the
   error count, then checks in the database that every response a client saw finished is
   stored exactly once, complete, with its answers, and that no other response was completed
   (nothing lost, nothing doubled). Respondents still unfinished after ``--duration`` seconds
   are stopped and reported as unfinished, not as errors; for them the check confirms that
   every page the server acknowledged is saved. Exits non-zero on any error or mismatch.

Measured figures and the tuning behind them: docs/decisions/0066.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/secure_bench_surveys"
SECURE = str(Path(sys.executable).parent / "secure")
ANSWERS = {
    "safe_in_building": "4",
    "safe_getting_there": "4",
    "worried_at_school": "2",
    "adult_to_tell": "5",
    "know_sro": "yes",
    "belong": "4",
    "adults_care": "5",
    "voice_heard": "3",
    "building_clean": "4",
    "rules_clear": "4",
    "feels_like_jail": "2",
    "sro_trust_help": "4",
    "sro_respectful": "4",
    "sro_nervous": "2",
    "sro_contacts": "3",
    "rules_fair": "3",
    "police_only_serious": "4",
    "some_treated_worse": "3",
    "know_how_to_complain": "not_sure",
    "would_complain_to": "teacher",
    "one_change": "More adults at the doors in the morning.",
    "race_ethnicity": "HI",
    "grade": "9_12",
}
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FIRST_PAGE = re.compile(r'href="(/s/[^"]+/1/)"')
THANKS = ("<h1>Thank you</h1>", "<h1>Gracias</h1>")


def _admin_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"secure", "test_secure", "postgres"}:
        raise SystemExit(f"refusing to use database {name!r}: give the bench its own database")
    return urlunsplit(parts._replace(path="/postgres")), name


def database_create(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str) -> None:
    import psycopg

    admin, name = _admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def campaign_setup() -> list[str]:
    """A partnership with the climate survey open at ten schools; the link tokens."""
    import datetime

    from django.utils import timezone

    from secure.partnerships.models import Partnership, School
    from secure.surveys.services.campaigns import campaign_create
    from secure.surveys.services.instruments import instrument_from_library

    partnership = Partnership.objects.create(
        name="Bench", slug="bench", district_name="Bench USD", agency_name="Bench PD"
    )
    schools = [
        School.objects.create(partnership=partnership, name=f"School {n}") for n in range(10)
    ]
    today = timezone.localdate()
    campaign = campaign_create(
        partnership=partnership,
        instrument=instrument_from_library(partnership=partnership, key="school-safety-perception"),
        name="Bench",
        groups=["student", "family"],
        schools=schools,
        languages=["en", "es"],
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=1),
    )
    return list(campaign.links.values_list("token", flat=True))


@dataclass
class Totals:
    started: int = 0
    completed: int = 0
    errors: int = 0
    requests: int = 0
    latencies: list[float] = field(default_factory=list)
    finished_tokens: list[str] = field(default_factory=list)
    first_errors: list[str] = field(default_factory=list)
    progress: dict[str, int] = field(default_factory=dict)
    """Response token -> the last page the server acknowledged saving (302)."""


class Respondent:
    """One simulated person: their own CSRF cookie, their own pace, on a shared connector."""

    def __init__(self, session, base: str, totals: Totals, pause: float, rng: random.Random):
        self.session = session
        self.base = base
        self.totals = totals
        self.pause = pause
        self.rng = rng
        self.cookie = ""
        self.csrf = ""

    async def request(
        self, method: str, path: str, data: dict | None = None
    ) -> tuple[int, str, str]:
        headers = {
            "X-Forwarded-Proto": "https",  # as the TLS-terminating proxy would send it
            "Origin": self.base.replace("http://", "https://"),
        }
        if self.cookie:
            headers["Cookie"] = self.cookie
        started = time.perf_counter()
        async with self.session.request(
            method, self.base + path, data=data, headers=headers, allow_redirects=False
        ) as reply:
            text = await reply.text()
            status, location = reply.status, reply.headers.get("Location", "")
            for value in reply.headers.getall("Set-Cookie", []):
                if value.startswith("__Host-csrftoken="):
                    self.cookie = value.split(";", 1)[0]
        self.totals.latencies.append(time.perf_counter() - started)
        self.totals.requests += 1
        found = CSRF_FIELD.search(text)
        if found:
            self.csrf = found.group(1)
        return status, location, text

    async def think(self) -> None:
        if self.pause:
            await asyncio.sleep(self.rng.uniform(0.5 * self.pause, 1.5 * self.pause))

    async def answer(self, token: str, language: str) -> str:
        """Answer the whole survey; the response's token once the thank-you page is seen."""
        status, _location, _text = await self.request("GET", f"/s/{token}/")
        assert status == 200, f"start page: {status}"
        await self.think()
        status, _location, text = await self.request(
            "POST", f"/s/{token}/", {"csrfmiddlewaretoken": self.csrf, "language": language}
        )
        found = FIRST_PAGE.search(text)
        assert status == 200 and found, f"start: {status}"
        path = found.group(1)
        response_token = path.split("/")[3]
        self.totals.progress[response_token] = 0
        for _ in range(20):
            status, _location, _text = await self.request("GET", path)
            assert status == 200, f"GET {path}: {status}"
            await self.think()
            data = {**ANSWERS, "csrfmiddlewaretoken": self.csrf, "go": "next"}
            status, location, _text = await self.request("POST", path, data)
            assert status == 302, f"POST {path}: {status}"
            number = path.rstrip("/").rsplit("/", 1)[-1]
            if number.isdigit():
                self.totals.progress[response_token] = int(number)
            path = urlsplit(location).path
            if path.endswith("/done/"):
                status, _location, text = await self.request("GET", path)
                assert status == 200 and any(t in text for t in THANKS), f"done: {status}"
                return response_token
        raise AssertionError("never reached the end")


async def load_run(
    *,
    port: int,
    tokens: list[str],
    respondents: int,
    ramp: float,
    pause: float,
    timeout: float,
    duration: float,
) -> tuple[Totals, float]:
    import aiohttp

    totals = Totals()
    base = f"http://127.0.0.1:{port}"
    connector = aiohttp.TCPConnector(limit=respondents, limit_per_host=respondents)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(
        connector=connector, timeout=client_timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:

        async def one(index: int) -> None:
            await asyncio.sleep(ramp * index / respondents)
            rng = random.Random(index)  # noqa: S311 (load pacing, not security)
            person = Respondent(session, base, totals, pause, rng)
            totals.started += 1
            try:
                language = "es" if index % 3 == 0 else "en"
                token = await person.answer(tokens[index % len(tokens)], language)
            except Exception as error:  # counted and reported, never hidden
                totals.errors += 1
                if len(totals.first_errors) < 5:
                    totals.first_errors.append(repr(error)[:300])
            else:
                totals.completed += 1
                totals.finished_tokens.append(token)

        started = time.monotonic()
        tasks = [asyncio.ensure_future(one(i)) for i in range(respondents)]
        _done, pending = await asyncio.wait(tasks, timeout=duration)
        for task in pending:  # out of time: stopped, reported as unfinished, not as errors
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        return totals, time.monotonic() - started


def stored_check(totals: Totals) -> tuple[bool, str]:
    """Every finished response stored once, complete, with its answers; no other completed;
    every page an unfinished respondent saw acknowledged is in the database too."""
    from secure.surveys.models import Response

    rows = {
        token: (status, page, answers)
        for token, status, page, answers in Response.objects.values_list(
            "token", "status", "page", "answers"
        )
    }
    finished = set(totals.finished_tokens)
    doubled = len(totals.finished_tokens) - len(finished)
    complete = {t for t, (status, _p, _a) in rows.items() if status == Response.Status.COMPLETE}
    missing = finished - complete
    # a stopped respondent's last request may have been served after the client gave up
    unexpected = complete - finished - set(totals.progress)
    empty = [t for t in finished & complete if rows[t][2].get("safe_in_building") != 4]
    lost_pages = [
        t
        for t, page in totals.progress.items()
        if t not in finished and (t not in rows or (page and rows[t][1] < page))
    ]
    ok = not (missing or unexpected or doubled or empty or lost_pages)
    return ok, (
        f"{len(complete)} stored complete, {len(missing)} missing, {len(unexpected)} unexpected, "
        f"{doubled} doubled, {len(empty)} without their answers; "
        f"{len(totals.progress) - len(finished)} unfinished, {len(lost_pages)} with a lost page"
    )


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=2000, help="people answering at once")
    parser.add_argument("--ramp", type=float, default=15.0, help="seconds over which they start")
    parser.add_argument("--pause", type=float, default=2.0, help="mean seconds between pages")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument(
        "--duration", type=float, default=180.0, help="stop respondents still unfinished after this"
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args(argv)
    url = os.environ.get("BENCH_SURVEYS_DATABASE_URL", DEFAULT_URL)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    var = Path(os.environ.get("BENCH_VAR_DIR", "/tmp/secure_bench_surveys"))  # noqa: S108
    var.mkdir(parents=True, exist_ok=True)
    env.update(
        SECURE_ENV="production",
        SECRET_KEY="bench-only-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=url,
        SECURE_VAR_DIR=str(var),
        SECURE_SSL_REDIRECT="0",
        SECURE_ENCRYPTION_KEYS=base64.urlsafe_b64encode(b"b" * 32).decode(),
        LOG_LEVEL="WARNING",
        # gthread: keep-alive connections wait in a poller, not in a thread, so thousands of
        # open phones cost no worker; a deep backlog takes the burst of new connections.
        GUNICORN_CMD_ARGS=(
            f"--worker-class gthread --threads {args.threads} "
            f"--worker-connections {args.respondents + 500} --backlog 4096 "
            "--keep-alive 30"
        ),
    )
    database_create(url)
    server = None
    try:
        subprocess.run(  # noqa: S603 (our own command, fixed arguments)
            [SECURE, "migrate", "--noinput", "-v", "0"], env=env, check=True, timeout=300
        )
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "secure.settings.production"
        import django

        django.setup()
        tokens = campaign_setup()
        port = _free_port()
        server = subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
            [SECURE, "serve", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(300):
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
                if probe.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        print(
            f"{args.respondents} respondents in progress at once (started over {args.ramp:.0f} s,"
            f" ~{args.pause:.1f} s between pages) against gunicorn ({args.workers} workers x "
            f"{args.threads} threads) and PostgreSQL"
        )
        totals, elapsed = asyncio.run(
            load_run(
                port=port,
                tokens=tokens,
                respondents=args.respondents,
                ramp=args.ramp,
                pause=args.pause,
                timeout=args.timeout,
                duration=args.duration,
            )
        )
        for line in totals.first_errors:
            print("  error:", line)
        ok, stored = stored_check(totals)
        lat = totals.latencies
        print(f"  elapsed:             {elapsed:.1f} s")
        print(
            f"  completed responses: {totals.completed} of {totals.started} "
            f"({totals.completed / elapsed:.1f}/s)"
        )
        print(f"  requests:            {totals.requests} ({totals.requests / elapsed:.1f}/s)")
        print(
            f"  latency:             p50 {1000 * statistics.median(lat) if lat else 0:.0f} ms, "
            f"p95 {1000 * percentile(lat, 0.95):.0f} ms, max {1000 * max(lat, default=0):.0f} ms"
        )
        print(f"  errors:              {totals.errors}")
        print(f"  load average:        {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (1 min)")
        print(f"  database:            {stored} ({'nothing lost' if ok else 'MISMATCH'})")
        return 0 if totals.errors == 0 and ok else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:  # keep-alive connections held it open
                server.kill()
                server.wait(timeout=15)
        from django.db import connections

        connections.close_all()
        database_drop(url)


if __name__ == "__main__":
    sys.exit(main())
