"""Reports and downloads: HTML, PDF, CSV and JSON of an assessment, guarded like every page;
the public rubric export; and the partnership home's steps at a glance and what needs attention."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from secure.partnerships.roles import Role, role_can
from secure.rubric import services
from secure.rubric.models import AssessmentItem

from .factories import assessment_make, schedule_make

pytestmark = pytest.mark.django_db
S = AssessmentItem.Status
DOWNLOADS = ["rubric:report_pdf", "rubric:report_csv", "rubric:report_json"]


@pytest.fixture
def cycle(riverside, members):
    cycle = assessment_make(riverside)
    row = cycle.items.get(item_id="2.start.5")
    services.assessment_item_update(
        item=row,
        status=S.IN_PROGRESS,
        owner=members[("riverside", Role.COMPLAINT_INVESTIGATOR)],
        due_date=datetime.date(2026, 3, 1),
        notes='=HYPERLINK("x") intake form drafted',
    )
    services.item_evidence_add_link(
        item=row,
        by=members[("riverside", Role.DISTRICT_LEADER)],
        title="Draft intake form",
        url="https://forms.example.org/intake",
    )
    return cycle


@pytest.mark.parametrize("role", list(Role))
def test_downloads_answer_each_role_as_the_table_says(role, cycle, client_for):
    """Each role gets the report downloads if it may view the rubric (each view declares it)."""
    from django.urls import resolve

    for name in DOWNLOADS:
        url = reverse(name, args=["riverside", cycle.pk])
        assert resolve(url).func.secure_permission == "rubric.view"
    url = reverse("rubric:report_json", args=["riverside", cycle.pk])
    expected = 200 if role_can(role, "rubric.view") else 403
    assert client_for("riverside", role).get(url).status_code == expected


@pytest.mark.parametrize("name", [*DOWNLOADS, "rubric:evidence_file", "rubric:completion_file"])
def test_downloads_of_another_partnership_are_not_found(name, cycle, lakeside, client_for, members):
    """A Lakeside administrator gets 404 for Riverside's reports and files, by address or by id."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    riverside = cycle.partnership
    leader = members[("riverside", Role.DISTRICT_LEADER)]
    if name == "rubric:evidence_file":
        evidence = services.item_evidence_add_file(
            item=cycle.items.get(item_id="2.start.1"),
            by=leader,
            title="",
            upload=SimpleUploadedFile("a.txt", b"made-up\n"),
        )
        args, own_args = [cycle.pk, evidence.pk], [assessment_make(lakeside).pk, evidence.pk]
    elif name == "rubric:completion_file":
        schedule = schedule_make(riverside, owner=leader, next_due=datetime.date(2025, 1, 1))
        done = services.schedule_complete(
            schedule=schedule,
            by=leader,
            completed_on=datetime.date(2025, 1, 2),
            upload=SimpleUploadedFile("m.txt", b"made-up\n"),
        )
        args, own_args = [schedule.pk, done.pk], [schedule_make(lakeside).pk, done.pk]
        assert (
            client_for("riverside", Role.SRO)
            .get(reverse(name, args=["riverside", *args]))
            .status_code
            == 200
        )
    else:
        args, own_args = [cycle.pk], [cycle.pk]
    client = client_for("lakeside", Role.PARTNERSHIP_ADMIN)
    assert client.get(reverse(name, args=["riverside", *args])).status_code == 404
    assert client.get(reverse(name, args=["lakeside", *own_args])).status_code == 404
    if name != "rubric:report_pdf":  # the PDF's own test opens it
        auditor = client_for("riverside", Role.AUDITOR)
        assert auditor.get(reverse(name, args=["riverside", *args])).status_code == 200


def test_signed_out_visitors_cannot_download(cycle, client):
    """Reports and files ask anonymous visitors to sign in."""
    for name in DOWNLOADS:
        response = client.get(reverse(name, args=["riverside", cycle.pk]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_report_page_shows_status_owner_evidence_notes_and_the_chart_numbers(
    cycle, client_for, members
):
    """The printable report lists each item with what matters, and the chart comes with its table."""
    page = (
        client_for("riverside", Role.SCHOOL_ADMIN)
        .get(reverse("rubric:report", args=["riverside", cycle.pk]))
        .content.decode()
    )
    assert "Include a mechanism to receive complaints" in page
    assert members[("riverside", Role.COMPLAINT_INVESTIGATOR)].user.get_full_name() in page
    assert "Draft intake form" in page and "intake form drafted" in page
    assert 'role="img"' in page and "Progress by action step (the numbers in the chart)" in page


def test_the_pdf_is_rendered_on_the_server(cycle, client_for):
    """The PDF download is a real PDF of several pages, named after the partnership and year."""
    response = client_for("riverside", Role.AUDITOR).get(
        reverse("rubric:report_pdf", args=["riverside", cycle.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="secure-riverside-2025.pdf"'
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) > 2
    assert "Include a mechanism to receive complaints" in "".join(
        p.extract_text() for p in reader.pages
    ).replace("\n", " ")


def test_csv_and_json_exports_carry_each_item(cycle, client_for):
    """CSV has a row per item (formulas neutralised); JSON has progress and items with evidence."""
    client = client_for("riverside", Role.DATA_ANALYST)
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    reverse("rubric:report_csv", args=["riverside", cycle.pk])
                ).content.decode()
            )
        )
    )
    assert len(rows) == 65
    row = next(r for r in rows if r["id"] == "2.start.5")
    assert row["status"] == "in_progress" and row["due_date"] == "2026-03-01"
    assert row["notes"].startswith("'=HYPERLINK")
    assert "Draft intake form (https://forms.example.org/intake)" in row["evidence"]
    data = json.loads(
        client.get(reverse("rubric:report_json", args=["riverside", cycle.pk])).content
    )
    assert data["school_year"] == "2025–26" and data["edition"] == "secure-2016"
    assert data["progress"]["overall"]["in_progress"] == 1
    item = next(i for i in data["items"] if i["id"] == "2.start.5")
    assert item["evidence"][0]["url"] == "https://forms.example.org/intake"


def test_stakeholders_see_roles_not_names_in_exports(cycle, client_for, members):
    """Roles that may not see the member list get the owner's role in exports."""
    data = json.loads(
        client_for("riverside", Role.COMMUNITY_STAKEHOLDER)
        .get(reverse("rubric:report_json", args=["riverside", cycle.pk]))
        .content
    )
    item = next(i for i in data["items"] if i["id"] == "2.start.5")
    assert item["owner"] == "Complaint investigator"


def test_the_rubric_itself_downloads_without_signing_in(client):
    """The published rubric is public: JSON and CSV; other formats are not found."""
    data = json.loads(client.get(reverse("rubric:rubric_export", args=["json"])).content)
    assert data["steps"][0]["checklists"]["start"][0]["id"] == "1.start.1"
    assert client.get(reverse("rubric:rubric_export", args=["csv"])).content.startswith(b"id,step")
    assert client.get(reverse("rubric:rubric_export", args=["xml"])).status_code == 404


def test_home_shows_the_steps_and_what_needs_attention(riverside, members, client_for):
    """Overdue items, unowned items, overdue schedules and my tasks are on the partnership home."""
    cycle = assessment_make(riverside)
    leader = members[("riverside", Role.DISTRICT_LEADER)]
    services.assessment_item_update(
        item=cycle.items.get(item_id="1.start.2"),
        status=S.IN_PROGRESS,
        owner=leader,
        due_date=timezone.localdate() - datetime.timedelta(days=2),
    )
    services.assessment_item_update(item=cycle.items.get(item_id="2.start.1"), status=S.DONE)
    schedule_make(
        riverside,
        owner=leader,
        next_due=timezone.localdate() - datetime.timedelta(days=1),
        title="MOU review",
    )
    page = (
        client_for("riverside", Role.DISTRICT_LEADER)
        .get(reverse("partnerships:dashboard", args=["riverside"]))
        .content.decode()
    )
    assert "1 overdue rubric item" in page
    assert "63 open items have no owner" in page
    assert "MOU review" in page and "overdue since" in page
    assert "You own 2 open tasks" in page
    assert "1 of 8 applicable items done" in page  # step 2
    empty = (
        client_for("lakeside", Role.PARTNERSHIP_ADMIN)
        .get(reverse("partnerships:dashboard", args=["lakeside"]))
        .content.decode()
    )
    assert "Start an assessment" in empty
