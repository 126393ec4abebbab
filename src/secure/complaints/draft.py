"""The draft of a complaint between steps: kept server-side in the session, encrypted.

Every step's answers are saved as typed, valid or not, so leaving a page (the back button, the
language switch, an error) never loses them. The session lives in the database; the draft is a
Fernet token there, like the complaint it becomes.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

from .crypto import decrypt_text, encrypt_text
from .services.intake import draft_key_new

_IGNORED = {"csrfmiddlewaretoken", "go", "remove", "attachments"}


class Draft:
    """The answers given so far in one browser session, for one partnership's form."""

    def __init__(self, request: HttpRequest, partnership_slug: str) -> None:
        self.request = request
        self.session_key = f"complaints:draft:{partnership_slug}"
        token = request.session.get(self.session_key, "")
        self.data: dict[str, Any] = json.loads(decrypt_text(token)) if token else {}
        self.data.setdefault("steps", {})

    def _save(self) -> None:
        self.request.session[self.session_key] = encrypt_text(json.dumps(self.data))

    @property
    def is_empty(self) -> bool:
        return not self.data["steps"]

    def step_data(self, slug: str) -> MultiValueDict[str, str] | None:
        """What was typed on a step, as form data (None if the step was never sent)."""
        saved = self.data["steps"].get(slug)
        return None if saved is None else MultiValueDict(saved)

    def step_save(self, slug: str, data: MultiValueDict[str, str]) -> None:
        """Keep what was typed on a step, whether or not it is valid yet."""
        self.data["steps"][slug] = {key: data.getlist(key) for key in data if key not in _IGNORED}
        self._save()

    @property
    def upload_key(self) -> str:
        """The key tying this draft's uploads together (made on first use)."""
        if "upload_key" not in self.data:
            self.data["upload_key"] = draft_key_new()
            self._save()
        return str(self.data["upload_key"])

    def has_upload_key(self) -> bool:
        return "upload_key" in self.data

    def clear(self) -> None:
        self.request.session.pop(self.session_key, None)
        self.data = {"steps": {}}
