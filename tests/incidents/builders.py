"""Small incident, enrollment and CRDC files for tests, written to a temporary folder."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from secure.incidents.importers import ImportJob, path_import, sha256_of
from secure.incidents.importers.errors import ImportResult
from secure.incidents.standard import INCIDENTS
from secure.partnerships.models import Partnership, School

DATA = Path(__file__).parent / "data"
SHARED_CRDC = Path(__file__).resolve().parents[3] / "shared" / "data" / "crdc"


def incident_row(school: School, **values: Any) -> dict[str, str]:
    """One valid action row of an incidents file, with ``values`` overriding the defaults."""
    row = {
        "incident_number": "2024-001",
        "incident_date": "2024-03-15",
        "school": school.nces_id or school.name,
        "location": "hallway",
        "offense": "fighting",
        "involvement": "staff_call_nonviolent",
        "officers": "4471",
        "narrative": "",
        "student_id": "S1000001",
        "age": "15",
        "grade": "9",
        "sex": "F",
        "race": "BL",
        "english_learner": "no",
        "disability": "none",
        "action": "referral_to_law_enforcement",
        "action_sequence": "",
        "action_date": "",
        "force_type": "",
        "parent_notified": "",
        "rights_advised": "",
        "outcome": "",
    }
    row.update({k: str(v) for k, v in values.items()})
    return row


def csv_write(
    path: Path, rows: Sequence[dict[str, str]], header: Iterable[str] | None = None
) -> Path:
    """Write dict rows as CSV (header from the first row unless given)."""
    names = list(header) if header is not None else list(rows[0])
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_file(partnership: Partnership, kind: str, path: Path, **options: Any) -> ImportResult:
    """Import a file as the command line does."""
    job = ImportJob(
        partnership=partnership, kind=kind, file_name=path.name, file_sha256=sha256_of(path=path)
    )
    return path_import(job=job, path=path, **options)


def incidents_header() -> list[str]:
    return INCIDENTS.names
