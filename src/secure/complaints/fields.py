"""A text field stored encrypted: Python sees plain text, the database holds a Fernet token."""

from __future__ import annotations

from typing import Any

from django.db import models

from .crypto import decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """Text encrypted at rest. It cannot be searched or ordered by the database."""

    description = "Text encrypted with Fernet"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt_text(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt_text(str(value))
