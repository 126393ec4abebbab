"""Benchmark: many respondents answering a survey at once, against gunicorn and PostgreSQL.

Run as ``.venv/bin/python bench/bench_surveys.py`` (``make bench`` runs every bench/bench_*.py).
It uses its own database (``secure_bench_surveys`` on postgres://postgres@127.0.0.1:5432 unless
``BENCH_SURVEYS_DATABASE_URL`` says otherwise), created at the start and dropped at the end.

1. Creates the database, migrates it, and makes a partnership with the starter climate survey
   open at ten schools for students and families.
2. Starts ``secure serve`` (gunicorn, production settings) on 127.0.0.1 with ``--workers``.
3. ``--clients`` simulated respondents run at once for ``--seconds``: each opens an anonymous
   link, starts, posts every page (answers saved page by page), the optional page about
   themselves, and sees the thank-you page -- the whole responding path, CSRF included.
4. Prints completed responses per second, requests per second and the error count, then checks
   that the database holds exactly as many completed responses as the clients finished
   (nothing lost). Exits non-zero on any error or loss.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
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


class Respondent:
    """One simulated person on one keep-alive connection; cookies handled by hand."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""
        self.csrf = ""
        self.requests = 0

    def request(self, method: str, path: str, body: str = "") -> tuple[int, str, str]:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",  # as the TLS-terminating proxy would send it
            "Origin": f"https://127.0.0.1:{self.port}",
            "Connection": "keep-alive",
        }
        if self.cookie:
            headers["Cookie"] = self.cookie
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body.encode(), headers=headers)
        reply = self.conn.getresponse()
        text = reply.read().decode()
        self.requests += 1
        for name, value in reply.getheaders():
            if name.lower() == "set-cookie" and value.startswith("__Host-csrftoken="):
                self.cookie = value.split(";", 1)[0]
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
        if found:
            self.csrf = found.group(1)
        return reply.status, reply.getheader("Location") or "", text

    def answer(self, token: str) -> None:
        from urllib.parse import urlencode

        status, _location, _text = self.request("GET", f"/s/{token}/")
        assert status == 200, f"start page: {status}"
        status, _location, text = self.request(
            "POST", f"/s/{token}/", urlencode({"csrfmiddlewaretoken": self.csrf, "language": "en"})
        )
        found = re.search(r'href="(/s/[^"]+/1/)"', text)
        assert status == 200 and found, f"start: {status}"
        path = found.group(1)
        body = urlencode({**ANSWERS, "csrfmiddlewaretoken": self.csrf}, doseq=True)
        for _ in range(20):
            status, location, _text = self.request("POST", path, body)
            assert status == 302, f"{path}: {status}"
            path = urlsplit(location).path
            if path.endswith("/done/"):
                status, _location, text = self.request("GET", path)
                assert status == 200 and "Thank you" in text, f"done: {status}"
                return
        raise AssertionError("never reached the end")


def load_run(*, port: int, tokens: list[str], clients: int, seconds: float) -> dict[str, float]:
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    totals = {"completed": 0, "errors": 0, "requests": 0}
    first_errors: list[str] = []

    def worker(index: int) -> None:
        person = Respondent(port)
        n = index
        while time.monotonic() < deadline:
            try:
                person.answer(tokens[n % len(tokens)])
                with lock:
                    totals["completed"] += 1
            except Exception as error:  # counted and reported, never hidden
                with lock:
                    totals["errors"] += 1
                    if len(first_errors) < 5:
                        first_errors.append(repr(error))
                person = Respondent(port)
            n += clients
        with lock:
            totals["requests"] += person.requests

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    elapsed = time.monotonic() - started
    for line in first_errors:
        print("  error:", line)
    return {**totals, "elapsed": elapsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200, help="respondents at once")
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to keep starting")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
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
            f"{args.clients} respondents at once for {args.seconds:.0f} s against gunicorn "
            f"({args.workers} workers) and PostgreSQL"
        )
        result = load_run(port=port, tokens=tokens, clients=args.clients, seconds=args.seconds)
        from secure.surveys.models import Response

        stored = Response.objects.filter(status=Response.Status.COMPLETE).count()
        elapsed = result["elapsed"]
        print(
            f"  completed responses: {result['completed']:.0f} ({result['completed'] / elapsed:.1f}/s)"
        )
        print(
            f"  requests:            {result['requests']:.0f} ({result['requests'] / elapsed:.1f}/s)"
        )
        print(f"  errors:              {result['errors']:.0f}")
        print(
            f"  stored as complete:  {stored} ({'nothing lost' if stored == result['completed'] else 'MISMATCH'})"
        )
        return 0 if result["errors"] == 0 and stored == result["completed"] else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        from django.db import connections

        connections.close_all()
        database_drop(url)


if __name__ == "__main__":
    sys.exit(main())
