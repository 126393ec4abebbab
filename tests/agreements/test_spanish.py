"""Spanish ships with the MOU workspace: a complete catalogue and pages that read in Spanish."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from secure.partnerships.roles import Role

from .factories import draft_make

PO = Path(__file__).resolve().parents[2] / "src/secure/agreements/locale/es/LC_MESSAGES/django.po"


def test_every_interface_string_has_a_spanish_translation():
    """msgfmt finds no untranslated or fuzzy entry in the agreements catalogue."""
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.django_db
def test_the_workspace_pages_read_in_spanish(riverside, client_for):
    """The review cycle, the live check and the commenters page in Spanish."""
    draft = draft_make(riverside)
    leader = client_for("riverside", Role.DISTRICT_LEADER)
    headers = {"HTTP_ACCEPT_LANGUAGE": "es"}
    page = leader.get(reverse("agreements:review_cycle", args=["riverside"]), **headers)
    assert "Ciclo de revisión del MOU" in page.content.decode()
    check = leader.post(
        reverse("agreements:draft_check", args=["riverside", draft.pk]),
        {"text": "## Rol\nPursuant to policy, the SRO keeps students safe."},
        **headers,
    ).content.decode()
    assert "requisitos cubiertos" in check and "Jerga para reemplazar" in check
    page = leader.get(
        reverse("agreements:draft_commenters", args=["riverside", draft.pk]), **headers
    )
    assert "Quién puede comentar" in page.content.decode()
