"""The rubric and assessments as JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.utils import timezone

from .content import CHECKLISTS, Rubric, RubricItem, rubric_load
from .models import Assessment
from .selectors import assessment_items, assessment_progress

RUBRIC_CSV_HEADER = ["id", "step", "checklist", "parent_id", "text"]
ASSESSMENT_CSV_HEADER = [
    "id",
    "step",
    "checklist",
    "parent_id",
    "text",
    "status",
    "not_applicable_reason",
    "owner",
    "due_date",
    "notes",
    "evidence",
    "live_evidence",
]


def _item_json(item: RubricItem) -> dict[str, Any]:
    return {"id": item.id, "text": item.text, "children": [_item_json(c) for c in item.children]}


def rubric_as_dict(rubric: Rubric | None = None) -> dict[str, Any]:
    """``{"edition", "steps": [{"number", "title", "checklists": {"start": [ITEM…], …}}]}``."""
    rubric = rubric or rubric_load()
    return {
        "edition": rubric.edition,
        "steps": [
            {
                "number": step.number,
                "title": step.title,
                "checklists": {
                    name: [_item_json(item) for item in step.checklists[name]]
                    for name in CHECKLISTS
                },
            }
            for step in rubric.steps
        ],
    }


def rubric_json() -> str:
    return json.dumps(rubric_as_dict(), indent=2, ensure_ascii=False) + "\n"


def _csv(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def rubric_csv() -> str:
    """One row per item: id, step, checklist, parent id, text."""
    rows: list[list[Any]] = [RUBRIC_CSV_HEADER]
    for item in rubric_load().items():
        rows.append([item.id, item.step, item.checklist, item.parent_id or "", item.text])
    return _csv(rows)


def _owner(row: Any, show_names: bool) -> str:
    if row.owner is None:
        return ""
    if show_names:
        return row.owner.user.get_full_name()
    return str(row.owner.get_role_display())


def assessment_records(
    *, assessment: Assessment, show_names: bool, live: dict[str, list[Any]]
) -> list[dict[str, Any]]:
    """Each item of the assessment as a flat record, in rubric order."""
    rubric = rubric_load()
    records = []
    for row in assessment_items(assessment=assessment):
        item = rubric.item(row.item_id)
        if item is None:
            continue
        records.append(
            {
                "id": item.id,
                "step": item.step,
                "checklist": item.checklist,
                "parent_id": item.parent_id,
                "text": item.text,
                "status": row.status,
                "not_applicable_reason": row.na_reason,
                "status_basis": row.status_basis,
                "owner": _owner(row, show_names),
                "due_date": row.due_date.isoformat() if row.due_date else None,
                "notes": row.notes,
                "evidence": [
                    {"kind": e.kind, "title": e.title, "url": e.url, "file_name": e.original_name}
                    for e in row.evidence.all()
                ],
                "live_evidence": [
                    {
                        "source": e.source,
                        "summary": str(e.summary),
                        "suggested_status": e.suggested_status,
                    }
                    for e in live.get(item.id, [])
                ],
            }
        )
    return records


def assessment_json(*, assessment: Assessment, show_names: bool, live: dict[str, list[Any]]) -> str:
    """The assessment, its progress and every item, as JSON."""
    progress = assessment_progress(assessment=assessment)
    data = {
        "edition": assessment.edition,
        "partnership": {"name": assessment.partnership.name, "slug": assessment.partnership.slug},
        "school_year": assessment.year_label,
        "path": assessment.path,
        "status": assessment.status,
        "started_on": assessment.started_on.isoformat(),
        "completed_on": assessment.completed_on.isoformat() if assessment.completed_on else None,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "progress": {
            "overall": progress.overall.as_dict(),
            "steps": [
                {
                    "number": s.number,
                    "all": s.all.as_dict(),
                    "checklists": {k: v.as_dict() for k, v in s.by_checklist.items()},
                }
                for s in progress.steps
            ],
        },
        "items": assessment_records(assessment=assessment, show_names=show_names, live=live),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _csv_cell(value: str) -> str:
    """Neutralise spreadsheet formulas in free text (CSV injection)."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


def assessment_csv(*, assessment: Assessment, show_names: bool, live: dict[str, list[Any]]) -> str:
    """One row per item with status, owner, due date, notes and evidence."""
    rows: list[list[Any]] = [ASSESSMENT_CSV_HEADER]
    for record in assessment_records(assessment=assessment, show_names=show_names, live=live):
        rows.append(
            [
                record["id"],
                record["step"],
                record["checklist"],
                record["parent_id"] or "",
                record["text"],
                record["status"],
                _csv_cell(record["not_applicable_reason"]),
                _csv_cell(record["owner"]),
                record["due_date"] or "",
                _csv_cell(record["notes"]),
                _csv_cell(
                    "; ".join(
                        f"{e['title']} ({e['url'] or e['file_name']})" for e in record["evidence"]
                    )
                ),
                _csv_cell(
                    "; ".join(f"{e['source']}: {e['summary']}" for e in record["live_evidence"])
                ),
            ]
        )
    return _csv(rows)
