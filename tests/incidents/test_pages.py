"""The incident pages: the form, the dashboard, web imports and downloads, as each role may."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from secure.incidents.models import (
    ImportRecord,
    Incident,
    IncidentAction,
    IncidentStudent,
    StagedImport,
)
from secure.incidents.rules import FORCE_TYPE_REQUIRED
from secure.partnerships.models import School
from secure.partnerships.roles import Role

from .builders import csv_write, import_file, incident_row
from .factories import incident_make, scoped_members_assign

pytestmark = pytest.mark.django_db


def _incident_post(school, **extra):
    data = {
        "occurred_on": "2024-03-15",
        "school": school.pk,
        "location": "hallway",
        "offense": "fighting",
        "involvement": "staff_call_nonviolent",
        "officers": "4471",
        "number": "",
        "narrative": "",
        "students-TOTAL_FORMS": "1",
        "students-INITIAL_FORMS": "0",
        "students-MIN_NUM_FORMS": "1",
        "students-MAX_NUM_FORMS": "30",
        "students-0-student_id": "S777",
        "students-0-age": "15",
        "students-0-grade": "9",
        "students-0-sex": "male",
        "students-0-race": "hispanic_latino",
        "students-0-english_learner": "yes",
        "students-0-disability": "idea",
        "students-0-actions": ["search", "referral_to_law_enforcement"],
        "students-0-force_type": "",
        "students-0-parent_notified": "",
        "students-0-rights_advised": "",
        "students-0-outcome": "",
    }
    data.update(extra)
    return data


def test_an_sro_records_an_incident_with_a_student_and_two_actions(riverside, members, client_for):
    """The form makes one incident, one pseudonymous student and one row per ticked action."""
    school = School.objects.get(partnership=riverside)
    scoped_members_assign(riverside, school)
    client = client_for("riverside", Role.SRO)
    response = client.post(
        reverse("incidents:incident_create", args=["riverside"]), _incident_post(school)
    )
    incident = Incident.objects.get()
    assert response["Location"] == incident.get_absolute_url()
    assert incident.number.startswith("WEB-20240315-")
    student = IncidentStudent.objects.get()
    assert student.student_key != "S777" and len(student.student_key) == 64
    assert sorted(IncidentAction.objects.values_list("action", flat=True)) == [
        "referral_to_law_enforcement",
        "search",
    ]


def test_the_form_applies_the_same_rules_as_the_importer(riverside, members, client_for):
    """A use of force without its type is refused with the data standard's message."""
    school = School.objects.get(partnership=riverside)
    scoped_members_assign(riverside, school)
    client = client_for("riverside", Role.SCHOOL_ADMIN)
    response = client.post(
        reverse("incidents:incident_create", args=["riverside"]),
        _incident_post(school, **{"students-0-actions": ["use_of_force"]}),
    )
    assert response.status_code == 200
    assert str(FORCE_TYPE_REQUIRED) in response.content.decode()
    assert Incident.objects.count() == 0


def test_adding_a_student_keeps_what_was_typed(riverside, members, client_for):
    """ "Add another student" shows the form again with a second, blank student and no errors."""
    school = School.objects.get(partnership=riverside)
    scoped_members_assign(riverside, school)
    client = client_for("riverside", Role.SRO)
    response = client.post(
        reverse("incidents:incident_create", args=["riverside"]),
        _incident_post(school, add_student="1"),
    )
    page = response.content.decode()
    assert 'name="students-1-student_id"' in page and 'value="S777"' in page
    assert "usa-error-message" not in page
    assert Incident.objects.count() == 0


def test_narratives_are_shown_only_to_roles_that_need_them(riverside, members, client_for):
    """A school administrator reads the narrative; a data analyst sees the incident without it."""
    incident = incident_make(riverside)
    scoped_members_assign(riverside, incident.school)
    url = incident.get_absolute_url()
    assert (
        incident.narrative in client_for("riverside", Role.SCHOOL_ADMIN).get(url).content.decode()
    )
    page = client_for("riverside", Role.DATA_ANALYST).get(url).content.decode()
    assert incident.number in page and incident.narrative not in page


def test_the_dashboard_shows_counts_rates_and_small_cells(riverside, members, client_for, tmp_path):
    """Referrals by race with enrollment: counts, rate per 100, and a small-cell mark."""
    school = School.objects.get(partnership=riverside)
    rows = [incident_row(school, incident_number=f"N{i}", student_id=f"S{i}") for i in range(3)]
    import_file(riverside, "incidents", csv_write(tmp_path / "i.csv", rows))
    enrollment = [
        {
            "school": school.name,
            "school_year": "2023-24",
            "dimension": "race",
            "group": "black",
            "count": "150",
        },
    ]
    import_file(riverside, "enrollment", csv_write(tmp_path / "e.csv", enrollment))
    client = client_for("riverside", Role.DATA_ANALYST)
    response = client.get(
        reverse("incidents:dashboard", args=["riverside"]),
        {
            "action": "referral_to_law_enforcement",
            "year": "2023-24",
            "dimension": "race",
            "cross": "sex",
        },
    )
    page = response.content.decode()
    assert "Black or African American" in page
    assert "<td>3 <span" in page  # three students, marked small
    assert "<td>2.0</td>" in page  # 3 of 150 = 2.0 per 100
    assert "Students with the action by Race/ethnicity and Sex" in page


def test_the_dashboard_csv_has_the_same_numbers(riverside, lakeside, members, client_for, tmp_path):
    """The CSV download carries the table's numbers; another partnership's member gets 404."""
    school = School.objects.get(partnership=riverside)
    rows = [incident_row(school, incident_number=f"N{i}", student_id=f"S{i}") for i in range(12)]
    import_file(riverside, "incidents", csv_write(tmp_path / "i.csv", rows))
    url = reverse("incidents:dashboard_csv", args=["riverside"])
    query = {"action": "referral_to_law_enforcement", "year": "2023-24", "dimension": "race"}
    body = client_for("riverside", Role.DATA_ANALYST).get(url, query).content.decode()
    assert (
        "2023-24,All schools,referral_to_law_enforcement,race,Black or African American,12,12"
        in body
    )
    assert body.strip().endswith(",no")  # 12 students is not a small cell
    assert client_for("lakeside", Role.DATA_ANALYST).get(url, query).status_code == 404
    assert client_for("riverside", Role.COMMUNITY_STAKEHOLDER).get(url).status_code == 403


def test_templates_download_for_importers_only(riverside, lakeside, members, client_for):
    """The CSV template has the standard's header; other partnerships and roles are refused."""
    url = reverse("incidents:import_template", args=["riverside", "enrollment"])
    response = client_for("riverside", Role.DATA_ANALYST).get(url)
    assert response.content.decode().splitlines()[0] == "school,school_year,dimension,group,count"
    assert client_for("lakeside", Role.DATA_ANALYST).get(url).status_code == 404
    assert client_for("riverside", Role.SRO).get(url).status_code == 403


def test_a_web_import_previews_maps_checks_and_imports(riverside, members, client_for):
    """Upload hashes IDs at once; a renamed column is mapped; check changes nothing; import does."""
    school = School.objects.get(partnership=riverside)
    row = incident_row(school)
    header = ["Pupil" if k == "student_id" else ("Ethnicity" if k == "race" else k) for k in row]
    content = (",".join(header) + "\n" + ",".join(row.values()) + "\n").encode()
    client = client_for("riverside", Role.DATA_ANALYST)
    response = client.post(
        reverse("incidents:import_list", args=["riverside"]),
        {
            "kind": "incidents",
            "file": SimpleUploadedFile("mine.csv", content, content_type="text/csv"),
            "student_id_column": "Pupil",
        },
    )
    staged = StagedImport.objects.get()
    assert response["Location"].endswith(f"/imports/staged/{staged.token}/")
    from django.core.files.storage import default_storage

    assert b"S1000001" not in default_storage.open(staged.stored_name).read()
    mapping = {f"map_{name}": name for name in row if name not in ("student_id", "race")}
    mapping["map_race"] = "Ethnicity"
    page = client.get(response["Location"]).content.decode()
    assert "S1000001" not in page and "Ethnicity" in page
    checked = client.post(response["Location"], {**mapping, "check": "1"})
    assert "The file is correct." in checked.content.decode()
    assert Incident.objects.count() == 0
    done = client.post(response["Location"], {**mapping, "import": "1"})
    record = ImportRecord.objects.get(status="succeeded")
    assert done["Location"] == record.get_absolute_url()
    assert record.actor.email == members[("riverside", Role.DATA_ANALYST)].user.email
    assert Incident.objects.count() == 1 and StagedImport.objects.count() == 0


def test_a_web_import_with_errors_lists_every_problem(riverside, members, client_for):
    """The mapping page shows each bad line, column, value and message; nothing is imported."""
    school = School.objects.get(partnership=riverside)
    rows = [
        incident_row(school, age="99"),
        incident_row(school, incident_number="X2", location="moon"),
    ]
    content = (
        ",".join(rows[0]) + "\n" + "\n".join(",".join(r.values()) for r in rows) + "\n"
    ).encode()
    client = client_for("riverside", Role.DISTRICT_LEADER)
    response = client.post(
        reverse("incidents:import_list", args=["riverside"]),
        {"kind": "incidents", "file": SimpleUploadedFile("bad.csv", content)},
    )
    page = client.post(
        response["Location"],
        {f"map_{k}": k for k in rows[0] if k != "student_id"} | {"import": "1"},
    )
    text = page.content.decode()
    assert '<th scope="row">2</th><td>age</td><td>99</td>' in text
    assert '<th scope="row">3</th><td>location</td><td>moon</td>' in text
    assert Incident.objects.count() == 0
