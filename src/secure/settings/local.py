"""Local development and demo settings: SQLite under var/, console e-mail, debug on."""

from __future__ import annotations

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed development key: local only. Production refuses to start without its own SECRET_KEY.
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "insecure-local-development-key-do-not-use-in-production"
)
VAR_DIR.mkdir(parents=True, exist_ok=True)
