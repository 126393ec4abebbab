"""Complaints for tests, filed through the real intake service."""

from __future__ import annotations

import datetime
from typing import Any

from secure.complaints.models import Complaint, ResponseTemplate
from secure.complaints.services.config import response_template_create
from secure.complaints.services.intake import Submitted, complaint_submit
from secure.partnerships.models import Partnership, School

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def complaint_file(partnership: Partnership, **fields: Any) -> Submitted:
    """File a complaint with sensible answers; ``fields`` override any of them."""
    data: dict[str, Any] = {
        "language": "en",
        "concerns": ["search"],
        "bases": [],
        "involved": ["sro"],
        "relationship": "parent",
        "narrative": "An officer searched my son's bag in the hallway.",
        "school": School.objects.filter(partnership=partnership).first(),
        "happened_on": datetime.date(2026, 1, 15),
    }
    data.update(fields)
    return complaint_submit(partnership=partnership, **data)


def complaint_make(partnership: Partnership, **fields: Any) -> Complaint:
    return complaint_file(partnership, **fields).complaint


def template_make(partnership: Partnership, **fields: Any) -> ResponseTemplate:
    data = {
        "name": "Acknowledgement",
        "language": "en",
        "subject": "About {record_number}",
        "body": "We are reviewing {record_number}.",
    }
    data.update(fields)
    return response_template_create(partnership=partnership, **data)
