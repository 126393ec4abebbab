"""The `secure` command: demo accounts, production settings, administrator creation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from secure.accounts.models import User
from secure.audit.models import AuditEvent
from secure.core.demo import PARTNERSHIPS
from secure.partnerships.models import Membership, Partnership, School
from secure.partnerships.roles import Role

SECURE = str(Path(sys.executable).parent / "secure")


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [SECURE, *args],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=120,
        check=False,
    )


def test_demo_lists_its_accounts_as_json():
    """`secure demo --list-users --format json` prints email, password, partnership and role."""
    result = _run("demo", "--list-users", "--format", "json")
    assert result.returncode == 0, result.stderr
    users = json.loads(result.stdout)
    assert {tuple(sorted(u)) for u in users} == {("email", "partnership", "password", "role")}
    for partnership in PARTNERSHIPS:
        roles = {u["role"] for u in users if u["partnership"] == partnership.slug}
        assert roles == {str(r) for r in Role}


def test_production_refuses_to_start_without_its_settings(tmp_path):
    """SECURE_ENV=production without SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL is an error."""
    result = _run("check", SECURE_ENV="production", SECURE_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_check(tmp_path):
    """With its settings given, `secure check --deploy` reports no issues."""
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECURE_ENV="production",
        SECRET_KEY="k" * 20 + "-a-long-random-production-secret-for-this-test",
        ALLOWED_HOSTS="secure.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECURE_ENCRYPTION_KEYS="ZmFrZS1rZXktZm9yLXRoZS1kZXBsb3ktY2hlY2stMDA=",
        SECURE_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_demo_seeds_once_with_every_role(capsys):
    """`secure demo --no-serve` creates both partnerships; running it again changes nothing."""
    call_command("demo", no_serve=True)
    call_command("demo", no_serve=True)
    assert Partnership.objects.count() == 2
    for spec in PARTNERSHIPS:
        partnership = Partnership.objects.get(slug=spec.slug)
        roles = set(
            Membership.objects.filter(partnership=partnership).values_list("role", flat=True)
        )
        assert roles == {str(r) for r in Role}
        assert School.objects.filter(partnership=partnership).count() == len(spec.schools)
    assert AuditEvent.objects.filter(actor_label="system: secure demo").exists()
    assert "Demo data already present" in capsys.readouterr().out


@pytest.mark.django_db
def test_createadmin_makes_an_administrator_with_a_new_partnership():
    """`secure createadmin --partnership` creates the partnership and its first administrator."""
    call_command(
        "createadmin",
        email="Chief@Example.org",
        password="a-long-enough-passphrase",
        partnership="hillside",
        partnership_name="Hillside",
        district="Hillside SD",
        agency="Hillside PD",
    )
    user = User.objects.get(email="chief@example.org")
    assert user.is_superuser and user.check_password("a-long-enough-passphrase")
    membership = Membership.objects.get(user=user, partnership__slug="hillside")
    assert membership.role == Role.PARTNERSHIP_ADMIN


@pytest.mark.django_db
def test_createadmin_refuses_weak_passwords_and_incomplete_partnerships():
    """Errors are clear and nothing is half-created."""
    with pytest.raises(CommandError, match="too short"):
        call_command("createadmin", email="a@example.org", password="short")
    with pytest.raises(CommandError, match="--district"):
        call_command(
            "createadmin",
            email="b@example.org",
            password="a-long-enough-passphrase",
            partnership="new",
            partnership_name="New",
            agency="PD",
        )
    assert not User.objects.filter(email="b@example.org").exists()


def test_roles_prints_the_permissions_table():
    """`secure roles` prints the Markdown table that docs/roles.md carries."""
    result = _run("roles")
    assert result.returncode == 0
    assert "| `audit.view`" in result.stdout
