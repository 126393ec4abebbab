"""Contact details, narratives, additions and files are encrypted at rest."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.files.storage import default_storage
from django.db import connection

from secure.complaints import crypto
from secure.complaints.models import Complaint
from secure.complaints.services.intake import attachment_store, complaint_add_information
from secure.complaints.services.retention import complaint_keys_rotate

from .factories import PNG, complaint_make

pytestmark = pytest.mark.django_db


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def test_the_database_holds_ciphertext(riverside):
    """The raw columns are Fernet tokens; the model reads the plain text back."""
    complaint = complaint_make(
        riverside,
        narrative="The officer pushed him.",
        contact_email="secret@example.org",
        contact_phone="555-0100",
        people_named="Officer Smith",
    )
    for column, plain in [
        ("narrative", "The officer pushed him."),
        ("contact_email", "secret@example.org"),
        ("contact_phone", "555-0100"),
        ("people_named", "Officer Smith"),
    ]:
        stored = raw("complaints_complaint", column, complaint.pk)
        assert plain not in stored
        assert stored.startswith("gAAAAA")  # a Fernet token
    assert Complaint.objects.get(pk=complaint.pk).contact_email == "secret@example.org"


def test_additions_and_files_are_encrypted_too(riverside):
    """What the complainant adds later and the files they send are stored encrypted."""
    complaint = complaint_make(riverside)
    event = complaint_add_information(complaint=complaint, text="More details here")
    assert "More details" not in raw("complaints_complaintevent", "complainant_text", event.pk)
    attachment = attachment_store(
        partnership=riverside, name="p.png", data=PNG, complaint=complaint
    )
    with default_storage.open(attachment.storage_name, "rb") as handle:
        stored = handle.read()
    assert PNG not in stored and stored.startswith(b"gAAAAA")
    assert "p.png" not in raw("complaints_complaintattachment", "original_name", attachment.pk)


def test_keys_rotate_without_losing_anything(riverside, settings):
    """A new key in front: old tokens still read; rotation re-encrypts under the new key."""
    old_key = Fernet.generate_key().decode()
    settings.SECURE_ENCRYPTION_KEYS = [old_key]
    complaint = complaint_make(riverside, contact_email="keep@example.org")
    attachment = attachment_store(
        partnership=riverside, name="p.png", data=PNG, complaint=complaint
    )
    new_key = Fernet.generate_key().decode()
    settings.SECURE_ENCRYPTION_KEYS = [new_key, old_key]
    assert Complaint.objects.get(pk=complaint.pk).contact_email == "keep@example.org"
    assert complaint_keys_rotate() == 1
    settings.SECURE_ENCRYPTION_KEYS = [new_key]
    assert Complaint.objects.get(pk=complaint.pk).contact_email == "keep@example.org"
    with default_storage.open(attachment.storage_name, "rb") as handle:
        assert crypto.decrypt_bytes(handle.read()) == PNG


def test_a_missing_key_fails_loudly(riverside, settings):
    """Reading with the wrong key is an error, never silent garbage."""
    settings.SECURE_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    complaint = complaint_make(riverside)
    settings.SECURE_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(Exception, match="could not be decrypted"):
        Complaint.objects.get(pk=complaint.pk)


def test_production_refuses_to_start_without_an_encryption_key(tmp_path):
    """SECURE_ENV=production names SECURE_ENCRYPTION_KEYS when it is missing."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "secure.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "secure.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECURE_VAR_DIR": str(tmp_path),
    }
    env.pop("SECURE_ENCRYPTION_KEYS", None)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECURE_ENCRYPTION_KEYS" in result.stderr
