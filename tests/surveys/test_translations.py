"""Spanish ships with the surveys: the catalogue and every library instrument are translated."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from secure.surveys.library import library_instruments, likert_options

PO = Path(__file__).resolve().parents[2] / "src/secure/surveys/locale/es/LC_MESSAGES/django.po"


def test_every_interface_string_has_a_spanish_translation():
    """msgfmt finds no untranslated or fuzzy entry in the surveys catalogue."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def _texts(spec):
    yield spec["title"]
    yield spec["description"]
    for scale in spec.get("scales", []):
        yield scale["name"]
    for section in spec["sections"]:
        yield section["title"]
        for question in section["questions"]:
            yield question["text"]
            yield from question.get("group_text", {}).values()
            if question.get("hint"):
                yield question["hint"]
            for option in question.get("options", []):
                yield option["label"]


def test_every_library_text_is_in_english_and_spanish():
    """Each title, question, group wording, hint, option and Likert label has both languages."""
    missing = [
        (spec["key"], text)
        for spec in library_instruments()
        for text in _texts(spec)
        if not (text.get("en") and text.get("es"))
    ]
    assert missing == []
    assert all(o["label"]["es"] for o in likert_options("agree5"))


def test_library_skip_logic_only_looks_back():
    from secure.surveys.services.instruments import instrument_check_skip_logic

    for spec in library_instruments():
        instrument_check_skip_logic(spec=spec)


def test_forward_skip_logic_is_refused():
    import pytest
    from django.core.exceptions import ValidationError

    from secure.surveys.services.instruments import instrument_check_skip_logic

    spec = {
        "sections": [
            {"questions": [{"code": "a", "show_if": {"question": "b", "values": ["x"]}}]},
            {"questions": [{"code": "b"}]},
        ]
    }
    with pytest.raises(ValidationError):
        instrument_check_skip_logic(spec=spec)
