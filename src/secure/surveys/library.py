"""The starter library: instruments written for SECURE, kept as data in ``data/library.json``."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

LIBRARY_PATH = Path(__file__).resolve().parent / "data" / "library.json"


@cache
def library() -> dict[str, Any]:
    """The library file, read once."""
    return json.loads(LIBRARY_PATH.read_text(encoding="utf-8"))


def library_instruments() -> list[dict[str, Any]]:
    return list(library()["instruments"])


def library_instrument(key: str) -> dict[str, Any] | None:
    return next((spec for spec in library_instruments() if spec["key"] == key), None)


def likert_options(name: str) -> list[dict[str, Any]]:
    return list(library()["likert"][name])
